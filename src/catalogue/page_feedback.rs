use leptos::prelude::*;
use tongban_api::feedback::{GuideFeedbackRequest, GuideProblem};

use super::labels::problem_label;
use crate::api;
use crate::components::{on_answer, Button, Checkboxes, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

stylance::import_style!(style, "page_feedback.module.css");

const FIELDS: &[&str] = GuideFeedbackRequest::FIELDS;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Asking,
    Telling,
    Thanked,
}

/// "Is this page useful?" at the foot of a guide: yes, or no and what was wrong. Anonymous.
#[component]
pub fn PageFeedback(service_code: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let stage = RwSignal::new(Stage::Asking);
    let problems = RwSignal::new(Vec::<String>::new());
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let code = StoredValue::new(service_code);
    let send = Action::new_local(move |request: &GuideFeedbackRequest| {
        let (code, request) = (code.get_value(), request.clone());
        async move { api::guide_feedback(&code, &request, lang.get_untracked()).await }
    });
    on_answer(send, errors, FIELDS, move |()| stage.set(Stage::Thanked));
    let form_heading = NodeRef::<leptos::html::H2>::new();
    // Whoever pressed "No" lands on the questions that follow it.
    Effect::new(move |_| {
        if stage.get() == Stage::Telling {
            if let Some(heading) = form_heading.get() {
                let _ = heading.focus();
            }
        }
    });
    let yes = Callback::new(move |()| {
        send.dispatch(GuideFeedbackRequest { useful: true, ..Default::default() });
    });
    let no = Callback::new(move |()| stage.set(Stage::Telling));
    // The server checks the answer and says what is wrong in the reader's language: the public
    // build does without the validators' words.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems = problems.get_untracked().iter().filter_map(|p| GuideProblem::parse(p)).collect();
        send.dispatch(GuideFeedbackRequest { useful: false, problems, comment: comment.get_untracked() });
    };
    let options = GuideProblem::ALL.iter().map(|&p| (p.as_str().to_string(), tr(move |l| problem_label(l, p)))).collect::<Vec<_>>();
    view! {
        <aside class=style::feedback aria-label=move || t_string!(i18n, feedback_question)>
            <ErrorSummary errors=errors.into() id_prefix="feedback" />
            {move || match stage.get() {
                Stage::Asking => view! {
                    <div class=style::question>
                        <p class=style::ask>{t!(i18n, feedback_question)}</p>
                        <Button secondary=true busy=send.pending() on_click=yes>{t!(i18n, feedback_yes)}</Button>
                        <Button secondary=true on_click=no>{t!(i18n, feedback_no)}</Button>
                    </div>
                }.into_any(),
                Stage::Telling => view! {
                    <form on:submit=submit novalidate>
                        <h2 node_ref=form_heading tabindex="-1" class=style::title>{t!(i18n, feedback_form_title)}</h2>
                        <Checkboxes id="feedback-problems".into() legend=tr(|l| td_string!(l, feedback_problems))
                            hint=tr(|l| td_string!(l, feedback_problems_hint))
                            error=Signal::derive(move || errors.read().field(tongban_api::fields::PROBLEMS))
                            options=options.clone() selected=problems />
                        <TextField id="feedback-comment".into() label=tr(|l| td_string!(l, feedback_comment))
                            hint=tr(|l| td_string!(l, feedback_comment_hint))
                            error=Signal::derive(move || errors.read().field(tongban_api::fields::COMMENT))
                            value=comment multiline=true />
                        <Button submit=true busy=send.pending()>{t!(i18n, feedback_send)}</Button>
                    </form>
                }.into_any(),
                Stage::Thanked => view! { <p class=style::ask role="status">{t!(i18n, feedback_thanks)}</p> }.into_any(),
            }}
        </aside>
    }
}
