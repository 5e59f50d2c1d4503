//! The portal's one catalogue of words per language (locales/*.json), shared with the web app.
//! What the server writes for a person — messages, texts, timeline notes — is kept as catalogue
//! keys with their arguments ([`Wording`]) and drawn in the reader's language when it is read.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use tongban_api::{Lang, Localized};

fn catalogue(json: &'static str) -> HashMap<String, String> {
    let words: HashMap<String, serde_json::Value> = serde_json::from_str(json).expect("the locale files are valid JSON");
    words.into_iter().filter_map(|(key, value)| Some((key, value.as_str()?.to_string()))).collect()
}

static ZH: LazyLock<HashMap<String, String>> = LazyLock::new(|| catalogue(include_str!("../../locales/zh-CN.json")));
static EN: LazyLock<HashMap<String, String>> = LazyLock::new(|| catalogue(include_str!("../../locales/en.json")));

fn words_of(lang: Lang) -> &'static HashMap<String, String> {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The word for `key` in `lang` (the key itself if the catalogue lacks it, which a test rules out).
pub fn word(lang: Lang, key: &str) -> &'static str {
    words_of(lang).get(key).map_or("", String::as_str)
}

/// Which form of an entry `count` takes (`key_for_one`, `key_for_many`); the Chinese catalogue
/// repeats its one form under both names.
fn plural(lang: Lang, count: i64) -> &'static str {
    if usize::try_from(count).is_ok_and(|n| lang.takes_singular(n)) {
        "for_one"
    } else {
        "for_many"
    }
}

/// One argument of a catalogue entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// Another catalogue entry, such as what happened to an application.
    Word { word: String },
    /// A name kept in both languages, such as a service's or a department's.
    Both(Localized),
    /// A number; `count` also chooses the plural form.
    Number(i64),
    /// The same in every language: an application number, or words a person typed.
    Said(String),
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Word { word: key } => word(lang, key).to_string(),
            Arg::Both(both) => both.get(lang).to_string(),
            Arg::Number(n) => n.to_string(),
            Arg::Said(text) => text.clone(),
        }
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Said(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Said(text)
    }
}

impl From<&Localized> for Arg {
    fn from(both: &Localized) -> Self {
        Arg::Both(both.clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

/// A catalogue entry with its arguments, or words a person wrote, as written for someone to read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Piece {
    Words {
        key: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        args: BTreeMap<String, Arg>,
    },
    /// Words an officer or a person wrote: shown as written.
    Said(String),
}

/// What the server writes for a person: pieces, drawn in the reader's language when read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Wording(Vec<Piece>);

impl Wording {
    /// The catalogue entry `key`, with `args` for its `{{ name }}` places.
    pub fn of<const N: usize>(key: &str, args: [(&str, Arg); N]) -> Self {
        Wording(Vec::new()).and(key, args)
    }

    pub fn and<const N: usize>(mut self, key: &str, args: [(&str, Arg); N]) -> Self {
        let args = args.into_iter().map(|(name, arg)| (name.to_string(), arg)).collect();
        self.0.push(Piece::Words { key: key.to_string(), args });
        self
    }

    /// Followed by `more`.
    pub fn then(mut self, more: &Wording) -> Self {
        self.0.extend(more.0.iter().cloned());
        self
    }

    /// Adds what a person wrote, unless they wrote nothing.
    pub fn and_said(mut self, text: &str) -> Self {
        let text = text.trim();
        if !text.is_empty() {
            self.0.push(Piece::Said(text.to_string()));
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In `lang`: sentences follow one another, with a space between them in English.
    pub fn render(&self, lang: Lang) -> String {
        let separator = if lang == Lang::Zh { "" } else { " " };
        self.0.iter().map(|piece| render_piece(lang, piece)).collect::<Vec<_>>().join(separator)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Stored wording; anything unreadable is shown as it was stored.
    pub fn from_json(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_else(|_| Wording(vec![Piece::Said(json.to_string())]))
    }

    /// Every catalogue key these pieces name, for the test that each exists in both languages.
    #[cfg(test)]
    fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        for piece in &self.0 {
            if let Piece::Words { key, args } = piece {
                keys.push(key.clone());
                keys.extend(args.values().filter_map(|arg| match arg {
                    Arg::Word { word } => Some(word.clone()),
                    _ => None,
                }));
            }
        }
        keys
    }
}

fn render_piece(lang: Lang, piece: &Piece) -> String {
    let (key, args) = match piece {
        Piece::Said(text) => return text.clone(),
        Piece::Words { key, args } => (key, args),
    };
    let words = words_of(lang);
    let template = match args.get("count") {
        Some(Arg::Number(count)) => words.get(&format!("{key}_{}", plural(lang, *count))).or_else(|| words.get(key.as_str())),
        _ => words.get(key.as_str()),
    };
    let Some(template) = template else { return key.clone() };
    fill(template, |name| args.get(name).map(|arg| arg.render(lang)))
}

/// Puts the arguments in a template's `{{ name }}` places (the web app's syntax).
fn fill(template: &str, arg: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}") else { break };
        let name = rest[start + 2..start + end].trim();
        out.push_str(&arg(name).unwrap_or_default());
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(words: &HashMap<String, String>) -> std::collections::BTreeSet<String> {
        words.keys().cloned().collect()
    }

    #[test]
    fn both_catalogues_have_the_same_entries() {
        let (zh, en) = (entries(&ZH), entries(&EN));
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty() && only_en.is_empty(), "only in zh-CN: {only_zh:?}; only in en: {only_en:?}");
        for (key, text) in EN.iter().chain(ZH.iter()) {
            assert!(!text.trim().is_empty(), "{key} is empty");
        }
    }

    #[test]
    fn wording_is_drawn_in_each_language_with_plurals_and_names() {
        let service = Localized::new("异地就医备案", "Registering for treatment elsewhere");
        let wording = Wording::of("msg_corrections_count", [("count", 1.into())]).and_said("请补交租赁合同。");
        assert_eq!(
            wording.render(Lang::En),
            "1 thing needs correcting: correct it under “My applications” and submit again. 请补交租赁合同。"
        );
        let many = Wording::of("msg_corrections_count", [("count", 3.into())]);
        assert!(many.render(Lang::En).starts_with("3 things need correcting"), "{}", many.render(Lang::En));
        assert!(many.render(Lang::Zh).starts_with("共 3 项需要补正"));
        let title =
            Wording::of("msg_application_title", [("service", (&service).into()), ("what", Arg::Word { word: "msg_event_accept".into() })]);
        assert!(title.render(Lang::En).contains("Registering for treatment elsewhere"), "{}", title.render(Lang::En));
        assert!(title.render(Lang::Zh).contains("异地就医备案"));
        assert_eq!(Wording::from_json(&title.to_json()), title);
        for key in title.keys().iter().chain(wording.keys().iter()) {
            assert!(!word(Lang::Zh, key).is_empty() || !word(Lang::Zh, &format!("{key}_for_many")).is_empty(), "{key}");
        }
    }

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
            "results_count_for_one",
            "results_count_for_many",
            "results_for",
            "nav_home",
            "nav_services",
            "breadcrumbs",
        ];
        for key in framed {
            assert!(!word(Lang::Zh, key).is_empty());
            assert!(!word(Lang::En, key).is_empty());
        }
    }
}
