use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::applications::{ApplicationState, ApplicationSummary};

use super::state_tag::StateTag;
use crate::api;
use crate::components::{ItemList, ListItem, LoadError, Skeleton};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, localized, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "my_applications_page.module.css");

/// "My applications": drafts to continue and applications to follow, newest first. Acting for a
/// company, the company's applications.
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, my_applications), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <h1>{t!(i18n, my_applications)}</h1>
            <ApplicationsList />
        </RequireSignIn>
    }
}

#[component]
fn ApplicationsList() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    // Switching between oneself and a company changes whose applications these are.
    let list = LocalResource::new(move || {
        session.view().and_then(|v| v.acting_as);
        api::applications(lang.get_untracked())
    });
    view! {
        <Transition fallback=|| view! { <Skeleton lines=4 /> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <p>{t!(i18n, my_applications_none)}</p>
                        <p><a href="/services">{t!(i18n, my_applications_find)}</a></p>
                    }.into_any(),
                    Ok(items) => view! {
                        <ItemList>
                            {items.into_iter().map(|item| view! { <Item item /> }).collect_view()}
                        </ItemList>
                    }.into_any(),
                    Err(error) => view! { <LoadError error on_retry=move || list.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Item(item: ApplicationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let href = format!("/applications/{}", item.id);
    let draft = item.state == ApplicationState::Draft;
    let number = item.number.clone();
    view! {
        <ListItem>
            <h2 class=style::name><a href=href>{localized(&item.service_name)}</a></h2>
            <p class=style::meta>
                <StateTag state=item.state />
                {number.map(|n| view! { " "<span>{t!(i18n, application_number)}": "{n}</span> })}
                {item.company_name.clone().map(|c| view! { " · "<span>{c}</span> })}
            </p>
            <p class=style::meta>
                {if draft { t!(i18n, last_saved).into_any() } else { t!(i18n, last_updated).into_any() }}": "
                {move || format_time(item.updated_at, lang.get())}
            </p>
        </ListItem>
    }
}
