use leptos::prelude::*;

use super::Button;
use crate::i18n::*;

stylance::import_style!(style, "confirm_action.module.css");

/// The question asked before something that cannot be undone, with its "yes" and a way back.
#[component]
pub fn ConfirmAction(
    /// Names the question, which names the group for assistive technology.
    question_id: String,
    #[prop(into)] question: Signal<String>,
    #[prop(into)] yes: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
    on_yes: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class=style::confirm role="group" aria-labelledby=question_id.clone()>
            <p id=question_id.clone()>{question}</p>
            <div class=style::actions>
                <Button busy on_click=on_yes>{yes}</Button>
                <Button secondary=true on_click=on_cancel>{t!(i18n, cancel)}</Button>
            </div>
        </div>
    }
}
