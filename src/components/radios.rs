use leptos::prelude::*;

use super::described_by::described_by;
use super::{ErrorMessage, Hint};

// Radios and checkboxes look alike: one stylesheet for both.
stylance::import_style!(style, "checkboxes.module.css");

/// A question with one answer from a short list: a fieldset whose legend is the question.
#[component]
pub fn Radios(
    /// `{form}-{field}`: the error summary links to the first option.
    id: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(default = None, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Value and label of each option.
    options: Vec<(String, Signal<String>)>,
    selected: RwSignal<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let buttons = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let button_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
            let label_for = button_id.clone();
            let checked_value = value.clone();
            let set_value = value.clone();
            view! {
                <div class=style::item>
                    <input
                        id=button_id
                        type="radio"
                        name=id.clone()
                        class=style::input
                        value=value
                        prop:checked=move || *selected.read() == checked_value
                        on:change=move |_| selected.set(set_value.clone())
                    />
                    <label for=label_for class=style::label>{label}</label>
                </div>
            }
        })
        .collect_view();
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), error);
    view! {
        <fieldset class=style::fieldset class=(style::has_error, move || error.read().is_some()) aria-describedby=described_by>
            <legend class=style::legend>{legend}</legend>
            {hint.map(|hint| view! { <Hint id=hint_id>{hint}</Hint> })}
            {move || error.get().map(|message| view! { <ErrorMessage id=error_id.clone()>{message}</ErrorMessage> })}
            {buttons}
        </fieldset>
    }
}
