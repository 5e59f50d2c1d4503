use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::wallet::WalletLicence;
use tongban_api::ErrorCode;

use super::authorisations_list::AuthorisationsList;
use super::licence_status_tag::LicenceStatusTag;
use super::redeem_form::RedeemForm;
use crate::api;
use crate::components::{Breadcrumbs, Crumb, LoadError, Skeleton, SummaryList};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{localized, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "wallet_page.module.css");

/// "My e-licences": the person's licences as cards, or the company's when acting for one.
#[component]
pub fn WalletPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let wallet = LocalResource::new(move || api::wallet(lang.get_untracked()));
    let unverified = move || session.user().is_some_and(|u| u.level < 2);
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, wallet_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <Breadcrumbs crumbs=vec![
                Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) },
                Crumb { href: "/account", label: Signal::derive(move || t_string!(i18n, account_title).to_string()) },
            ] />
            <h1>{t!(i18n, wallet_title)}</h1>
            <Show when=unverified fallback=move || view! {
                <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                    {move || Suspend::new(async move {
                        match wallet.await {
                            Ok(wallet) => { let acting = wallet.company.is_some(); view! {
                                {match wallet.company {
                                    Some(company) => view! { <p class=style::lead>{t!(i18n, wallet_company_lead, company)}</p> }.into_any(),
                                    None => view! { <p class=style::lead>{t!(i18n, wallet_lead)}</p> }.into_any(),
                                }}
                                {wallet.licences.is_empty().then(|| view! { <p>{t!(i18n, wallet_none)}</p> })}
                                <ul class=style::cards>
                                    {wallet.licences.into_iter().map(|licence| view! { <LicenceCard licence /> }).collect_view()}
                                </ul>
                                <p class=style::uses><a href="/account/data-uses">{t!(i18n, nav_data_uses)}</a></p>
                                {session.lends_licences().then(|| view! { <AuthorisationsList /> })}
                                {acting.then(|| view! {
                                    <section aria-labelledby="redeem-heading" class=style::redeem>
                                        <h2 id="redeem-heading">{t!(i18n, redeem_title)}</h2>
                                        <p>{t!(i18n, redeem_company_lead)}</p>
                                        <RedeemForm by=api::Redeemer::Company />
                                    </section>
                                })}
                            }.into_any() }
                            Err(error) if error.code == ErrorCode::Forbidden => view! { <p class=style::refused>{error.message}</p> }.into_any(),
                            Err(error) => view! { <LoadError error on_retry=move || wallet.refetch() /> }.into_any(),
                        }
                    })}
                </Transition>
            }>
                <p class=style::lead>{t!(i18n, wallet_level_needed)}</p>
                <p><a href="/account/verify?return=/account/licences" class=style::link>{t!(i18n, materials_verify_link)}</a></p>
            </Show>
        </RequireSignIn>
    }
}

#[component]
fn LicenceCard(licence: WalletLicence) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/account/licences/{}", licence.id);
    let heading_id = format!("licence-{}", licence.id);
    let until = licence.valid_until.clone();
    view! {
        <li class=style::card>
            <div class=style::top>
                <h2 id=heading_id class=style::title>{localized(&licence.title)}</h2>
                <LicenceStatusTag status=licence.status />
            </div>
            <SummaryList compact=true rows=vec![
                (t!(i18n, licence_holder).into_any(), licence.holder_name.clone().into_any()),
                (t!(i18n, licence_number).into_any(), licence.number_masked.clone().into_any()),
                (t!(i18n, licence_issuer).into_any(), localized(&licence.issuer).into_any()),
                (t!(i18n, licence_issued_on).into_any(), licence.issued_on.clone().into_any()),
                (t!(i18n, licence_valid_until).into_any(),
                    (move || until.clone().unwrap_or_else(|| t_string!(i18n, licence_no_end).to_string())).into_any()),
            ] />
            <a href=href class=style::link>{t!(i18n, licence_view)}<span class="visually-hidden">": "{localized(&licence.title)}</span></a>
        </li>
    }
}
