use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use tongban_api::applications::{ApplicationDetail, SavePageRequest};
use tongban_api::forms::{Answers, Field, FormSchema};

use super::answer_field::{AnswerField, Draft};
use super::load::ApplicationPage;
use super::local_copy;
use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, NotificationBanner};
use crate::i18n::*;
use crate::lang::{localized, use_lang};

stylance::import_style!(style, "question_page.module.css");

/// One page of questions. "Continue" checks the page as the server will, saves it, and goes on to
/// the next page of the section (or back to the check page when changing an answer there).
#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page_id = Memo::new(move |_| params.read().get("page").unwrap_or_default());
    let returning = Memo::new(move |_| query.read().get("return").as_deref() == Some("check"));
    view! { <ApplicationPage page=move |detail, _| view! { <Questions detail page_id=page_id.get() returning=returning.get() /> } /> }
}

/// The page after `page_id` within its section that the answers make relevant.
fn neighbour(schema: &FormSchema, page_id: &str, answers: &Answers, forward: bool) -> Option<String> {
    let section = schema.sections.iter().find(|s| s.pages.iter().any(|p| p.id == page_id))?;
    let shown: Vec<&str> = section.pages.iter().filter(|p| schema.page_shown(p, answers)).map(|p| p.id.as_str()).collect();
    let at = section.pages.iter().position(|p| p.id == page_id)?;
    let candidates: Vec<&str> = if forward {
        section.pages[at + 1..].iter().map(|p| p.id.as_str()).collect()
    } else {
        section.pages[..at].iter().rev().map(|p| p.id.as_str()).collect()
    };
    candidates.into_iter().find(|id| shown.contains(id)).map(String::from)
}

#[component]
fn Questions(detail: ApplicationDetail, page_id: String, returning: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let id = detail.summary.id.clone();
    let task_list = format!("/applications/{id}");
    let Some(page) = detail.schema.page(&page_id).cloned() else {
        return view! {
            <h1>{t!(i18n, page_not_in_form)}</h1>
            <p><a href=task_list class=style::link>{t!(i18n, back_to_task_list)}</a></p>
        }
        .into_any();
    };
    let known = |field: &Field| field.prefill.and_then(|p| detail.known.get(&p));
    let prefilled = page.fields.iter().any(|f| !detail.answers.contains_key(&f.id) && known(f).is_some());
    let drafts: Vec<(Field, Draft)> = page.fields.iter().map(|f| (f.clone(), Draft::new(f, detail.answers.get(&f.id), known(f)))).collect();
    let drafts = StoredValue::new(drafts);
    let schema = StoredValue::new(detail.schema.clone());
    let saved = StoredValue::new(detail.answers.clone());
    // The answers as they stand on screen, over those saved from other pages: conditions on
    // this page react to them as the person chooses.
    let current = move || {
        let mut answers = saved.get_value();
        drafts.with_value(|drafts| {
            for (field, draft) in drafts {
                match draft.answer() {
                    Some(answer) => answers.insert(field.id.clone(), answer),
                    None => answers.remove(&field.id),
                };
            }
        });
        answers
    };
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    // A copy kept in this browser from a save that never reached the server comes back first.
    let page_answers_of = move |answers: &Answers| -> Answers {
        drafts.with_value(|drafts| drafts.iter().filter_map(|(f, _)| answers.get(&f.id).map(|a| (f.id.clone(), a.clone()))).collect())
    };
    let saved_here = page_answers_of(&detail.answers);
    let restored = match local_copy::read(&detail.summary.id, &page.id) {
        Some(local) if local != saved_here => {
            drafts.with_value(|drafts| drafts.iter().for_each(|(f, d)| d.restore(local.get(&f.id))));
            true
        }
        Some(_) => {
            local_copy::forget(&detail.summary.id, &page.id);
            false
        }
        None => false,
    };
    {
        let (application, page_id) = (detail.summary.id.clone(), page.id.clone());
        Effect::new(move |first: Option<()>| {
            let answers = page_answers_of(&current());
            if first.is_some() {
                local_copy::keep(&application, &page_id, &answers);
            }
        });
    }
    let version = detail.version;
    let today = detail.today.clone();
    let page_key = StoredValue::new(page.id.clone());
    let order: Vec<String> = page.fields.iter().map(|f| f.id.clone()).collect();
    let order = StoredValue::new(order);
    let back = if returning {
        format!("/applications/{id}/check")
    } else {
        neighbour(&detail.schema, &page.id, &detail.answers, false)
            .map_or_else(|| task_list.clone(), |p| format!("/applications/{id}/pages/{p}"))
    };
    let app_id = StoredValue::new(id.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers = current();
        let page_id = page_key.get_value();
        let problems = schema.with_value(|s| s.check_page(&page_id, &answers, &today));
        if !problems.is_empty() {
            let lang = lang.get_untracked();
            errors.set(FormErrors { fields: problems.iter().map(|p| (p.field.clone(), p.message(lang))).collect(), message: None });
            return;
        }
        errors.set(FormErrors::default());
        let page_answers: Answers = schema.with_value(|s| {
            s.page(&page_id)
                .map(|p| s.shown_fields(p, &answers).filter_map(|f| answers.get(&f.id).map(|a| (f.id.clone(), a.clone()))).collect())
                .unwrap_or_default()
        });
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let id = app_id.get_value();
            let request = SavePageRequest { page: page_id.clone(), answers: page_answers, version };
            match api::save_page(&id, &request, lang.get_untracked()).await {
                Ok(saved) => {
                    local_copy::forget(&id, &page_id);
                    let next = if returning {
                        format!("/applications/{id}/check")
                    } else {
                        neighbour(&saved.schema, &page_id, &saved.answers, true)
                            .map_or_else(|| format!("/applications/{id}"), |p| format!("/applications/{id}/pages/{p}"))
                    };
                    navigate(&next, Default::default());
                }
                Err(error) => {
                    let _ = busy.try_set(false);
                    let order = order.get_value();
                    let order: Vec<&str> = order.iter().map(String::as_str).collect();
                    let _ = errors.try_set(FormErrors::from_api(&error, &order, i18n.get_locale_untracked()));
                }
            }
        });
    };

    let service = localized(&detail.summary.service_name);
    let title = localized(&page.title);
    let document_title = {
        let title = title.clone();
        move || {
            // The title outlives this page by a moment when the next page of the section replaces it.
            let failed = errors.try_with(|e| !e.is_empty()).unwrap_or(false);
            let prefix = if !failed { String::new() } else { format!("{}: ", t_string!(i18n, error_title_prefix)) };
            format!("{prefix}{} - {}", title(), t_string!(i18n, app_full_name))
        }
    };
    let fields = drafts
        .get_value()
        .into_iter()
        .map(|(field, draft)| {
            let condition = field.show_if.clone();
            let field_id = field.id.clone();
            let error = Signal::derive(move || errors.read().field(&field_id));
            let shown = move || FormSchema::condition_met(condition.as_ref(), &current());
            view! {
                <Show when=shown>
                    <AnswerField field=field.clone() draft error application_id=app_id.get_value() />
                </Show>
            }
        })
        .collect_view();
    view! {
        <Title text=document_title />
        <a href=back class=style::back><span aria-hidden="true">"‹ "</span>{t!(i18n, back)}</a>
        <ErrorSummary errors=errors.into() id_prefix="form" />
        <p class=style::caption>{service}</p>
        <h1>{title}</h1>
        {restored.then(|| view! { <NotificationBanner><p>{t!(i18n, restored_note)}</p></NotificationBanner> })}
        {(prefilled && !restored).then(|| view! { <NotificationBanner><p>{t!(i18n, prefilled_note)}</p></NotificationBanner> })}
        <form on:submit=on_submit novalidate class=style::form>
            {fields}
            <Button submit=true busy=busy>{if returning { t!(i18n, save_and_return).into_any() } else { t!(i18n, save_and_continue).into_any() }}</Button>
        </form>
        <p><a href=task_list class=style::link>{t!(i18n, back_to_task_list)}</a></p>
    }
    .into_any()
}
