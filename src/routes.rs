//! The routes of each build (see `tongban_api::bundles`). A build draws only its own addresses;
//! any other address is handed to the browser for a full load, and the server sends a build that
//! draws it.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use tongban_api::bundles::Bundle;

use crate::catalogue::{GuidePage, HomePage, SearchPage};
use crate::decisions::DecisionsPage;
use crate::i18n::{use_i18n, I18nContextProvider};
use crate::lang::{lang_of, restore_chosen_language};
use crate::layout::{AccountNav, Header, Layout, SignInLink};
use crate::pages::Elsewhere;
use crate::session::provide_session;
use crate::wallet::CheckPage;

/// Home, search, guides and the decisions register for a visitor who has not signed in: all a
/// first visit downloads.
pub fn public() -> impl IntoView {
    view! {
        <PublicShell>
            <Routes fallback=|| view! { <Elsewhere this=Bundle::Public /> }>
                <Route path=path!("") view=HomePage />
                <Route path=path!("services") view=SearchPage />
                <Route path=path!("services/:code") view=|| view! { <GuidePage apply=crate::catalogue::sign_in_to_apply /> } />
                <Route path=path!("decisions") view=DecisionsPage />
            </Routes>
        </PublicShell>
    }
}

/// Checking a shown e-licence and the published ratings, for someone without an account.
pub fn verify() -> impl IntoView {
    use crate::ratings::RatingsPage;
    view! {
        <PublicShell>
            <Routes fallback=|| view! { <Elsewhere this=Bundle::Verify /> }>
                <Route path=path!("verify") view=CheckPage />
                <Route path=path!("verify/receipt") view=crate::payments::ReceiptCheckPage />
                <Route path=path!("ratings") view=RatingsPage />
            </Routes>
        </PublicShell>
    }
}

/// Words, the router and the page layout with a sign-in link, without a session.
#[component]
fn PublicShell(children: Children) -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <ChosenLanguage>
            <Router>
                <Layout header=|| view! { <Header><SignInLink /></Header> }.into_any()>{children()}</Layout>
            </Router>
            </ChosenLanguage>
        </I18nContextProvider>
    }
}

/// Signing in, what a signed-in person or company does, and the public pages with their header.
pub fn citizen() -> impl IntoView {
    use crate::account::{AccountPage, VerifyPage};
    use crate::api::Rated;
    use crate::applications::{
        ChannelPage, CheckPage, ConfirmationPage, MaterialsPage, MessagesPage, MyApplicationsPage, QuestionPage, TaskListPage,
    };
    use crate::catalogue::GuideFeedbackPage;
    use crate::dev::OutboxPage;
    use crate::identity::{RegisterPage, SignInPage};
    use crate::ratings::{RatePage, RatingsPage};
    use crate::tickets::{ContactPage, MyTicketsPage, TicketPage};
    use crate::wallet::{DataUsesPage, LicencePage, WalletPage};
    view! {
        <SignedInShell>
            <Routes fallback=|| view! { <Elsewhere this=Bundle::Citizen /> }>
                <Route path=path!("") view=HomePage />
                <Route path=path!("services") view=SearchPage />
                <Route path=path!("services/:code") view=|| view! { <GuidePage apply=crate::applications::apply_or_start /> } />
                <Route path=path!("decisions") view=DecisionsPage />
                <Route path=path!("feedback/:code") view=GuideFeedbackPage />
                <Route path=path!("verify") view=CheckPage />
                <Route path=path!("verify/receipt") view=crate::payments::ReceiptCheckPage />
                <Route path=path!("ratings") view=RatingsPage />
                <Route path=path!("sign-in") view=SignInPage />
                <Route path=path!("register") view=RegisterPage />
                <Route path=path!("account") view=AccountPage />
                <Route path=path!("account/verify") view=VerifyPage />
                <Route path=path!("account/licences") view=WalletPage />
                <Route path=path!("account/licences/:id") view=LicencePage />
                <Route path=path!("account/data-uses") view=DataUsesPage />
                <Route path=path!("applications") view=MyApplicationsPage />
                <Route path=path!("applications/:id") view=TaskListPage />
                <Route path=path!("applications/:id/pages/:page") view=QuestionPage />
                <Route path=path!("applications/:id/check") view=CheckPage />
                <Route path=path!("applications/:id/materials") view=MaterialsPage />
                <Route path=path!("applications/:id/channel") view=ChannelPage />
                <Route path=path!("applications/:id/done") view=ConfirmationPage />
                <Route path=path!("applications/:id/rating") view=|| view! { <RatePage rated=Rated::Application /> } />
                <Route path=path!("tickets/:id/rating") view=|| view! { <RatePage rated=Rated::Ticket /> } />
                <Route path=path!("contact") view=ContactPage />
                <Route path=path!("account/tickets") view=MyTicketsPage />
                <Route path=path!("tickets/:id") view=TicketPage />
                <Route path=path!("messages") view=MessagesPage />
                <Route path=path!("payments/fees/:fee") view=crate::payments::PayPage />
                <Route path=path!("payments/:id") view=crate::payments::PaymentPage />
                <Route path=path!("payments/:id/return") view=crate::payments::ReturnPage />
                <Route path=path!("receipts/:id") view=crate::payments::ReceiptPage />
                <Route path=path!("account/receipts") view=crate::payments::ReceiptsPage />
                <Route path=path!("account/addresses") view=crate::account::AddressesPage />
                <Route path=path!("dev/outbox") view=OutboxPage />
            </Routes>
        </SignedInShell>
    }
}

/// The officers' console.
pub fn staff() -> impl IntoView {
    use crate::staff::{
        CasePage, FeedbackPage, FollowUpPage, FollowUpsPage, LicencesPage, QueuePage, RedeemPage, StaffSignInPage, StaffTicketPage,
        StaffTicketsPage,
    };
    view! {
        <SignedInShell>
            <Routes fallback=|| view! { <Elsewhere this=Bundle::Staff /> }>
                <Route path=path!("staff") view=QueuePage />
                <Route path=path!("staff/sign-in") view=StaffSignInPage />
                <Route path=path!("staff/applications/:id") view=CasePage />
                <Route path=path!("staff/licence-uses") view=RedeemPage />
                <Route path=path!("staff/pickups") view=crate::delivery::HandOverPage />
                <Route path=path!("staff/reconciliation") view=crate::payments::ReconciliationPage />
                <Route path=path!("staff/licences") view=LicencesPage />
                <Route path=path!("staff/feedback") view=FeedbackPage />
                <Route path=path!("staff/follow-ups") view=FollowUpsPage />
                <Route path=path!("staff/follow-ups/:id") view=FollowUpPage />
                <Route path=path!("staff/tickets") view=StaffTicketsPage />
                <Route path=path!("staff/tickets/:id") view=StaffTicketPage />
            </Routes>
        </SignedInShell>
    }
}

/// Words, this browser's session, the router, the page layout with the account's header, and
/// the warning before an idle session ends.
#[component]
fn SignedInShell(children: Children) -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <ChosenLanguage>
            <SessionProvider>
                <Router>
                    <Layout header=|| view! { <Header><AccountNav /></Header> }.into_any()>{children()}</Layout>
                    <crate::identity::TimeoutWarning />
                </Router>
            </SessionProvider>
            </ChosenLanguage>
        </I18nContextProvider>
    }
}

/// The language this browser chose before, inside the i18n context it sets.
#[component]
fn ChosenLanguage(children: Children) -> impl IntoView {
    restore_chosen_language();
    children()
}

/// Loads this browser's session once, inside the i18n context so errors come in its language.
#[component]
fn SessionProvider(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    provide_session(lang_of(i18n.get_locale_untracked()));
    crate::applications::provide_messages_read();
    children()
}
