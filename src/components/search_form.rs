use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tongban_api::catalogue::CatalogueQuery;

use super::Button;
use crate::api::query_string;
use crate::i18n::*;

stylance::import_style!(style, "search_form.module.css");

/// The catalogue search box. A new search keeps the filters in `keep` and starts at page one.
#[component]
pub fn SearchForm(#[prop(into)] initial: Signal<String>, #[prop(optional)] keep: Option<Signal<CatalogueQuery>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let input = NodeRef::<html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get().map(|i| i.value()).unwrap_or_default();
        let mut query = keep.map(|k| k.get_untracked()).unwrap_or_default();
        query.q = Some(q.trim().to_string());
        query.page = None;
        navigate(&format!("/services{}", query_string(&query)), Default::default());
    };
    view! {
        <form role="search" action="/services" method="get" class=style::form on:submit=on_submit>
            <label for="search-q" class=style::label>{t!(i18n, search_label)}</label>
            <p id="search-q-hint" class=style::hint>{t!(i18n, search_hint)}</p>
            <div class=style::row>
                <input
                    id="search-q"
                    name="q"
                    type="search"
                    class=style::input
                    maxlength="100"
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
