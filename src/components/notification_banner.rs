use leptos::prelude::*;

stylance::import_style!(style, "notification_banner.module.css");

/// A message about what just happened (`success`) or something to know (`info`), announced to
/// screen readers as a status.
#[component]
pub fn NotificationBanner(#[prop(optional)] success: bool, children: Children) -> impl IntoView {
    view! {
        <div class=if success { style::success } else { style::info } role="status">
            {children()}
        </div>
    }
}
