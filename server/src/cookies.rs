//! The portal's three cookies, each with its attributes stated once, read and written with the
//! `cookie` crate.

use axum::http::{header, HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};

pub struct CookieKind {
    name: &'static str,
    /// Script may read it (only the CSRF token, which the app echoes in a header).
    readable_by_script: bool,
    same_site: SameSite,
}

/// A person's session. `Lax`, so that a link from a text message arrives signed in.
pub const SESSION: CookieKind = CookieKind { name: "tb_session", readable_by_script: false, same_site: SameSite::Lax };
/// An officer's session: only ever reached from the console itself.
pub const STAFF: CookieKind = CookieKind { name: "tb_staff", readable_by_script: false, same_site: SameSite::Strict };
/// The double-submit CSRF token.
pub const CSRF: CookieKind = CookieKind { name: tongban_api::identity::CSRF_COOKIE, readable_by_script: true, same_site: SameSite::Strict };

/// The value of the cookie called `name` in a request.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

impl CookieKind {
    /// This cookie's value in a request.
    pub fn read(&self, headers: &HeaderMap) -> Option<String> {
        read(headers, self.name)
    }

    /// `Set-Cookie` for `value`, kept until the browser closes.
    pub fn set(&self, value: &str, secure: bool) -> HeaderValue {
        self.header(self.build(value.to_string(), secure))
    }

    /// `Set-Cookie` that removes it.
    pub fn clear(&self, secure: bool) -> HeaderValue {
        let mut cookie = self.build(String::new(), secure);
        cookie.make_removal();
        self.header(cookie)
    }

    fn build(&self, value: String, secure: bool) -> Cookie<'static> {
        Cookie::build((self.name, value)).path("/").http_only(!self.readable_by_script).same_site(self.same_site).secure(secure).build()
    }

    fn header(&self, cookie: Cookie<'_>) -> HeaderValue {
        // Names and values are ours (fixed names, hex tokens), so the header is always valid.
        HeaderValue::from_str(&cookie.to_string()).expect("a cookie of hex characters is a valid header")
    }
}
