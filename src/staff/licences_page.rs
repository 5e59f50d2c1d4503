use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::wallet::{LicenceStatus, RevokeLicenceRequest, WalletLicence};
use tongban_api::{fields, query_string};

use super::require_staff::RequireStaff;
use crate::api;
use crate::components::{
    on_answer, Breadcrumbs, Button, Crumb, ErrorSummary, FormErrors, LoadError, NotificationBanner, Skeleton, TextField,
};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};
use crate::wallet::LicenceStatusTag;

stylance::import_style!(style, "licences_page.module.css");

const FIELDS: &[&str] = RevokeLicenceRequest::FIELDS;

/// Find a licence the department issued by its number, and revoke it with a reason.
#[component]
pub fn LicencesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let number = Memo::new(move |_| query.read().get("number").unwrap_or_default());
    let typed = RwSignal::new(number.get_untracked());
    let found = LocalResource::new(move || {
        let number = number.get();
        async move { api::staff_licences(&number, lang.get_untracked()).await }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(&format!("/staff/licences{}", query_string(&[("number", typed.get_untracked().trim())])), Default::default());
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_licences_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1>{t!(i18n, staff_licences_title)}</h1>
            <p>{t!(i18n, staff_licences_lead)}</p>
            <form on:submit=submit.clone() novalidate role="search" class=style::search>
                <TextField id="licences-number".into() label=tr(|l| td_string!(l, staff_licences_number)) error=Signal::derive(|| None::<String>)
                    value=typed />
                <Button submit=true secondary=true>{t!(i18n, staff_licences_find)}</Button>
            </form>
            {move || (!number.get().is_empty()).then(|| match found.get() {
                None => view! { <Skeleton lines=4 /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p role="status">{t!(i18n, staff_licences_none)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class=style::list>{list.into_iter().map(|licence| view! { <Found licence /> }).collect_view()}</ul>
                }.into_any(),
                Some(Err(error)) => view! { <LoadError error on_retry=move || found.refetch() /> }.into_any(),
            })}
        </RequireStaff>
    }
}

#[component]
fn Found(licence: WalletLicence) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let status = RwSignal::new(licence.status);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let prefix = format!("revoke-{}", licence.id);
    let id = licence.id.clone();
    let revoke = Action::new_local(move |request: &RevokeLicenceRequest| {
        let (id, request) = (id.clone(), request.clone());
        async move { api::staff_revoke_licence(&id, &request, lang.get_untracked()).await }
    });
    on_answer(revoke, errors, FIELDS, move |revoked: WalletLicence| status.set(revoked.status));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = RevokeLicenceRequest { reason: reason.get_untracked() };
        match request.validate() {
            Ok(()) => {
                revoke.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let heading_id = format!("{prefix}-heading");
    view! {
        <li class=style::item>
            <h2 id=heading_id class=style::title>{localized(&licence.title)}" · "{licence.holder_name.clone()}</h2>
            {move || view! { <LicenceStatusTag status=status.get() /> }}
            <p>{t!(i18n, licence_number)}": "{licence.number_masked.clone()}" · "{t!(i18n, licence_issued_on)}": "{licence.issued_on.clone()}</p>
            {move || match status.get() {
                LicenceStatus::Revoked if revoke.value().read().as_ref().is_some_and(Result::is_ok) => view! {
                    <NotificationBanner success=true><p>{t!(i18n, staff_licences_revoked)}</p></NotificationBanner>
                }.into_any(),
                LicenceStatus::Valid | LicenceStatus::Expired => view! {
                    <ErrorSummary errors=errors.into() id_prefix=prefix.clone() />
                    <form on:submit=submit novalidate>
                        <TextField id=format!("{prefix}-reason") label=tr(|l| td_string!(l, staff_licences_reason))
                            hint=tr(|l| td_string!(l, staff_licences_reason_hint))
                            error=Signal::derive(move || errors.read().field(fields::REASON)) value=reason multiline=true />
                        <Button submit=true busy=revoke.pending()>{t!(i18n, staff_licences_revoke)}</Button>
                    </form>
                }.into_any(),
                _ => ().into_any(),
            }}
        </li>
    }
}
