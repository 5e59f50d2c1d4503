use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::applications::{ApplicationDetail, BookRequest, BookingView, WindowSlots};
use tongban_api::fields;

use super::load::{ApplicationPage, Loaded};
use crate::api::{self, ApiError};
use crate::components::{
    on_answer, BackLink, Button, ErrorSummary, FormErrors, LoadError, NotificationBanner, Radios, Select, Skeleton, SummaryList,
};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "channel_page.module.css");

const FIELDS: &[&str] = BookRequest::FIELDS;

/// How the application is finished: fully online, or at a window anywhere in the city at a
/// booked time (found by district, with address, hours and phone).
#[component]
pub fn ChannelPage() -> impl IntoView {
    let i18n = use_i18n();
    // Held here, outside the application that reloads after a change, so the banner stays.
    let cancelled = RwSignal::new(false);
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, channel_title), t_string!(i18n, app_full_name)) />
        {move || cancelled.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, booking_cancelled)}</p></NotificationBanner> })}
        <ApplicationPage page=move |detail, loaded: Loaded| view! { <Channel detail cancelled on_changed=Callback::new(move |()| loaded.refetch()) /> } />
    }
}

#[component]
fn Channel(detail: ApplicationDetail, cancelled: RwSignal<bool>, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let id = StoredValue::new(detail.summary.id.clone());
    let windows = LocalResource::new(move || async move { api::slots(&id.get_value(), lang.get_untracked()).await });
    let errors = RwSignal::new(FormErrors::default());
    let cancel = Action::new_local(move |(): &()| async move { api::cancel_booking(&id.get_value(), lang.get_untracked()).await });
    on_answer(cancel, errors, FIELDS, move |()| {
        cancelled.set(true);
        on_changed.run(());
    });
    let book = Action::new_local(move |request: &BookRequest| {
        let request = request.clone();
        async move { api::book(&id.get_value(), &request, lang.get_untracked()).await }
    });
    on_answer(book, errors, FIELDS, move |_| {
        cancelled.set(false);
        on_changed.run(());
    });
    let current = match detail.booking.clone() {
        Some(booking) => view! {
            <section aria-labelledby="booking-heading">
                <h2 id="booking-heading">{t!(i18n, booking_current)}</h2>
                <SummaryList rows=vec![
                    (t!(i18n, booking_window).into_any(), localized(&booking.window.name).into_any()),
                    (t!(i18n, booking_address).into_any(), localized(&booking.window.address).into_any()),
                    (t!(i18n, booking_time).into_any(), format!("{} {}", booking.day, booking.time).into_any()),
                    (t!(i18n, booking_phone).into_any(), booking.window.phone.clone().into_any()),
                ] />
                {(!detail.window_required).then(|| view! { <Button secondary=true busy=cancel.pending() on_click=Callback::new(move |()| { cancel.dispatch(()); })>{t!(i18n, booking_cancel)}</Button> })}
            </section>
        }
        .into_any(),
        None => view! { <p>{if detail.window_required { t!(i18n, channel_window_required).into_any() } else { t!(i18n, channel_online_now).into_any() }}</p> }.into_any(),
    };
    view! {
        <BackLink href=format!("/applications/{}", id.get_value())>{t!(i18n, back_to_task_list)}</BackLink>
        <ErrorSummary errors=errors.into() id_prefix="booking" />
        <h1>{t!(i18n, channel_title)}</h1>
        <p>{t!(i18n, channel_lead)}</p>
        {current}
        <h2>{if detail.booking.is_some() { t!(i18n, booking_change).into_any() } else { t!(i18n, booking_make).into_any() }}</h2>
        <Transition fallback=|| view! { <Skeleton lines=4 /> }>
            {move || Suspend::new(async move {
                match windows.await {
                    Ok(list) => view! { <Finder windows=list errors book /> }.into_any(),
                    Err(error) => view! { <LoadError error on_retry=move || windows.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// District, then window, then day, then a time with places left.
#[component]
fn Finder(
    windows: Vec<WindowSlots>,
    errors: RwSignal<FormErrors>,
    book: Action<BookRequest, Result<BookingView, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let district = RwSignal::new(String::new());
    let window = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let windows = StoredValue::new(windows);
    let mut districts: Vec<tongban_api::Localized> = Vec::new();
    windows.with_value(|all| {
        for w in all {
            if !districts.iter().any(|d| d.zh == w.window.district.zh) {
                districts.push(w.window.district.clone());
            }
        }
    });
    let district_options = districts.iter().map(|d| (d.zh.clone(), Signal::derive(localized(d)))).collect();
    let in_district = move || {
        windows.with_value(|all| {
            all.iter().filter(|w| district.get().is_empty() || w.window.district.zh == district.get()).cloned().collect::<Vec<_>>()
        })
    };
    let chosen = move || windows.with_value(|all| all.iter().find(|w| w.window.code == window.get()).cloned());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        if window.get_untracked().is_empty() {
            problems.push(("window".to_string(), t_string!(i18n, booking_choose_window).to_string()));
        }
        if day.get_untracked().is_empty() {
            problems.push(("day".to_string(), t_string!(i18n, booking_choose_day).to_string()));
        }
        if time.get_untracked().is_empty() {
            problems.push(("time".to_string(), t_string!(i18n, booking_choose_time).to_string()));
        }
        if !problems.is_empty() {
            errors.set(FormErrors { fields: problems, message: None });
            return;
        }
        let request = BookRequest { window: window.get_untracked(), day: day.get_untracked(), time: time.get_untracked() };
        book.dispatch(request);
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <form on:submit=on_submit novalidate>
            <Select id="booking-district".into() label=tr(|l| td_string!(l, booking_district)) error=Signal::derive(|| None::<String>)
                placeholder=tr(|l| td_string!(l, booking_all_districts)) options=district_options selected=district />
            {move || {
                let options = in_district()
                    .into_iter()
                    .map(|w| {
                        let window = w.window.clone();
                        (w.window.code.clone(), Signal::derive(move || {
                            let l = lang.get();
                            format!("{}（{}；{}；{}）", window.name.get(l), window.address.get(l), window.hours.get(l), window.phone)
                        }))
                    })
                    .collect();
                view! { <Radios id="booking-window".into() legend=tr(|l| td_string!(l, booking_window)) error=field_error(fields::WINDOW) options selected=window /> }
            }}
            {move || chosen().map(|w| {
                let days = w.days.iter().map(|d| (d.day.clone(), Signal::derive({ let d = d.day.clone(); move || d.clone() }))).collect();
                view! { <Select id="booking-day".into() label=tr(|l| td_string!(l, booking_day)) error=field_error(fields::DAY)
                    placeholder=tr(|l| td_string!(l, booking_choose_day)) options=days selected=day /> }
            })}
            {move || chosen().and_then(|w| w.days.into_iter().find(|d| d.day == day.get())).map(|d| {
                let free: Vec<(String, Signal<String>)> = d
                    .slots
                    .into_iter()
                    .filter(|s| s.free > 0)
                    .map(|s| {
                        let label = s.time.clone();
                        let left = s.free;
                        (s.time, Signal::derive(move || td_string!(i18n.get_locale(), booking_slot, time = label.clone(), free = left).to_string()))
                    })
                    .collect();
                if free.is_empty() {
                    view! { <p>{t!(i18n, booking_day_full)}</p> }.into_any()
                } else {
                    view! { <Radios id="booking-time".into() legend=tr(|l| td_string!(l, booking_time)) error=field_error(fields::TIME) options=free selected=time /> }.into_any()
                }
            })}
            {move || errors.read().field(fields::SLOT).map(|m| view! { <p id="booking-slot" tabindex="-1" class=style::error>{m}</p> })}
            <Button submit=true busy=book.pending()>{t!(i18n, booking_submit)}</Button>
        </form>
    }
}
