use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tongban_api::applications::ApplicationDetail;

use crate::api::{self, ApiError};
use crate::lang::use_lang;

/// The application named by the `:id` in the address, loaded again when the address changes.
pub fn use_application() -> (Memo<String>, LocalResource<Result<ApplicationDetail, ApiError>>) {
    let params = use_params_map();
    let lang = use_lang();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move { api::application(&id, lang.get_untracked()).await }
    });
    (id, detail)
}
