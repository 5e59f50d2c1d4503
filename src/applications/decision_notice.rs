use leptos::prelude::*;
use tongban_api::applications::{ApplicationEvent, TimelineEntry};

use crate::components::SummaryList;
use crate::i18n::*;
use crate::lang::localized;

stylance::import_style!(style, "decision_notice.module.css");

/// A refusal as the applicant must be told it: the reasons, the provision it rests on, and how
/// to challenge it (行政许可法 Art. 38). Drawn from the refusal on the timeline.
#[component]
pub fn DecisionNotice(refusal: TimelineEntry) -> impl IntoView {
    let i18n = use_i18n();
    let rejected = refusal.event == ApplicationEvent::Reject;
    view! {
        <section class=style::notice aria-labelledby="decision-heading">
            <h2 id="decision-heading">
                {move || if rejected { t_string!(i18n, decision_rejected) } else { t_string!(i18n, decision_not_accepted) }}
            </h2>
            <SummaryList compact=true rows=[
                Some((t!(i18n, decision_reasons).into_any(), refusal.note.clone().into_any())),
                refusal.legal_basis.as_ref().map(|basis| (t!(i18n, decision_basis).into_any(), localized(basis).into_any())),
            ].into_iter().flatten().collect() />
            <p>{t!(i18n, decision_rights)}</p>
        </section>
    }
}
