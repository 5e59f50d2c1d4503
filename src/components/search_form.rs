use leptos::html;
use leptos::prelude::*;

use super::Hint;
use leptos_router::hooks::use_navigate;

use super::Button;
use crate::i18n::*;

stylance::import_style!(style, "search_form.module.css");

/// A search box whose words go into the address, so a search can be shared and reloaded.
#[component]
pub fn SearchForm(
    #[prop(into)] initial: Signal<String>,
    /// The page searched; without JavaScript the browser sends the form there.
    action: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    max_chars: usize,
    /// The address of a search for the trimmed words.
    to: impl Fn(String) -> String + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let input = NodeRef::<html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get().map(|i| i.value()).unwrap_or_default();
        navigate(&to(q.trim().to_string()), Default::default());
    };
    view! {
        <form role="search" action=action method="get" class=style::form on:submit=on_submit>
            <label for="search-q" class=style::label>{label}</label>
            <Hint id="search-q-hint">{hint}</Hint>
            <div class=style::row>
                <input
                    id="search-q"
                    name="q"
                    type="search"
                    class=style::input
                    maxlength=max_chars
                    autocomplete="off"
                    aria-describedby="search-q-hint"
                    prop:value=initial
                    node_ref=input
                />
                <Button submit=true>{t!(i18n, search_button)}</Button>
            </div>
        </form>
    }
}
