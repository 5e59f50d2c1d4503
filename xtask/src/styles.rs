//! Each app downloads the component styles it uses, not every component's.
//!
//! Stylance writes every component's styles into one file, which every Trunk build links: the
//! public pages would download the staff console's styles too (three fifths of the file). Each
//! component's class names end in its module's hash, and an app's wasm holds the names of the
//! classes it uses, so a top-level rule naming only modules the wasm never names is left out.
//! Rules naming no component class are kept.

use base64::Engine;
use regex::Regex;
use sha2::{Digest, Sha384};
use std::collections::HashMap;
use std::path::Path;

/// Rewrites one Trunk build: its stylance file keeps what its wasm uses, under a new content
/// hash, and its page links that file with the file's integrity.
pub fn keep_used_styles(build: &Path) -> Result<(), String> {
    let page = build.join("index.html");
    let html = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let link = Regex::new(r#"<link rel="stylesheet" href="/(?P<name>stylance-[0-9a-f]+\.css)" integrity="sha384-[A-Za-z0-9+/=]+"/>"#)
        .map_err(|e| e.to_string())?;
    let Some(found) = link.captures(&html) else {
        return Err(format!("{} links no stylance file of the expected form (has Trunk's output changed?)", page.display()));
    };
    let css_path = build.join(&found["name"]);
    let css = std::fs::read_to_string(&css_path).map_err(|e| format!("{}: {e}", css_path.display()))?;
    let wasm = wasm_of(build)?;
    let kept = used_rules(&css, &wasm)?;
    let digest = Sha384::digest(kept.as_bytes());
    let name = format!("stylance-{}.css", &hex::encode(digest)[..16]);
    let integrity = base64::engine::general_purpose::STANDARD.encode(digest);
    std::fs::remove_file(&css_path).map_err(|e| format!("{}: {e}", css_path.display()))?;
    std::fs::write(build.join(&name), &kept).map_err(|e| format!("{name}: {e}"))?;
    let relinked = format!(r#"<link rel="stylesheet" href="/{name}" integrity="sha384-{integrity}"/>"#);
    let html = link.replace(&html, regex::NoExpand(&relinked)).into_owned();
    std::fs::write(&page, html).map_err(|e| format!("{}: {e}", page.display()))
}

fn wasm_of(build: &Path) -> Result<Vec<u8>, String> {
    for entry in std::fs::read_dir(build).map_err(|e| format!("{}: {e}", build.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.to_string_lossy().ends_with("_bg.wasm") {
            return std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()));
        }
    }
    Err(format!("{} has no wasm", build.display()))
}

/// The top-level rules (an `@media` block is one) that name no component class, or a class of
/// a module the app names somewhere.
fn used_rules(css: &str, wasm: &[u8]) -> Result<String, String> {
    let class = Regex::new(r"\.-?[A-Za-z_][\w-]*-([0-9a-f]{7})\b").map_err(|e| e.to_string())?;
    let mut named: HashMap<&str, bool> = HashMap::new();
    let mut kept = String::with_capacity(css.len());
    for rule in top_level_rules(css)? {
        let mut modules = class.captures_iter(rule).filter_map(|c| c.get(1)).map(|m| m.as_str()).peekable();
        let wanted = modules.peek().is_none()
            || modules.any(|module| *named.entry(module).or_insert_with(|| contains(wasm, format!("-{module}").as_bytes())));
        if wanted {
            kept.push_str(rule.trim());
            kept.push('\n');
        }
    }
    Ok(kept)
}

/// The stylesheet cut after each block that closes at the top level (comments and strings may
/// hold braces).
fn top_level_rules(css: &str) -> Result<Vec<&str>, String> {
    let (bytes, mut rules, mut start, mut depth, mut i) = (css.as_bytes(), Vec::new(), 0, 0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map(|end| i + 2 + end + 1).ok_or("an unclosed comment in the stylance file")?;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1).ok_or("an unopened brace in the stylance file")?;
                if depth == 0 {
                    rules.push(&css[start..=i]);
                    start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 || !css[start..].trim().is_empty() {
        return Err("the stylance file does not end with a closed rule".into());
    }
    Ok(rules)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::used_rules;

    #[test]
    fn only_the_named_modules_rules_stay() {
        let css = ".card-aaaaaaa { color: red; }\n\n/* a } in a comment */\n.tag-bbbbbbb::after { content: \"}\"; }\n\
                   @media (max-width: 40em) {\n  .card-aaaaaaa { margin: 0; }\n  .tag-bbbbbbb { margin: 0; }\n}\n\
                   @media print {\n  .tag-bbbbbbb { display: none; }\n}\nbody .x { all: unset; }\n";
        let wasm = b"\0\0card-aaaaaaa\0";
        let kept = used_rules(css, wasm).unwrap();
        assert_eq!(
            kept,
            ".card-aaaaaaa { color: red; }\n@media (max-width: 40em) {\n  .card-aaaaaaa { margin: 0; }\n  .tag-bbbbbbb { margin: 0; }\n}\nbody .x { all: unset; }\n"
        );
    }
}
