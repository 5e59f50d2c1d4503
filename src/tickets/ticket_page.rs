use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::tickets::{TicketReplyRequest, TicketState, TicketView};

use super::labels::{kind_label, state_label, state_tone};
use super::TicketTimeline;
use crate::api::{self, Rated};
use crate::components::{on_answer, BackLink, Button, ErrorSummary, FormErrors, LoadError, Skeleton, SummaryList, Tag, TextField};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{localized, tr, use_lang};
use crate::ratings::RatingPanel;

stylance::import_style!(style, "ticket_page.module.css");

const FIELDS: &[&str] = TicketReplyRequest::FIELDS;

/// One of the person's tickets: where it stands, every step, a reply when it is their turn, and
/// the rating once it is closed.
#[component]
pub fn TicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let ticket = LocalResource::new(move || {
        let id = id.get();
        let lang = lang.get();
        async move { api::ticket(&id, lang).await }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, ticket_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <BackLink href="/account/tickets">{t!(i18n, my_tickets_title)}</BackLink>
            <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match ticket.await {
                        Ok(found) => view! { <Ticket found on_changed=Callback::new(move |()| ticket.refetch()) /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || ticket.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireSignIn>
    }
}

#[component]
fn Ticket(found: TicketView, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = found.summary.clone();
    let (kind, state) = (summary.kind, summary.state);
    let mut rows = vec![
        (t!(i18n, ticket_kind).into_any(), view! { {move || kind_label(i18n.get_locale(), kind)} }.into_any()),
        (
            t!(i18n, ticket_state).into_any(),
            view! { <Tag tone=state_tone(state)>{move || state_label(i18n.get_locale(), state)}</Tag> }.into_any(),
        ),
        (t!(i18n, contact_handled_by).into_any(), view! { {localized(&summary.department)} }.into_any()),
        (t!(i18n, contact_answer_by).into_any(), view! { {summary.due.clone()} }.into_any()),
    ];
    if let Some(service) = &found.service {
        rows.push((t!(i18n, ticket_service).into_any(), view! { {localized(service)} }.into_any()));
    }
    if let (Some(id), Some(number)) = (&found.application_id, &found.application_number) {
        rows.push((
            t!(i18n, ticket_application).into_any(),
            view! { <a href=format!("/applications/{id}")>{number.clone()}</a> }.into_any(),
        ));
    }
    view! {
        <p class=style::caption>{t!(i18n, ticket_title)}" "{summary.number.clone()}</p>
        <h1>{summary.subject.clone()}</h1>
        <SummaryList rows />
        <h2>{t!(i18n, ticket_timeline)}</h2>
        <TicketTimeline events=found.events.clone() person=tr(|l| td_string!(l, ticket_by_you)) />
        {state.person_may_reply().then(|| view! { <Reply id=summary.id.clone() on_changed /> })}
        {(state == TicketState::Closed).then(|| view! { <RatingPanel rated=Rated::Ticket id=summary.id.clone() /> })}
    }
}

/// Writing back, when asked for more or after an answer.
#[component]
fn Reply(id: String, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let id = StoredValue::new(id);
    let send = Action::new_local(move |request: &TicketReplyRequest| {
        let request = request.clone();
        async move { api::reply_to_ticket(&id.get_value(), &request, lang.get_untracked()).await }
    });
    on_answer(send, errors, FIELDS, move |_| on_changed.run(()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = TicketReplyRequest { text: text.get_untracked() };
        match request.validate() {
            Ok(()) => {
                send.dispatch(request);
            }
            Err(found) => errors.set(FormErrors::from_problems(&found, FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <h2>{t!(i18n, ticket_reply_heading)}</h2>
        <ErrorSummary errors=errors.into() id_prefix="reply" />
        <form on:submit=submit novalidate>
            <TextField id="reply-text".into() label=tr(|l| td_string!(l, ticket_reply)) error=Signal::derive(move || errors.read().field(tongban_api::fields::TEXT))
                value=text multiline=true />
            <Button submit=true busy=send.pending()>{t!(i18n, ticket_reply_send)}</Button>
        </form>
    }
}
