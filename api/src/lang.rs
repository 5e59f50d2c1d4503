use serde::{Deserialize, Serialize};

/// The two languages the portal speaks. Chinese is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language of a tag as [`Lang::tag`] writes it; Chinese for anything else.
    pub fn from_tag(tag: &str) -> Lang {
        if tag == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Picks the language from an `Accept-Language` header: English only when English is asked
    /// for before any Chinese, since Chinese is what the portal falls back to.
    pub fn from_accept_language(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            if tag.starts_with("zh") {
                return Lang::Zh;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::Zh
    }
}

/// The cookie holding the language a reader chose in the app (`zh-CN` or `en`), so that the pages
/// the server frames come in it from the first word.
pub const LANGUAGE_COOKIE: &str = "tb_lang";

/// Text held in both languages, as catalogue content is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Lang {
    /// Whether `count` takes an entry's form for one (`key_for_one`) rather than for many
    /// (`key_for_many`): English has a form for one; Chinese one form for all.
    pub fn takes_singular(self, count: usize) -> bool {
        self == Lang::En && count == 1
    }
}

impl Localized {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_first_known_tag() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9,zh;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("zh-CN,en;q=0.5"), Lang::Zh);
        assert_eq!(Lang::from_accept_language("fr-FR"), Lang::Zh);
        assert_eq!(Lang::from_accept_language(""), Lang::Zh);
    }
}
