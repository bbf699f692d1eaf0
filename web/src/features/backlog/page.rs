//! 信访积案 (`#page-backlog`): the backlog ledger with its filters, the
//! rates against the targets, the form that lists or corrects an entry,
//! the candidates (old open cases), each row's actions (conclude, record
//! 息诉罢访, remove), and the printed 信访积案化解台账 ([`BacklogPrint`]).

use chrono::{Datelike, NaiveDate};
use xinfang_core::cn_text::{date_cn, date_official};
use xinfang_core::ids::BacklogId;
use xinfang_core::work::backlog::{BacklogCase, BacklogStatus};
use xinfang_core::work::change::WorkChange;
use yew::prelude::*;

use crate::i18n::labels::{backlog_status_key, backlog_status_label};

use crate::context::{change_work, go, use_app, would_apply};
use crate::features::backlog::candidates::BacklogCandidates;
use crate::features::backlog::form::{BacklogDraft, BacklogForm};
use crate::features::backlog::rates::BacklogRates;
use crate::i18n::{dates, tr, Lang};
use crate::route;
use crate::route::{Route, WorkDoc};
use crate::ui::case_pick::case_link;

/// The status filter's values.
pub const STATUS_FILTERS: [&str; 5] = ["", "open", "concluded", "resolved", "filed"];

/// What the ledger's filters hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BacklogFilter {
    /// One of [`STATUS_FILTERS`].
    pub status: String,
    /// A person id number, `""` for every leader.
    pub leader: String,
    /// Only entries not concluded and past their deadline.
    pub overdue: bool,
}

impl BacklogFilter {
    /// Whether an entry passes the filters on `today`.
    pub fn matches(&self, entry: &BacklogCase, today: NaiveDate) -> bool {
        let status_ok = match self.status.as_str() {
            "" => true,
            "concluded" => entry.status.concluded_on().is_some(),
            key => backlog_status_key(entry.status) == key,
        };
        let leader_ok = self.leader.is_empty() || self.leader == entry.leader.get().to_string();
        status_ok && leader_ok && (!self.overdue || entry.is_overdue(today))
    }
}

fn status_filter_label(lang: Lang, key: &str) -> &'static str {
    match key {
        "open" => tr(lang, "未办结", "Open"),
        "concluded" => tr(lang, "已办结", "Concluded"),
        "resolved" => tr(lang, "已化解", "Resolved"),
        "filed" => tr(lang, "终结备案", "Filed as final"),
        _ => tr(lang, "全部", "All"),
    }
}

/// Which action form is open under a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// 办结 (or reopen).
    Status,
    /// 息诉罢访.
    Accept,
    /// Removing the entry.
    Remove,
}

/// 信访积案.
#[component]
pub fn BacklogPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let draft = use_state(|| BacklogDraft::new(today));
    let filter = use_state(BacklogFilter::default);
    let panel = use_state_eq(|| None::<(BacklogId, Panel)>);

    let scroll_to_form = || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("backlog-form"))
        {
            el.scroll_into_view();
        }
    };
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |d: BacklogDraft| draft.set(d))
    };
    let on_candidate = {
        let (app, draft) = (app.clone(), draft.clone());
        Callback::from(move |case| {
            let next = app.office.get().case(case).map(|c| BacklogDraft::for_case(c, today));
            if let Some(next) = next {
                draft.set(next);
                scroll_to_form();
            }
        })
    };
    let set_filter = |f: fn(&mut BacklogFilter, String)| {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let mut next = (*filter).clone();
            f(&mut next, e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            filter.set(next);
        })
    };
    let on_overdue = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            filter.set(BacklogFilter { overdue: checked, ..(*filter).clone() });
        })
    };

    let office = app.office.get();
    let work = app.work();
    // In a unit's view only its cases, each entry as the core shows it.
    let viewer = crate::access::viewer(&app.prefs);
    let all: Vec<_> = work.backlog.iter().filter(|e| viewer.sees_id(&office, e.case)).collect();
    let mut leader_ids: Vec<_> = all.iter().map(|e| e.leader).collect();
    leader_ids.sort();
    leader_ids.dedup();
    let shown: Vec<_> = all.iter().filter(|e| filter.matches(e, today)).collect();
    let overdue_count = work.backlog.overdue(today).count();

    let rows = shown.iter().map(|entry| {
        let id = entry.id();
        let withheld = viewer.withholds_id(&office, entry.case);
        let shown_entry = viewer.backlog(&office, entry.data());
        let org = &office.settings().org;
        let summary =
            office.case(entry.case).map(|c| viewer.summary(c, org).to_string()).unwrap_or_default();
        let intake = office.case(entry.case).map(|c| c.intake().clone());
        let township = intake
            .as_ref()
            .and_then(|i| i.township)
            .map(|u| office.settings().org.unit_name(u))
            .unwrap_or_default();
        let overdue = entry.is_overdue(today);
        let status = match entry.status.concluded_on() {
            Some(on) => format!("{}（{}）", backlog_status_label(lang, entry.status), dates::display(lang, on)),
            None => backlog_status_label(lang, entry.status).to_string(),
        };
        let accepted = entry.accepted_on.map_or_else(|| "—".to_string(), |on| dates::display(lang, on));
        let open_panel = |which: Panel| {
            let panel = panel.clone();
            Callback::from(move |_: MouseEvent| {
                if *panel == Some((id, which)) {
                    panel.set(None);
                } else {
                    panel.set(Some((id, which)));
                }
            })
        };
        let on_edit = {
            let (draft, app) = (draft.clone(), app.clone());
            Callback::from(move |_: MouseEvent| {
                let next =
                    app.work().backlog.get(id).map(|e| BacklogDraft::from_entry(id, e.data()));
                if let Some(next) = next {
                    draft.set(next);
                    scroll_to_form();
                }
            })
        };
        let open_here = (*panel).filter(|(p, _)| *p == id).map(|(_, which)| which);
        let on_close = {
            let panel = panel.clone();
            Callback::from(move |()| panel.set(None))
        };
        html! {
            <>
            <tr class={classes!("backlog-row", overdue.then_some("overdue"))}
                data-id={id.get().to_string()} data-case={entry.case.get().to_string()}
                data-status={backlog_status_key(entry.status)}>
                <td class="backlog-id">{ id.to_string() }</td>
                <td class="backlog-case">{ case_link(&app, &office, entry.case) }</td>
                <td class="backlog-summary">{ summary }</td>
                <td class="backlog-township">{ township }</td>
                <td class="backlog-listed">{ dates::display(lang, entry.listed_on) }</td>
                <td class="backlog-source">{ shown_entry.source.clone() }</td>
                <td class="backlog-leader">{ office.settings().org.person_name(entry.leader) }</td>
                <td class="backlog-plan">{ shown_entry.plan.clone() }</td>
                <td class={classes!("backlog-deadline", overdue.then_some("overdue"))}>
                    { dates::display(lang, entry.deadline) }
                    if overdue { <span class="overdue-tag">{ tr(lang, "（已超期）", " (overdue)") }</span> }
                </td>
                <td class="backlog-status">{ status }</td>
                <td class="backlog-accepted">{ accepted }</td>
                <td class="backlog-actions no-print">
                    if !withheld {
                        <button type="button" class="backlog-edit" onclick={on_edit}>{ tr(lang, "修改", "Edit") }</button>
                    }
                    <button type="button" class="backlog-set-status" onclick={open_panel(Panel::Status)}>
                        { tr(lang, "办结", "Conclude") }
                    </button>
                    <button type="button" class="backlog-accept" onclick={open_panel(Panel::Accept)}>
                        { tr(lang, "息诉罢访", "Accepted") }
                    </button>
                    <button type="button" class="backlog-remove" onclick={open_panel(Panel::Remove)}>
                        { tr(lang, "删除", "Remove") }
                    </button>
                </td>
            </tr>
            if let Some(which) = open_here {
                <tr class="backlog-panel-row no-print" data-id={id.get().to_string()}>
                    <td colspan="12">
                        <BacklogRowPanel key={format!("{id}-{which:?}")} {id} panel={which} {on_close} />
                    </td>
                </tr>
            }
            </>
        }
    });

    let count = match lang {
        Lang::ZhCn => {
            format!("共{}件（全部{}件，超期{}件）", shown.len(), all.len(), overdue_count)
        }
        Lang::En => {
            format!("{} shown ({} in all, {} overdue)", shown.len(), all.len(), overdue_count)
        }
    };
    let print = Route::WorkPrint(WorkDoc::Backlog);
    html! {
        <section id="page-backlog" class="work-page">
            <h2>{ tr(lang, "信访积案", "Backlog cases") }</h2>
            <p class="intro muted">
                { tr(lang,
                    "积案逐案落实包案领导、化解方案和化解时限；能化解的全部化解，不能化解的终结认定备案。",
                    "Each backlog case has a leader in charge, a plan and a deadline; resolve what can be resolved, file the rest as final.") }
            </p>
            <BacklogRates />
            <section class="case-section" aria-labelledby="backlog-ledger-title">
                <h3 id="backlog-ledger-title">{ tr(lang, "积案台账", "Backlog ledger") }</h3>
                <div class="case-filters backlog-filters">
                    <label>
                        { tr(lang, "状态", "Status") }
                        <select id="backlog-filter-status" onchange={set_filter(|f, v| f.status = v)}>
                            { for STATUS_FILTERS.iter().map(|k| html! {
                                <option value={*k} selected={*k == filter.status}>{ status_filter_label(lang, k) }</option>
                            }) }
                        </select>
                    </label>
                    <label>
                        { tr(lang, "包案领导", "Leader") }
                        <select id="backlog-filter-leader" onchange={set_filter(|f, v| f.leader = v)}>
                            <option value="" selected={filter.leader.is_empty()}>{ tr(lang, "全部", "All") }</option>
                            { for leader_ids.iter().map(|p| {
                                let value = p.get().to_string();
                                html! { <option value={value.clone()} selected={value == filter.leader}>{ office.settings().org.person_name(*p) }</option> }
                            }) }
                        </select>
                    </label>
                    <label class="filter-check">
                        <input id="backlog-filter-overdue" type="checkbox" checked={filter.overdue} onchange={on_overdue} />
                        { tr(lang, "仅超期", "Overdue only") }
                    </label>
                    <span id="backlog-count" class="muted">{ count }</span>
                    <a id="backlog-print" class="button" href={route::to_hash(print)} onclick={go(&app, print)}>
                        { tr(lang, "打印台账", "Print the ledger") }
                    </a>
                </div>
                if shown.is_empty() {
                    <p id="backlog-empty" class="muted">{ tr(lang, "没有积案。", "No entries.") }</p>
                } else {
                    <div class="table-scroll">
                        <table id="backlog-table" class="case-table backlog-table">
                            <thead>
                                <tr>
                                    <th>{ tr(lang, "编号", "No.") }</th>
                                    <th>{ tr(lang, "案件", "Case") }</th>
                                    <th>{ tr(lang, "案情摘要", "Summary") }</th>
                                    <th>{ tr(lang, "乡镇", "Township") }</th>
                                    <th>{ tr(lang, "列入日期", "Listed") }</th>
                                    <th>{ tr(lang, "来源", "Source") }</th>
                                    <th>{ tr(lang, "包案领导", "Leader") }</th>
                                    <th>{ tr(lang, "化解方案", "Plan") }</th>
                                    <th>{ tr(lang, "化解时限", "Deadline") }</th>
                                    <th>{ tr(lang, "状态", "Status") }</th>
                                    <th>{ tr(lang, "息诉罢访", "Accepted") }</th>
                                    <th class="no-print">{ tr(lang, "操作", "Actions") }</th>
                                </tr>
                            </thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                }
            </section>
            <section class="case-section">
                <BacklogForm draft={(*draft).clone()} on_change={on_draft} />
            </section>
            <BacklogCandidates on_list={on_candidate} />
        </section>
    }
}

/// Props of [`BacklogRowPanel`].
#[derive(Debug, PartialEq, Properties)]
pub struct BacklogRowPanelProps {
    /// The entry.
    pub id: BacklogId,
    /// Which form.
    pub panel: Panel,
    /// Called when the form is done or cancelled.
    pub on_close: Callback<()>,
}

/// The form under a row: conclude (`#backlog-status-*`), record the
/// acceptance (`#backlog-accept-*`) or confirm the removal.
#[component]
pub fn BacklogRowPanel(props: &BacklogRowPanelProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = dates::input_value(crate::clock::today());
    let kind = use_state_eq(|| "resolved".to_string());
    let on = use_state_eq(|| today.clone());
    let error = use_state_eq(|| None::<&'static str>);
    let id = props.id;

    let submit = |make: fn(BacklogId, &str, Option<NaiveDate>) -> Option<WorkChange>| {
        let (app, kind, on, error, on_close) =
            (app.clone(), kind.clone(), on.clone(), error.clone(), props.on_close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(change) = make(id, kind.as_str(), dates::parse_input(&on)) else {
                error.set(Some("date"));
                return;
            };
            let ok = would_apply(&app.office.get(), &change, crate::clock::now());
            change_work(&app, change);
            if ok {
                on_close.emit(());
            }
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let on_date = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            on.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let date_error = (*error).map(|_| html! {
        <span class="field-error" role="alert">{ tr(lang, "请填写日期。", "Enter the date.") }</span>
    });
    let entry_label = id.to_string();
    let accepted = app.work().backlog.get(id).and_then(|e| e.accepted_on);
    match props.panel {
        Panel::Status => html! {
            <form id="backlog-status-form" class="inline-form backlog-panel" novalidate=true
                  onsubmit={submit(|id, kind, on| {
                      let status = match kind {
                          "open" => BacklogStatus::Open,
                          "filed" => BacklogStatus::Filed { on: on? },
                          _ => BacklogStatus::Resolved { on: on? },
                      };
                      Some(WorkChange::SetBacklogStatus(id, status))
                  })}>
                <strong>{ entry_label }</strong>
                <label for="backlog-status-kind">{ tr(lang, "办结情况", "Outcome") }</label>
                <select id="backlog-status-kind" onchange={on_kind}>
                    <option value="resolved" selected={*kind == "resolved"}>{ tr(lang, "已化解", "Resolved") }</option>
                    <option value="filed" selected={*kind == "filed"}>{ tr(lang, "终结认定备案", "Filed as final") }</option>
                    <option value="open" selected={*kind == "open"}>{ tr(lang, "未办结（撤销办结）", "Open (undo)") }</option>
                </select>
                if *kind != "open" {
                    <label for="backlog-status-on">{ tr(lang, "办结日期", "Concluded on") }</label>
                    <input id="backlog-status-on" type="date" value={(*on).clone()} onchange={on_date} />
                }
                { date_error }
                <button id="backlog-status-submit" type="submit">{ tr(lang, "保存", "Save") }</button>
                <button id="backlog-panel-cancel" type="button" onclick={cancel}>{ tr(lang, "取消", "Cancel") }</button>
            </form>
        },
        Panel::Accept => {
            let clear = {
                let (app, on_close) = (app.clone(), props.on_close.clone());
                Callback::from(move |_: MouseEvent| {
                    change_work(&app, WorkChange::SetBacklogAccepted(id, None));
                    on_close.emit(());
                })
            };
            html! {
            <form id="backlog-accept-form" class="inline-form backlog-panel" novalidate=true
                  onsubmit={submit(|id, _, on| Some(WorkChange::SetBacklogAccepted(id, Some(on?))))}>
                <strong>{ entry_label }</strong>
                <label for="backlog-accept-on">{ tr(lang, "息诉罢访日期", "Accepted on") }</label>
                <input id="backlog-accept-on" type="date" value={(*on).clone()} onchange={on_date} />
                { date_error }
                <button id="backlog-accept-submit" type="submit">{ tr(lang, "登记息诉罢访", "Record") }</button>
                if accepted.is_some() {
                    <button id="backlog-accept-clear" type="button" onclick={clear}>{ tr(lang, "清除", "Clear") }</button>
                }
                <button id="backlog-panel-cancel" type="button" onclick={cancel}>{ tr(lang, "取消", "Cancel") }</button>
            </form>
            }
        }
        Panel::Remove => html! {
            <form id="backlog-remove-form" class="inline-form backlog-panel" novalidate=true
                  onsubmit={submit(|id, _, _| Some(WorkChange::RemoveBacklog(id)))}>
                <span>{ match lang {
                    Lang::ZhCn => format!("确认删除积案{entry_label}（仅用于误录）？"),
                    Lang::En => format!("Remove backlog entry {entry_label} (entered by mistake)?"),
                } }</span>
                <button id="backlog-remove-confirm" type="submit">{ tr(lang, "确认删除", "Remove") }</button>
                <button id="backlog-panel-cancel" type="button" onclick={cancel}>{ tr(lang, "取消", "Cancel") }</button>
            </form>
        },
    }
}

/// 信访积案化解台账: every entry (no petitioner data: the case number,
/// township and category, never names or the petition's text), with the
/// year's rates.
#[component]
pub fn BacklogPrint() -> Html {
    let app = use_app();
    let today = crate::clock::today();
    let office = app.office.get();
    let work = app.work();
    let settings = office.settings();
    let year = today.year();
    let rates = NaiveDate::from_ymd_opt(year, 1, 1)
        .map(|first| work.backlog.rates(first, today))
        .unwrap_or_default();
    let viewer = crate::access::viewer(&app.prefs);
    let rows = work.backlog.iter().filter(|e| viewer.sees_id(&office, e.case)).enumerate().map(
        |(n, entry)| {
            let entry = viewer.backlog(&office, entry.data());
            let case = office.case(entry.case);
            let number = case.map_or_else(|| entry.case.to_string(), |c| c.number().to_string());
            let township = case
                .and_then(|c| c.intake().township)
                .map(|u| settings.org.unit_name(u))
                .unwrap_or_default();
            let category =
                case.map(|c| settings.categories.path(c.intake().category)).unwrap_or_default();
            let status = match entry.status.concluded_on() {
                Some(on) => format!("{}（{}）", entry.status.label(), date_cn(on)),
                None if entry.is_overdue(today) => format!("{}（已超期）", entry.status.label()),
                None => entry.status.label().to_string(),
            };
            html! {
                <tr data-case={entry.case.get().to_string()}>
                    <td>{ n + 1 }</td>
                    <td>{ number }</td>
                    <td>{ township }</td>
                    <td>{ category }</td>
                    <td>{ date_cn(entry.listed_on) }</td>
                    <td>{ entry.source.clone() }</td>
                    <td>{ office.settings().org.person_name(entry.leader) }</td>
                    <td class="plan">{ entry.plan.clone() }</td>
                    <td>{ date_cn(entry.deadline) }</td>
                    <td>{ status }</td>
                    <td>{ entry.accepted_on.map(date_cn).unwrap_or_default() }</td>
                </tr>
            }
        },
    );
    let total = work.backlog.iter().count();
    let open = work.backlog.open_on(today).count();
    let summary = format!(
        "截至{}，列入积案台账{total}件，尚未办结{open}件。{year}年积案办结率{}（目标{}%），结服率{}（目标{}%）。",
        date_cn(today),
        rates.resolution,
        work.targets.backlog_resolution,
        rates.acceptance,
        work.targets.backlog_acceptance,
    );
    html! {
        <article id="doc-backlog" class="official-doc ledger-doc" lang="zh-CN">
            <header class="doc-head">
                <div class="doc-issuer">{ settings.org.name().to_string() }</div>
                <h1 id="doc-title" class="doc-title">{ "信访积案化解台账" }</h1>
            </header>
            <div id="doc-body" class="doc-body">
                <p id="backlog-doc-summary">{ summary }</p>
                <table class="ledger-table">
                    <thead>
                        <tr>
                            <th>{ "序号" }</th><th>{ "案件编号" }</th><th>{ "所属乡镇" }</th>
                            <th>{ "内容分类" }</th><th>{ "列入日期" }</th><th>{ "交办来源" }</th>
                            <th>{ "包案领导" }</th><th>{ "化解方案" }</th><th>{ "化解时限" }</th>
                            <th>{ "办结情况" }</th><th>{ "息诉罢访" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <div class="doc-signoff">
                <p class="doc-signature">{ settings.org.name().to_string() }</p>
                <p class="doc-date">{ date_official(today) }</p>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::{CaseId, PersonId};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn the_filters() {
        let mut e = BacklogCase::new(CaseId::new(1), d(1, 5), PersonId::new(2), "方案", d(3, 1));
        let today = d(6, 1);
        let mut f = BacklogFilter::default();
        assert!(f.matches(&e, today));
        f.overdue = true;
        assert!(f.matches(&e, today));
        assert!(!f.matches(&e, d(2, 1)));
        f.status = "open".into();
        assert!(f.matches(&e, today));
        e.status = BacklogStatus::Filed { on: d(5, 1) };
        assert!(!f.matches(&e, today), "concluded: not overdue, not open");
        f = BacklogFilter { status: "concluded".into(), ..BacklogFilter::default() };
        assert!(f.matches(&e, today));
        f.status = "resolved".into();
        assert!(!f.matches(&e, today));
        f.status = "filed".into();
        assert!(f.matches(&e, today));
        f.leader = "3".into();
        assert!(!f.matches(&e, today));
        f.leader = "2".into();
        assert!(f.matches(&e, today));
    }
}
