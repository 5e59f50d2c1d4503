use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::applications::ApplicationState;
use tongban_api::staff::QueueItem;

use super::require_staff::RequireStaff;
use crate::api;
use crate::applications::{state_label, StateTag};
use crate::components::{LoadError, Select, Skeleton};
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
            <Queue />
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
    let items = LocalResource::new(move || {
        let state = filter.get();
        async move { api::staff_queue(&state, lang.get_untracked()).await }
    });
    Effect::new(move |previous: Option<String>| {
        let state = filter.get();
        if previous.is_some_and(|p| p != state) {
            let href = if state.is_empty() { "/staff".to_string() } else { format!("/staff?state={state}") };
            navigate(&href, Default::default());
        }
        state
    });
    let options = ApplicationState::ALL
        .into_iter()
        .filter(|s| *s != ApplicationState::Draft)
        .map(|s| (s.as_str().to_string(), Signal::derive(move || state_label(i18n.get_locale(), s).to_string())))
        .collect();
    view! {
        <Select id="queue-state".into() label=tr(|l| td_string!(l, staff_filter_state)) error=Signal::derive(|| None::<String>)
            placeholder=tr(|l| td_string!(l, staff_filter_all)) options selected=filter />
        <Transition fallback=|| view! { <Skeleton lines=5 /> }>
            {move || Suspend::new(async move {
                match items.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, staff_queue_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <p role="status">{td_string!(i18n.get_locale(), staff_queue_count, count = list.len())}</p>
                        <ul class=style::list>{list.into_iter().map(|item| view! { <Row item /> }).collect_view()}</ul>
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
        <li class=style::item>
            <h2 class=style::title>
                <a href=href class=style::link>{item.summary.number.clone()}" · "{localized(&item.summary.service_name)}</a>
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
        </li>
    }
}
