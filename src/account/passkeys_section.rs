use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::passkeys::{validate_new_name, AddPasskeyRequest, PasskeyView, RenamePasskeyRequest};

use super::confirm_identity::use_proof_gate;
use crate::api::{self, ApiError};
use crate::components::{
    on_answer, Button, ConfirmAction, ErrorSummary, FormErrors, ItemList, ListItem, LoadError, NotificationBanner, Skeleton, TextField,
};
use crate::i18n::*;
use crate::lang::{format_time, tr, use_lang};
use crate::passkey;
use crate::session::use_session;

stylance::import_style!(style, "passkeys_section.module.css");

const FIELDS: &[&str] = RenamePasskeyRequest::FIELDS;

/// Why adding a passkey did not finish: the server said no, or the browser's ceremony did.
#[derive(Clone)]
enum AddFailure {
    Server(ApiError),
    Browser(FormErrors),
}

/// What just happened to a passkey, said in the banner.
#[derive(Clone, PartialEq)]
enum Done {
    Added(String),
    Renamed(String),
    Removed(String),
}

/// Passkeys: add one (named, or named after the device), rename, remove. Adding the first on a
/// verified account raises it to level 3; removing the last takes it back to 2.
#[component]
pub fn PasskeysSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let list = LocalResource::new(move || api::passkeys(lang.get_untracked()));
    let errors = RwSignal::new(FormErrors::default());
    let done = RwSignal::new(None::<Done>);
    let new_name = RwSignal::new(String::new());
    let gate = use_proof_gate();

    let changed = move |what: Done| {
        done.set(Some(what));
        list.refetch();
        session.refresh(lang.get_untracked());
    };
    // The server's options, the browser's ceremony, then the server again.
    let adding = Action::new_local(move |name: &String| {
        let name = name.clone();
        async move {
            let lang = lang.get_untracked();
            let options = api::passkey_creation_options(lang).await.map_err(AddFailure::Server)?;
            let locale = i18n.get_locale_untracked();
            let credential =
                passkey::create(options.options).await.map_err(|r| AddFailure::Browser(FormErrors::about_form(r.message(locale))))?;
            let request = AddPasskeyRequest { ceremony: options.ceremony, name, credential };
            api::add_passkey(&request, lang).await.map_err(AddFailure::Server)
        }
    });
    Effect::new(move |_| match adding.value().get() {
        Some(Ok(added)) => {
            new_name.set(String::new());
            changed(Done::Added(added.name));
        }
        Some(Err(AddFailure::Server(error)))
            if gate.takes(&error, move || {
                adding.dispatch(new_name.get_untracked());
            }) => {}
        Some(Err(AddFailure::Server(error))) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
        Some(Err(AddFailure::Browser(problem))) => errors.set(problem),
        None => {}
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let name = new_name.get_untracked();
        if let Err(problems) = validate_new_name(&name) {
            errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked()));
            return;
        }
        errors.set(FormErrors::default());
        adding.dispatch(name);
    };

    view! {
        <section aria-labelledby="passkeys-heading" class=style::section>
            <h2 id="passkeys-heading">{t!(i18n, passkeys)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="passkeys" />
            {move || done.get().map(|what| {
                let text = match what {
                    Done::Added(name) => td_string!(i18n.get_locale(), passkey_added, name = name),
                    Done::Renamed(name) => td_string!(i18n.get_locale(), passkey_renamed, name = name),
                    Done::Removed(name) => td_string!(i18n.get_locale(), passkey_removed, name = name),
                };
                view! { <NotificationBanner success=true><p>{text}</p></NotificationBanner> }
            })}
            <p>{t!(i18n, passkeys_lead)}</p>
            <Transition fallback=|| view! { <Skeleton lines=2 /> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(passkeys) if passkeys.is_empty() => view! { <p class=style::none>{t!(i18n, passkeys_none)}</p> }.into_any(),
                        Ok(passkeys) => view! {
                            <ItemList>
                                {passkeys.into_iter().map(|p| view! { <PasskeyItem passkey=p on_changed=Callback::new(changed) /> }).collect_view()}
                            </ItemList>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || list.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
            {if passkey::supported() {
                view! {
                    <form on:submit=add novalidate>
                        <TextField id="passkeys-passkey_name".into() label=tr(|l| td_string!(l, field_passkey_name))
                            hint=tr(|l| td_string!(l, field_passkey_name_hint)) error=Signal::derive(move || errors.read().field(fields::PASSKEY_NAME))
                            value=new_name />
                        <Button submit=true busy=adding.pending()>{t!(i18n, passkey_add_button)}</Button>
                    </form>
                }.into_any()
            } else {
                view! { <p>{t!(i18n, passkey_unsupported)}</p> }.into_any()
            }}
        </section>
    }
}

/// One passkey with its dates, renamed in place, removed after a confirmation.
#[component]
fn PasskeyItem(passkey: PasskeyView, on_changed: Callback<Done>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let PasskeyView { id, name, created_at, last_used_at } = passkey;
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let errors = RwSignal::new(FormErrors::default());
    let new_name = RwSignal::new(name.clone());
    let id = StoredValue::new(id);
    let name = StoredValue::new(name);
    let prefix = format!("passkey-{}", id.get_value());

    let save_name = Action::new_local(move |request: &RenamePasskeyRequest| {
        let request = request.clone();
        async move { api::rename_passkey(&id.get_value(), &request, lang.get_untracked()).await.map(|()| request.name.trim().to_string()) }
    });
    on_answer(save_name, errors, FIELDS, move |name| on_changed.run(Done::Renamed(name)));
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = RenamePasskeyRequest { name: new_name.get_untracked() };
        match request.validate() {
            Ok(()) => {
                save_name.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let gate = use_proof_gate();
    let removing = Action::new_local(move |(): &()| async move { api::remove_passkey(&id.get_value(), lang.get_untracked()).await });
    Effect::new(move |_| match removing.value().get() {
        Some(Ok(())) => on_changed.run(Done::Removed(name.get_value())),
        Some(Err(error))
            if gate.takes(&error, move || {
                removing.dispatch(());
            }) => {}
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, &[], i18n.get_locale_untracked())),
        None => {}
    });
    let last_used = move || match last_used_at {
        Some(at) => format_time(at, lang.get()),
        None => t_string!(i18n, passkey_never_used).to_string(),
    };
    let field_id = format!("{prefix}-passkey_name");
    view! {
        <ListItem>
            <ErrorSummary errors=errors.into() id_prefix=prefix />
            <p class=style::name>{name.get_value()}</p>
            <p class=style::meta>
                {t!(i18n, passkey_added_at)}": "{move || format_time(created_at, lang.get())}
                " · "{t!(i18n, passkey_last_used)}": "{last_used}
            </p>
            <Show when=move || renaming.get()>
                <form on:submit=rename novalidate>
                    <TextField id=field_id.clone() label=tr(|l| td_string!(l, field_passkey_new_name))
                        error=Signal::derive(move || errors.read().field(fields::PASSKEY_NAME)) value=new_name />
                    <div class=style::actions>
                        <Button submit=true busy=save_name.pending()>{t!(i18n, save)}</Button>
                        <Button secondary=true on_click=Callback::new(move |()| {
                            renaming.set(false);
                            errors.set(FormErrors::default());
                        })>{t!(i18n, cancel)}</Button>
                    </div>
                </form>
            </Show>
            <Show when=move || confirming.get()>
                <ConfirmAction question_id=format!("{}-confirm", id.get_value())
                    question=Signal::derive(move || td_string!(i18n.get_locale(), passkey_remove_confirm, name = name.get_value()).to_string())
                    yes=tr(|l| td_string!(l, passkey_remove_confirm_button)) busy=removing.pending()
                    on_yes=Callback::new(move |()| { removing.dispatch(()); }) on_cancel=Callback::new(move |()| confirming.set(false)) />
            </Show>
            <Show when=move || !renaming.get() && !confirming.get()>
                <div class=style::actions>
                    <Button secondary=true on_click=Callback::new(move |()| renaming.set(true))>
                        {t!(i18n, passkey_rename)}<span class="visually-hidden">" "{name.get_value()}</span>
                    </Button>
                    <Button secondary=true on_click=Callback::new(move |()| confirming.set(true))>
                        {t!(i18n, passkey_remove)}<span class="visually-hidden">" "{name.get_value()}</span>
                    </Button>
                </div>
            </Show>
        </ListItem>
    }
}
