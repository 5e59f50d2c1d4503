use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use tongban_api::payments::ReturnRequest;
use tongban_api::ErrorCode;

use crate::api;
use crate::components::{LoadError, Skeleton};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::use_lang;

/// Back from the cashier: the single-use return address is spent (the server asks the channel
/// at once), then the payment's own page takes its place in the history.
#[component]
pub fn ReturnPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = StoredValue::new_local(use_navigate());
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, payment_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            {move || {
                let id = params.read().get("id").unwrap_or_default();
                let token = query.read().get("token").unwrap_or_default();
                let answer = LocalResource::new(move || {
                    let (id, token) = (id.clone(), token.clone());
                    async move { (id.clone(), api::return_from_cashier(&id, &ReturnRequest { token }, lang.get_untracked()).await) }
                });
                view! {
                    <h1>{t!(i18n, payment_title)}</h1>
                    <Transition fallback=|| view! { <Skeleton lines=3 /> }>
                        {move || {
                            Suspend::new(async move {
                                let (id, result) = answer.await;
                                // The only conflict is an address used before: the payment's page says the rest.
                                let used = matches!(&result, Err(e) if e.code == ErrorCode::Conflict);
                                match result {
                                    Err(error) if !used => view! { <LoadError error on_retry=move || answer.refetch() /> }.into_any(),
                                    _ => {
                                        navigate.with_value(|go| go(&format!("/payments/{id}"), NavigateOptions { replace: true, ..Default::default() }));
                                        view! { <Skeleton lines=3 /> }.into_any()
                                    }
                                }
                            })
                        }}
                    </Transition>
                }
            }}
        </RequireSignIn>
    }
}
