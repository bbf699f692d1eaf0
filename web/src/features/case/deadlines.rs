//! What a case owes next (`#case-next-due`) and every deadline that applies
//! to it (`#case-deadlines`): routing, acceptance, each reply (with its
//! extension), each review decision, and the petitioner's windows to ask
//! for a review and to rate. All derived from the core, never stored.

use chrono::{Datelike, NaiveDate};
use xinfang_core::case::{AcceptanceStart, HandlingCause, Proceeding, ReviewLevel};
use xinfang_core::{Case, Office, Stage};
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Bilingual, Lang};
use crate::ui::provisional;

/// One deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRow {
    /// A stable kind (`route`, `acceptance`, `objection`, `reply`, `review`, `rereview`,
    /// `request-review`, `request-rereview`, `rating`), for `data-kind`.
    pub kind: &'static str,
    /// What must be done by then.
    pub label: Bilingual,
    /// The last day.
    pub by: NaiveDate,
    /// The day it was done, when it was.
    pub done: Option<NaiveDate>,
    /// A window of the petitioner's (asking for a review, rating): it
    /// closes rather than falls overdue.
    pub window: bool,
}

/// Every deadline of the case that applies so far, in the order of the
/// proceedings.
pub fn deadlines(office: &Office, case: &Case) -> Vec<DeadlineRow> {
    let rules = &office.settings().clock;
    let cal = &office.settings().calendar;
    let mut rows = Vec::new();
    let decline = case.decline();
    rows.push(DeadlineRow {
        kind: "route",
        label: Bilingual::new("登记转送期限", "Route by"),
        by: case.route_due(rules, cal),
        done: case
            .routing()
            .map(|r| r.on)
            .or_else(|| decline.filter(|d| d.body.is_none()).map(|d| d.on)),
        window: false,
    });
    if let (Some(by), Some(start)) = (case.acceptance_due(rules, cal), case.acceptance_start()) {
        let en = match start {
            AcceptanceStart::Received(d) => format!("brought directly: from receipt on {d}"),
            AcceptanceStart::Signed(d) => format!("from the unit's receipt on {d}"),
            AcceptanceStart::SendingDay(d) => {
                format!("no receipt recorded: from the sending day {d} for now")
            }
        };
        rows.push(DeadlineRow {
            kind: "acceptance",
            label: Bilingual::new(
                format!("受理告知期限（{}）", start.label()),
                format!("Decide acceptance by ({en})"),
            ),
            by,
            done: case.accepted_on().or_else(|| decline.filter(|d| d.body.is_some()).map(|d| d.on)),
            window: false,
        });
    }
    if let Some(by) = case.objection_due(cal).filter(|_| case.stage() == Stage::Routed) {
        // The unit's window to object (第二十三条第三款), while it decides
        // on acceptance: it closes rather than falls overdue.
        rows.push(DeadlineRow {
            kind: "objection",
            label: Bilingual::new(
                "承办单位提出异议期限（5个工作日）",
                "The unit may object until (5 working days)",
            ),
            by,
            done: None,
            window: true,
        });
    }
    for p in case.proceedings() {
        match p {
            Proceeding::Handling(h) => {
                let (mut zh, mut en) = match &h.cause {
                    HandlingCause::Accepted => ("办理答复期限".to_string(), "Reply by".to_string()),
                    HandlingCause::SentBack { .. } => (
                        "重新办理期限（退回重办）".to_string(),
                        "Reply again by (sent back)".to_string(),
                    ),
                    HandlingCause::Redo { level } => (
                        format!("重新办理期限（{}责令）", level.label()),
                        format!("Reply again by (ordered by the {})", level.name(Lang::En)),
                    ),
                };
                if let Some(ext) = &h.extension {
                    zh += &format!("（含延长 {} 日）", ext.days);
                    en += &format!(" (extended by {} days)", ext.days);
                }
                // A suggestion or accusation (arts. 29, 30) has no reply
                // deadline unless the office set one: no row.
                if let Some(by) = case.reply_due(h, rules, cal) {
                    rows.push(DeadlineRow {
                        kind: "reply",
                        label: Bilingual::new(zh, en),
                        by,
                        done: h.reply.as_ref().map(|r| r.on),
                        window: false,
                    });
                }
            }
            Proceeding::Review(r) => {
                let (kind, label) = match r.level {
                    ReviewLevel::Review => {
                        ("review", Bilingual::new("复查决定期限", "Decide the review by"))
                    }
                    ReviewLevel::ReReview => {
                        ("rereview", Bilingual::new("复核决定期限", "Decide the re-review by"))
                    }
                };
                rows.push(DeadlineRow {
                    kind,
                    label,
                    by: case.review_due(r, rules, cal),
                    done: r.decision.as_ref().map(|d| d.on),
                    window: false,
                });
            }
        }
    }
    if let Some((level, by)) = case.review_request_until(rules, cal) {
        let (kind, label) = match level {
            ReviewLevel::Review => (
                "request-review",
                Bilingual::new("信访人申请复查期限", "The petitioner may ask for a review until"),
            ),
            ReviewLevel::ReReview => (
                "request-rereview",
                Bilingual::new(
                    "信访人申请复核期限",
                    "The petitioner may ask for a re-review until",
                ),
            ),
        };
        rows.push(DeadlineRow { kind, label, by, done: None, window: true });
    }
    if let Some(by) = case.rating_until(rules, cal) {
        rows.push(DeadlineRow {
            kind: "rating",
            label: Bilingual::new("满意度评价期限", "Rating window ends"),
            by,
            done: case.rating().map(|r| r.on),
            window: true,
        });
    }
    rows
}

/// How a deadline stands on `today`, in words, and whether it is overdue.
pub fn status(lang: Lang, row: &DeadlineRow, today: NaiveDate) -> (String, bool) {
    let late = |d: NaiveDate| (d - row.by).num_days();
    match row.done {
        Some(on) if late(on) > 0 => (
            match lang {
                Lang::ZhCn => format!("{}完成，逾期 {} 天", short(lang, on), late(on)),
                Lang::En => format!("done on {}, {} days late", short(lang, on), late(on)),
            },
            false,
        ),
        Some(on) => (
            match lang {
                Lang::ZhCn => format!("已于{}完成", short(lang, on)),
                Lang::En => format!("done on {}", short(lang, on)),
            },
            false,
        ),
        None if today > row.by && row.window => (tr(lang, "已届满", "closed").into(), false),
        None if today > row.by => (overdue_text(lang, late(today)), true),
        None => {
            let left = (row.by - today).num_days() + 1;
            (
                match lang {
                    Lang::ZhCn => format!("还剩 {left} 天"),
                    Lang::En => format!("{left} days left"),
                },
                false,
            )
        }
    }
}

/// “已超期 N 天” / “N days overdue”.
pub fn overdue_text(lang: Lang, days: i64) -> String {
    match lang {
        Lang::ZhCn => format!("已超期 {days} 天"),
        Lang::En => format!("{days} days overdue"),
    }
}

fn short(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::ZhCn => date.format("%Y年%-m月%-d日").to_string(),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

/// Props of [`CaseDeadlines`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseDeadlinesProps {
    /// The case.
    pub id: xinfang_core::CaseId,
}

/// The next thing owed and the list of deadlines.
#[component]
pub fn CaseDeadlines(props: &CaseDeadlinesProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let Some(case) = office.case(props.id) else {
        return html! {};
    };
    let today = crate::clock::today();
    let calendar = &office.settings().calendar;
    let next = match office.next_due(case) {
        Some(due) => {
            let body = due.body.map_or_else(
                || {
                    office
                        .settings()
                        .org
                        .petition_office()
                        .map_or_else(String::new, |u| office.settings().org.unit_name(u))
                },
                |u| office.settings().org.unit_name(u),
            );
            let overdue = due.is_overdue(today);
            let state = if overdue {
                overdue_text(lang, due.days_overdue(today))
            } else {
                match lang {
                    Lang::ZhCn => format!("还剩 {} 天", due.days_left(today)),
                    Lang::En => format!("{} days left", due.days_left(today)),
                }
            };
            html! {
                <p id="case-next-due" class={classes!("case-next-due", overdue.then_some("overdue"))}
                   data-action={serde_json::to_value(due.action).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()} data-by={dates::input_value(due.by)} data-provisional={due.provisional.to_string()}>
                    <span class="next-due-label">{ tr(lang, "下一步：", "Next: ") }</span>
                    <strong class="next-due-what">{ due.action.name(lang) }</strong>
                    { if body.is_empty() { String::new() } else { format!("（{body}）") } }
                    { tr(lang, "，期限 ", ", due by ") }
                    <span id="case-next-due-by">{ dates::display(lang, due.by) }</span>
                    { provisional::mark(lang, due.provisional, Some("case-next-due-provisional")) }
                    { "，" }
                    <span id="case-next-due-state" class="next-due-state">{ state }</span>
                </p>
            }
        }
        None => html! {
            <p id="case-next-due" class="case-next-due none">
                { tr(lang, "当前没有待办期限。", "Nothing is owed at present.") }
            </p>
        },
    };
    let rows: Vec<Html> = deadlines(&office, case)
        .into_iter()
        .map(|row| {
            let (state, overdue) = status(lang, &row, today);
            html! {
                <li class={classes!("case-deadline", overdue.then_some("overdue"), row.done.map(|_| "done"))}
                    data-kind={row.kind} data-by={dates::input_value(row.by)}>
                    <span class="deadline-label">{ row.label.get(lang).to_string() }</span>
                    <span class="deadline-by">{ dates::display(lang, row.by) }</span>
                    // A deadline still open that ends in a year without
                    // holiday data was counted with plain weekends.
                    { provisional::mark(lang, row.done.is_none() && !calendar.covers(row.by.year()), None) }
                    <span class="deadline-state">{ state }</span>
                </li>
            }
        })
        .collect();
    html! {
        <section class="case-section case-due" aria-labelledby="case-due-title">
            <h3 id="case-due-title">{ tr(lang, "期限", "Deadlines") }</h3>
            { next }
            <ul id="case-deadlines" class="case-deadlines">{ for rows }</ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::{Action, Channel, Command, Intake, Petitioner, Purpose, Settings};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadlines_follow_the_case() {
        let mut office = Office::new(Settings::sample_county());
        let s = office.settings().clone();
        let intake = Intake {
            received_on: d(2025, 9, 26),
            channel: Channel::Online,
            petitioners: vec![Petitioner::named("张某")],
            head_count: 1,
            category: s.categories.find("集中供热").unwrap().id(),
            purpose: Purpose::Request,
            township: s.org.find_unit("城关镇").map(|u| u.id()),
            village: String::new(),
            summary: "供暖温度不达标".into(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        let now = d(2025, 9, 26).and_hms_opt(10, 0, 0).unwrap();
        let id = office.execute(Command::Register { intake }, now).unwrap().case().unwrap();
        let rows = deadlines(&office, office.case(id).unwrap());
        assert_eq!(rows.len(), 1);
        // The core's own example: 15 days from 26 September 2025 end on 11 October.
        assert_eq!((rows[0].kind, rows[0].by, rows[0].done), ("route", d(2025, 10, 11), None));
        assert_eq!(status(Lang::ZhCn, &rows[0], d(2025, 10, 11)), ("还剩 1 天".into(), false));
        assert_eq!(status(Lang::ZhCn, &rows[0], d(2025, 10, 14)), ("已超期 3 天".into(), true));

        let lead = s.org.find_unit("城关镇").unwrap().id();
        let routing = xinfang_core::case::Routing {
            on: d(2025, 10, 13),
            disposal: xinfang_core::Disposal::Transfer,
            lead,
            co_units: vec![],
            assignment: None,
            explanation: String::new(),
        };
        let later = d(2025, 10, 13).and_hms_opt(9, 0, 0).unwrap();
        office
            .execute(Command::Act { case: id, action: Action::Route { routing } }, later)
            .unwrap();
        let rows = deadlines(&office, office.case(id).unwrap());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].done, Some(d(2025, 10, 13)));
        // No 签收 recorded: acceptance counts from the sending day, and says so.
        assert_eq!(
            rows[1].label.zh,
            "受理告知期限（未登记签收日期，暂自2025年10月13日转送（交办）之日起计算）"
        );
        // The unit's 5 working days to object: 14, 15, 16, 17, 20 October.
        assert_eq!(
            (rows[2].kind, rows[2].by, rows[2].window),
            ("objection", d(2025, 10, 20), true)
        );
        assert_eq!(status(Lang::ZhCn, &rows[0], d(2025, 11, 1)).0, "2025年10月13日完成，逾期 2 天");
        assert_eq!(rows[1].kind, "acceptance");
        let case = office.case(id).unwrap();
        assert_eq!(
            Some(rows[1].by),
            case.acceptance_due(&office.settings().clock, &office.settings().calendar)
        );
    }
}
