//! 会议 (`#page-meetings`): every meeting (联席会议, 协调会, 领导小组会议)
//! with its cases studied and how its decisions stand, filtered by kind and
//! year; the counts of the period (meetings held, cases studied, of those
//! concluded); the decisions still open across meetings, overdue ones
//! marked; and the form that records a new meeting and opens it.

use chrono::{Datelike, NaiveDate};
use xinfang_core::cn_text::date_cn;
use xinfang_core::ids::Added;
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::meeting::{Decision, Meeting, MeetingKind};
use xinfang_core::{Office, Organisation, PersonId, Role};
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::ui::people::person_with_post;

use crate::context::{change_work, go, use_app};
use crate::i18n::{dates, tr, Lang};
use crate::route::Route;
use crate::state::Msg;
use crate::{clock, route};

/// The form value of a kind (`joint`, `coordination`, `leading_group`).
pub fn kind_value(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Joint => "joint",
        MeetingKind::Coordination => "coordination",
        MeetingKind::LeadingGroup => "leading_group",
    }
}

/// The kind of a form value.
pub fn kind_of(value: &str) -> Option<MeetingKind> {
    MeetingKind::ALL.into_iter().find(|k| kind_value(*k) == value)
}

/// A kind's name in the interface language.
pub fn kind_label(lang: Lang, kind: MeetingKind) -> &'static str {
    let en = match kind {
        MeetingKind::Joint => "Joint meeting",
        MeetingKind::Coordination => "Coordination meeting",
        MeetingKind::LeadingGroup => "Leading group meeting",
    };
    tr(lang, kind.short_label(), en)
}

/// A decision's owners: `县林业局／花永林`.
pub fn owners(org: &Organisation, d: &Decision) -> String {
    let mut parts = Vec::new();
    if let Some(u) = d.unit {
        parts.push(org.unit_name(u));
    }
    if let Some(p) = d.person {
        parts.push(org.person(p).map_or_else(|| p.to_string(), |p| p.name().to_string()));
    }
    parts.join("／")
}

/// The active leaders: the chairs offered.
pub fn chairs(org: &Organisation) -> Vec<PersonId> {
    org.people().filter(|p| p.is_active() && p.role() == Role::Leader).map(|p| p.id()).collect()
}

/// The years meetings were held in, newest first, with this year.
fn years(meetings: &[(NaiveDate, u32)], today: NaiveDate) -> Vec<i32> {
    let mut ys: Vec<i32> = meetings.iter().map(|(d, _)| d.year()).collect();
    ys.push(today.year());
    ys.sort_unstable_by(|a, b| b.cmp(a));
    ys.dedup();
    ys
}

/// 会议.
#[component]
pub fn MeetingsPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = clock::today();
    let kind = use_state(|| None::<MeetingKind>);
    let year = use_state(|| None::<i32>);
    let submitted = use_mut_ref(|| false);

    // After the form's meeting is added, open it.
    {
        let (app2, submitted) = (app.clone(), submitted.clone());
        use_effect_with(app.last_added, move |added| {
            if let Some(Added::Meeting(id)) = added {
                if std::mem::take(&mut *submitted.borrow_mut()) {
                    app2.dispatch(Msg::Navigate(Route::Meeting(*id)));
                }
            }
        });
    }

    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let ledger = &work.meetings;
    let all: Vec<(NaiveDate, u32)> = ledger.iter().map(|m| (m.date, m.id().get())).collect();
    let year_options = years(&all, today);

    let shown: Vec<_> = ledger
        .iter()
        .filter(|m| kind.is_none_or(|k| m.kind == k) && year.is_none_or(|y| m.date.year() == y))
        .collect();
    let mut shown = shown;
    shown.sort_by_key(|m| std::cmp::Reverse((m.date, m.id())));

    let (from, to) = match *year {
        Some(y) => (
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(today),
        ),
        None => (NaiveDate::MIN, NaiveDate::MAX),
    };
    let summary = ledger.summary(*kind, from, to, |id| office.is_concluded(id));

    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(kind_of(&e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
        })
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |e: Event| {
            year.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse().ok())
        })
    };

    let rows = shown.iter().map(|m| {
        let id = m.id();
        let done = m.decisions.iter().filter(|d| d.is_done()).count();
        let overdue = m.decisions.iter().filter(|d| d.is_overdue(today)).count();
        let target = Route::Meeting(id);
        html! {
            <tr class={classes!("meeting-row", (overdue > 0).then_some("has-overdue"))}
                data-meeting={id.get().to_string()} data-kind={kind_value(m.kind)}>
                <td class="m-date">
                    <a class="meeting-link" href={route::to_hash(target)} onclick={go(&app, target)}>
                        { dates::display(lang, m.date) }
                    </a>
                </td>
                <td class="m-kind">{ kind_label(lang, m.kind) }</td>
                <td class="m-chair">{ person_with_post(org, m.chair) }</td>
                <td class="m-place">{ m.place.clone() }</td>
                <td class="m-cases">{ m.cases.len() }</td>
                <td class="m-decisions">{ format!("{done}/{}", m.decisions.len()) }</td>
                <td class="m-overdue">
                    if overdue > 0 {
                        <span class="overdue">{ format!("{}{overdue}", tr(lang, "超期", "Overdue ")) }</span>
                    }
                </td>
            </tr>
        }
    });

    // A decision of a meeting that studied an accusation withheld from the
    // viewing unit reads as the core shows that meeting.
    let viewer = crate::access::viewer(&app.prefs);
    let open = ledger.open_decisions();
    let overdue_count = ledger.overdue_decisions(today).len();
    let open_rows = open.iter().map(|r| {
        let late = r.decision.is_overdue(today);
        let target = Route::Meeting(r.meeting);
        let meeting = ledger.get(r.meeting);
        html! {
            <li class={classes!("open-decision", late.then_some("overdue"))}
                data-meeting={r.meeting.get().to_string()} data-no={r.no.to_string()}>
                <a class="decision-meeting" href={route::to_hash(target)} onclick={go(&app, target)}>
                    { meeting.map(|m| format!("{} {}", date_cn(m.date), kind_label(lang, m.kind))).unwrap_or_default() }
                </a>
                { format!(" {}. ", r.no) }
                <span class="decision-text">{ meeting
                    .map(|m| viewer.meeting(&office, m.data()))
                    .and_then(|m| m.decisions.get(r.no.saturating_sub(1)).map(|d| d.text.clone()))
                    .unwrap_or_else(|| r.decision.text.clone()) }</span>
                { " — " }
                <span class="decision-owner">{ owners(org, r.decision) }</span>
                if let Some(by) = r.decision.deadline {
                    <span class="decision-deadline">{ format!(" {}{}", tr(lang, "时限：", "due "), dates::display(lang, by)) }</span>
                }
                if late {
                    <span class="overdue-mark">{ tr(lang, "（已超期）", " (overdue)") }</span>
                }
            </li>
        }
    });

    html! {
        <section id="page-meetings">
            <h1>{ tr(lang, "会议", "Meetings") }</h1>
            <div class="meetings-filters">
                <label for="meetings-kind">{ tr(lang, "类型", "Kind") }</label>
                <select id="meetings-kind" onchange={on_kind}>
                    <option value="" selected={kind.is_none()}>{ tr(lang, "全部", "All") }</option>
                    { for MeetingKind::ALL.iter().map(|k| html! {
                        <option value={kind_value(*k)} selected={*kind == Some(*k)}>{ kind_label(lang, *k) }</option>
                    }) }
                </select>
                <label for="meetings-year">{ tr(lang, "年度", "Year") }</label>
                <select id="meetings-year" onchange={on_year}>
                    <option value="" selected={year.is_none()}>{ tr(lang, "全部", "All") }</option>
                    { for year_options.iter().map(|y| html! {
                        <option value={y.to_string()} selected={*year == Some(*y)}>{ y.to_string() }</option>
                    }) }
                </select>
            </div>
            <p id="meetings-summary" class="meetings-summary">
                { tr(lang, "召开会议", "Meetings held: ") }
                <strong id="summary-meetings">{ summary.meetings }</strong>
                { tr(lang, "次，研究案件", "; cases studied: ") }
                <strong id="summary-cases">{ summary.cases }</strong>
                { tr(lang, "件，其中已办结", "; concluded: ") }
                <strong id="summary-resolved">{ summary.resolved }</strong>
                { tr(lang, "件。", ".") }
            </p>
            if shown.is_empty() {
                <p id="meetings-empty">{ tr(lang, "没有符合条件的会议。", "No meetings match.") }</p>
            } else {
                <table id="meetings-table" class="ledger-table">
                    <thead><tr>
                        <th>{ tr(lang, "日期", "Date") }</th>
                        <th>{ tr(lang, "类型", "Kind") }</th>
                        <th>{ tr(lang, "主持", "Chair") }</th>
                        <th>{ tr(lang, "地点", "Place") }</th>
                        <th>{ tr(lang, "研究案件", "Cases") }</th>
                        <th>{ tr(lang, "决定落实", "Decisions done") }</th>
                        <th>{ tr(lang, "超期", "Overdue") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <section id="open-decisions" class="open-decisions">
                <h2>{ tr(lang, "未落实的会议决定", "Decisions not yet done") }</h2>
                <p>
                    { tr(lang, "未落实", "Open: ") }<strong id="open-count">{ open.len() }</strong>
                    { tr(lang, "项，其中超期", "; overdue: ") }<strong id="overdue-count">{ overdue_count }</strong>
                    { tr(lang, "项。", ".") }
                </p>
                <ul>{ for open_rows }</ul>
            </section>
            <NewMeetingForm submitted={submitted.clone()} />
        </section>
    }
}

/// Props of [`NewMeetingForm`].
#[derive(Properties)]
struct NewMeetingFormProps {
    /// Set when the form sends its meeting (the page then opens it).
    submitted: std::rc::Rc<std::cell::RefCell<bool>>,
}

impl PartialEq for NewMeetingFormProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.submitted, &other.submitted)
    }
}

/// The form that records a meeting: kind, day, place, chair.
#[component]
fn NewMeetingForm(props: &NewMeetingFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = clock::today();
    let kind = use_state(|| MeetingKind::Joint);
    let date = use_state(|| dates::input_value(today));
    let place = use_state(String::new);
    let chair = use_state(String::new);
    let error = use_state(|| None::<String>);

    let office: std::cell::Ref<'_, Office> = app.office.get();
    let org = &office.settings().org;
    let leaders = chairs(org);
    let chosen_chair =
        chair.parse::<u32>().ok().map(PersonId::new).or_else(|| leaders.first().copied());

    let submit = {
        let (app, kind, date, place, error) =
            (app.clone(), kind.clone(), date.clone(), place.clone(), error.clone());
        let submitted = props.submitted.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(day) = dates::parse_input(&date) else {
                error.set(Some(
                    tr(app.lang(), "请填写会议日期。", "Enter the meeting's date.").into(),
                ));
                return;
            };
            let Some(chair) = chosen_chair else {
                error.set(Some(tr(app.lang(), "请选择主持人。", "Choose the chair.").into()));
                return;
            };
            error.set(None);
            *submitted.borrow_mut() = true;
            change_work(&app, WorkChange::AddMeeting(Meeting::new(*kind, day, &place, chair)));
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            kind.set(kind_of(&v).unwrap_or(MeetingKind::Joint))
        })
    };
    let on_date = {
        let date = date.clone();
        Callback::from(move |e: Event| {
            date.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let on_place = {
        let place = place.clone();
        Callback::from(move |e: InputEvent| {
            place.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let on_chair = {
        let chair = chair.clone();
        Callback::from(move |e: Event| {
            chair.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
        })
    };

    html! {
        <form id="meeting-new" class="work-form" onsubmit={submit}>
            <h2>{ tr(lang, "登记会议", "Record a meeting") }</h2>
            <label for="new-kind">{ tr(lang, "会议类型", "Kind") }</label>
            <select id="new-kind" onchange={on_kind}>
                { for MeetingKind::ALL.iter().map(|k| html! {
                    <option value={kind_value(*k)} selected={*kind == *k}>{ kind_label(lang, *k) }</option>
                }) }
            </select>
            <label for="new-date">{ tr(lang, "会议日期", "Date") }</label>
            <input id="new-date" type="date" value={(*date).clone()} onchange={on_date} />
            <label for="new-place">{ tr(lang, "会议地点", "Place") }</label>
            <input id="new-place" type="text" value={(*place).clone()} oninput={on_place} maxlength={maxlength(limits::PLACE)} />
            <CharCount target="new-place" limit={limits::PLACE} />
            <label for="new-chair">{ tr(lang, "主持人", "Chair") }</label>
            <select id="new-chair" onchange={on_chair}>
                { for leaders.iter().map(|p| html! {
                    <option value={p.get().to_string()} selected={chosen_chair == Some(*p)}>
                        { person_with_post(org, *p) }
                    </option>
                }) }
            </select>
            if let Some(message) = &*error {
                <span class="field-error" role="alert">{ message.clone() }</span>
            }
            <button id="new-submit" type="submit">{ tr(lang, "登记并编辑", "Record and edit") }</button>
        </form>
    }
}
