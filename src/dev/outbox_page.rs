use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::ErrorCode;

use crate::api;
use crate::components::{Button, LoadError, Skeleton};
use crate::i18n::*;
use crate::lang::{format_time, use_lang};

stylance::import_style!(style, "outbox_page.module.css");

/// The sandbox SMS gateway's messages, newest first, so codes can be read in development.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let messages = LocalResource::new(move || api::dev_outbox(lang.get_untracked()));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, outbox_title), t_string!(i18n, app_full_name)) />
        <h1>{t!(i18n, outbox_title)}</h1>
        <p>{t!(i18n, outbox_lead)}</p>
        <Button on_click=Callback::new(move |()| messages.refetch())>{t!(i18n, refresh)}</Button>
        <Transition fallback=|| view! { <Skeleton lines=4 /> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, outbox_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class=style::list>
                            {list.into_iter().map(|m| view! {
                                <li class=style::message>
                                    <p class=style::meta>
                                        {t!(i18n, outbox_to)}": "<strong>{m.phone.clone()}</strong>
                                        " · "{t!(i18n, outbox_sent_at)}": "{move || format_time(m.sent_at, lang.get())}
                                    </p>
                                    <p class=style::body>{m.body.clone()}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) if error.code == ErrorCode::NotFound => {
                        view! { <p>{t!(i18n, outbox_unavailable)}</p> }.into_any()
                    }
                    Err(error) => view! { <LoadError error on_retry=move || messages.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}
