use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::wallet::{RedeemRequest, RedeemedLicence};
use tongban_api::Lang;

use super::require_staff::RequireStaff;
use crate::api::{self, ApiError};
use crate::components::{Breadcrumbs, Crumb};
use crate::i18n::*;
use crate::wallet::RedeemForm;

fn as_officer(request: RedeemRequest, lang: Lang) -> Pin<Box<dyn Future<Output = Result<RedeemedLicence, ApiError>>>> {
    Box::pin(async move { api::redeem_as_officer(&request, lang).await })
}

/// An officer uses a licence by the code its holder gave the department.
#[component]
pub fn RedeemPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, redeem_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1>{t!(i18n, redeem_title)}</h1>
            <p>{t!(i18n, redeem_lead)}</p>
            <RedeemForm redeem=as_officer />
        </RequireStaff>
    }
}
