use leptos::prelude::*;
use tongban_api::feedback::GuideFeedbackRequest;

use crate::api;
use crate::components::{Button, ButtonLink};
use crate::i18n::*;
use crate::lang::use_lang;

stylance::import_style!(style, "page_feedback.module.css");

/// "Is this page useful?" at the foot of a guide. Yes is said here; No leads to a page asking
/// what was wrong, in the build that has forms, so a first visit does not carry them.
#[component]
pub fn PageFeedback(service_code: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let tell_more = format!("/feedback/{service_code}");
    let code = StoredValue::new(service_code);
    let useful = Action::new_local(move |(): &()| {
        let code = code.get_value();
        async move { api::guide_feedback(&code, &GuideFeedbackRequest { useful: true, ..Default::default() }, lang.get_untracked()).await }
    });
    view! {
        <aside class=style::feedback aria-label=move || t_string!(i18n, feedback_question)>
            {move || match useful.value().get() {
                Some(Ok(())) => view! { <p class=style::ask role="status">{t!(i18n, feedback_thanks)}</p> }.into_any(),
                answer => {
                    let tell_more = tell_more.clone();
                    view! {
                        <div class=style::question>
                            <p class=style::ask>{t!(i18n, feedback_question)}</p>
                            <Button secondary=true busy=useful.pending() on_click=Callback::new(move |()| { useful.dispatch(()); })>
                                {t!(i18n, feedback_yes)}
                            </Button>
                            <ButtonLink secondary=true href=tell_more>{t!(i18n, feedback_no)}</ButtonLink>
                        </div>
                        {answer.and_then(Result::err).map(|error| view! { <p class=style::error role="alert">{error.message}</p> })}
                    }
                    .into_any()
                }
            }}
        </aside>
    }
}
