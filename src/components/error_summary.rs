use leptos::html;
use leptos::prelude::*;

use super::form_errors::FormErrors;
use wasm_bindgen::JsCast;

use crate::i18n::*;

stylance::import_style!(style, "error_summary.module.css");

/// Puts the cursor in the field and shows its label above it, as GOV.UK's summary does; a plain
/// fragment link would only scroll, leaving the label off screen.
fn focus_field(id: &str) {
    let document = web_sys::window().and_then(|w| w.document());
    let Some(field) = document.and_then(|d| d.get_element_by_id(id)) else { return };
    if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
        let _ = field.focus();
        if let Some(container) = field.parent_element() {
            container.scroll_into_view();
        }
    }
}

/// Every problem of a form at the top, each linking to its field. Takes focus when it appears,
/// so keyboard and screen-reader users land on it (GOV.UK error summary).
#[component]
pub fn ErrorSummary(errors: Signal<FormErrors>, #[prop(into)] id_prefix: String) -> impl IntoView {
    let i18n = use_i18n();
    let panel = NodeRef::<html::Div>::new();
    let title_id = format!("{id_prefix}-error-title");
    let heading_id = title_id.clone();
    let id_prefix = StoredValue::new(id_prefix);
    Effect::new(move |_| {
        if !errors.read().is_empty() {
            // After this render has shown the panel: a hidden element cannot take focus.
            request_animation_frame(move || {
                if let Some(panel) = panel.get_untracked() {
                    let _ = panel.focus();
                }
            });
        }
    });
    view! {
        <div
            class=style::summary
            class=(style::hidden, move || errors.read().is_empty())
            node_ref=panel
            tabindex="-1"
            role="alert"
            aria-labelledby=title_id
        >
            <Show when=move || !errors.read().is_empty()>
                <h2 id=heading_id.clone() class=style::title>{t!(i18n, error_summary_title)}</h2>
                {move || errors.read().message.clone().map(|m| view! { <p class=style::message>{m}</p> })}
                <ul class=style::list>
                    {move || errors.read().fields.iter().map(|(field, message)| {
                        let target = format!("{}-{field}", id_prefix.get_value());
                        let href = format!("#{target}");
                        view! {
                            <li>
                                <a href=href class=style::link on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_field(&target);
                                }>{message.clone()}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
