use leptos::prelude::*;

use crate::i18n::*;

stylance::import_style!(style, "footer.module.css");

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class=style::footer>
            <div class=style::inner>
                <p class=style::hotline>{t!(i18n, footer_hotline)}</p>
                <p>{t!(i18n, footer_about)}</p>
                <p>
                    <a href="/decisions">{t!(i18n, footer_decisions)}</a>
                    " · "
                    <a href="/verify">{t!(i18n, footer_check)}</a>
                    " · "
                    <a href="/ratings">{t!(i18n, footer_ratings)}</a>
                    " · "
                    <a href="/contact">{t!(i18n, footer_contact)}</a>
                </p>
                <p>
                    <a href="/api/v1/openapi.json" rel="external">{t!(i18n, footer_openapi)}</a>
                </p>
            </div>
        </footer>
    }
}
