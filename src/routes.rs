use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::account::{AccountPage, VerifyPage};
use crate::applications::{
    provide_messages_read, ChannelPage, CheckPage, ConfirmationPage, MaterialsPage, MessagesPage, MyApplicationsPage, QuestionPage,
    TaskListPage,
};
use crate::catalogue::{GuidePage, HomePage, SearchPage};
use crate::decisions::DecisionsPage;
use crate::dev::OutboxPage;
use crate::i18n::{use_i18n, I18nContextProvider};
use crate::identity::{RegisterPage, SignInPage};
use crate::lang::{lang_of, restore_chosen_language};
use crate::layout::Layout;
use crate::pages::NotFound;
use crate::session::provide_session;
use crate::staff::{CasePage, QueuePage, StaffSignInPage};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <SessionProvider>
            <Router>
                <Layout>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("") view=HomePage />
                        <Route path=path!("services") view=SearchPage />
                        <Route path=path!("services/:code") view=GuidePage />
                        <Route path=path!("decisions") view=DecisionsPage />
                        <Route path=path!("sign-in") view=SignInPage />
                        <Route path=path!("register") view=RegisterPage />
                        <Route path=path!("account") view=AccountPage />
                        <Route path=path!("account/verify") view=VerifyPage />
                        <Route path=path!("applications") view=MyApplicationsPage />
                        <Route path=path!("applications/:id") view=TaskListPage />
                        <Route path=path!("applications/:id/pages/:page") view=QuestionPage />
                        <Route path=path!("applications/:id/check") view=CheckPage />
                        <Route path=path!("applications/:id/materials") view=MaterialsPage />
                        <Route path=path!("applications/:id/channel") view=ChannelPage />
                        <Route path=path!("applications/:id/done") view=ConfirmationPage />
                        <Route path=path!("messages") view=MessagesPage />
                        <Route path=path!("staff") view=QueuePage />
                        <Route path=path!("staff/sign-in") view=StaffSignInPage />
                        <Route path=path!("staff/applications/:id") view=CasePage />
                        <Route path=path!("dev/outbox") view=OutboxPage />
                    </Routes>
                </Layout>
            </Router>
            </SessionProvider>
        </I18nContextProvider>
    }
}

/// Loads this browser's session once, inside the i18n context so errors come in its language.
#[component]
fn SessionProvider(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    restore_chosen_language();
    provide_session(lang_of(i18n.get_locale_untracked()));
    provide_messages_read();
    children()
}
