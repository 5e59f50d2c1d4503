//! Bridges the i18n locale to the contract's `Lang`, for API calls and bilingual content.

use leptos::prelude::*;
use tongban_api::{Lang, Localized};

use crate::i18n::{use_i18n, Locale};

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::en => Lang::En,
        _ => Lang::Zh,
    }
}

/// The language the visitor reads in, as a signal.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

/// Catalogue text in the visitor's language, kept up to date when they switch.
pub fn localized(text: &Localized) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let text = text.clone();
    let lang = use_lang();
    move || text.get(lang.get()).to_string()
}
