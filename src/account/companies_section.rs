use leptos::prelude::*;
use tongban_api::companies::{AddAgentRequest, AgentScope, BindCompanyRequest, CompanyRole, CompanyView};
use tongban_api::fields;

use super::confirm_identity::use_proof_gate;
use crate::api;
use crate::components::{Button, Checkboxes, ErrorSummary, FormErrors, LoadError, NotificationBanner, Skeleton, Tag, TagTone, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};

stylance::import_style!(style, "companies_section.module.css");

pub fn scope_label(locale: Locale, scope: AgentScope) -> &'static str {
    match scope {
        AgentScope::Apply => td_string!(locale, scope_apply),
        AgentScope::Pay => td_string!(locale, scope_pay),
        AgentScope::ViewLicences => td_string!(locale, scope_view_licences),
    }
}

fn scopes_text(locale: Locale, scopes: &[AgentScope]) -> String {
    let separator = if locale == Locale::en { ", " } else { "、" };
    scopes.iter().map(|s| scope_label(locale, *s)).collect::<Vec<_>>().join(separator)
}

/// Companies the person represents or acts for; binding one; the representative's agents.
#[component]
pub fn CompaniesSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let companies = LocalResource::new(move || api::companies(lang.get_untracked()));
    view! {
        <section aria-labelledby="companies-heading">
            <h2 id="companies-heading">{t!(i18n, companies)}</h2>
            <p>{t!(i18n, companies_lead)}</p>
            <Transition fallback=|| view! { <Skeleton lines=3 /> }>
                {move || Suspend::new(async move {
                    match companies.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, companies_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class=style::list>
                                {list.into_iter().map(|company| view! { <Company company /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || companies.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
            <BindForm on_bound=Callback::new(move |()| companies.refetch()) />
        </section>
    }
}

#[component]
fn Company(company: CompanyView) -> impl IntoView {
    let i18n = use_i18n();
    let representative = company.role == CompanyRole::Representative;
    let scopes = company.scopes.clone();
    let code = company.credit_code.clone();
    view! {
        <li class=style::company>
            <h3 class=style::name>{company.name.clone()}</h3>
            <p class=style::meta>
                {company.credit_code.clone()}" "
                <Tag tone=if representative { TagTone::Good } else { TagTone::Info }>
                    {move || if representative { t_string!(i18n, role_representative) } else { t_string!(i18n, role_agent) }}
                </Tag>
            </p>
            <p class=style::meta>{t!(i18n, scopes)}": "{move || scopes_text(i18n.get_locale(), &scopes)}</p>
            {representative.then(|| view! { <Agents credit_code=code.clone() /> })}
        </li>
    }
}

#[component]
fn Agents(credit_code: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let code = StoredValue::new(credit_code);
    let gate = use_proof_gate();
    let agents = LocalResource::new(move || async move { api::agents(&code.get_value(), lang.get_untracked()).await });
    let remove = Action::new_local(move |agent_id: &String| {
        let agent_id = agent_id.clone();
        async move { (api::remove_agent(&code.get_value(), &agent_id, lang.get_untracked()).await, agent_id) }
    });
    let removing = remove.pending();

    Effect::new(move |_| match remove.value().get() {
        Some((Err(error), agent_id))
            if gate.takes(&error, {
                let agent_id = agent_id.clone();
                move || {
                    remove.dispatch(agent_id.clone());
                }
            }) => {}
        Some(_) => agents.refetch(),
        None => {}
    });
    view! {
        <h4 class=style::subheading>{t!(i18n, agents)}</h4>
        <Transition fallback=|| view! { <Skeleton lines=2 /> }>
            {move || Suspend::new(async move {
                match agents.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, agents_none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class=style::agents>
                            {list.into_iter().map(|agent| {
                                let id = agent.id.clone();
                                let name = agent.name.clone();
                                let scopes = agent.scopes.clone();
                                view! {
                                    <li class=format!("spread {}", style::agent)>
                                        <span>
                                            <strong>{agent.name.clone()}</strong>" "{agent.id_number_masked.clone()}
                                            <span class=style::meta>" · "{move || scopes_text(i18n.get_locale(), &scopes)}</span>
                                        </span>
                                        <button
                                            type="button"
                                            class=style::remove
                                            aria-label=move || td_string!(i18n.get_locale(), remove_agent_label, name = name.clone()).to_string()
                                            on:click=move |_| { remove.dispatch(id.clone()); }
                                            disabled=move || removing.get()
                                        >
                                            {t!(i18n, remove_agent)}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <LoadError error on_retry=move || agents.refetch() /> }.into_any(),
                }
            })}
        </Transition>
        <AddAgentForm credit_code=code.get_value() on_added=Callback::new(move |()| agents.refetch()) />
    }
}

const AGENT_FIELDS: &[&str] = AddAgentRequest::FIELDS;

#[component]
fn AddAgentForm(credit_code: String, on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let prefix = format!("agent-{credit_code}");
    let code = StoredValue::new(credit_code);
    let errors = RwSignal::new(FormErrors::default());
    let id_number = RwSignal::new(String::new());
    let scopes = RwSignal::new(Vec::<String>::new());
    let added = RwSignal::new(false);
    let add = Action::new_local(move |request: &AddAgentRequest| {
        let request = request.clone();
        async move { api::add_agent(&code.get_value(), &request, lang.get_untracked()).await }
    });
    let gate = use_proof_gate();
    let last = StoredValue::new(None::<AddAgentRequest>);
    Effect::new(move |_| match add.value().get() {
        Some(Ok(())) => {
            errors.set(FormErrors::default());
            id_number.set(String::new());
            scopes.set(Vec::new());
            added.set(true);
            on_added.run(());
        }
        Some(Err(error))
            if gate.takes(&error, move || {
                if let Some(request) = last.get_value() {
                    add.dispatch(request);
                }
            }) => {}
        Some(Err(error)) => {
            errors.set(FormErrors::from_api(&error, AGENT_FIELDS, i18n.get_locale_untracked()));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        added.set(false);
        let request = AddAgentRequest {
            id_number: id_number.get_untracked(),
            scopes: scopes.get_untracked().iter().filter_map(|s| AgentScope::parse(s)).collect(),
        };
        match request.validate() {
            Ok(()) => {
                last.set_value(Some(request.clone()));
                add.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, AGENT_FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    let options = AgentScope::ALL
        .into_iter()
        .map(|scope| (scope.as_str().to_string(), Signal::derive(move || scope_label(i18n.get_locale(), scope).to_string())))
        .collect();
    view! {
        <form class=style::form on:submit=on_submit novalidate>
            <h4 class=style::subheading>{t!(i18n, add_agent)}</h4>
            <ErrorSummary errors=errors.into() id_prefix=prefix.clone() />
            {move || added.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, agent_added)}</p></NotificationBanner> })}
            <TextField id=format!("{prefix}-id_number") label=tr(|l| td_string!(l, field_agent_id))
                hint=tr(|l| td_string!(l, field_agent_id_hint)) error=field_error(fields::ID_NUMBER) value=id_number />
            <Checkboxes id=format!("{prefix}-scopes") legend=tr(|l| td_string!(l, scopes)) error=field_error(fields::SCOPES)
                options selected=scopes />
            <Button submit=true busy=add.pending()>{t!(i18n, add_agent)}</Button>
        </form>
    }
}

#[component]
fn BindForm(on_bound: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let code = RwSignal::new(String::new());
    let bound = RwSignal::new(false);
    let bind = Action::new_local(move |request: &BindCompanyRequest| {
        let request = request.clone();
        async move { api::bind_company(&request, lang.get_untracked()).await }
    });
    let gate = use_proof_gate();
    let last = StoredValue::new(None::<BindCompanyRequest>);
    Effect::new(move |_| match bind.value().get() {
        Some(Ok(_)) => {
            errors.set(FormErrors::default());
            code.set(String::new());
            bound.set(true);
            on_bound.run(());
        }
        Some(Err(error))
            if gate.takes(&error, move || {
                if let Some(request) = last.get_value() {
                    bind.dispatch(request);
                }
            }) => {}
        Some(Err(error)) => {
            errors.set(FormErrors::from_api(&error, &["credit_code"], i18n.get_locale_untracked()));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        bound.set(false);
        let request = BindCompanyRequest { credit_code: code.get_untracked() };
        match request.validate() {
            Ok(()) => {
                last.set_value(Some(request.clone()));
                bind.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, &["credit_code"], lang.get_untracked())),
        }
    };
    view! {
        <form class=style::form on:submit=on_submit novalidate>
            <h3 class=style::subheading>{t!(i18n, bind_company)}</h3>
            <ErrorSummary errors=errors.into() id_prefix="bind" />
            {move || bound.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, company_bound)}</p></NotificationBanner> })}
            <TextField id="bind-credit_code".into() label=tr(|l| td_string!(l, field_credit_code))
                hint=tr(|l| td_string!(l, bind_company_hint)) error=Signal::derive(move || errors.read().field(fields::CREDIT_CODE))
                value=code />
            <Button submit=true busy=bind.pending()>{t!(i18n, bind_button)}</Button>
        </form>
    }
}
