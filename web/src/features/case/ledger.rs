//! What an imported case's old ledger states (`#case-ledger`): where the
//! row came from, the ledger's own number, its stated conclusion, which
//! duties are not judged for want of a date, and every cell kept as
//! written (`.ledger-cell` with `data-header`).

use xinfang_core::{CaseId, Stage};
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr};

/// Props of [`CaseLedger`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseLedgerProps {
    /// The case.
    pub id: CaseId,
}

/// The ledger row of an imported case; nothing for any other case.
#[component]
pub fn CaseLedger(props: &CaseLedgerProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let Some(case) = office.case(props.id) else { return html! {} };
    let s = office.settings();
    // The accused unit sees no text of the row (core::access::redact_case).
    let viewer = crate::access::viewer(&app.prefs);
    let case = viewer.case(case, &s.org);
    let Some(ledger) = case.ledger() else { return html! {} };
    let closed = ledger.closed.as_ref().filter(|_| case.stage() == Stage::Archived).map(|c| {
        let on = c.on.map_or_else(
            || tr(lang, "台账未载办结日期", "no date in the ledger").to_string(),
            |d| dates::display(lang, d),
        );
        let outcome = c.outcome.map(|o| o.name(lang).to_string());
        let rating = c.rating.map(|r| r.name(lang).to_string());
        let parts: Vec<String> =
            [Some(on), outcome, rating, (!c.result.is_empty()).then(|| c.result.clone())]
                .into_iter()
                .flatten()
                .collect();
        html! {
            <p id="case-ledger-closed">
                <strong>{ tr(lang, "台账记载已办结：", "Concluded per the ledger: ") }</strong>
                { parts.join(tr(lang, "；", "; ")) }
                <br />
                <span class="muted">{ tr(lang,
                    "台账未载答复所需的受理时间、答复时间或答复结果，本件记为已办结（台账），不计超期，及时受理率、按期办结率不作判断。",
                    "The ledger lacks the acceptance day, reply day or outcome a reply needs: the case is recorded as concluded per the ledger, is never overdue, and is not judged by the timeliness indicators.") }</span>
            </p>
        }
    });
    let unjudged = (!ledger.routed_on_stated && case.routing().is_some()).then(|| html! {
        <p id="case-ledger-unjudged" class="muted">{ tr(lang,
            "台账未载转送日期：转送按登记日期记录，转送和受理是否及时不作判断，也不计超期。",
            "The ledger gives no routing day: the routing is recorded on the received day, and neither it nor the acceptance is judged or counted overdue.") }</p>
    });
    html! {
        <section id="case-ledger" class="case-section" aria-labelledby="case-ledger-title">
            <h3 id="case-ledger-title">{ tr(lang, "原台账记录", "The old ledger's row") }</h3>
            <p id="case-ledger-source">
                { tr(lang, "来源：", "From: ") }{ ledger.source.clone() }
                if !ledger.number.is_empty() {
                    { tr(lang, "；原编号：", "; its number: ") }
                    <span id="case-ledger-number">{ ledger.number.clone() }</span>
                }
            </p>
            { closed.unwrap_or_default() }
            { unjudged.unwrap_or_default() }
            if !ledger.cells.is_empty() {
                <table class="ledger-cells">
                    <tbody>
                    { for ledger.cells.iter().map(|c| html! {
                        <tr class="ledger-cell" data-header={c.header.clone()}>
                            <th scope="row">{ c.header.clone() }</th>
                            <td>{ c.text.clone() }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
