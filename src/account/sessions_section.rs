use leptos::prelude::*;

use crate::api;
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, ItemList, ListItem, LoadError, Skeleton, Tag, TagTone};
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
    let errors = RwSignal::new(FormErrors::default());
    let end = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::end_session(&id, lang.get_untracked()).await }
    });
    let everywhere = Action::new_local(move |(): &()| async move { api::sign_out_everywhere(lang.get_untracked()).await });
    // The action sits outside the list, so the list can follow its version without losing the error.
    let sessions = LocalResource::new(move || {
        end.version().track();
        api::sessions(lang.get_untracked())
    });
    on_answer(end, errors, &[], |()| ());
    on_answer(everywhere, errors, &[], move |()| session.clear());
    let ending = end.input();
    view! {
        <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">{t!(i18n, devices)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="devices" />
            <Transition fallback=|| view! { <Skeleton lines=3 /> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <ItemList>
                                {list.into_iter().map(|s| {
                                    let id = s.id.clone();
                                    let this_one = s.id.clone();
                                    let busy = Signal::derive(move || ending.get().as_deref() == Some(this_one.as_str()));
                                    view! {
                                        <ListItem>
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
                                                <Button busy on_click=Callback::new(move |()| { end.dispatch(id.clone()); })>{t!(i18n, end_session)}</Button>
                                            })}
                                        </ListItem>
                                    }
                                }).collect_view()}
                            </ItemList>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || sessions.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
            <Button busy=everywhere.pending() on_click=Callback::new(move |()| { everywhere.dispatch(()); })>{t!(i18n, sign_out_everywhere)}</Button>
        </section>
    }
}
