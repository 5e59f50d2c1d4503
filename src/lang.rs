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

/// This browser's local storage, where there is one.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

const CHOSEN_LANGUAGE: &str = "tb-language";

/// Switches to `locale` and remembers it in this browser for the next visit, also in a cookie so
/// the server frames its pages in it.
pub fn choose_language(locale: Locale) {
    use_i18n().set_locale(locale);
    if let Some(storage) = storage() {
        let _ = storage.set_item(CHOSEN_LANGUAGE, &locale.to_string());
    }
    tell_server(locale);
}

/// The chosen language as a cookie, which the server frames its pages in.
fn tell_server(locale: Locale) {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
    if let Some(document) = document {
        let cookie = format!("{}={locale}; path=/; max-age=31536000; samesite=lax", tongban_api::lang::LANGUAGE_COOKIE);
        let _ = document.set_cookie(&cookie);
    }
}

/// The language chosen on an earlier visit wins; without one, the app reads in the language the
/// server framed the page in (from the same choice's cookie, or the browser's languages), so the
/// words on screen do not change when the app takes over. Set at once for what reads it while
/// starting, and again once the i18n context's own first effect has applied the browser's
/// languages.
pub fn restore_chosen_language() {
    let chosen = storage().and_then(|s| s.get_item(CHOSEN_LANGUAGE).ok().flatten());
    let framed = || web_sys::window()?.document()?.document_element()?.get_attribute("lang");
    let (locale, remembered) = match chosen.and_then(|c| c.parse::<Locale>().ok()) {
        Some(locale) => (Some(locale), true),
        None => (framed().and_then(|l| l.parse::<Locale>().ok()), false),
    };
    let Some(locale) = locale else { return };
    if remembered {
        tell_server(locale);
    }
    let i18n = use_i18n();
    i18n.set_locale(locale);
    Effect::new(move |_| i18n.set_locale(locale));
}

/// The language the visitor reads in, as a signal.
/// The city's districts as the options of a select, named in the reader's language.
pub fn district_options() -> Vec<(String, Signal<String>)> {
    let lang = use_lang();
    tongban_api::forms::DISTRICTS
        .iter()
        .map(|(value, zh, en)| ((*value).to_string(), Signal::derive(move || if lang.get() == Lang::Zh { *zh } else { *en }.to_string())))
        .collect()
}

/// A postal address as the reader's language writes it.
pub fn postal_place(address: &tongban_api::delivery::PostalAddress) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    localized(&address.place())
}

pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

/// Catalogue text in the visitor's language, kept up to date when they switch. It reads only
/// the app-wide locale, so a document title built from it may outlive the page that made it.
pub fn localized(text: &Localized) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let text = text.clone();
    let i18n = use_i18n();
    move || text.get(lang_of(i18n.get_locale())).to_string()
}

/// A translated string as a signal, for component props: `tr(|l| td_string!(l, key))`.
pub fn tr(text: impl Fn(Locale) -> &'static str + Send + Sync + 'static) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || text(i18n.get_locale()).to_string())
}

/// An amount in fen as people read money: ¥ and two decimals.
pub fn money(fen: u64) -> String {
    format!("¥{}", tongban_api::payments::yuan(fen))
}

/// A moment (Unix seconds) as the visitor's language writes a date and time, in Shanghai time.
pub fn format_time(unix_secs: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_secs as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"Asia/Shanghai".into());
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(lang.tag(), &options).into()
}
