//! Serving the built web app: hashed assets cached for good, each build's page for its deep links,
//! and the security headers on every response.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tongban_api::bundles::Bundle;
use tongban_api::lang::LANGUAGE_COOKIE;
use tongban_api::Lang;
use tower_http::services::ServeDir;

use crate::cookies;
use crate::AppState;

mod shell;

const NOT_BUILT: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>通办 Tongban</title>\
<p>网页应用尚未构建。The web app has not been built: run <code>cargo xtask run</code>.</p></html>";

/// The pages of the builds as last read, with the CSP that allows exactly their inline scripts.
struct Pages {
    modified: Vec<Option<SystemTime>>,
    html: Vec<Arc<str>>,
    /// Ready to be put on every response as it is.
    csp: HeaderValue,
}

/// The built web app: one page per build (see `Bundle`). A new build replaces the pages; they are
/// read again when one of their files changes, so a deployment never serves a page that names
/// assets which are gone.
#[derive(Clone)]
pub struct Frontend {
    dist: PathBuf,
    pages: Arc<RwLock<Pages>>,
}

/// `sha256-…` sources for every inline `<script>` of the page (Trunk's loader is one), so the
/// CSP can allow exactly those and nothing else inline.
fn inline_script_hashes(html: &str) -> Vec<String> {
    use std::cell::RefCell;
    use std::rc::Rc;

    use lol_html::{text, HtmlRewriter, Settings};

    // Each inline script's text arrives in chunks; a script ends where its last chunk does.
    let scripts = Rc::new(RefCell::new(vec![String::new()]));
    let chunks = Rc::clone(&scripts);
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![text!("script:not([src])", move |chunk| {
                let mut all = chunks.borrow_mut();
                all.last_mut().expect("one script is always open").push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    all.push(String::new());
                }
                Ok(())
            })],
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    if rewriter.write(html.as_bytes()).and_then(|()| rewriter.end()).is_err() {
        return Vec::new();
    }
    let mut scripts = scripts.take();
    scripts.pop();
    scripts
        .iter()
        .map(|body| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))))
        .collect()
}

pub fn content_security_policy(pages: &[Arc<str>]) -> String {
    let mut scripts: Vec<String> = pages.iter().flat_map(|html| inline_script_hashes(html)).collect();
    scripts.sort();
    scripts.dedup();
    let scripts = scripts.join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn stamps(dist: &Path) -> Vec<Option<SystemTime>> {
    Bundle::ALL.iter().map(|b| modified(&dist.join(b.page()))).collect()
}

fn read_pages(dist: &Path) -> Pages {
    let html: Vec<Arc<str>> = Bundle::ALL
        .iter()
        .map(|bundle| {
            std::fs::read_to_string(dist.join(bundle.page()))
                .unwrap_or_else(|_| {
                    tracing::warn!(dist = %dist.display(), page = bundle.page(), "no built web app found; serving a notice instead");
                    NOT_BUILT.to_string()
                })
                .into()
        })
        .collect();
    let csp = HeaderValue::from_str(&content_security_policy(&html)).expect("hashes and fixed sources make a valid header");
    Pages { modified: stamps(dist), csp, html }
}

impl Frontend {
    pub fn load(dist: &Path) -> Frontend {
        Frontend { dist: dist.to_path_buf(), pages: Arc::new(RwLock::new(read_pages(dist))) }
    }

    /// The CSP of the pages as last read. Every response carries it, so it costs no file access;
    /// serving a page itself is what notices a new build.
    fn csp(&self) -> HeaderValue {
        self.pages.read().unwrap_or_else(|p| p.into_inner()).csp.clone()
    }

    /// The current page of the build sent for `path`, read again if a page file changed.
    fn html(&self, path: &str, has_session: bool) -> Arc<str> {
        let bundle = Bundle::for_request(path, has_session);
        let index = Bundle::ALL.iter().position(|b| *b == bundle).unwrap_or(0);
        // A build replaces all the pages at once (one rename of dist/), so the page being sent
        // tells whether they are new.
        let on_disk = modified(&self.dist.join(bundle.page()));
        {
            let pages = self.pages.read().unwrap_or_else(|p| p.into_inner());
            if pages.modified[index] == on_disk {
                return pages.html[index].clone();
            }
        }
        let fresh = read_pages(&self.dist);
        let html = fresh.html[index].clone();
        *self.pages.write().unwrap_or_else(|p| p.into_inner()) = fresh;
        html
    }

    /// The headers every response carries. HSTS only in production, where the portal is served
    /// over HTTPS; in development it would pin browsers to HTTPS on localhost.
    pub fn security_headers(&self, production: bool) -> SecurityHeaders {
        SecurityHeaders { frontend: self.clone(), hsts: production }
    }

    pub fn router(&self, state: AppState) -> Router {
        let frontend = self.clone();
        // Any path without a file extension is a route of one of the builds.
        let app = move |request: Request| {
            let (frontend, state) = (frontend.clone(), state.clone());
            async move {
                let path = request.uri().path();
                let last = path.rsplit('/').next().unwrap_or("");
                if last.contains('.') {
                    return StatusCode::NOT_FOUND.into_response();
                }
                let has_session = cookies::SESSION.read(request.headers()).is_some();
                let lang = reader_lang(&request);
                let page = frontend.html(path, has_session);
                let page = shell::frame(&state, request.uri(), lang).await.apply(&page, lang);
                // The page depends on the session and language cookies: caches keep them apart.
                let mut response = ([(header::VARY, "Cookie, Accept-Language")], Html(page)).into_response();
                // The CSRF cookie comes with the page, so a form sent before any other answer has it.
                if cookies::CSRF.read(request.headers()).is_none_or(|c| c.len() < 32) {
                    let token = crate::secrets::random_token(32);
                    response.headers_mut().insert(header::SET_COOKIE, cookies::CSRF.set(&token, state.config.cookie_secure));
                }
                response
            }
        };
        // The build writes `.br` and `.gz` beside each file: sent as they are when the browser
        // accepts them, so nothing is compressed per request.
        let files = ServeDir::new(&self.dist)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false)
            .fallback(app.clone().into_service());
        Router::new().route("/", axum::routing::get(app)).fallback_service(files).layer(axum::middleware::from_fn(cache_control))
    }
}

/// The language the reader chose in the app, else the one their browser asks for.
fn reader_lang(request: &Request) -> Lang {
    reader_lang_of(request.headers())
}

/// The reader's language: the one they chose (the cookie), else what their browser asks for.
pub(crate) fn reader_lang_of(headers: &axum::http::HeaderMap) -> Lang {
    cookies::read(headers, LANGUAGE_COOKIE).map_or_else(|| crate::error::lang_of(headers), |tag| Lang::from_accept_language(&tag))
}

/// Trunk names assets `name-<16 hex digits>.ext`; such a file never changes.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let value = if hashed && response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// API answers are not kept by browsers or caches, unless the handler says they may be (the
/// catalogue, which is the same for everyone).
pub async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[derive(Clone)]
pub struct SecurityHeaders {
    frontend: Frontend,
    hsts: bool,
}

pub async fn security_headers(State(policy): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A response with a stricter policy of its own (an uploaded file) keeps it.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy.frontend.csp());
    }
    if policy.hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    // The portal's own pages may ask for the camera (scanning a shown code, a pick-up code); nothing else may.
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script type="module">import init from '/a.js';</script><script src="/b.js"></script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from '/a.js';"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        let csp = content_security_policy(&[html.into()]);
        assert!(!csp.contains("unsafe-inline"));
        // A `</script>`-looking string inside a comment, and a second inline script, as the HTML
        // parser sees them.
        let two = r#"<!-- <script>not code</script> --><script>a()</script><p>x</p><script>b("</p>")</script>"#;
        let expected: Vec<String> = ["a()", r#"b("</p>")"#]
            .iter()
            .map(|body| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))))
            .collect();
        assert_eq!(inline_script_hashes(two), expected);
        assert!(csp.contains("'wasm-unsafe-eval'"));
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/tongban-web-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/tongban-web-1a2b3c4d5e6f7a8b.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/services/GA-001"));
    }
}
