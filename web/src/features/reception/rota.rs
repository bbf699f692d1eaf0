//! 接访排班: the rota's rules (add, stop from a day, remove one entered by
//! mistake) and the days a chosen month schedules, held or not, with a
//! link to print the month's 排班表.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use xinfang_core::ids::RotaRuleId;
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::PersonId;
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::ui::people_pick::PeoplePick;

use crate::context::{go, try_change, use_app};
use crate::features::reception::model::{
    month_input, month_of, month_range, parse_month_input, pattern_name, ReceptionForm, RotaEdit,
    RotaField, RotaForm, WEEKDAYS,
};
use crate::forms::state::{FormMsg, FormState};
use crate::i18n::{dates, tr, Lang};
use crate::route;
use crate::route::{Route, WorkDoc};
use crate::ui::field::{input_value, select_value};
use crate::ui::people::active_leaders;

/// Props of [`RotaSection`].
#[derive(Debug, PartialEq, Properties)]
pub struct RotaSectionProps {
    /// Opens the reception form for a scheduled day.
    pub on_record: Callback<ReceptionForm>,
}

/// What a rule row is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowAct {
    End(RotaRuleId),
    Remove(RotaRuleId),
}

/// The rota section (`#rota`).
#[component]
pub fn RotaSection(props: &RotaSectionProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let month = use_state_eq(|| month_of(today));
    let adding = use_state_eq(|| false);
    let act = use_state_eq(|| None::<RowAct>);
    let editing = use_state_eq(|| None::<RotaRuleId>);
    let until = use_state_eq(|| dates::input_value(today));

    let office = app.office.get();
    let work = app.work();
    let settings = office.settings();
    let org = &settings.org;

    // The rules.
    let rules: Vec<Html> = work
        .reception
        .rules()
        .map(|rule| {
            let id = rule.id();
            let n = id.get();
            let ended = rule.until.is_some_and(|u| u < today);
            let leaders: Vec<String> = rule.leaders.iter().map(|p| org.person_name(*p)).collect();
            let turns = if leaders.len() > 1 { tr(lang, "（轮流）", " (in turn)") } else { "" };
            let period = match rule.until {
                Some(u) => format!("{} – {}", dates::input_value(rule.from), dates::input_value(u)),
                None => format!("{} {}", dates::input_value(rule.from), tr(lang, "起", "on")),
            };
            let set_act = |a: Option<RowAct>| {
                let act = act.clone();
                Callback::from(move |_: MouseEvent| act.set(a))
            };
            let end_submit = {
                let (app, act, until) = (app.clone(), act.clone(), until.clone());
                Callback::from(move |_: MouseEvent| {
                    match dates::parse_input(&until) {
                        Some(day) => {
                            if try_change(&app, WorkChange::EndRotaRule(id, day)) {
                                act.set(None);
                            }
                        }
                        None => act.set(Some(RowAct::End(id))),
                    }
                })
            };
            let remove = {
                let (app, act) = (app.clone(), act.clone());
                Callback::from(move |_: MouseEvent| {
                    if try_change(&app, WorkChange::RemoveRotaRule(id)) {
                        act.set(None);
                    }
                })
            };
            let on_until = {
                let until = until.clone();
                Callback::from(move |e: InputEvent| until.set(input_value(&e)))
            };
            let edit_rule = {
                let (editing, adding) = (editing.clone(), adding.clone());
                Callback::from(move |_: MouseEvent| {
                    adding.set(false);
                    editing.set(Some(id));
                })
            };
            html! {
                <tr class={classes!("rota-rule", ended.then_some("ended"))} data-rule={n.to_string()}>
                    <td class="rota-name">{ rule.name.clone() }</td>
                    <td class="rota-leaders">{ leaders.join("、") }{ turns }</td>
                    <td class="rota-place">{ rule.place.clone() }</td>
                    <td class="rota-pattern">{ pattern_name(lang, rule.pattern) }</td>
                    <td class="rota-period">{ period }</td>
                    <td class="rota-acts no-print">
                        { match *act {
                            Some(RowAct::End(a)) if a == id => html! {
                                <span class="inline-form">
                                    <label for={format!("rota-until-{n}")}>{ tr(lang, "最后一天", "Last day") }</label>
                                    <input id={format!("rota-until-{n}")} type="date" value={(*until).clone()} oninput={on_until} />
                                    <button id={format!("rota-end-submit-{n}")} type="button" onclick={end_submit}>{ tr(lang, "确定停止", "Stop") }</button>
                                    <button type="button" onclick={set_act(None)}>{ tr(lang, "取消", "Cancel") }</button>
                                </span>
                            },
                            Some(RowAct::Remove(a)) if a == id => html! {
                                <span class="inline-form">
                                    { tr(lang, "删除误录的排班规则？", "Remove this rule entered by mistake?") }
                                    <button id={format!("rota-remove-confirm-{n}")} type="button" onclick={remove}>{ tr(lang, "确认删除", "Remove") }</button>
                                    <button type="button" onclick={set_act(None)}>{ tr(lang, "取消", "Cancel") }</button>
                                </span>
                            },
                            _ => html! {
                                <>
                                    <button id={format!("rota-edit-{n}")} type="button" onclick={edit_rule}>{ tr(lang, "修改", "Edit") }</button>
                                    if rule.until.is_none() {
                                        <button id={format!("rota-end-{n}")} type="button" onclick={set_act(Some(RowAct::End(id)))}>{ tr(lang, "停止", "Stop") }</button>
                                    }
                                    <button id={format!("rota-remove-{n}")} type="button" onclick={set_act(Some(RowAct::Remove(id)))}>{ tr(lang, "删除", "Remove") }</button>
                                </>
                            },
                        } }
                    </td>
                </tr>
            }
        })
        .collect();

    // The month's days.
    let (first, last) = month_range(*month).unwrap_or((today, today));
    let scheduled = work.reception.scheduled(first, last, &settings.calendar);
    let held: BTreeSet<(NaiveDate, PersonId)> =
        work.reception.held_between(first, last).map(|r| (r.date, r.leader)).collect();
    let mut counts = (0usize, 0usize, 0usize); // held, unheld, upcoming
    let days: Vec<Html> = scheduled
        .iter()
        .map(|s| {
            let status = if held.contains(&(s.date, s.leader)) {
                counts.0 += 1;
                "held"
            } else if s.date <= today {
                counts.1 += 1;
                "unheld"
            } else {
                counts.2 += 1;
                "upcoming"
            };
            let label = match status {
                "held" => tr(lang, "已接访", "Held"),
                "unheld" => tr(lang, "未接访", "Not held"),
                _ => tr(lang, "待接访", "Upcoming"),
            };
            let record = {
                let on_record = props.on_record.clone();
                let form = ReceptionForm::for_rota_day(s.date, s.leader, &s.place);
                Callback::from(move |_: MouseEvent| on_record.emit(form.clone()))
            };
            html! {
                <tr class={classes!("rota-day", status)} data-date={dates::input_value(s.date)}
                    data-leader={s.leader.get().to_string()} data-rule={s.rule.get().to_string()}
                    data-status={status}>
                    <td class="rota-day-date">{ dates::display(lang, s.date) }</td>
                    <td class="rota-day-leader">{ org.person_name(s.leader) }</td>
                    <td class="rota-day-place">{ s.place.clone() }</td>
                    <td class="rota-day-status">{ label }</td>
                    <td class="no-print">
                        if status == "unheld" {
                            <button class="rota-day-record" type="button" onclick={record}>
                                { tr(lang, "登记接访", "Record") }
                            </button>
                        }
                    </td>
                </tr>
            }
        })
        .collect();
    let on_month = {
        let month = month.clone();
        Callback::from(move |e: Event| {
            if let Some(m) =
                parse_month_input(&e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
            {
                month.set(m);
            }
        })
    };
    let print = Route::WorkPrint(WorkDoc::Rota(*month));
    let toggle_add = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(!*adding))
    };
    let close_add = {
        let (adding, editing) = (adding.clone(), editing.clone());
        Callback::from(move |()| {
            adding.set(false);
            editing.set(None);
        })
    };
    // The rule being corrected, as a form.
    let edited = editing.and_then(|id| {
        let rule = work.reception.rule(id)?;
        Some((id, RotaForm::from_rule(rule)))
    });
    let summary = match lang {
        Lang::ZhCn => format!(
            "本月排班{}天次：已接访{}，未接访{}，待接访{}。",
            scheduled.len(),
            counts.0,
            counts.1,
            counts.2
        ),
        Lang::En => format!(
            "{} reception days this month: {} held, {} not held, {} upcoming.",
            scheduled.len(),
            counts.0,
            counts.1,
            counts.2
        ),
    };

    html! {
        <section id="rota" class="work-section">
            <h2>{ tr(lang, "接访排班", "Reception rota") }</h2>
            if rules.is_empty() {
                <p id="rota-empty" class="muted">{ tr(lang, "尚无排班规则。", "No rota rules yet.") }</p>
            } else {
                <div class="table-scroll">
                    <table id="rota-rules" class="work-table">
                        <thead>
                            <tr>
                                <th>{ tr(lang, "名称", "Name") }</th>
                                <th>{ tr(lang, "接访领导", "Leaders") }</th>
                                <th>{ tr(lang, "地点", "Place") }</th>
                                <th>{ tr(lang, "接访日", "Days") }</th>
                                <th>{ tr(lang, "起止", "Period") }</th>
                                <th class="no-print"></th>
                            </tr>
                        </thead>
                        <tbody>{ for rules }</tbody>
                    </table>
                </div>
            }
            if let Some((id, form)) = edited {
                <RotaRuleForm key={format!("edit-{}", id.get())} on_close={close_add.clone()}
                              editing={Some((id, form))} />
            } else if *adding {
                <RotaRuleForm key="new" on_close={close_add} />
            } else {
                <button id="rota-add" type="button" class="no-print" onclick={toggle_add}>
                    { tr(lang, "新增排班规则", "Add a rule") }
                </button>
            }

            <h3>{ tr(lang, "本月接访日", "Reception days of a month") }</h3>
            <div class="work-controls">
                <label for="rota-month">{ tr(lang, "月份", "Month") }</label>
                <input id="rota-month" type="month" value={month_input(*month)} onchange={on_month} />
                <a id="rota-print" class="button" href={route::to_hash(print)} onclick={go(&app, print)}>
                    { tr(lang, "打印排班表", "Print the rota") }
                </a>
            </div>
            <p id="rota-month-summary" data-scheduled={scheduled.len().to_string()}
               data-held={counts.0.to_string()} data-unheld={counts.1.to_string()}
               data-upcoming={counts.2.to_string()}>{ summary }</p>
            if !days.is_empty() {
                <div class="table-scroll">
                    <table id="rota-days" class="work-table">
                        <thead>
                            <tr>
                                <th>{ tr(lang, "日期", "Date") }</th>
                                <th>{ tr(lang, "接访领导", "Leader") }</th>
                                <th>{ tr(lang, "地点", "Place") }</th>
                                <th>{ tr(lang, "情况", "Status") }</th>
                                <th class="no-print"></th>
                            </tr>
                        </thead>
                        <tbody>{ for days }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}

/// Props of [`RotaRuleForm`].
#[derive(Debug, PartialEq, Properties)]
pub struct RotaRuleFormProps {
    /// Closes the form (after saving, or cancelled).
    pub on_close: Callback<()>,
    /// The rule corrected and its form, `None` for a new rule.
    #[prop_or_default]
    pub editing: Option<(RotaRuleId, RotaForm)>,
}

/// `#rota-form`: a new rule, or a rule corrected (`data-editing`).
#[component]
pub fn RotaRuleForm(props: &RotaRuleFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let initial = props.editing.as_ref().map(|(_, form)| form.clone());
    let editing = props.editing.as_ref().map(|(id, _)| *id);
    let state =
        use_reducer(move || FormState::new(initial.unwrap_or_else(|| RotaForm::new(today))));
    let error = use_state_eq(|| None::<crate::i18n::Bilingual>);
    let set = |field: RotaField| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(FormMsg::Edit(RotaEdit::Set(field, input_value(&e))))
        })
    };
    let choose = |field: RotaField| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(FormMsg::Edit(RotaEdit::Set(field, select_value(&e))))
        })
    };
    let pick_leader = {
        let state = state.clone();
        Callback::from(move |v| state.dispatch(FormMsg::Edit(RotaEdit::Set(RotaField::Pick, v))))
    };
    let add_leader = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(FormMsg::Edit(RotaEdit::AddLeader)))
    };
    let remove_leader = {
        let state = state.clone();
        Callback::from(move |i| state.dispatch(FormMsg::Edit(RotaEdit::RemoveLeader(i))))
    };
    let submit = {
        let (app, state, error, close) =
            (app.clone(), state.clone(), error.clone(), props.on_close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match state.draft.to_rule() {
                Err(m) => error.set(Some(m)),
                Ok(rule) => {
                    error.set(None);
                    let change = match editing {
                        Some(id) => WorkChange::UpdateRotaRule(id, rule),
                        None => WorkChange::AddRotaRule(rule),
                    };
                    if try_change(&app, change) {
                        close.emit(());
                    }
                }
            }
        })
    };
    let cancel = {
        let close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    let office = app.office.get();
    let org = &office.settings().org;
    let leaders = active_leaders(org);
    let f = &state.draft;
    html! {
        <form id="rota-form" class="work-form no-print" onsubmit={submit} novalidate=true
              data-editing={editing.map(|id| id.get().to_string())}>
            <h3>{ tr(lang, "新增排班规则", "New rota rule") }</h3>
            <div class="field">
                <label for="rota-name">{ tr(lang, "名称（可选）", "Name (optional)") }</label>
                <input id="rota-name" type="text" value={f.name.clone()} oninput={set(RotaField::Name)}
                       placeholder={tr(lang, "如 县委书记、县长接访日", "e.g. County heads' day")} maxlength={maxlength(limits::ROTA_NAME)} />
                <CharCount target="rota-name" limit={limits::ROTA_NAME} />
            </div>
            <PeoplePick select_id="rota-leader" add_id="rota-leader-add" list_id="rota-leaders"
                        remove_class="rota-leader-remove"
                        label={tr(lang, "接访领导（可添加多名轮流）", "Leaders (add several to take turns)")}
                        empty={tr(lang, "— 选择领导 —", "— choose —")}
                        offered={leaders.iter().map(|p| p.id()).collect::<Vec<_>>()}
                        pick={f.pick.clone()} chosen={f.leaders.clone()} ordered=true
                        on_pick={pick_leader} on_add={add_leader} on_remove={remove_leader} />
            <div class="field">
                <label for="rota-place">{ tr(lang, "接访地点", "Place") }</label>
                <input id="rota-place" type="text" value={f.place.clone()} oninput={set(RotaField::Place)}
                       placeholder={tr(lang, "如 县群众服务大厅", "e.g. county service hall")} maxlength={maxlength(limits::PLACE)} />
                <CharCount target="rota-place" limit={limits::PLACE} />
            </div>
            <div class="field">
                <label for="rota-pattern">{ tr(lang, "接访日", "Days") }</label>
                <span class="inline-form">
                    <select id="rota-pattern" onchange={choose(RotaField::Pattern)}>
                        <option value="monthly" selected={f.pattern == "monthly"}>{ tr(lang, "每月固定日", "A day of each month") }</option>
                        <option value="weekly" selected={f.pattern == "weekly"}>{ tr(lang, "每周固定星期", "A weekday each week") }</option>
                        <option value="every_working_day" selected={f.pattern == "every_working_day"}>{ tr(lang, "每个工作日", "Each working day") }</option>
                    </select>
                    if f.pattern == "monthly" {
                        <label for="rota-day">{ tr(lang, "每月第", "Day") }</label>
                        <input id="rota-day" type="number" min="1" max="31" value={f.day.clone()} oninput={set(RotaField::Day)} />
                        { tr(lang, "日", "") }
                    }
                    if f.pattern == "weekly" {
                        <select id="rota-weekday" onchange={choose(RotaField::Weekday)}>
                            { for WEEKDAYS.iter().map(|(_, key, zh, en)| html! {
                                <option value={*key} selected={f.weekday == *key}>{ tr(lang, zh, en) }</option>
                            }) }
                        </select>
                    }
                </span>
                <span class="hint">{ tr(lang, "遇休息日、节假日顺延至下一个工作日（每周规则在本周内顺延）。", "A day off moves to the next working day (weekly: within the week).") }</span>
            </div>
            <div class="field inline-form">
                <label for="rota-from">{ tr(lang, "开始日期", "From") }</label>
                <input id="rota-from" type="date" value={f.from.clone()} oninput={set(RotaField::From)} />
                <label for="rota-until">{ tr(lang, "结束日期（可选）", "Until (optional)") }</label>
                <input id="rota-until" type="date" value={f.until.clone()} oninput={set(RotaField::Until)} />
            </div>
            if let Some(m) = &*error {
                <p class="field-error" id="rota-form-error" role="alert">{ m.get(lang).to_string() }</p>
            }
            <div class="form-buttons">
                <button id="rota-submit" type="submit">{ tr(lang, "保存", "Save") }</button>
                <button id="rota-cancel" type="button" onclick={cancel}>{ tr(lang, "取消", "Cancel") }</button>
            </div>
        </form>
    }
}
