use leptos::prelude::*;

use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::catalogue::ServiceGuide;
use tongban_api::ErrorCode;

use super::apply_link::Apply;
use super::guide_facts::GuideFacts;
use super::materials_list::MaterialsList;
use super::page_feedback::PageFeedback;
use super::windows_list::WindowsList;
use crate::api;
use crate::components::{Breadcrumbs, Crumb, LoadError, Skeleton};
use crate::i18n::*;
use crate::lang::{localized, use_lang};
use crate::pages::ServiceNotFound;

stylance::import_style!(style, "guide_page.module.css");

/// The service code in the address, and its guide.
pub fn use_guide() -> (Memo<String>, LocalResource<Result<ServiceGuide, api::ApiError>>) {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let guide = LocalResource::new(move || {
        let code = code.get();
        async move { api::service_guide(&code, lang.get_untracked()).await }
    });
    (code, guide)
}

/// The full guide of one service (办事指南).
#[component]
pub fn GuidePage(apply: Apply) -> impl IntoView {
    let (code, guide) = use_guide();
    view! {
        <Transition fallback=|| view! { <Skeleton lines=10 /> }>
            {move || Suspend::new(async move {
                match guide.await {
                    Ok(guide) => view! { <Guide guide apply /> }.into_any(),
                    Err(error) if error.code == ErrorCode::NotFound => {
                        view! { <ServiceNotFound code=code.get_untracked() /> }.into_any()
                    }
                    Err(error) => view! { <LoadError error on_retry=move || guide.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Guide(guide: ServiceGuide, apply: Apply) -> impl IntoView {
    let i18n = use_i18n();
    let name = localized(&guide.name);
    let title = {
        let name = name.clone();
        move || format!("{} - {}", name(), t_string!(i18n, app_full_name))
    };
    let list = |items: &[tongban_api::Localized]| items.iter().map(|item| view! { <li>{localized(item)}</li> }).collect_view();
    view! {
        <Title text=title />
        <Breadcrumbs crumbs=vec![
            Crumb { href: "/", label: Signal::derive(move || t_string!(i18n, nav_home).to_string()) },
            Crumb { href: "/services", label: Signal::derive(move || t_string!(i18n, nav_services).to_string()) },
        ] />
        <p class=style::caption>{localized(&guide.department.name)}</p>
        <h1 class=style::title>{name}</h1>
        <p class=style::lead>{localized(&guide.summary)}</p>
        <div class=style::apply>
            {apply(&guide)}
        </div>
        <section aria-labelledby="guide-summary">
            <h2 id="guide-summary">{t!(i18n, guide_summary)}</h2>
            <GuideFacts guide=guide.clone() />
        </section>
        {(!guide.conditions.is_empty()).then(|| view! {
            <section aria-labelledby="guide-conditions">
                <h2 id="guide-conditions">{t!(i18n, guide_conditions)}</h2>
                <ul class=style::bullets>{list(&guide.conditions)}</ul>
            </section>
        })}
        <section aria-labelledby="guide-materials">
            <h2 id="guide-materials">{t!(i18n, guide_materials)}</h2>
            <p>{t!(i18n, guide_materials_lead)}</p>
            <MaterialsList materials=guide.materials.clone() />
        </section>
        <section aria-labelledby="guide-process">
            <h2 id="guide-process">{t!(i18n, guide_process)}</h2>
            <ol class=style::steps>
                {guide.steps.iter().map(|step| view! {
                    <li class=style::step>
                        <h3 class=style::step_title>{localized(&step.title)}</h3>
                        <p>{localized(&step.detail)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="guide-legal">
            <h2 id="guide-legal">{t!(i18n, guide_legal_basis)}</h2>
            <ul class=style::bullets>{list(&guide.legal_basis)}</ul>
        </section>
        <section aria-labelledby="guide-windows">
            <h2 id="guide-windows">{t!(i18n, guide_windows)}</h2>
            <p>{t!(i18n, guide_windows_lead)}</p>
            <WindowsList windows=guide.windows.clone() />
        </section>
        <p><a href=format!("/contact?service={}", guide.code)>{t!(i18n, guide_contact)}</a></p>
        <PageFeedback service_code=guide.code.clone() />
    }
}
