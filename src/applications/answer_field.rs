use leptos::prelude::*;
use tongban_api::delivery::PostalAddress;
use tongban_api::forms::{AddressAnswer, Answer, Field, FieldKind, FileAnswer};
use tongban_api::Localized;

use super::address_field::AddressField;
use super::file_question::FileQuestion;
use crate::components::{Checkboxes, Radios, TextField};
use crate::lang::localized;

/// What the person has typed or chosen for one question, before it becomes an `Answer`.
#[derive(Clone, Copy)]
pub enum Draft {
    Text(RwSignal<String>),
    Many(RwSignal<Vec<String>>),
    Address(AddressDraft),
    File(RwSignal<Option<FileAnswer>>),
}

/// The parts of an address as typed: a postal address also has who receives it.
#[derive(Clone, Copy)]
pub struct AddressDraft {
    pub district: RwSignal<String>,
    pub detail: RwSignal<String>,
    pub recipient: RwSignal<String>,
    pub phone: RwSignal<String>,
}

impl AddressDraft {
    fn new(a: &AddressAnswer) -> Self {
        AddressDraft {
            district: RwSignal::new(a.district.clone()),
            detail: RwSignal::new(a.detail.clone()),
            recipient: RwSignal::new(a.recipient.clone()),
            phone: RwSignal::new(a.phone.clone()),
        }
    }

    pub fn blank() -> Self {
        Self::new(&AddressAnswer::default())
    }

    /// As typed, for a postal address.
    pub fn postal(&self) -> PostalAddress {
        PostalAddress {
            recipient: self.recipient.get_untracked(),
            phone: self.phone.get_untracked(),
            district: self.district.get_untracked(),
            detail: self.detail.get_untracked(),
        }
    }

    pub fn set(&self, a: &AddressAnswer) {
        self.district.set(a.district.clone());
        self.detail.set(a.detail.clone());
        self.recipient.set(a.recipient.clone());
        self.phone.set(a.phone.clone());
    }

    fn answer(&self) -> Option<Answer> {
        let a = AddressAnswer {
            district: self.district.get(),
            detail: self.detail.get(),
            recipient: self.recipient.get(),
            phone: self.phone.get(),
        };
        let blank = [&a.district, &a.detail, &a.recipient, &a.phone].iter().all(|part| part.trim().is_empty());
        (!blank).then_some(Answer::Address(a))
    }
}

impl Draft {
    /// Starts from the saved answer, or else from what the portal knows (which the page says).
    pub fn new(field: &Field, saved: Option<&Answer>, known: Option<&String>) -> Self {
        match (&field.kind, saved) {
            (FieldKind::MultiChoice { .. }, Some(Answer::Many(values))) => Draft::Many(RwSignal::new(values.clone())),
            (FieldKind::MultiChoice { .. }, _) => Draft::Many(RwSignal::new(Vec::new())),
            (FieldKind::Address { .. }, Some(Answer::Address(a))) => Draft::Address(AddressDraft::new(a)),
            (FieldKind::Address { .. }, _) => Draft::Address(AddressDraft::new(&AddressAnswer::default())),
            (FieldKind::File, Some(Answer::File(file))) => Draft::File(RwSignal::new(Some(file.clone()))),
            (FieldKind::File, _) => Draft::File(RwSignal::new(None)),
            (_, Some(Answer::Text(text))) => Draft::Text(RwSignal::new(text.clone())),
            _ => Draft::Text(RwSignal::new(known.cloned().unwrap_or_default())),
        }
    }

    /// Puts an answer back, as kept in this browser when saving failed.
    pub fn restore(&self, answer: Option<&Answer>) {
        match (self, answer) {
            (Draft::Text(text), Some(Answer::Text(value))) => text.set(value.clone()),
            (Draft::Many(values), Some(Answer::Many(list))) => values.set(list.clone()),
            (Draft::Address(address), Some(Answer::Address(a))) => address.set(a),
            (Draft::File(file), Some(Answer::File(given))) => file.set(Some(given.clone())),
            (Draft::File(file), None) => file.set(None),
            (Draft::Text(text), None) => text.set(String::new()),
            (Draft::Many(values), None) => values.set(Vec::new()),
            (Draft::Address(address), None) => address.set(&AddressAnswer::default()),
            _ => {}
        }
    }

    /// The answer as it stands; nothing when the question is left blank.
    pub fn answer(&self) -> Option<Answer> {
        match self {
            Draft::Text(text) => Some(Answer::Text(text.get())).filter(|_| !text.read().trim().is_empty()),
            Draft::Many(values) => Some(Answer::Many(values.get())).filter(|_| !values.read().is_empty()),
            Draft::Address(address) => address.answer(),
            Draft::File(file) => file.get().map(Answer::File),
        }
    }
}

fn text_signal(text: &Localized) -> Signal<String> {
    Signal::derive(localized(text))
}

/// One question of a form, drawn for its answer type. Its input has the id `form-{field}`, which
/// the error summary links to.
#[component]
pub fn AnswerField(
    field: Field,
    draft: Draft,
    #[prop(into)] error: Signal<Option<String>>,
    /// For a file question's upload.
    application_id: String,
) -> impl IntoView {
    let id = format!("form-{}", field.id);
    let label = text_signal(&field.label);
    let hint = field.hint.as_ref().map(text_signal);
    let options = |list: &[tongban_api::forms::ChoiceOption]| -> Vec<(String, Signal<String>)> {
        list.iter().map(|o| (o.value.clone(), text_signal(&o.label))).collect()
    };
    match (field.kind, draft) {
        (FieldKind::Choice { options: list }, Draft::Text(selected)) => {
            view! { <Radios id legend=label hint error options=options(&list) selected /> }.into_any()
        }
        (FieldKind::MultiChoice { options: list, .. }, Draft::Many(selected)) => {
            view! { <Checkboxes id legend=label hint error options=options(&list) selected /> }.into_any()
        }
        (FieldKind::File, Draft::File(current)) => view! {
            <FileQuestion id application_id field_id=field.id.clone() label error current />
        }
        .into_any(),
        (FieldKind::Address { postal }, Draft::Address(address)) => view! {
            <AddressField id legend=label hint error address postal />
        }
        .into_any(),
        (kind, Draft::Text(value)) => {
            let (input_type, inputmode, narrow, autocomplete) = match &kind {
                FieldKind::Number { .. } => ("text", Some("numeric"), true, "off"),
                FieldKind::Money { .. } => ("text", Some("decimal"), true, "off"),
                FieldKind::Date { .. } => ("date", None, true, "off"),
                FieldKind::Phone => ("tel", Some("numeric"), false, "tel-national"),
                FieldKind::IdNumber => ("text", None, false, "off"),
                _ => ("text", None, false, "off"),
            };
            let multiline = matches!(kind, FieldKind::Text { multiline: true, .. });
            let hint = hint.or_else(|| match &kind {
                FieldKind::Number { unit: Some(unit), .. } => Some(text_signal(unit)),
                _ => None,
            });
            view! {
                <TextField id label hint error value input_type inputmode
                    narrow multiline autocomplete />
            }
            .into_any()
        }
        // The draft is made from the same field, so its shape always matches.
        _ => ().into_any(),
    }
}
