use leptos::prelude::*;
use tongban_api::forms::AddressAnswer;

use super::answer_field::AddressDraft;
use crate::api;
use crate::components::{Hint, Select, TextField};
use crate::i18n::*;
use crate::lang::{district_options, postal_place, tr, use_lang};

stylance::import_style!(style, "address_field.module.css");

/// District of Shanghai from a list, then the street and number; for a postal address, first who
/// receives it and their mobile number, any of the person's saved addresses a choice away.
#[component]
pub fn AddressField(
    id: String,
    legend: Signal<String>,
    hint: Option<Signal<String>>,
    error: Signal<Option<String>>,
    address: AddressDraft,
    postal: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let no_error = || Signal::derive(|| None::<String>);
    view! {
        <fieldset class=style::group>
            <legend class=style::legend>{legend}</legend>
            {hint.map(|hint| view! { <Hint>{hint}</Hint> })}
            {postal.then(|| view! {
                <AddressBook id=format!("{id}-book") address />
                <TextField id=format!("{id}-recipient") label=tr(|l| td_string!(l, address_recipient)) error=no_error()
                    value=address.recipient autocomplete="name" />
                <TextField id=format!("{id}-phone") label=tr(|l| td_string!(l, address_phone)) error=no_error()
                    value=address.phone input_type="tel" inputmode="numeric" autocomplete="tel-national" />
            })}
            <Select id=id.clone() label=tr(|l| td_string!(l, address_district)) error placeholder=tr(|l| td_string!(l, address_choose_district))
                options=district_options() selected=address.district />
            <TextField id=format!("{id}-detail") label=Signal::derive(move || t_string!(i18n, address_detail).to_string())
                hint=tr(|l| td_string!(l, address_detail_hint)) error=no_error() value=address.detail autocomplete="street-address" />
        </fieldset>
    }
}

/// The person's saved addresses, to fill the postal address with one; nothing when they have none.
#[component]
pub fn AddressBook(id: String, address: AddressDraft) -> impl IntoView {
    let lang = use_lang();
    let book = LocalResource::new(move || api::addresses(lang.get_untracked()));
    let chosen = RwSignal::new(String::new());
    Effect::watch(
        move || chosen.get(),
        move |id, _, _| {
            let saved = book.get().and_then(Result::ok).and_then(|book| book.into_iter().find(|a| &a.id == id));
            if let Some(saved) = saved {
                address.set(&AddressAnswer::from(saved.address));
            }
        },
        false,
    );
    move || {
        let saved = book.get().and_then(Result::ok).unwrap_or_default();
        (!saved.is_empty()).then(|| {
            let options = saved
                .iter()
                .map(|a| {
                    let (who, place) = (format!("{} {}", a.address.recipient, a.address.phone), postal_place(&a.address));
                    (a.id.clone(), Signal::derive(move || format!("{who} · {}", place())))
                })
                .collect();
            view! {
                <Select id=id.clone() label=tr(|l| td_string!(l, address_from_book)) error=Signal::derive(|| None::<String>)
                    placeholder=tr(|l| td_string!(l, address_book_choose)) options selected=chosen />
            }
        })
    }
}
