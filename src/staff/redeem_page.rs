use leptos::prelude::*;
use leptos_meta::Title;

use super::require_staff::RequireStaff;
use crate::api;
use crate::components::{Breadcrumbs, Crumb};
use crate::i18n::*;
use crate::wallet::RedeemForm;

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
            <RedeemForm by=api::Redeemer::Officer />
        </RequireStaff>
    }
}
