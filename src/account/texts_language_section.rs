use leptos::prelude::*;
use tongban_api::identity::TextsLanguageRequest;
use tongban_api::Lang;

use crate::api;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, Radios};
use crate::i18n::*;
use crate::lang::{tr, use_lang};
use crate::session::use_session;

/// The language the account's text messages are written in, whatever the site is read in.
#[component]
pub fn TextsLanguageSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let chosen = RwSignal::new(session.user().map(|u| u.texts_in).unwrap_or_default().tag().to_string());
    let errors = RwSignal::new(FormErrors::default());
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |request: &TextsLanguageRequest| {
        let request = request.clone();
        async move { api::set_texts_language(&request, lang.get_untracked()).await }
    });
    on_answer(save, errors, &[], move |view| {
        session.set(view);
        saved.set(true);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        save.dispatch(TextsLanguageRequest { lang: Lang::from_tag(&chosen.get_untracked()) });
    };
    view! {
        <section aria-labelledby="texts-heading">
            <h2 id="texts-heading">{t!(i18n, texts_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="texts-language" />
            <form on:submit=submit novalidate>
                <Radios
                    id="texts-language-lang".into()
                    legend=tr(|l| td_string!(l, texts_language_title))
                    hint=tr(|l| td_string!(l, texts_language_hint))
                    error=Signal::derive(move || errors.read().field("lang"))
                    options=vec![
                        (Lang::Zh.tag().to_string(), tr(|l| td_string!(l, language_zh))),
                        (Lang::En.tag().to_string(), tr(|l| td_string!(l, language_en))),
                    ]
                    selected=chosen
                />
                <Button submit=true busy=save.pending()>{t!(i18n, texts_language_save)}</Button>
            </form>
            <Show when=move || saved.get()>
                <p role="status">{t!(i18n, texts_language_saved)}</p>
            </Show>
        </section>
    }
}
