use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::choose_language;

stylance::import_style!(style, "language_switch.module.css");

/// One button that offers the other language, labelled in that language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::en => Locale::zh_CN,
        _ => Locale::en,
    };
    view! {
        <button
            type="button"
            class=style::switch
            lang=move || other().as_str()
            on:click=move |_| choose_language(other())
        >
            {t!(i18n, switch_language)}
        </button>
    }
}
