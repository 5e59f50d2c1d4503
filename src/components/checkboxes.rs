use leptos::prelude::*;

stylance::import_style!(style, "checkboxes.module.css");

/// A question with several answers, any number of which may be ticked; a fieldset whose legend
/// is the question, with its error beside it.
#[component]
pub fn Checkboxes(
    /// `{form}-{field}`: the error summary links to the first box.
    id: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Value and label of each box.
    options: Vec<(&'static str, Signal<String>)>,
    selected: RwSignal<Vec<&'static str>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            // The first box carries the field's id so the error summary can focus it.
            let box_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
            let label_for = box_id.clone();
            view! {
                <div class=style::item>
                    <input
                        id=box_id
                        type="checkbox"
                        class=style::input
                        value=value
                        prop:checked=move || selected.read().contains(&value)
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            selected.update(|list| {
                                list.retain(|v| *v != value);
                                if checked {
                                    list.push(value);
                                }
                            });
                        }
                    />
                    <label for=label_for class=style::label>{label}</label>
                </div>
            }
        })
        .collect_view();
    let describedby = error_id.clone();
    view! {
        <fieldset
            class=style::fieldset
            class=(style::has_error, move || error.read().is_some())
            aria-describedby=move || error.read().is_some().then(|| describedby.clone())
        >
            <legend class=style::legend>{legend}</legend>
            {move || error.get().map(|message| view! { <p id=error_id.clone() class=style::error>{message}</p> })}
            {boxes}
        </fieldset>
    }
}
