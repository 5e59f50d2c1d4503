use leptos::prelude::*;
use tongban_api::ratings::HandlingRating;

use super::RatingSummary;
use crate::api::{self, Rated};
use crate::components::{ButtonLink, LoadError, Skeleton};
use crate::i18n::*;
use crate::lang::use_lang;

stylance::import_style!(style, "rating_panel.module.css");

/// On a decided application or a closed ticket: an invitation to rate how it was handled, or the
/// rating given with the department's follow-up, and the one chance to change it.
#[component]
pub fn RatingPanel(rated: Rated, id: String) -> impl IntoView {
    let lang = use_lang();
    let id = StoredValue::new(id);
    let rating = LocalResource::new(move || {
        let lang = lang.get();
        async move { api::rating(rated, &id.get_value(), lang).await }
    });
    view! {
        <Transition fallback=|| view! { <Skeleton lines=2 /> }>
            {move || Suspend::new(async move {
                match rating.await {
                    Ok(found) => view! { <Rating href=format!("{}/rating", rated.page(&id.get_value())) found /> }.into_any(),
                    Err(error) => view! { <LoadError error on_retry=move || rating.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Rating(href: String, found: HandlingRating) -> impl IntoView {
    let i18n = use_i18n();
    match found.rating {
        None if !found.open => ().into_any(),
        None => view! {
            <section class=style::panel aria-labelledby="rating-heading">
                <h2 id="rating-heading">{t!(i18n, rating_invite_heading)}</h2>
                <p>{t!(i18n, rating_invite_lead)}</p>
                <ButtonLink href>{t!(i18n, rating_invite_button)}</ButtonLink>
            </section>
        }
        .into_any(),
        Some(rating) => {
            let may_revise = rating.may_revise();
            view! {
                <section class=style::panel aria-labelledby="rating-heading">
                    <h2 id="rating-heading">{t!(i18n, rating_yours)}</h2>
                    <RatingSummary rating />
                    {may_revise.then(|| view! { <p><a href=href>{t!(i18n, rating_change)}</a></p> })}
                </section>
            }
            .into_any()
        }
    }
}
