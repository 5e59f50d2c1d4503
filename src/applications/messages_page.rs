use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use tongban_api::applications::Message;

use crate::api::{self, ApiError};
use crate::components::{on_answer, Button, ErrorSummary, FormErrors, LoadError, Skeleton, Tag, TagTone};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "messages_page.module.css");

/// Counts the messages marked read in this visit, so that the header's badge follows.
#[derive(Clone, Copy)]
pub struct MessagesRead(RwSignal<usize>);

pub fn provide_messages_read() {
    provide_context(MessagesRead(RwSignal::new(0)));
}

/// The message centre: every change to the person's applications, newest first.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let read = expect_context::<MessagesRead>();
    let errors = RwSignal::new(FormErrors::default());
    let mark_read = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::mark_message_read(&id, lang.get_untracked()).await }
    });
    on_answer(mark_read, errors, &[], move |()| read.0.update(|n| *n += 1));
    let list = LocalResource::new(move || {
        read.0.track();
        // Messages are written by the server in the reader's language: read again on a switch.
        api::messages(lang.get())
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, messages), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <h1>{t!(i18n, messages)}</h1>
            <ErrorSummary errors=errors.into() id_prefix="messages" />
            <Transition fallback=|| view! { <Skeleton lines=4 /> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, messages_none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class=style::list>
                                {items.into_iter().map(|message| view! { <Item message mark_read /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || list.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireSignIn>
    }
}

#[component]
fn Item(message: Message, mark_read: Action<String, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let id = StoredValue::new(message.id.clone());
    let marking = mark_read.input();
    let busy = Signal::derive(move || marking.read().as_deref() == Some(id.get_value().as_str()));
    let at = message.at;
    view! {
        <li class=style::item class=(style::unread, !message.read)>
            <h2 class=style::title>
                {(!message.read).then(|| view! { <Tag tone=TagTone::Info>{t!(i18n, message_unread)}</Tag>" " })}
                {message.title.clone()}
            </h2>
            <p class=style::meta>{move || format_time(at, lang.get())}</p>
            <p>{message.body.clone()}</p>
            <div class=style::actions>
                {message.application_id.clone().map(|a| view! {
                    <a href=format!("/applications/{a}")>{t!(i18n, message_open_application)}</a>
                })}
                {(!message.read).then(|| view! {
                    <Button secondary=true busy on_click=Callback::new(move |()| { mark_read.dispatch(id.get_value()); })>{t!(i18n, message_mark_read)}</Button>
                })}
            </div>
        </li>
    }
}

/// "Messages (2)" in the header: checked again on every page change and each message read.
#[component]
pub fn UnreadCount() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let location = use_location();
    let read = expect_context::<MessagesRead>();
    let count = LocalResource::new(move || {
        location.pathname.track();
        read.0.track();
        let signed_in = session.signed_in();
        async move {
            if signed_in {
                api::unread_messages(lang.get_untracked()).await.map(|c| c.unread).unwrap_or(0)
            } else {
                0
            }
        }
    });
    view! {
        <a href="/messages" class=style::header_link>
            {t!(i18n, messages)}
            {move || count.get().filter(|n| *n > 0).map(|n| view! {
                " "<span class=style::badge>{n}<span class="visually-hidden">{t!(i18n, messages_unread_suffix)}</span></span>
            })}
        </a>
    }
}
