//! 排查记录: record a screening round (`#round-form`: `#round-scope`,
//! `#round-date`, `#round-by`, `#round-issues`, `#round-campaign`,
//! `#round-notes`, `#round-submit`), the rounds of the period
//! (`tr.round-row[data-round]`, filtered by township or village with
//! `#round-filter`), edit (`.round-edit`) and remove (`.round-remove` then
//! `.round-remove-confirm`; the core refuses a round a hotspot cites), and
//! the period's counts (`#round-summary`).

use chrono::NaiveDate;
use xinfang_core::ids::Added;
use xinfang_core::ids::RoundId;
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::screening::ScreeningScope;
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::context::{send_work, use_app, AppHandle};
use crate::features::screening::forms::{scope_key, scope_township, RoundForm};
use crate::i18n::{dates, tr, Bilingual, Lang};

/// Props of [`RoundsSection`].
#[derive(Debug, PartialEq, Properties)]
pub struct RoundsProps {
    /// The first day listed.
    pub from: NaiveDate,
    /// The last day listed.
    pub to: NaiveDate,
}

/// Whether a round of `scope` passes the filter: `""` all, `t:5` a
/// township and its villages, otherwise one scope's key.
pub fn passes(filter: &str, scope: &ScreeningScope) -> bool {
    match filter.strip_prefix("t:") {
        _ if filter.is_empty() => true,
        Some(id) => id.parse::<u32>().is_ok_and(|id| scope_township(scope).get() == id),
        None => scope_key(scope) == filter,
    }
}

/// The scopes a round can name: the active townships, each followed by
/// its registered villages (`(key, name, is_village)`).
pub fn scope_options(app: &AppHandle) -> Vec<(String, String, bool)> {
    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let mut out = Vec::new();
    let villages = work.screening.villages();
    for t in org.townships() {
        let unit = ScreeningScope::Unit(t.id());
        out.push((scope_key(&unit), unit.describe(org), false));
        for v in villages.iter().filter(|v| v.township() == t.id()) {
            let scope = ScreeningScope::Village(v.clone());
            out.push((scope_key(&scope), scope.describe(org), true));
        }
    }
    let active: Vec<_> = org.townships().map(|t| t.id()).collect();
    for v in villages.iter().filter(|v| !active.contains(&v.township())) {
        let scope = ScreeningScope::Village(v.clone());
        out.push((scope_key(&scope), scope.describe(org), true));
    }
    out
}

/// How many rounds show before `#round-more`.
const PAGE: usize = 100;

/// 排查记录.
#[component]
pub fn RoundsSection(props: &RoundsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let form = use_state(|| RoundForm::new(today));
    let editing = use_state_eq(|| None::<RoundId>);
    let error = use_state_eq(|| None::<Bilingual>);
    let saved = use_state_eq(|| None::<String>);
    let filter = use_state_eq(String::new);
    let confirm = use_state_eq(|| None::<RoundId>);
    let shown = use_state_eq(|| PAGE);
    let (from, to) = (props.from, props.to);

    let field = |set: fn(&mut RoundForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut next = (*form).clone();
            set(&mut next, v);
            form.set(next);
        })
    };
    let on_scope = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            form.set(RoundForm { scope: v, ..(*form).clone() });
        })
    };
    let on_date = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            form.set(RoundForm { date: v, ..(*form).clone() });
        })
    };
    let on_notes = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
            form.set(RoundForm { notes: v, ..(*form).clone() });
        })
    };
    let onsubmit = {
        let (app, form, editing, error, saved) =
            (app.clone(), form.clone(), editing.clone(), error.clone(), saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let round = match form.to_round() {
                Ok(r) => r,
                Err(m) => return error.set(Some(m)),
            };
            error.set(None);
            let change = match *editing {
                Some(id) => WorkChange::UpdateRound(id, round),
                None => WorkChange::RecordRound(round),
            };
            match send_work(&app, change) {
                Ok(added) => {
                    let id = match added {
                        Some(Added::Round(id)) => Some(id),
                        _ => *editing,
                    };
                    saved.set(id.map(|id| id.to_string()));
                    form.set(RoundForm {
                        scope: form.scope.clone(),
                        date: form.date.clone(),
                        ..RoundForm::new(today)
                    });
                    editing.set(None);
                }
                Err(_) => saved.set(None),
            }
        })
    };
    let cancel = {
        let (form, editing, error) = (form.clone(), editing.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            form.set(RoundForm::new(today));
            editing.set(None);
            error.set(None);
        })
    };
    let on_filter = {
        let (filter, shown) = (filter.clone(), shown.clone());
        Callback::from(move |e: Event| {
            filter.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
            shown.set(PAGE);
        })
    };

    let options = scope_options(&app);
    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let summary = work.screening.summary(from, to);
    let mut rounds: Vec<_> = work
        .screening
        .rounds()
        .filter(|r| from <= r.date && r.date <= to && passes(&filter, &r.scope))
        .collect();
    rounds.sort_by(|a, b| b.date.cmp(&a.date).then(b.id().cmp(&a.id())));
    let total = rounds.len();
    let editing_scope = (*editing)
        .and_then(|id| work.screening.round(id))
        .map(|r| r.scope.clone())
        .filter(|s| !options.iter().any(|o| o.0 == scope_key(s)));

    let rows = rounds.iter().take(*shown).map(|r| {
        let id = r.id();
        let edit = {
            let (form, editing, error, saved) =
                (form.clone(), editing.clone(), error.clone(), saved.clone());
            let data = RoundForm::of(r);
            Callback::from(move |_: MouseEvent| {
                form.set(data.clone());
                editing.set(Some(id));
                error.set(None);
                saved.set(None);
            })
        };
        let ask = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(Some(id)))
        };
        let remove = {
            let (app, confirm) = (app.clone(), confirm.clone());
            Callback::from(move |_: MouseEvent| {
                confirm.set(None);
                let _ = send_work(&app, WorkChange::RemoveRound(id));
            })
        };
        let keep = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(None))
        };
        html! {
            <tr class="round-row" data-round={id.get().to_string()} data-date={r.date.to_string()}
                data-scope={scope_key(&r.scope)} data-issues={r.issues_found.to_string()}>
                <td>{ id.to_string() }</td>
                <td>{ dates::display(lang, r.date) }</td>
                <td class="round-scope">{ r.scope.describe(org) }</td>
                <td class="round-by">{ r.by.clone() }</td>
                <td class="round-campaign">{ r.campaign.clone() }</td>
                <td class="num round-issues">{ r.issues_found }</td>
                <td class="round-notes">{ r.notes.clone() }</td>
                <td class="no-print row-actions">
                    <button type="button" class="round-edit" onclick={edit}>{ tr(lang, "编辑", "Edit") }</button>
                    if *confirm == Some(id) {
                        <button type="button" class="round-remove-confirm" onclick={remove}>{ tr(lang, "确认删除", "Really remove") }</button>
                        <button type="button" class="round-remove-cancel" onclick={keep}>{ tr(lang, "取消", "Keep") }</button>
                    } else {
                        <button type="button" class="round-remove" onclick={ask}>{ tr(lang, "删除", "Remove") }</button>
                    }
                </td>
            </tr>
        }
    });
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let townships: Vec<_> = org.townships().map(|t| (t.id(), t.name().to_string())).collect();

    html! {
        <section id="scr-rounds" class="scr-section" aria-labelledby="scr-rounds-title">
            <h3 id="scr-rounds-title">{ tr(lang, "排查记录", "Screening rounds") }</h3>
            <p id="round-summary" data-rounds={summary.rounds.to_string()}
               data-campaigns={summary.campaigns.to_string()} data-issues={summary.issues_found.to_string()}>
                { match lang {
                    Lang::ZhCn => format!("本期共排查{}次，开展专项（集中）排查{}项，排查出问题{}件。",
                        summary.rounds, summary.campaigns, summary.issues_found),
                    Lang::En => format!("{} rounds this period, {} campaigns, {} issues found.",
                        summary.rounds, summary.campaigns, summary.issues_found),
                } }
            </p>
            <form id="round-form" class="scr-form no-print" {onsubmit}
                  data-editing={(*editing).map(|id| id.get().to_string()).unwrap_or_default()}>
                <h4>{ match *editing {
                    Some(id) => match lang {
                        Lang::ZhCn => format!("修改排查记录{id}"),
                        Lang::En => format!("Edit round {id}"),
                    },
                    None => tr(lang, "登记排查", "Record a round").to_string(),
                } }</h4>
                <label>
                    <span>{ tr(lang, "排查单位", "Scope") }</span>
                    <select id="round-scope" onchange={on_scope}>
                        <option value="" selected={form.scope.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                        { for options.iter().map(|(key, name, village)| html! {
                            <option value={key.clone()} selected={*key == form.scope}>
                                { if *village { format!("　{name}") } else { name.clone() } }
                            </option>
                        }) }
                        { for editing_scope.iter().map(|s| html! {
                            <option value={scope_key(s)} selected=true>{ s.describe(org) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "排查日期", "Date") }</span>
                    <input id="round-date" type="date" value={form.date.clone()} onchange={on_date} />
                </label>
                <label>
                    <span>{ tr(lang, "排查人员", "Screened by") }</span>
                    <input id="round-by" type="text" value={form.by.clone()} oninput={field(|f, v| f.by = v)}
                           placeholder={tr(lang, "如 乡综治办、村两委班子", "e.g. the village committee")} maxlength={maxlength(limits::SCREENED_BY)} />
                    <CharCount target="round-by" limit={limits::SCREENED_BY} />
                </label>
                <label>
                    <span>{ tr(lang, "发现问题数", "Issues found") }</span>
                    <input id="round-issues" type="number" min="0" value={form.issues.clone()}
                           oninput={field(|f, v| f.issues = v)} />
                </label>
                <label>
                    <span>{ tr(lang, "专项排查（可选）", "Campaign (optional)") }</span>
                    <input id="round-campaign" type="text" value={form.campaign.clone()}
                           oninput={field(|f, v| f.campaign = v)}
                           placeholder={tr(lang, "如 春节前集中排查", "e.g. pre-holiday campaign")} maxlength={maxlength(limits::CAMPAIGN)} />
                    <CharCount target="round-campaign" limit={limits::CAMPAIGN} />
                </label>
                <label class="wide">
                    <span>{ tr(lang, "备注", "Notes") }</span>
                    <textarea id="round-notes" rows="2" value={form.notes.clone()} oninput={on_notes} maxlength={maxlength(limits::ROUND_NOTES)} />
                    <CharCount target="round-notes" limit={limits::ROUND_NOTES} />
                </label>
                <div class="form-buttons">
                    <button id="round-submit" type="submit">{
                        if editing.is_some() { tr(lang, "保存修改", "Save") } else { tr(lang, "登记", "Record") }
                    }</button>
                    if editing.is_some() {
                        <button id="round-cancel" type="button" onclick={cancel}>{ tr(lang, "取消修改", "Cancel") }</button>
                    }
                </div>
                if let Some(m) = &*error {
                    <span id="round-error" class="field-error" role="alert">{ m.get(lang).to_string() }</span>
                }
                if let Some(id) = &*saved {
                    <span id="round-saved" class="scr-saved" role="status" data-round={id.clone()}>
                        { match lang { Lang::ZhCn => format!("已保存排查记录{id}。"), Lang::En => format!("Round {id} saved.") } }
                    </span>
                }
            </form>
            <div class="scr-filters no-print">
                <label>
                    <span>{ tr(lang, "筛选", "Show") }</span>
                    <select id="round-filter" onchange={on_filter}>
                        <option value="" selected={filter.is_empty()}>{ tr(lang, "全部单位", "Every scope") }</option>
                        { for townships.iter().map(|(id, name)| {
                            let key = format!("t:{}", id.get());
                            html! { <option value={key.clone()} selected={*filter == key}>
                                { match lang { Lang::ZhCn => format!("{name}（含村、社区）"), Lang::En => format!("{name} and its villages") } }
                            </option> }
                        }) }
                        { for options.iter().map(|(key, name, _)| html! {
                            <option value={key.clone()} selected={*filter == *key}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
                <span id="round-count" data-count={total.to_string()}>{ match lang {
                    Lang::ZhCn => format!("共{total}条"),
                    Lang::En => format!("{total} rounds"),
                } }</span>
            </div>
            <div class="table-scroll">
                <table id="round-list" class="scr-table">
                    <thead>
                        <tr>
                            <th>{ tr(lang, "编号", "No.") }</th>
                            <th>{ tr(lang, "日期", "Date") }</th>
                            <th>{ tr(lang, "排查单位", "Scope") }</th>
                            <th>{ tr(lang, "排查人员", "By") }</th>
                            <th>{ tr(lang, "专项排查", "Campaign") }</th>
                            <th>{ tr(lang, "发现问题", "Issues") }</th>
                            <th>{ tr(lang, "备注", "Notes") }</th>
                            <th class="no-print"></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if total > *shown {
                <button id="round-more" type="button" class="no-print" onclick={more}>
                    { match lang {
                        Lang::ZhCn => format!("显示更多（还有{}条）", total - *shown),
                        Lang::En => format!("Show more ({} left)", total - *shown),
                    } }
                </button>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::work::screening::Village;
    use xinfang_core::UnitId;

    #[test]
    fn filters() {
        let unit = ScreeningScope::Unit(UnitId::new(5));
        let village = ScreeningScope::Village(Village::new(UnitId::new(5), "东岗村").unwrap());
        let other = ScreeningScope::Unit(UnitId::new(6));
        assert!(passes("", &other));
        assert!(passes("t:5", &unit) && passes("t:5", &village) && !passes("t:5", &other));
        assert!(passes("v:5:东岗村", &village) && !passes("v:5:东岗村", &unit));
        assert!(passes("u:5", &unit) && !passes("u:5", &village));
    }
}
