use leptos::prelude::*;

use super::described_by::described_by;
use super::{ErrorMessage, Hint};

stylance::import_style!(style, "text_field.module.css");

/// Label, hint, error message and input together. The error is tied to the input with
/// aria-describedby, and what the person typed stays whatever the error.
#[component]
pub fn TextField(
    /// `{form}-{field}`: the error summary links here.
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(default = None, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = None, into)] inputmode: Option<&'static str>,
    /// A box for a few lines of text instead of one line.
    #[prop(optional)]
    multiline: bool,
    #[prop(optional)] narrow: bool,
) -> impl IntoView {
    let label_for = id.clone();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = described_by(hint.is_some().then(|| hint_id.clone()), error_id.clone(), error);
    view! {
        <div class=style::field class=(style::has_error, move || error.read().is_some())>
            <label for=label_for class=style::label>{label}</label>
            {hint.map(|hint| view! { <Hint id=hint_id>{hint}</Hint> })}
            {move || error.get().map(|message| view! {
                <ErrorMessage id=error_id.clone()>{message}</ErrorMessage>
            })}
            {if multiline {
                view! {
                <textarea
                    name=id.clone()
                    id=id
                    class=style::input
                    rows="4"
                    autocomplete=autocomplete
                    aria-invalid=move || error.read().is_some().to_string()
                    aria-describedby=described_by
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                ></textarea>
                }.into_any()
            } else {
                view! {
                <input
                    name=id.clone()
                    id=id
                    type=input_type
                    class=style::input
                    class=(style::narrow, narrow)
                    autocomplete=autocomplete
                    inputmode=inputmode
                    spellcheck="false"
                    aria-invalid=move || error.read().is_some().to_string()
                    aria-describedby=described_by
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                }.into_any()
            }}
        </div>
    }
}
