use leptos::prelude::*;

use super::described_by::described_by;
use super::{ErrorMessage, Hint};

stylance::import_style!(style, "checkboxes.module.css");

/// A question with several answers, any number of which may be ticked; a fieldset whose legend
/// is the question, with its error beside it.
#[component]
pub fn Checkboxes(
    /// `{form}-{field}`: the error summary links to the first box.
    id: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(default = None, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Value and label of each box.
    options: Vec<(String, Signal<String>)>,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            // The first box carries the field's id so the error summary can focus it.
            let box_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
            let label_for = box_id.clone();
            let (checked_value, toggled_value) = (value.clone(), value.clone());
            view! {
                <div class=style::item>
                    <input
                        id=box_id
                        type="checkbox"
                        class=style::input
                        value=value
                        prop:checked=move || selected.read().contains(&checked_value)
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            selected.update(|list| {
                                list.retain(|v| *v != toggled_value);
                                if checked {
                                    list.push(toggled_value.clone());
                                }
                            });
                        }
                    />
                    <label for=label_for class=style::label>{label}</label>
                </div>
            }
        })
        .collect_view();
    let hint_id = format!("{id}-hint");
    let described_by = described_by(hint.is_some().then(|| hint_id.clone()), error_id.clone(), error);
    view! {
        <fieldset class=style::fieldset class=(style::has_error, move || error.read().is_some()) aria-describedby=described_by>
            <legend class=style::legend>{legend}</legend>
            {hint.map(|hint| view! { <Hint id=hint_id>{hint}</Hint> })}
            {move || error.get().map(|message| view! { <ErrorMessage id=error_id.clone()>{message}</ErrorMessage> })}
            {boxes}
        </fieldset>
    }
}
