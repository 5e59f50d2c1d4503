use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::wallet::{LicenceDocument, LicenceStatus};

use super::authorise_form::AuthoriseForm;
use super::licence_status_tag::LicenceStatusTag;
use super::show_code::ShowCode;
use crate::api;
use crate::components::{Breadcrumbs, Button, Crumb, LoadError, Skeleton};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{localized, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "licence_page.module.css");

/// One licence drawn like the document, with its issuer's seal; printable on one page, with its
/// sealed copy to download and a code to show it.
#[component]
pub fn LicencePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let document = LocalResource::new(move || {
        let id = id.get();
        async move { api::wallet_licence(&id, lang.get_untracked()).await }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, wallet_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <Breadcrumbs crumbs=vec![
                Crumb { href: "/account", label: Signal::derive(move || t_string!(i18n, account_title).to_string()) },
                Crumb { href: "/account/licences", label: Signal::derive(move || t_string!(i18n, wallet_title).to_string()) },
            ] />
            <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match document.await {
                        Ok(document) => view! { <Licence document /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || document.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireSignIn>
    }
}

#[component]
fn Licence(document: LicenceDocument) -> impl IntoView {
    let i18n = use_i18n();
    let licence = document.licence;
    let seal = document.seal;
    let until = licence.valid_until.clone();
    let print = Callback::new(|()| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let download = api::signed_copy_href(&licence.id);
    let shown = licence.status == LicenceStatus::Valid;
    let session = use_session();
    let may_lend = move || session.lends_licences();
    let reason = licence.status_reason.clone();
    view! {
        <article class=style::document aria-labelledby="licence-title">
            <div class=style::head>
                <p class=style::issuer>{localized(&licence.issuer)}</p>
                <h1 id="licence-title" class=style::title>{localized(&licence.title)}</h1>
                <LicenceStatusTag status=licence.status />
                {reason.map(|reason| view! { <p class=style::reason>{t!(i18n, licence_revoked_reason, reason)}</p> })}
            </div>
            <dl class=style::fields>
                <dt>{t!(i18n, licence_holder)}</dt><dd>{licence.holder_name.clone()}</dd>
                <dt>{t!(i18n, licence_number)}</dt><dd class=style::number>{document.number.clone()}</dd>
                <dt>{t!(i18n, licence_issuer)}</dt><dd>{localized(&licence.issuer)}</dd>
                <dt>{t!(i18n, licence_issued_on)}</dt><dd>{licence.issued_on.clone()}</dd>
                <dt>{t!(i18n, licence_valid_until)}</dt>
                <dd>{move || until.clone().unwrap_or_else(|| t_string!(i18n, licence_no_end).to_string())}</dd>
            </dl>
            <figure class=style::seal>
                <svg class=style::stamp viewBox="0 0 120 120" aria-hidden="true">
                    <circle cx="60" cy="60" r="54" fill="none" stroke="currentColor" stroke-width="4" />
                    <path d="M60 26 l8.2 25.2 h26.5 l-21.4 15.6 8.2 25.2 -21.5 -15.6 -21.5 15.6 8.2 -25.2 -21.4 -15.6 h26.5z" fill="currentColor" />
                </svg>
                <figcaption>
                    <strong>{t!(i18n, licence_seal, department = localized(&seal.department))}</strong>
                    <span class=style::key>{t!(i18n, licence_seal_key, key = seal.key_id.clone())}" · "{seal.signature_excerpt.clone()}"…"</span>
                    <span class=style::note>{t!(i18n, licence_seal_note)}</span>
                </figcaption>
            </figure>
        </article>
        <div class=style::actions role="group" aria-label=move || t_string!(i18n, licence_actions)>
            <Button secondary=true on_click=print>{t!(i18n, licence_print)}</Button>
            <a href=download download="" class=style::download>{t!(i18n, licence_download)}</a>
        </div>
        <section class=style::show aria-labelledby="show-heading">
            <h2 id="show-heading">{t!(i18n, show_title)}</h2>
            {if shown {
                view! { <ShowCode licence_id=licence.id.clone() /> }.into_any()
            } else {
                view! { <p>{t!(i18n, show_not_valid)}</p> }.into_any()
            }}
        </section>
        {shown.then(|| view! {
            <section class=style::show aria-labelledby="authorise-heading">
                <h2 id="authorise-heading">{t!(i18n, authorise_title)}</h2>
                <Show when=may_lend fallback=move || view! { <p>{t!(i18n, authorise_representative_only)}</p> }>
                    <AuthoriseForm licence_id=licence.id.clone() />
                </Show>
            </section>
        })}
    }
}
