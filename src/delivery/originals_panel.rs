use leptos::prelude::*;
use tongban_api::delivery::{OriginalsView, PostalAddress};
use tongban_api::Lang;

use super::postal_address_fields::PostalAddressFields;
use super::shipment_details::ShipmentDetails;
use crate::api;
use crate::applications::{AddressBook, AddressDraft};
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, localized, tr, use_lang};

// Laid out as a result waiting at a window is.
stylance::import_style!(
    #[allow(dead_code)]
    panel,
    "pickup_panel.module.css"
);

const FORM: &str = "originals";

/// The paper originals the department checks: which; once booked, where the courier has them;
/// once checked in, that. While it can be, the applicant books the courier to collect them at
/// their door instead of bringing them, the address a choice away in their address book.
#[component]
pub fn OriginalsPanel(application_id: String, originals: OriginalsView, on_booked: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let checked_in = originals.checked_in_at.map(|at| {
        view! {
            <p role="status"><Tag tone=TagTone::Good>{t!(i18n, originals_checked_in)}</Tag>" "{move || format_time(at, lang.get())}</p>
        }
    });
    let (name, address) = (localized(&originals.to.name), localized(&originals.to.address));
    let place = move || match lang.get() {
        Lang::Zh => format!("{}（{}）", name(), address()),
        Lang::En => format!("{} ({})", name(), address()),
    };
    let shipment = originals.shipment.clone().map(|shipment| {
        let place = place.clone();
        view! {
            <p>{t!(i18n, shipment_to)}": "{place}</p>
            <ShipmentDetails shipment originals=true />
        }
    });
    let booking = originals.can_book.then(|| {
        view! {
            <p>{move || td_string!(i18n.get_locale(), originals_choice, place = place())}</p>
            <BookCollection application_id on_booked />
        }
    });
    view! {
        <section aria-labelledby="originals-heading" class=panel::panel>
            <h2 id="originals-heading">{t!(i18n, originals_heading)}</h2>
            <p>{t!(i18n, originals_lead)}</p>
            <ul>{originals.materials.iter().map(|m| view! { <li>{localized(m)}</li> }).collect_view()}</ul>
            {checked_in}
            {shipment}
            {booking}
        </section>
    }
}

/// Where the courier collects them: a contact, their mobile number and the address.
#[component]
fn BookCollection(application_id: String, on_booked: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let address = AddressDraft::blank();
    let application_id = StoredValue::new(application_id);
    let book = Action::new_local(move |at: &PostalAddress| {
        let at = at.clone();
        async move { api::book_originals_collection(&application_id.get_value(), &at, lang.get_untracked()).await }
    });
    on_answer(book, errors, PostalAddress::FIELDS, move |_| on_booked.run(()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let at = address.postal();
        match at.validate() {
            Ok(()) => {
                book.dispatch(at);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, PostalAddress::FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <h3>{t!(i18n, originals_book_heading)}</h3>
        <ErrorSummary errors=errors.into() id_prefix=FORM />
        <form on:submit=on_submit novalidate>
            <AddressBook id=format!("{FORM}-book") address />
            <PostalAddressFields form=FORM address errors
                who=tr(|l| td_string!(l, originals_contact)) who_phone=tr(|l| td_string!(l, originals_contact_phone)) />
            <Button submit=true busy=book.pending()>{t!(i18n, originals_book)}</Button>
        </form>
    }
}
