use leptos::prelude::*;
use tongban_api::fields;

use crate::applications::AddressDraft;
use crate::components::{FormErrors, Select, TextField};
use crate::i18n::*;
use crate::lang::{district_options, tr};

/// The four parts of a postal address, each with its own message: who and their mobile number
/// (a recipient's, or a contact's, as the labels say), the district and the street.
#[component]
pub fn PostalAddressFields(
    /// The form's name: each field's id is `{form}-{part}`, as its error summary links.
    form: &'static str,
    address: AddressDraft,
    errors: RwSignal<FormErrors>,
    who: Signal<String>,
    who_phone: Signal<String>,
) -> impl IntoView {
    let error = move |part: &'static str| Signal::derive(move || errors.read().field(part));
    let id = move |part: &str| format!("{form}-{part}");
    view! {
        <TextField id=id(fields::RECIPIENT) label=who error=error(fields::RECIPIENT) value=address.recipient autocomplete="name" />
        <TextField id=id(fields::PHONE) label=who_phone error=error(fields::PHONE)
            value=address.phone input_type="tel" inputmode="numeric" autocomplete="tel-national" />
        <Select id=id(fields::DISTRICT) label=tr(|l| td_string!(l, address_district)) error=error(fields::DISTRICT)
            placeholder=tr(|l| td_string!(l, address_choose_district)) options=district_options() selected=address.district />
        <TextField id=id(fields::DETAIL) label=tr(|l| td_string!(l, address_detail)) hint=tr(|l| td_string!(l, address_detail_hint))
            error=error(fields::DETAIL) value=address.detail autocomplete="street-address" />
    }
}
