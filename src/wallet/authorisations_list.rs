use leptos::prelude::*;
use tongban_api::wallet::{AuthorisationStatus, AuthorisationView};

use super::disclosed_fields::field_label;
use crate::api;
use crate::components::{Button, ConfirmAction, FormErrors, LoadError, NotificationBanner, Skeleton, SummaryList, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};

stylance::import_style!(style, "authorisations_list.module.css");

/// The authorisations the holder gave, each with its uses and refused tries, revocable at once.
#[component]
pub fn AuthorisationsList() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let listed = LocalResource::new(move || api::authorisations(lang.get_untracked()));
    let revoked = RwSignal::new(None::<Vec<AuthorisationView>>);
    let revoke = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move { api::revoke_authorisation(&id, lang.get_untracked()).await }
    });
    let failed = move || match revoke.value().get() {
        Some(Err(error)) => FormErrors::from_api(&error, &[], i18n.get_locale()).message,
        _ => None,
    };
    Effect::new(move |_| {
        if let Some(Ok(list)) = revoke.value().get() {
            revoked.set(Some(list));
        }
    });
    view! {
        <section aria-labelledby="authorisations-heading" class=style::section>
            <h2 id="authorisations-heading">{t!(i18n, authorisations_title)}</h2>
            {move || revoked.get().is_some().then(|| view! {
                <NotificationBanner success=true><p>{t!(i18n, authorisation_revoked_done)}</p></NotificationBanner>
            })}
            {move || failed().map(|message| view! { <p role="alert" class=style::alert>{message}</p> })}
            {move || match revoked.get().map(Ok).or_else(|| listed.get()) {
                None => view! { <Skeleton lines=3 /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{t!(i18n, authorisations_none)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class=style::list>
                        {list.into_iter().map(|a| view! { <Authorisation authorisation=a revoke /> }).collect_view()}
                    </ul>
                }.into_any(),
                Some(Err(error)) => view! { <LoadError error on_retry=move || listed.refetch() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Authorisation(authorisation: AuthorisationView, revoke: Action<String, Result<Vec<AuthorisationView>, api::ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let a = authorisation;
    let asking = RwSignal::new(false);
    let (tone, status) = match a.status {
        AuthorisationStatus::Active => (TagTone::Good, tr_status(AuthorisationStatus::Active)),
        other => (TagTone::Neutral, tr_status(other)),
    };
    let fields = a.fields.iter().map(|f| field_label(*f)).collect::<Vec<_>>();
    let fields =
        move || fields.iter().map(|f| f.get()).collect::<Vec<_>>().join(if lang.get() == tongban_api::Lang::Zh { "、" } else { ", " });
    let id = a.id.clone();
    let question_id = format!("revoke-{}", a.id);
    let active = a.status == AuthorisationStatus::Active;
    let times = if a.once { t_string!(i18n, authorise_once) } else { t_string!(i18n, authorise_repeat) };
    let uses = a.uses.clone();
    view! {
        <li class=style::item>
            <div class=style::top>
                <h3 class=style::title>{localized(&a.licence_title)}" → "{localized(&a.grantee_name)}</h3>
                <Tag tone>{move || status(i18n.get_locale())}</Tag>
            </div>
            <SummaryList compact=true rows=vec![
                (t!(i18n, authorisation_code).into_any(), view! { <span class=style::code>{a.code.clone()}</span> }.into_any()),
                (t!(i18n, authorisation_purpose).into_any(), a.purpose.clone().into_any()),
                (t!(i18n, authorisation_fields).into_any(), fields.into_any()),
                (t!(i18n, authorisation_until).into_any(), a.until.clone().into_any()),
                (t!(i18n, authorisation_times).into_any(), times.into_any()),
            ] />
            <h4 class=style::uses_title>{t!(i18n, authorisation_uses)}</h4>
            {if uses.is_empty() {
                view! { <p>{t!(i18n, authorisation_no_uses)}</p> }.into_any()
            } else {
                view! {
                    <ul class=style::uses>
                        {uses.into_iter().map(|u| {
                            let when = format_time(u.at, lang.get_untracked());
                            let refused = u.refused.is_some();
                            view! {
                                <li>
                                    {when}" · "{localized(&u.organisation)}
                                    {u.staff_number.map(|s| format!(" · {s}"))}
                                    {refused.then(|| view! { " · "<strong>{t!(i18n, authorisation_refused)}</strong> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {active.then(|| view! {
                <Show when=move || asking.get() fallback=move || view! {
                    <Button secondary=true on_click=Callback::new(move |()| asking.set(true))>{t!(i18n, authorisation_revoke)}</Button>
                }>
                    <ConfirmAction question_id=question_id.clone() question=Signal::derive(move || t_string!(i18n, authorisation_revoke_confirm).to_string())
                        yes=Signal::derive(move || t_string!(i18n, authorisation_revoke).to_string()) busy=revoke.pending()
                        on_yes=Callback::new({ let id = id.clone(); move |()| { revoke.dispatch(id.clone()); } })
                        on_cancel=Callback::new(move |()| asking.set(false)) />
                </Show>
            })}
        </li>
    }
}

fn tr_status(status: AuthorisationStatus) -> impl Fn(Locale) -> &'static str + Copy + Send + Sync {
    move |locale| match status {
        AuthorisationStatus::Active => td_string!(locale, authorisation_status_active),
        AuthorisationStatus::Revoked => td_string!(locale, authorisation_status_revoked),
        AuthorisationStatus::Expired => td_string!(locale, authorisation_status_expired),
        AuthorisationStatus::UsedUp => td_string!(locale, authorisation_status_used_up),
    }
}
