use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::{Button, LoadError, Skeleton, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "sessions_section.module.css");

/// Devices signed in to this account, each of which can be signed out from here.
#[component]
pub fn SessionsSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let sessions = LocalResource::new(move || api::sessions(lang.get_untracked()));
    let end = move |id: String| {
        spawn_local(async move {
            let _ = api::end_session(&id, lang.get_untracked()).await;
            sessions.refetch();
        });
    };
    let everywhere = move || {
        spawn_local(async move {
            if api::sign_out_everywhere(lang.get_untracked()).await.is_ok() {
                session.clear();
            }
        });
    };
    view! {
        <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">{t!(i18n, devices)}</h2>
            <Transition fallback=|| view! { <Skeleton lines=3 /> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <ul class=style::list>
                                {list.into_iter().map(|s| {
                                    let id = s.id.clone();
                                    view! {
                                        <li class=style::item>
                                            <p class=style::device>
                                                {s.device.clone()}
                                                {s.current.then(|| view! { " " <Tag tone=TagTone::Good>{t!(i18n, this_device)}</Tag> })}
                                            </p>
                                            <p class=style::meta>
                                                {t!(i18n, signed_in_at)}": "{move || format_time(s.created_at, lang.get())}
                                                " · "{t!(i18n, last_active)}": "{move || format_time(s.last_seen_at, lang.get())}
                                                " · "{t!(i18n, ip_address)}": "{s.ip.clone()}
                                            </p>
                                            {(!s.current).then(|| view! {
                                                <Button on_click=Callback::new(move |()| end(id.clone()))>{t!(i18n, end_session)}</Button>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || sessions.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
            <Button on_click=Callback::new(move |()| everywhere())>{t!(i18n, sign_out_everywhere)}</Button>
        </section>
    }
}
