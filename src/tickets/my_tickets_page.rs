use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::tickets::TicketSummary;

use super::labels::{kind_label, state_label, state_tone};
use crate::api;
use crate::components::{ButtonLink, DataTable, LoadError, Skeleton, Tag};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{localized, use_lang};

/// The person's consultations, complaints and suggestions, newest first, each with where it stands.
#[component]
pub fn MyTicketsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, my_tickets_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            {move || {
                let tickets = LocalResource::new(move || api::my_tickets(lang.get_untracked()));
                view! {
                    <h1 id="my-tickets-heading">{t!(i18n, my_tickets_title)}</h1>
                    <p><ButtonLink href="/contact" secondary=true>{t!(i18n, my_tickets_new)}</ButtonLink></p>
                    <Transition fallback=|| view! { <Skeleton lines=4 /> }>
                        {move || Suspend::new(async move {
                            match tickets.await {
                                Ok(list) if list.is_empty() => view! { <p>{t!(i18n, my_tickets_none)}</p> }.into_any(),
                                Ok(list) => view! { <Tickets list /> }.into_any(),
                                Err(error) => view! { <LoadError error on_retry=move || tickets.refetch() /> }.into_any(),
                            }
                        })}
                    </Transition>
                }
            }}
        </RequireSignIn>
    }
}

#[component]
fn Tickets(list: Vec<TicketSummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable labelled_by="my-tickets-heading">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, ticket_subject)}</th>
                    <th scope="col">{t!(i18n, contact_handled_by)}</th>
                    <th scope="col">{t!(i18n, ticket_state)}</th>
                    <th scope="col">{t!(i18n, contact_answer_by)}</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|ticket| {
                    let (kind, state) = (ticket.kind, ticket.state);
                    view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/tickets/{}", ticket.id)>{ticket.subject.clone()}</a>
                                <br />{move || kind_label(i18n.get_locale(), kind)}" · "{ticket.number.clone()}
                            </th>
                            <td>{localized(&ticket.department)}</td>
                            <td><Tag tone=state_tone(state)>{move || state_label(i18n.get_locale(), state)}</Tag></td>
                            <td>{ticket.due.clone()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}
