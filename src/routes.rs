use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::catalogue::{GuidePage, HomePage, SearchPage};
use crate::i18n::I18nContextProvider;
use crate::layout::Layout;
use crate::pages::{NotFound, SignInPage};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Router>
                <Layout>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("") view=HomePage />
                        <Route path=path!("services") view=SearchPage />
                        <Route path=path!("services/:code") view=GuidePage />
                        <Route path=path!("sign-in") view=SignInPage />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
