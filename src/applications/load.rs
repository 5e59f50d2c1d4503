use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tongban_api::applications::ApplicationDetail;

use crate::api::{self, ApiError};
use crate::components::{LoadError, Skeleton};
use crate::identity::RequireSignIn;
use crate::lang::use_lang;

/// The application named by the `:id` in the address, loaded again when the address changes,
/// the form's `:page` included: the next page of a section is drawn from what was just saved.
pub fn use_application() -> (Memo<String>, LocalResource<Result<ApplicationDetail, ApiError>>) {
    let params = use_params_map();
    let lang = use_lang();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let page = Memo::new(move |_| params.read().get("page"));
    let detail = LocalResource::new(move || {
        let id = id.get();
        page.track();
        // The timeline's words come from the server in the reader's language.
        let lang = lang.get();
        async move { api::application(&id, lang).await }
    });
    (id, detail)
}

pub type Loaded = LocalResource<Result<ApplicationDetail, ApiError>>;

/// A page about the signed-in person's application named in the address: `page` draws it once
/// loaded (and can reload it); a skeleton shows while it loads, a retry if it cannot be.
#[component]
pub fn ApplicationPage<F, V>(page: F) -> impl IntoView
where
    F: Fn(ApplicationDetail, Loaded) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let (_, detail) = use_application();
    let page = StoredValue::new(page);
    view! {
        <RequireSignIn>
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || {
                    let page = page.get_value();
                    Suspend::new(async move {
                        match detail.await {
                            Ok(loaded) => page(loaded, detail).into_any(),
                            Err(error) => view! { <LoadError error on_retry=move || detail.refetch() /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </RequireSignIn>
    }
}
