use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::delivery::{PostalAddress, SavedAddress, MAX_ADDRESSES};

use crate::api;
use crate::applications::AddressDraft;
use crate::components::{on_answer, Breadcrumbs, Button, Crumb, ErrorSummary, FormErrors, ItemList, ListItem, LoadError, Skeleton};
use crate::delivery::PostalAddressFields;
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{postal_place, tr, use_lang};

const FIELDS: &[&str] = PostalAddress::FIELDS;

/// The address book (收件地址簿): where results are posted to, offered whenever a form asks for a
/// postal address. Addresses are added here and removed here; a result already posted keeps the
/// address it went to.
#[component]
pub fn AddressesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let book = LocalResource::new(move || api::addresses(lang.get_untracked()));
    // What the last change left the book as, ahead of a reload.
    let changed = RwSignal::new(None::<Vec<SavedAddress>>);
    let errors = RwSignal::new(FormErrors::default());
    let address = AddressDraft::blank();
    let add = Action::new_local(move |address: &PostalAddress| {
        let address = address.clone();
        async move { api::add_address(&address, lang.get_untracked()).await }
    });
    on_answer(add, errors, FIELDS, move |saved| {
        changed.set(Some(saved));
        address.set(&Default::default());
    });
    let remove = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::remove_address(&id, lang.get_untracked()).await }
    });
    on_answer(remove, errors, FIELDS, move |saved| changed.set(Some(saved)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = address.postal();
        match typed.validate() {
            Ok(()) => {
                add.dispatch(typed);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let list = move |saved: Vec<SavedAddress>| {
        if saved.is_empty() {
            return view! { <p>{t!(i18n, address_book_empty)}</p> }.into_any();
        }
        view! {
            <ItemList>
                {saved.into_iter().map(|saved| {
                    let place = postal_place(&saved.address);
                    let id = saved.id.clone();
                    view! {
                        <ListItem>
                            <p><strong>{saved.address.recipient.clone()}" "{saved.address.phone.clone()}</strong><br />{place}</p>
                            <Button secondary=true busy=remove.pending() on_click=Callback::new(move |()| { remove.dispatch(id.clone()); })>
                                {t!(i18n, address_remove)}<span class="visually-hidden">" "{saved.address.recipient.clone()}</span>
                            </Button>
                        </ListItem>
                    }
                }).collect_view()}
            </ItemList>
        }
        .into_any()
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, address_book_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <Breadcrumbs crumbs=vec![Crumb { href: "/account", label: Signal::derive(move || t_string!(i18n, account_title).to_string()) }] />
            <h1>{t!(i18n, address_book_title)}</h1>
            <p>{t!(i18n, address_book_lead, max = MAX_ADDRESSES)}</p>
            <Transition fallback=|| view! { <Skeleton lines=3 /> }>
                {move || Suspend::new(async move {
                    match (changed.get(), book.await) {
                        (Some(saved), _) | (None, Ok(saved)) => list(saved),
                        (None, Err(error)) => view! { <LoadError error on_retry=move || book.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
            <h2>{t!(i18n, address_add_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="address" />
            <form on:submit=on_submit novalidate>
                <PostalAddressFields form="address" address errors
                    who=tr(|l| td_string!(l, address_recipient)) who_phone=tr(|l| td_string!(l, address_phone)) />
                <Button submit=true busy=add.pending()>{t!(i18n, address_add)}</Button>
            </form>
        </RequireSignIn>
    }
}
