use leptos::prelude::*;

use super::ErrorMessage;

// A select sits among text fields and looks like them.
stylance::import_style!(
    #[allow(dead_code)]
    style,
    "text_field.module.css"
);

/// A labelled drop-down for a long list (such as the sixteen districts).
#[component]
pub fn Select(
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Shown first with an empty value, so nothing is chosen for the person.
    #[prop(into)]
    placeholder: Signal<String>,
    options: Vec<(String, Signal<String>)>,
    selected: RwSignal<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let label_for = id.clone();
    view! {
        <div class=style::field class=(style::has_error, move || error.read().is_some())>
            <label for=label_for class=style::label>{label}</label>
            {move || error.get().map(|message| view! { <ErrorMessage id=error_id.clone()>{message}</ErrorMessage> })}
            <select
                id=id
                class=style::input
                aria-invalid=move || error.read().is_some().to_string()
                aria-describedby=move || error.read().is_some().then(|| described_by.clone())
                prop:value=move || selected.get()
                on:change=move |ev| selected.set(event_target_value(&ev))
            >
                <option value="">{placeholder}</option>
                {options.into_iter().map(|(value, label)| {
                    let current = value.clone();
                    view! { <option value=value selected=move || *selected.read() == current>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
