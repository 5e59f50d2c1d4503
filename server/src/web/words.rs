//! The web app's catalogue of words (locales/*.json), read by the server for the pages it frames,
//! so that a page's first words are the app's own, in each language.

use std::collections::HashMap;
use std::sync::LazyLock;

use tongban_api::Lang;

fn catalogue(json: &'static str) -> HashMap<String, String> {
    let words: HashMap<String, serde_json::Value> = serde_json::from_str(json).expect("the locale files are valid JSON");
    words.into_iter().filter_map(|(key, value)| Some((key, value.as_str()?.to_string()))).collect()
}

static ZH: LazyLock<HashMap<String, String>> = LazyLock::new(|| catalogue(include_str!("../../../locales/zh-CN.json")));
static EN: LazyLock<HashMap<String, String>> = LazyLock::new(|| catalogue(include_str!("../../../locales/en.json")));

/// The word for `key` in `lang` (the key itself if the catalogue lacks it, which a test rules out).
pub fn word(lang: Lang, key: &'static str) -> &'static str {
    let words = match lang {
        Lang::Zh => &*ZH,
        Lang::En => &*EN,
    };
    words.get(key).map_or(key, String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_framed_words_exist_in_both_languages() {
        let framed = [
            "app_full_name",
            "menu",
            "home_title",
            "home_lead",
            "search_title",
            "search_label",
            "search_hint",
            "search_button",
            "filters",
            "results_count",
            "results_for",
            "nav_home",
            "nav_services",
            "breadcrumbs",
        ];
        for key in framed {
            assert_ne!(word(Lang::Zh, key), key);
            assert_ne!(word(Lang::En, key), key);
        }
    }
}
