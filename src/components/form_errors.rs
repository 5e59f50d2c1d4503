//! What is wrong with a form, from the shared validators before sending or from the server's
//! answer after: one message per field, in the form's order, plus an optional overall message.

use tongban_api::error::FieldProblems;
use tongban_api::Lang;

use crate::api::ApiError;
use leptos::prelude::*;

use crate::i18n::{td_string, use_i18n, Locale};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormErrors {
    pub fields: Vec<(String, String)>,
    pub message: Option<String>,
}

impl FormErrors {
    /// Messages for `problems`, ordered as the fields appear in `order`.
    pub fn from_problems(problems: &FieldProblems, order: &[&str], lang: Lang) -> Self {
        let mut fields: Vec<(String, String)> = problems.iter().map(|(k, p)| (k.to_string(), p.message_for(k, lang))).collect();
        fields.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
        FormErrors { fields, message: None }
    }

    /// The server's answer: field messages if it named fields, its message otherwise, and a
    /// plain "cannot reach the server" when there was no answer.
    pub fn from_api(error: &ApiError, order: &[&str], locale: Locale) -> Self {
        let unavailable = td_string!(locale, error_unavailable);
        // A problem with something the form has no field for cannot be linked to; it is said
        // for the whole form instead.
        let (mut fields, about_form): (Vec<(String, String)>, Vec<(String, String)>) =
            error.fields.clone().into_iter().partition(|(k, _)| order.contains(&k.as_str()));
        fields.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
        let message = if !about_form.is_empty() {
            Some(about_form.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" "))
        } else if !fields.is_empty() {
            None
        } else if error.message.is_empty() {
            Some(unavailable.to_string())
        } else {
            Some(error.message.clone())
        };
        FormErrors { fields, message }
    }

    /// One message about the whole form, such as the browser declining to make a passkey.
    pub fn about_form(message: String) -> Self {
        FormErrors { fields: Vec::new(), message: Some(message) }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.message.is_none()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, m)| m.clone())
    }
}

/// What a form does with the answer to its action: `ok` runs with a success; a failure goes into
/// `errors`, beside the fields named in `order` and in the summary.
pub fn on_answer<I: 'static, T: Clone + 'static>(
    action: Action<I, Result<T, ApiError>>,
    errors: RwSignal<FormErrors>,
    order: &'static [&'static str],
    ok: impl Fn(T) + 'static,
) {
    let i18n = use_i18n();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(value)) => {
            errors.set(FormErrors::default());
            ok(value)
        }
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, order, i18n.get_locale_untracked())),
        None => {}
    });
}
