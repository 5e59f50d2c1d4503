use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::tickets::TicketSummary;

use super::require_staff::RequireStaff;
use crate::api;
use crate::components::{Breadcrumbs, Crumb, DataTable, LoadError, Skeleton, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, use_lang};
use crate::tickets::labels::{kind_label, state_label, state_tone};

/// The department's tickets: open ones oldest first, overdue ones marked; then the latest closed.
#[component]
pub fn StaffTicketsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let tickets = LocalResource::new(move || api::staff_tickets(lang.get_untracked()));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_tickets_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1 id="staff-tickets-heading">{t!(i18n, staff_tickets_title)}</h1>
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match tickets.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, staff_tickets_none)}</p> }.into_any(),
                        Ok(list) => view! { <Tickets list /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || tickets.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireStaff>
    }
}

#[component]
fn Tickets(list: Vec<TicketSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <DataTable labelled_by="staff-tickets-heading">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, ticket_subject)}</th>
                    <th scope="col">{t!(i18n, ticket_state)}</th>
                    <th scope="col">{t!(i18n, staff_tickets_filed)}</th>
                    <th scope="col">{t!(i18n, contact_answer_by)}</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|ticket| {
                    let (kind, state, opened) = (ticket.kind, ticket.state, ticket.opened_at);
                    view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/staff/tickets/{}", ticket.id)>{ticket.number.clone()}</a>
                                <br />{move || kind_label(i18n.get_locale(), kind)}" · "{ticket.subject.clone()}
                            </th>
                            <td><Tag tone=state_tone(state)>{move || state_label(i18n.get_locale(), state)}</Tag></td>
                            <td>{move || format_time(opened, lang.get())}</td>
                            <td>
                                {ticket.due.clone()}
                                {ticket.overdue.then(|| view! { " "<Tag tone=TagTone::Info>{t!(i18n, staff_follow_ups_overdue)}</Tag> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}
