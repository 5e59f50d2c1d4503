//! The fields a holder chooses to disclose, as checkboxes: showing a code and authorising use
//! offer the same choice.

use leptos::prelude::*;
use tongban_api::wallet::DisclosedField;

use crate::i18n::*;
use crate::lang::tr;

pub fn field_label(field: DisclosedField) -> Signal<String> {
    match field {
        DisclosedField::Name => tr(|l| td_string!(l, show_field_name)),
        DisclosedField::Kind => tr(|l| td_string!(l, show_field_kind)),
        DisclosedField::Validity => tr(|l| td_string!(l, show_field_validity)),
        DisclosedField::Number => tr(|l| td_string!(l, show_field_number)),
    }
}

/// Value and label of each box, for `Checkboxes`.
pub fn field_options() -> Vec<(String, Signal<String>)> {
    DisclosedField::ALL.into_iter().map(|f| (f.as_str().to_string(), field_label(f))).collect()
}

/// The boxes ticked before the holder changes anything.
pub fn default_fields() -> Vec<String> {
    DisclosedField::ALL.iter().filter(|f| f.by_default()).map(|f| f.as_str().to_string()).collect()
}

/// The ticked boxes, in the order the form lists them.
pub fn chosen_fields(ticked: &[String]) -> Vec<DisclosedField> {
    DisclosedField::ALL.into_iter().filter(|f| ticked.iter().any(|c| c == f.as_str())).collect()
}
