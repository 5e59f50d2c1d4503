use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::feedback::{GuideFeedbackRequest, GuideProblem};

use super::labels::problem_label;
use crate::api;
use crate::components::{on_answer, Breadcrumbs, Button, Checkboxes, Crumb, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

const FIELDS: &[&str] = GuideFeedbackRequest::FIELDS;

/// What was wrong with a guide someone found not useful: from a list, and in their words.
/// Anonymous; the department the guide is about reads it.
#[component]
pub fn GuideFeedbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (code, guide) = super::guide_page::use_guide();
    let problems = RwSignal::new(Vec::<String>::new());
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let thanked = RwSignal::new(false);
    let send = Action::new_local(move |request: &GuideFeedbackRequest| {
        let (code, request) = (code.get_untracked(), request.clone());
        async move { api::guide_feedback(&code, &request, lang.get_untracked()).await }
    });
    on_answer(send, errors, FIELDS, move |()| thanked.set(true));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems = problems.get_untracked().iter().filter_map(|p| GuideProblem::parse(p)).collect();
        let request = GuideFeedbackRequest { useful: false, problems, comment: comment.get_untracked() };
        match request.validate() {
            Ok(()) => {
                send.dispatch(request);
            }
            Err(found) => errors.set(FormErrors::from_problems(&found, FIELDS, lang.get_untracked())),
        }
    };
    let guide_href = move || format!("/services/{}", code.get());
    let service_name = move || guide.get().and_then(Result::ok).map(|g| localized(&g.name)());
    let options = GuideProblem::ALL.iter().map(|&p| (p.as_str().to_string(), tr(move |l| problem_label(l, p)))).collect::<Vec<_>>();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, feedback_form_title), t_string!(i18n, app_full_name)) />
        <Breadcrumbs crumbs=vec![
            Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) },
            Crumb { href: "/services", label: Signal::derive(move || t_string!(i18n, nav_services).to_string()) },
        ] />
        <h1>{t!(i18n, feedback_form_title)}</h1>
        <p>{service_name}</p>
        <Show when=move || !thanked.get() fallback=move || view! {
            <p role="status">{t!(i18n, feedback_thanks)}</p>
            <p><a href=guide_href>{t!(i18n, feedback_back_to_guide)}</a></p>
        }>
            <ErrorSummary errors=errors.into() id_prefix="feedback" />
            <form on:submit=submit novalidate>
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
        </Show>
    }
}
