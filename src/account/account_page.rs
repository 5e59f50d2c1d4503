use leptos::prelude::*;
use leptos_meta::Title;

use super::companies_section::CompaniesSection;
use super::confirm_identity::ConfirmIdentity;
use super::history_section::HistorySection;
use super::passkeys_section::PasskeysSection;
use super::password_section::PasswordSection;
use super::phone_section::PhoneSection;
use super::sessions_section::SessionsSection;
use super::texts_language_section::TextsLanguageSection;
use crate::components::SummaryList;
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::session::use_session;

stylance::import_style!(style, "account_page.module.css");

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, account_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <h1>{t!(i18n, account_title)}</h1>
            <ul class=style::links>
                <li><a href="/account/licences">{t!(i18n, wallet_title)}</a></li>
                <li><a href="/account/data-uses">{t!(i18n, data_uses_title)}</a></li>
                <li><a href="/account/tickets">{t!(i18n, my_tickets_title)}</a></li>
                <li><a href="/account/receipts">{t!(i18n, receipts_title)}</a></li>
                <li><a href="/account/addresses">{t!(i18n, address_book_title)}</a></li>
            </ul>
            <ConfirmIdentity>
                <Profile />
                <CompaniesSection />
                <PasskeysSection />
                <SessionsSection />
                <PhoneSection />
                <PasswordSection />
                <TextsLanguageSection />
                <HistorySection />
            </ConfirmIdentity>
        </RequireSignIn>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = move || session.user();
    let level = move || match user().map_or(1, |u| u.level) {
        3 => t_string!(i18n, level_3),
        2 => t_string!(i18n, level_2),
        _ => t_string!(i18n, level_1),
    };
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t!(i18n, profile)}</h2>
            <SummaryList rows=vec![
                (t!(i18n, profile_name).into_any(), (move || user().map(|u| u.name)).into_any()),
                (t!(i18n, profile_id).into_any(), (move || user().map(|u| u.id_number_masked)).into_any()),
                (t!(i18n, profile_phone).into_any(), (move || user().map(|u| u.phone_masked)).into_any()),
                (t!(i18n, profile_level).into_any(), view! {
                    <strong>{level}</strong>
                    <span class=style::note>{t!(i18n, level_explainer)}</span>
                    {move || (user().map_or(1, |u| u.level) < 2).then(|| view! {
                        <a href="/account/verify" class=style::link>{t!(i18n, verify_link)}</a>
                    })}
                }.into_any()),
            ] />
        </section>
    }
}
