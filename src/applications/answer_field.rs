use leptos::prelude::*;
use tongban_api::forms::{AddressAnswer, Answer, Field, FieldKind, FileAnswer, DISTRICTS};
use tongban_api::Localized;

use super::file_question::FileQuestion;
use crate::components::{Checkboxes, Hint, Radios, Select, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "answer_field.module.css");

/// What the person has typed or chosen for one question, before it becomes an `Answer`.
#[derive(Clone, Copy)]
pub enum Draft {
    Text(RwSignal<String>),
    Many(RwSignal<Vec<String>>),
    Address { district: RwSignal<String>, detail: RwSignal<String> },
    File(RwSignal<Option<FileAnswer>>),
}

impl Draft {
    /// Starts from the saved answer, or else from what the portal knows (which the page says).
    pub fn new(field: &Field, saved: Option<&Answer>, known: Option<&String>) -> Self {
        match (&field.kind, saved) {
            (FieldKind::MultiChoice { .. }, Some(Answer::Many(values))) => Draft::Many(RwSignal::new(values.clone())),
            (FieldKind::MultiChoice { .. }, _) => Draft::Many(RwSignal::new(Vec::new())),
            (FieldKind::Address, Some(Answer::Address(a))) => {
                Draft::Address { district: RwSignal::new(a.district.clone()), detail: RwSignal::new(a.detail.clone()) }
            }
            (FieldKind::Address, _) => Draft::Address { district: RwSignal::new(String::new()), detail: RwSignal::new(String::new()) },
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
            (Draft::Address { district, detail }, Some(Answer::Address(a))) => {
                district.set(a.district.clone());
                detail.set(a.detail.clone());
            }
            (Draft::File(file), Some(Answer::File(given))) => file.set(Some(given.clone())),
            (Draft::File(file), None) => file.set(None),
            (Draft::Text(text), None) => text.set(String::new()),
            (Draft::Many(values), None) => values.set(Vec::new()),
            (Draft::Address { district, detail }, None) => {
                district.set(String::new());
                detail.set(String::new());
            }
            _ => {}
        }
    }

    /// The answer as it stands; nothing when the question is left blank.
    pub fn answer(&self) -> Option<Answer> {
        match self {
            Draft::Text(text) => Some(Answer::Text(text.get())).filter(|_| !text.read().trim().is_empty()),
            Draft::Many(values) => Some(Answer::Many(values.get())).filter(|_| !values.read().is_empty()),
            Draft::Address { district, detail } => Some(Answer::Address(AddressAnswer { district: district.get(), detail: detail.get() }))
                .filter(|_| !district.read().is_empty() || !detail.read().trim().is_empty()),
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
        (FieldKind::Address, Draft::Address { district, detail }) => view! {
            <AddressField id legend=label hint error district detail />
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

/// District of Shanghai from a list, then the street and number.
#[component]
fn AddressField(
    id: String,
    legend: Signal<String>,
    hint: Option<Signal<String>>,
    error: Signal<Option<String>>,
    district: RwSignal<String>,
    detail: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let districts = DISTRICTS
        .iter()
        .map(|(value, zh, en)| {
            ((*value).to_string(), Signal::derive(move || if lang.get() == tongban_api::Lang::Zh { *zh } else { *en }.to_string()))
        })
        .collect();
    view! {
        <fieldset class=style::group>
            <legend class=style::legend>{legend}</legend>
            {hint.map(|hint| view! { <Hint>{hint}</Hint> })}
            <Select id=id.clone() label=tr(|l| td_string!(l, address_district)) error placeholder=tr(|l| td_string!(l, address_choose_district))
                options=districts selected=district />
            <TextField id=format!("{id}-detail") label=Signal::derive(move || t_string!(i18n, address_detail).to_string())
                hint=tr(|l| td_string!(l, address_detail_hint)) error=Signal::derive(|| None::<String>) value=detail autocomplete="street-address" />
        </fieldset>
    }
}
