use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::applications::ApplicationState;
use tongban_api::fields;
use tongban_api::staff::{QueueItem, QueueQuery, StartForPersonRequest};

use super::require_staff::RequireStaff;
use crate::api;
use crate::applications::{state_label, StateTag};
use crate::components::{
    on_answer, Button, ErrorSummary, FormErrors, ItemList, ListItem, LoadError, NotificationBanner, Select, Skeleton, TextField,
};
use crate::i18n::*;
use crate::lang::{format_time, localized, tr, use_lang};

stylance::import_style!(style, "queue_page.module.css");

/// The department's applications, nearest promised deadline first, filtered by state.
#[component]
pub fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_queue), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <h1>{t!(i18n, staff_queue)}</h1>
            <p class=style::tools>
                <a href="/staff/pickups">{t!(i18n, staff_nav_pickups)}</a>
                <a href="/staff/reconciliation">{t!(i18n, staff_nav_reconcile)}</a>
                <a href="/staff/licence-uses">{t!(i18n, staff_nav_redeem)}</a>
                <a href="/staff/licences">{t!(i18n, staff_nav_licences)}</a>
                <a href="/staff/feedback">{t!(i18n, staff_nav_feedback)}</a>
                <a href="/staff/follow-ups">{t!(i18n, staff_nav_follow_ups)}</a>
                <a href="/staff/tickets">{t!(i18n, staff_nav_tickets)}</a>
            </p>
            <Queue />
            <StartForPerson />
        </RequireStaff>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = RwSignal::new(query.read_untracked().get("state").unwrap_or_default());
    let mine = Memo::new(move |_| query.read().get("window").as_deref() == Some(QueueQuery::MY_WINDOW));
    let query_of = move |state: &str, mine: bool| QueueQuery {
        state: Some(state.to_string()),
        window: mine.then(|| QueueQuery::MY_WINDOW.to_string()),
    };
    let items = LocalResource::new(move || {
        let query = query_of(&filter.get(), mine.get());
        async move { api::staff_queue(&query, lang.get_untracked()).await }
    });
    let href = move |state: &str, mine: bool| format!("/staff{}", api::query_string(&query_of(state, mine).pairs()));
    Effect::new(move |previous: Option<String>| {
        let state = filter.get();
        if previous.is_some_and(|p| p != state) {
            navigate(&href(&state, mine.get_untracked()), Default::default());
        }
        state
    });
    let options = ApplicationState::ALL
        .into_iter()
        .filter(|s| *s != ApplicationState::Draft)
        .map(|s| (s.as_str().to_string(), Signal::derive(move || state_label(i18n.get_locale(), s).to_string())))
        .collect();
    view! {
        <p class=style::scope>
            {move || if mine.get() {
                view! { <strong>{t!(i18n, staff_only_my_window)}</strong>" · "<a href=href(&filter.get(), false)>{t!(i18n, staff_show_all)}</a> }.into_any()
            } else {
                view! { <strong>{t!(i18n, staff_all_department)}</strong>" · "<a href=href(&filter.get(), true)>{t!(i18n, staff_only_my_window)}</a> }.into_any()
            }}
        </p>
        <Select id="queue-state".into() label=tr(|l| td_string!(l, staff_filter_state)) error=Signal::derive(|| None::<String>)
            placeholder=tr(|l| td_string!(l, staff_filter_all)) options selected=filter />
        <Transition fallback=|| view! { <Skeleton lines=5 /> }>
            {move || Suspend::new(async move {
                match items.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, staff_queue_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <p role="status">{td_string!(i18n.get_locale(), staff_queue_count, count = list.len())}</p>
                        <ItemList>{list.into_iter().map(|item| view! { <Row item /> }).collect_view()}</ItemList>
                    }.into_any(),
                    Err(error) => view! { <LoadError error on_retry=move || items.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Row(item: QueueItem) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let href = format!("/staff/applications/{}", item.summary.id);
    let submitted = item.summary.submitted_at;
    view! {
        <ListItem>
            <h2 class=style::title>
                <a href=href>{item.summary.number.clone()}" · "{localized(&item.summary.service_name)}</a>
            </h2>
            <p class=style::meta>
                <StateTag state=item.summary.state />
                " "{t!(i18n, receipt_applicant)}": "{item.applicant_name.clone()}
                {item.summary.company_name.clone().map(|c| view! { " · "{c} })}
            </p>
            <p class=style::meta>
                {t!(i18n, receipt_submitted_at)}": "{move || submitted.map(|t| format_time(t, lang.get()))}
                {item.due.clone().map(|due| view! { " · "<strong>{t!(i18n, deadline_promised)}": "{due}</strong> })}
            </p>
            {item.booking.clone().map(|b| view! { <p class=style::meta>{t!(i18n, staff_booked_visit)}": "{b}</p> })}
        </ListItem>
    }
}

const START_FIELDS: &[&str] = StartForPersonRequest::FIELDS;

/// Starting an application at the window for a person who has an account: it becomes theirs,
/// to check, complete and sign in "My applications".
#[component]
fn StartForPerson() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let services = LocalResource::new(move || api::staff_services(lang.get_untracked()));
    let service = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let started = RwSignal::new(None::<String>);
    let start = Action::new_local(move |request: &StartForPersonRequest| {
        let request = request.clone();
        async move { api::staff_start_for_person(&request, lang.get_untracked()).await }
    });
    on_answer(start, errors, START_FIELDS, move |done| {
        id_number.set(String::new());
        started.set(Some(done.applicant_name));
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        started.set(None);
        let request = StartForPersonRequest { service_code: service.get_untracked(), id_number: id_number.get_untracked() };
        match request.validate() {
            Ok(()) => {
                start.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, START_FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <section aria-labelledby="start-heading" class=style::start>
            <h2 id="start-heading">{t!(i18n, staff_start_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="start" />
            {move || started.get().map(|name| view! {
                <NotificationBanner success=true><p>{td_string!(i18n.get_locale(), staff_started, name = name)}</p></NotificationBanner>
            })}
            <p>{t!(i18n, staff_start_lead)}</p>
            <form on:submit=on_submit novalidate>
                {move || services.get().and_then(Result::ok).map(|list| {
                    let options = list.into_iter().map(|s| (s.code.clone(), Signal::derive(localized(&s.name)))).collect();
                    view! { <Select id="start-service_code".into() label=tr(|l| td_string!(l, staff_start_service)) error=field_error(fields::SERVICE_CODE)
                        placeholder=tr(|l| td_string!(l, staff_start_choose)) options selected=service /> }
                })}
                <TextField id="start-id_number".into() label=tr(|l| td_string!(l, staff_start_id)) error=field_error(fields::ID_NUMBER) value=id_number />
                <Button submit=true busy=start.pending()>{t!(i18n, staff_start_button)}</Button>
            </form>
        </section>
    }
}
