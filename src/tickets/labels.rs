//! Words for tickets' coded values, in the reader's language.

use tongban_api::tickets::{TicketAction, TicketEventKind, TicketKind, TicketState};

use crate::components::TagTone;
use crate::i18n::*;

pub fn kind_label(locale: Locale, kind: TicketKind) -> &'static str {
    match kind {
        TicketKind::Consultation => td_string!(locale, ticket_kind_consultation),
        TicketKind::Complaint => td_string!(locale, ticket_kind_complaint),
        TicketKind::Suggestion => td_string!(locale, ticket_kind_suggestion),
    }
}

pub fn state_label(locale: Locale, state: TicketState) -> &'static str {
    match state {
        TicketState::Open => td_string!(locale, ticket_state_open),
        TicketState::AwaitingPerson => td_string!(locale, ticket_state_awaiting_person),
        TicketState::Answered => td_string!(locale, ticket_state_answered),
        TicketState::Closed => td_string!(locale, ticket_state_closed),
    }
}

pub fn state_tone(state: TicketState) -> TagTone {
    match state {
        TicketState::Closed | TicketState::Answered => TagTone::Good,
        TicketState::AwaitingPerson => TagTone::Info,
        TicketState::Open => TagTone::Neutral,
    }
}

pub fn event_label(locale: Locale, kind: TicketEventKind) -> &'static str {
    match kind {
        TicketEventKind::Filed => td_string!(locale, ticket_event_filed),
        TicketEventKind::Replied => td_string!(locale, ticket_event_replied),
        TicketEventKind::AskedForMore => td_string!(locale, ticket_event_asked_for_more),
        TicketEventKind::PersonReplied => td_string!(locale, ticket_event_person_replied),
        TicketEventKind::Transferred => td_string!(locale, ticket_event_transferred),
        TicketEventKind::Closed => td_string!(locale, ticket_event_closed),
    }
}

pub fn action_label(locale: Locale, action: TicketAction) -> &'static str {
    match action {
        TicketAction::Reply => td_string!(locale, ticket_action_reply),
        TicketAction::AskForMore => td_string!(locale, ticket_action_ask_for_more),
        TicketAction::Transfer => td_string!(locale, ticket_action_transfer),
        TicketAction::Close => td_string!(locale, ticket_action_close),
    }
}
