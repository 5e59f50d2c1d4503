use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::applications::{ApplicationDetail, ApplicationState};

use super::load::ApplicationPage;
use crate::components::{Button, SummaryList};
use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "confirmation_page.module.css");

/// "Application submitted" with its number, and a receipt that prints on one page.
#[component]
pub fn ConfirmationPage() -> impl IntoView {
    view! { <ApplicationPage page=|detail, _| view! { <Confirmation detail /> } /> }
}

#[component]
fn Confirmation(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let id = detail.summary.id.clone();
    if detail.summary.state == ApplicationState::Draft {
        return view! {
            <h1>{t!(i18n, not_submitted_yet)}</h1>
            <p><a href=format!("/applications/{id}")>{t!(i18n, back_to_task_list)}</a></p>
        }
        .into_any();
    }
    let number = detail.summary.number.clone().unwrap_or_default();
    let submitted_at = detail.summary.submitted_at.unwrap_or(detail.summary.updated_at);
    let applicant = session.user().map(|u| u.name).unwrap_or_default();
    let print = Callback::new(|()| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, submitted_title), t_string!(i18n, app_full_name)) />
        <div class=style::panel>
            <h1 class=style::panel_title>{t!(i18n, submitted_title)}</h1>
            <p class=style::panel_body>{t!(i18n, application_number)}<br /><strong class=style::number>{number.clone()}</strong></p>
        </div>
        <p>{t!(i18n, submitted_sms_note)}</p>
        <section aria-labelledby="receipt-heading">
            <h2 id="receipt-heading">{t!(i18n, receipt)}</h2>
            <SummaryList rows=vec![
                (t!(i18n, receipt_service).into_any(), localized(&detail.summary.service_name).into_any()),
                (t!(i18n, application_number).into_any(), number.into_any()),
                (t!(i18n, receipt_applicant).into_any(), applicant.into_any()),
                (t!(i18n, receipt_submitted_at).into_any(), (move || format_time(submitted_at, lang.get())).into_any()),
            ] />
        </section>
        <h2>{t!(i18n, what_happens_next)}</h2>
        <p>{t!(i18n, what_happens_next_text)}</p>
        <div class=style::actions>
            <Button secondary=true on_click=print>{t!(i18n, print_receipt)}</Button>
            <a href="/applications">{t!(i18n, my_applications)}</a>
        </div>
    }
    .into_any()
}
