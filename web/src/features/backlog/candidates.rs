//! The backlog page's helper list (`#backlog-candidates`): the record's
//! cases still open and received more than N months ago (default 3, as the
//! sample ledger picks them: “older than about three months and still
//! open”) that are not on the ledger yet, each with a 「列入积案」 button
//! that fills the form.

use chrono::{Months, NaiveDate};
use xinfang_core::{CaseId, Office, WorkLedgers};
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::labels::Named;
use crate::i18n::{tr, Lang};
use crate::ui::case_pick::case_link;

/// The default age, in months, of a case offered as a backlog candidate.
pub const DEFAULT_MONTHS: u32 = 3;

/// How many candidates the list shows at most.
pub const SHOWN: usize = 30;

/// The open cases received on or before `today` minus `months` months that
/// are not on the backlog ledger, oldest first, among the cases `viewer`
/// sees.
pub fn candidates(
    office: &Office,
    work: &WorkLedgers,
    today: NaiveDate,
    months: u32,
    viewer: crate::access::Viewer,
) -> Vec<CaseId> {
    let cutoff = today.checked_sub_months(Months::new(months)).unwrap_or(today);
    let mut found: Vec<(NaiveDate, CaseId)> = viewer
        .cases(office)
        .filter(|c| !c.stage().is_concluded() && c.intake().received_on <= cutoff)
        .filter(|c| work.backlog.for_case(c.id()).is_none())
        .map(|c| (c.intake().received_on, c.id()))
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// Props of [`BacklogCandidates`].
#[derive(Debug, PartialEq, Properties)]
pub struct BacklogCandidatesProps {
    /// Called with the case whose 「列入积案」 was clicked.
    pub on_list: Callback<CaseId>,
}

/// The candidates, with the months field (`#backlog-candidate-months`).
#[component]
pub fn BacklogCandidates(props: &BacklogCandidatesProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let months = use_state_eq(|| DEFAULT_MONTHS);
    let on_months = {
        let months = months.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            if let Ok(n) = v.trim().parse::<u32>() {
                months.set(n.min(120));
            }
        })
    };
    let today = crate::clock::today();
    let office = app.office.get();
    let viewer = crate::access::viewer(&app.prefs);
    let found = candidates(&office, &app.work(), today, *months, viewer);
    let total = found.len();
    let items = found.iter().take(SHOWN).filter_map(|&id| {
        let case = office.case(id)?;
        let intake = case.intake();
        let township = intake
            .township
            .map(|u| office.settings().org.unit_name(u))
            .unwrap_or_default();
        let on_click = {
            let on_list = props.on_list.clone();
            Callback::from(move |_: MouseEvent| on_list.emit(id))
        };
        Some(html! {
            <li class="backlog-candidate" data-case={id.get().to_string()}>
                { case_link(&app, &office, id) }
                <span class="candidate-date">{ crate::i18n::dates::display(lang, intake.received_on) }</span>
                <span class="candidate-township">{ township }</span>
                <span class="candidate-stage">{ case.stage().name(lang) }</span>
                <span class="candidate-summary">{ viewer.summary(case, &office.settings().org).to_string() }</span>
                <button type="button" class="backlog-candidate-list" onclick={on_click}>
                    { tr(lang, "列入积案", "List") }
                </button>
            </li>
        })
    });
    let count = match lang {
        Lang::ZhCn => format!("共{total}件"),
        Lang::En => format!("{total} cases"),
    };
    html! {
        <section id="backlog-candidates" class="case-section backlog-candidates" data-count={total.to_string()}>
            <h3>{ tr(lang, "积案候选", "Candidates") }</h3>
            <p class="inline-form">
                <label for="backlog-candidate-months">
                    { tr(lang, "登记满（月）且尚未办结：", "Open and received at least (months) ago: ") }
                </label>
                <input id="backlog-candidate-months" type="number" min="0" max="120"
                       value={months.to_string()} oninput={on_months} />
                <span id="backlog-candidate-count" class="muted">{ count }</span>
            </p>
            if total == 0 {
                <p class="muted" id="backlog-candidates-none">{ tr(lang, "没有符合条件的案件。", "No such cases.") }</p>
            } else {
                <ul class="backlog-candidate-list-items">{ for items }</ul>
                if total > SHOWN {
                    <p class="muted">{ match lang {
                        Lang::ZhCn => format!("仅显示最早的{SHOWN}件。"),
                        Lang::En => format!("Showing the oldest {SHOWN}."),
                    } }</p>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_sample::SampleConfig;

    #[test]
    fn open_old_cases_not_yet_listed() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let config = SampleConfig::year(7, today, 300);
        let office = xinfang_sample::generate(xinfang_core::Settings::sample_county(), &config)
            .expect("sample");
        let mut work = WorkLedgers::default();
        let found = candidates(&office, &work, today, 3, crate::access::Viewer::Office);
        assert!(!found.is_empty());
        let cutoff = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        for id in &found {
            let c = office.case(*id).unwrap();
            assert!(!c.stage().is_concluded());
            assert!(c.intake().received_on <= cutoff);
        }
        let received: Vec<_> =
            found.iter().map(|id| office.case(*id).unwrap().intake().received_on).collect();
        assert!(received.windows(2).all(|w| w[0] <= w[1]), "oldest first");
        assert!(
            candidates(&office, &work, today, 0, crate::access::Viewer::Office).len()
                >= found.len()
        );
        // A listed case is no longer a candidate.
        let entry = xinfang_core::work::backlog::BacklogCase::new(
            found[0],
            today,
            xinfang_core::PersonId::new(1),
            "方案",
            today,
        );
        work.backlog.list(entry).unwrap();
        assert!(!candidates(&office, &work, today, 3, crate::access::Viewer::Office)
            .contains(&found[0]));
    }
}
