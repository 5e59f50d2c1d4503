//! How a built page starts its app: only after the browser has painted the page the server sent.
//!
//! Trunk's page imports the app's script at once and preloads its wasm, so on a slow phone the
//! app's download competes with the page's own styles, and the app can replace the framed page
//! before the browser has shown it: the page's largest paint then waits for the app. The page
//! the server frames already reads as the page (its heading, lead, search box), so the app is
//! fetched after the first paint instead, and takes over when it is ready.

use regex::Regex;

/// Rewrites one Trunk page: no preloads of the app, and a starter that waits for a paint.
pub fn start_after_first_paint(html: &str) -> Result<String, String> {
    let starter = Regex::new(
        r#"(?s)<script type="module">\s*import init, \* as bindings from '(?P<js>/[\w.-]+\.js)';\s*const wasm = await init\(\{ module_or_path: '(?P<wasm>/[\w.-]+\.wasm)' \}\);.*?</script>"#,
    )
    .map_err(|e| e.to_string())?;
    let Some(found) = starter.captures(html) else {
        return Err("the page has no Trunk starter script of the expected form (has Trunk's output changed?)".into());
    };
    let (js, wasm) = (&found["js"], &found["wasm"]);
    // The next paint happens between an animation frame and the task after it. A hidden tab
    // paints nothing and runs no animation frames: it starts at once. A build that cannot be
    // fetched (offline, or a page kept from before a new build) is fetched again once it can be.
    let deferred = format!(
        "<script type=\"module\">\n\
         const start = async () => {{\n\
         \x20 try {{\n\
         \x20   const app = await import('{js}');\n\
         \x20   await app.default({{ module_or_path: '{wasm}' }});\n\
         \x20 }} catch (error) {{\n\
         \x20   if (navigator.onLine && !sessionStorage.getItem('tb-reloaded')) {{ sessionStorage.setItem('tb-reloaded', '1'); location.reload(); }}\n\
         \x20   else addEventListener('online', () => location.reload(), {{ once: true }});\n\
         \x20   throw error;\n\
         \x20 }}\n\
         }};\n\
         if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(start)); else start();\n\
         </script>"
    );
    let html = starter.replace(html, regex::NoExpand(&deferred)).into_owned();
    let preloads = Regex::new(r#"<link rel="(?:modulepreload|preload)" href="/[\w.-]+\.(?:js|wasm)"[^>]*>"#).map_err(|e| e.to_string())?;
    if preloads.find_iter(&html).count() != 2 {
        return Err("the page does not preload exactly its script and its wasm (has Trunk's output changed?)".into());
    }
    Ok(preloads.replace_all(&html, "").into_owned())
}

#[cfg(test)]
mod tests {
    use super::start_after_first_paint;

    const TRUNK_PAGE: &str = r#"<head>
<script type="module">
import init, * as bindings from '/public-b33.js';
const wasm = await init({ module_or_path: '/public-b33_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
    <link rel="stylesheet" href="/main-1b.css" integrity="sha384-V"/>
  <link rel="modulepreload" href="/public-b33.js" crossorigin="anonymous" integrity="sha384-S"><link rel="preload" href="/public-b33_bg.wasm" crossorigin="anonymous" integrity="sha384-U" as="fetch" type="application/wasm"></head>"#;

    #[test]
    fn the_app_is_fetched_after_the_first_paint_and_not_preloaded() {
        let page = start_after_first_paint(TRUNK_PAGE).unwrap();
        assert!(!page.contains("preload"), "{page}");
        assert!(!page.contains("import init"), "{page}");
        assert!(page.contains("await import('/public-b33.js')"), "{page}");
        assert!(
            page.contains("if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(start)); else start();"),
            "{page}"
        );
        assert!(page.contains("module_or_path: '/public-b33_bg.wasm'"), "{page}");
        assert!(page.contains(r#"<link rel="stylesheet" href="/main-1b.css" integrity="sha384-V"/>"#), "the styles stay as they were");
    }

    #[test]
    fn an_unexpected_page_is_refused_rather_than_left_preloading() {
        assert!(start_after_first_paint("<head></head>").is_err());
        let without_preloads = TRUNK_PAGE.replace("modulepreload", "stylesheet");
        assert!(start_after_first_paint(&without_preloads).is_err());
    }
}
