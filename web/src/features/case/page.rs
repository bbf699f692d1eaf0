//! 案件详情: one case — its header (number, stage, what was received), what
//! it owes next and every deadline, the routing form while it waits to be
//! routed, the actions its stage allows (`CaseActions`), linking it as a
//! repeat, its printable documents and its timeline.

use xinfang_core::{Action, CaseId, Command, Stage};
use yew::prelude::*;

use crate::context::{execute, go, use_app};
use crate::features::case::actions::CaseActions;
use crate::features::case::deadlines::CaseDeadlines;
use crate::features::case::header::CaseHeader;
use crate::features::case::route_form::RouteForm;
use crate::features::case::timeline::Timeline;
use crate::i18n::labels::Named;
use crate::i18n::{tr, Bilingual, Lang};
use crate::route;
use crate::route::Route;
use xinfang_core::documents::DocumentKind;

/// Props of [`CasePage`].
#[derive(Debug, PartialEq, Properties)]
pub struct CasePageProps {
    /// The case shown.
    pub id: CaseId,
}

/// A document's name.
pub fn document_label(lang: Lang, doc: DocumentKind) -> String {
    let (zh, en) = match doc {
        DocumentKind::Acceptance => ("受理告知书", "Notice of acceptance"),
        DocumentKind::Refusal => ("不予受理告知书", "Notice of refusal"),
        DocumentKind::Direction => ("导入相应程序告知书", "Notice of the statutory procedure"),
        DocumentKind::Extension => ("延长办理期限告知书", "Notice of extension"),
        DocumentKind::Reply => ("处理意见书", "Written reply"),
        DocumentKind::ReviewDecision => ("复查意见书", "Review decision"),
        DocumentKind::ReReviewDecision => ("复核意见书", "Re-review decision"),
        DocumentKind::Assignment => ("交办函", "Assignment letter"),
        DocumentKind::Supervision(no) => {
            return match lang {
                Lang::ZhCn => format!("督办函（第{no}号）"),
                Lang::En => format!("Supervision notice no. {no}"),
            }
        }
    };
    tr(lang, zh, en).to_string()
}

/// The `#doc-<slug>` id of a document's link (the slug of its print route).
pub fn document_slug(id: CaseId, doc: DocumentKind) -> String {
    let hash = route::to_hash(Route::Print(id, doc));
    hash.rsplit('/').next().unwrap_or_default().to_string()
}

/// One case.
#[component]
pub fn CasePage(props: &CasePageProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let id = props.id;
    let link_number = use_state_eq(String::new);
    let link_error = use_state_eq(|| Option::<Bilingual>::None);
    // The page stays mounted from one case to the next: start the link
    // form afresh for each case.
    {
        let (link_number, link_error) = (link_number.clone(), link_error.clone());
        use_effect_with(id, move |_| {
            link_number.set(String::new());
            link_error.set(None);
        });
    }

    let office = app.office.get();
    let Some(case) = office.case(id) else {
        return html! {
            <section id="page-case" data-stage="">
                <h2>{ tr(lang, "案件详情", "Case") }</h2>
                <p id="case-missing" class="form-error">
                    { tr(lang, "没有这个案件。", "There is no such case.") }
                    { " " }
                    <a href={route::to_hash(Route::Cases)} onclick={go(&app, Route::Cases)}>
                        { tr(lang, "返回案件查询", "Back to the cases") }
                    </a>
                </p>
            </section>
        };
    };
    let access = crate::access::viewer(&app.prefs).access(case, &office.settings().org);
    if access == crate::access::Access::Refused {
        // Typed as `#/case/N` in a unit's view: the core says this unit
        // does not handle it, so nothing of it is shown.
        return html! {
            <section id="page-case" data-stage="" data-refused="true">
                <h2>{ tr(lang, "案件详情", "Case") }</h2>
                <p id="case-refused" class="form-error" role="alert">
                    { crate::access::refused().get(lang).to_string() }
                    { " " }
                    <a href={route::to_hash(Route::Cases)} onclick={go(&app, Route::Cases)}>
                        { tr(lang, "返回案件查询", "Back to the cases") }
                    </a>
                </p>
            </section>
        };
    }
    let stage = case.stage();
    // In the accused unit's view an accusation is read-only and shows no
    // documents or repeat form: nothing of it is for that unit to act on.
    let hidden = access == crate::access::Access::Withheld;

    let docs: Vec<Html> = xinfang_core::documents::available(&office, case.id())
        .into_iter()
        .map(|doc| {
            let target = Route::Print(id, doc);
            html! {
                <li>
                    <a id={format!("doc-{}", document_slug(id, doc))} href={route::to_hash(target)}
                       onclick={go(&app, target)}>{ document_label(lang, doc) }</a>
                </li>
            }
        })
        .collect();

    let on_link_input = {
        let link_number = link_number.clone();
        Callback::from(move |e: InputEvent| {
            link_number.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
        })
    };
    let on_link = {
        let app = app.clone();
        let link_number = link_number.clone();
        let link_error = link_error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = (*link_number).trim().to_string();
            let found = crate::ui::case_pick::find_by_number(
                crate::access::viewer(&app.prefs),
                &app.office.get(),
                &typed,
            );
            match found {
                _ if typed.is_empty() => link_error.set(Some(Bilingual::new(
                    "请填写前次信访件的编号",
                    "Enter the number of the earlier case.",
                ))),
                None => link_error.set(Some(Bilingual::new(
                    format!("没有编号为“{typed}”的案件"),
                    format!("There is no case numbered “{typed}”."),
                ))),
                Some(earlier) if earlier == id => link_error
                    .set(Some(Bilingual::new("不能关联本件自身", "A case cannot repeat itself."))),
                Some(earlier) => {
                    link_error.set(None);
                    link_number.set(String::new());
                    execute(
                        &app,
                        Command::Act { case: id, action: Action::LinkRepeat { earlier } },
                    );
                }
            }
        })
    };

    html! {
        <section id="page-case" data-stage={stage.key()} data-case={id.get().to_string()}>
            <CaseHeader {id} />
            <CaseDeadlines {id} />
            <crate::features::case::ledger::CaseLedger {id} />
            if hidden {
                <p id="case-actions-hidden" class="muted">
                    { tr(lang, "该件为检举控告事项，不向被检举单位提供办理操作和文书。",
                        "An accusation against the unit whose view is open: no actions or documents for it.") }
                </p>
            } else {
            if stage == Stage::Registered {
                <RouteForm key={id.get()} {id} />
            }
            <section id="case-actions" class="case-section">
                <CaseActions {id} />
            </section>
            <section class="case-section case-docs-section" aria-labelledby="case-docs-title">
                <h3 id="case-docs-title">{ tr(lang, "文书", "Documents") }</h3>
                if docs.is_empty() {
                    <p class="muted" id="case-docs-none">{ tr(lang, "尚无文书。", "No documents yet.") }</p>
                } else {
                    <ul id="case-docs" class="case-docs">{ for docs }</ul>
                }
            </section>
            <section class="case-section link-repeat-section" aria-labelledby="link-repeat-title">
                <h3 id="link-repeat-title">{ tr(lang, "关联重复件", "Link as a repeat") }</h3>
                <form id="link-repeat-form" class="inline-form" onsubmit={on_link} novalidate=true>
                    <label for="link-repeat-number">
                        { tr(lang, "前次信访件编号", "Number of the earlier case") }
                    </label>
                    <input id="link-repeat-number" type="text" value={(*link_number).clone()}
                           placeholder="XF2026-00001" oninput={on_link_input} />
                    <button id="link-repeat-submit" type="submit">{ tr(lang, "关联", "Link") }</button>
                    if let Some(err) = &*link_error {
                        <span class="field-error" id="link-repeat-number-error" role="alert">
                            { err.get(lang).to_string() }
                        </span>
                    }
                </form>
            </section>
            }
            <crate::features::case::work::CaseWork {id} />
            <Timeline {id} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_slugs_are_the_print_routes() {
        let id = CaseId::new(7);
        assert_eq!(document_slug(id, DocumentKind::Acceptance), "acceptance");
        assert_eq!(document_slug(id, DocumentKind::ReReviewDecision), "rereview");
        assert_eq!(document_slug(id, DocumentKind::Supervision(2)), "supervision-2");
        assert_eq!(document_label(Lang::ZhCn, DocumentKind::Supervision(2)), "督办函（第2号）");
    }
}
