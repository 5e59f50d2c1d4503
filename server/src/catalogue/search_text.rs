//! What catalogue search matches against: one lower-cased string per service holding its names,
//! code, pinyin and pinyin initials, so `居住证`, `residence`, `jzz` and `juzhuzheng` all find it.

use pinyin::ToPinyin;

/// Full pinyin (`juzhuzheng`) and initials (`jzz`) of the Chinese characters in `text`; other
/// characters pass through, lower-cased, so `ABC居住证` gives `abcjuzhuzheng` and `abcjzz`.
fn pinyin_forms(text: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for (ch, reading) in text.chars().zip(text.to_pinyin()) {
        match reading {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if ch.is_alphanumeric() => {
                let lower = ch.to_lowercase().to_string();
                full.push_str(&lower);
                initials.push_str(&lower);
            }
            None => {}
        }
    }
    (full, initials)
}

/// The text a service is searched by. Parts are separated by `|` so that a term cannot match
/// across the boundary of two parts.
pub fn build(code: &str, name_zh: &str, name_en: &str, extra: &[&str]) -> String {
    let (full, initials) = pinyin_forms(name_zh);
    let mut parts = vec![code.to_lowercase(), name_zh.to_lowercase(), name_en.to_lowercase(), full, initials];
    parts.extend(extra.iter().map(|e| e.to_lowercase()));
    parts.join("|")
}

/// A `LIKE` pattern matching `term` anywhere, with the wildcard characters in it escaped
/// (the queries say `ESCAPE '\'`).
pub fn like_pattern(term: &str) -> String {
    let mut pattern = String::with_capacity(term.len() + 2);
    pattern.push('%');
    for ch in term.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_initials_and_full_readings() {
        assert_eq!(pinyin_forms("居住证"), ("juzhuzheng".into(), "jzz".into()));
        assert_eq!(pinyin_forms("《上海市居住证》申领").1, "shsjzzsl");
    }

    #[test]
    fn search_text_holds_every_form() {
        let text = build("GA-001", "居住证", "Residence Permit", &[]);
        for needle in ["ga-001", "居住证", "residence permit", "juzhuzheng", "jzz"] {
            assert!(text.contains(needle), "{needle} missing from {text}");
        }
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
