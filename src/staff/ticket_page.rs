use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use tongban_api::catalogue::Department;
use tongban_api::fields;
use tongban_api::tickets::{StaffTicketView, TicketAction, TicketActionRequest, TicketState};

use super::require_staff::RequireStaff;
use crate::api;
use crate::catalogue::labels::department_options;
use crate::components::{
    on_answer, Breadcrumbs, Button, Crumb, ErrorSummary, FormErrors, LoadError, Radios, Select, Skeleton, SummaryList, Tag, TextField,
};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};
use crate::tickets::labels::{action_label, kind_label, state_label, state_tone};
use crate::tickets::TicketTimeline;

const FIELDS: &[&str] = TicketActionRequest::FIELDS;

/// A ticket as the department works it: the person and how to reach them (a use of their data,
/// on their record), every step, and the next one — answer, ask for more, transfer or close.
#[component]
pub fn StaffTicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let lang = lang.get_untracked();
            Ok::<_, api::ApiError>((api::staff_ticket(&id, lang).await?, api::departments(lang).await?))
        }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, ticket_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![
                Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) },
                Crumb { href: "/staff/tickets", label: Signal::derive(move || t_string!(i18n, staff_tickets_title).to_string()) },
            ] />
            <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((found, departments)) => view! { <Ticket found departments on_changed=Callback::new(move |()| loaded.refetch()) /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || loaded.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireStaff>
    }
}

#[component]
fn Ticket(found: StaffTicketView, departments: Vec<Department>, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let ticket = found.ticket.clone();
    let (kind, state) = (ticket.summary.kind, ticket.summary.state);
    let mut rows = vec![
        (t!(i18n, ticket_kind).into_any(), view! { {move || kind_label(i18n.get_locale(), kind)} }.into_any()),
        (
            t!(i18n, ticket_state).into_any(),
            view! { <Tag tone=state_tone(state)>{move || state_label(i18n.get_locale(), state)}</Tag> }.into_any(),
        ),
        (t!(i18n, contact_answer_by).into_any(), view! { {ticket.summary.due.clone()} }.into_any()),
        (
            t!(i18n, staff_ticket_person).into_any(),
            if found.person_name.is_empty() {
                t!(i18n, staff_ticket_without_account).into_any()
            } else {
                view! { {found.person_name.clone()} }.into_any()
            },
        ),
        (
            t!(i18n, profile_phone).into_any(),
            view! { <a href=format!("tel:{}", found.person_phone)>{found.person_phone.clone()}</a> }.into_any(),
        ),
    ];
    if let Some(service) = &ticket.service {
        rows.push((t!(i18n, ticket_service).into_any(), view! { {localized(service)} }.into_any()));
    }
    if let (Some(id), Some(number)) = (&ticket.application_id, &ticket.application_number) {
        rows.push((
            t!(i18n, ticket_application).into_any(),
            view! { <a href=format!("/staff/applications/{id}")>{number.clone()}</a> }.into_any(),
        ));
    }
    let others = departments.into_iter().filter(|d| d.name != ticket.summary.department).collect::<Vec<_>>();
    view! {
        <p>{t!(i18n, ticket_title)}" "{ticket.summary.number.clone()}</p>
        <h1>{ticket.summary.subject.clone()}</h1>
        <SummaryList rows />
        <h2>{t!(i18n, ticket_timeline)}</h2>
        <TicketTimeline events=ticket.events.clone() person=tr(|l| td_string!(l, ticket_by_person)) />
        {(state != TicketState::Closed).then(|| view! {
            <NextStep id=ticket.summary.id.clone() seen=ticket.events.len() as u32 has_account=!found.person_name.is_empty() departments=others on_changed />
        })}
    }
}

#[component]
fn NextStep(id: String, seen: u32, has_account: bool, departments: Vec<Department>, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let action = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let id = StoredValue::new(id);
    let act = Action::new_local(move |request: &TicketActionRequest| {
        let request = request.clone();
        async move { api::staff_ticket_act(&id.get_value(), &request, lang.get_untracked()).await.map(|()| request.action) }
    });
    on_answer(act, errors, FIELDS, move |done| {
        // A transferred ticket is another department's: back to the list.
        if done == Some(TicketAction::Transfer) {
            navigate("/staff/tickets", Default::default());
        } else {
            on_changed.run(());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = TicketActionRequest {
            action: TicketAction::parse(&action.get_untracked()),
            text: text.get_untracked(),
            department_code: department.get_untracked(),
            seen,
        };
        match request.validate() {
            Ok(()) => {
                act.dispatch(request);
            }
            Err(found) => errors.set(FormErrors::from_problems(&found, FIELDS, lang.get_untracked())),
        }
    };
    // Without an account nobody can answer a question: only answer, transfer or close.
    let actions = TicketAction::ALL
        .iter()
        .filter(|&&a| has_account || a != TicketAction::AskForMore)
        .map(|&a| (a.as_str().to_string(), tr(move |l| action_label(l, a))))
        .collect::<Vec<_>>();
    let departments = StoredValue::new(department_options(departments));
    let field = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <h2>{t!(i18n, staff_follow_up_next)}</h2>
        <ErrorSummary errors=errors.into() id_prefix="ticket" />
        <form on:submit=submit novalidate>
            <Radios id="ticket-action".into() legend=tr(|l| td_string!(l, staff_ticket_action)) error=field(fields::ACTION) options=actions selected=action />
            <Show when=move || action.get() == TicketAction::Transfer.as_str()>
                <Select id="ticket-department".into() label=tr(|l| td_string!(l, staff_ticket_transfer_to)) error=field(fields::DEPARTMENT)
                    placeholder=tr(|l| td_string!(l, contact_choose)) options=departments.get_value() selected=department />
            </Show>
            <TextField id="ticket-text".into() label=tr(|l| td_string!(l, staff_ticket_text)) hint=tr(|l| td_string!(l, staff_ticket_text_hint))
                error=field(fields::TEXT) value=text multiline=true />
            <Button submit=true busy=act.pending()>{t!(i18n, staff_ticket_send)}</Button>
        </form>
    }
}
