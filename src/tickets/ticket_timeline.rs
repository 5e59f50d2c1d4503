use leptos::prelude::*;
use tongban_api::tickets::TicketEvent;

use super::labels::event_label;
use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};

stylance::import_style!(style, "ticket_timeline.module.css");

/// Every step of a ticket, oldest first: what happened, who (a department, or the person, named
/// as `person`), when, and the words as written.
#[component]
pub fn TicketTimeline(events: Vec<TicketEvent>, #[prop(into)] person: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <ol class=style::timeline>
            {events.into_iter().map(|event| {
                let kind = event.kind;
                let who = match &event.department {
                    Some(department) => {
                        let name = localized(department);
                        Signal::derive(move || name())
                    }
                    None => person,
                };
                let to = event.to_department.as_ref().map(localized);
                view! {
                    <li class=style::event>
                        <h3 class=style::what>
                            {move || event_label(i18n.get_locale(), kind)}
                            {to.map(|to| view! { " → "{to} })}
                        </h3>
                        <p class=style::meta>{who}" · "{move || format_time(event.at, lang.get())}</p>
                        <p class=style::text>{event.text.clone()}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
