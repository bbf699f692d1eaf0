//! A case's timeline (`#case-timeline`): every event of its history, oldest
//! first, said in words (登记 XF2026-00012, 交办 河口乡（五定：…）, 受理 …).

use xinfang_core::case::Routing;
use xinfang_core::{CaseId, Change, Disposal, Office};
use yew::prelude::*;

use crate::context::use_app;
use crate::forms::category_path;
use crate::i18n::labels::{lower, Named};
use crate::i18n::{tr, Lang};

/// A date in running text: `2025年2月18日` / `18 February 2025`.
fn day(lang: Lang, date: chrono::NaiveDate) -> String {
    match lang {
        Lang::ZhCn => date.format("%Y年%-m月%-d日").to_string(),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

fn person(office: &Office, id: xinfang_core::PersonId) -> String {
    office.settings().org.person(id).map_or_else(|| id.to_string(), |p| p.name().to_string())
}

/// How a routing reads: `交办 河口乡（五定：包案领导 …）；协办：…`.
fn routing(lang: Lang, office: &Office, r: &Routing) -> String {
    let org = &office.settings().org;
    let lead = org.unit_name(r.lead);
    let mut out = match (lang, r.disposal) {
        (Lang::ZhCn, Disposal::Direct) => format!("直办（{lead}）"),
        (Lang::ZhCn, d) => format!("{} {lead}", d.name(lang)),
        (Lang::En, Disposal::Transfer) => format!("Transferred to {lead}"),
        (Lang::En, Disposal::Assign) => format!("Assigned to {lead}"),
        (Lang::En, Disposal::Direct) => format!("Handled directly by {lead}"),
    };
    if let Some(a) = &r.assignment {
        let parts = [
            (lower(xinfang_core::Fix::Leader.name(lang)), person(office, a.leader())),
            (lower(xinfang_core::Fix::Handler.name(lang)), person(office, a.handler())),
            (lower(xinfang_core::Fix::Deadline.name(lang)), day(lang, a.deadline())),
            (lower(xinfang_core::Fix::Standard.name(lang)), a.standard().to_string()),
        ];
        out += &match lang {
            Lang::ZhCn => {
                let p: Vec<String> = parts.iter().map(|(k, v)| format!("{k} {v}")).collect();
                format!("（五定：{}）", p.join("，"))
            }
            Lang::En => {
                let p: Vec<String> = parts.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!(" (five fixes: {})", p.join("; "))
            }
        };
    }
    if !r.co_units.is_empty() {
        let names: Vec<String> = r.co_units.iter().map(|u| org.unit_name(*u)).collect();
        out += &match lang {
            Lang::ZhCn => format!("；协办：{}", names.join("、")),
            Lang::En => format!("; co-handling: {}", names.join(", ")),
        };
    }
    out
}

/// What an event did, in words.
pub fn describe(lang: Lang, office: &Office, change: &Change) -> String {
    let s = office.settings();
    let unit = |u| s.org.unit_name(u);
    let number = |id: CaseId| office.case(id).map_or_else(|| id.to_string(), |c| c.number().into());
    let zh = lang == Lang::ZhCn;
    match change {
        Change::Registered { number, intake, ledger } => {
            let mut detail = format!(
                "{}，{}",
                intake.channel.name(lang),
                category_path(&s.categories, intake.category)
            );
            if let Some(l) = ledger {
                detail.push_str(&if zh {
                    format!("，自台账导入：{}", l.source)
                } else {
                    format!(", imported from the ledger {}", l.source)
                });
            }
            if zh {
                format!("登记 {number}（{detail}）")
            } else {
                format!("Registered {number} ({detail})")
            }
        }
        Change::Amended { .. } => tr(lang, "修改登记信息", "Registration corrected").into(),
        Change::LinkedAsRepeat { earlier } => {
            if zh {
                format!("关联为重复件：{}", number(*earlier))
            } else {
                format!("Linked as a repeat of {}", number(*earlier))
            }
        }
        Change::Routed { routing: r } => routing(lang, office, r),
        Change::Declined { decline } => {
            let mut out = format!("{}：{}", decline.kind.name(lang), decline.reason);
            if !zh {
                out = format!("{}: {}", decline.kind.name(lang), decline.reason);
            }
            if !decline.redirect_to.is_empty() {
                out += &if zh {
                    format!("（告知向{}反映）", decline.redirect_to)
                } else {
                    format!(" (told to turn to {})", decline.redirect_to)
                };
            }
            out
        }
        Change::Directed { direction: d } => {
            let to = if d.redirect_to.is_empty() { d.procedure.notice() } else { &d.redirect_to };
            if zh {
                format!(
                    "导入法定途径（{}，{}）：{}（告知：{}）",
                    d.procedure.label(),
                    d.procedure.article(),
                    d.reason,
                    to
                )
            } else {
                format!(
                    "Directed to a statutory procedure ({}, {}): {} (told: {})",
                    d.procedure.label(),
                    d.procedure.article(),
                    d.reason,
                    to
                )
            }
        }
        Change::Accepted { on, body } => {
            if zh {
                format!("受理（{}，{}）", unit(*body), day(lang, *on))
            } else {
                format!("Accepted by {} on {}", unit(*body), day(lang, *on))
            }
        }
        Change::Delivered { document, delivery } => {
            let received = delivery.received_on.map_or_else(
                || tr(lang, "收到日期未知", "receipt day unknown").to_string(),
                |r| {
                    if zh {
                        format!("{}收到", day(lang, r))
                    } else {
                        format!("received {}", day(lang, r))
                    }
                },
            );
            if zh {
                format!(
                    "{}{}（{}，{}）",
                    document.label(),
                    delivery.method.label(),
                    day(lang, delivery.sent_on),
                    received
                )
            } else {
                format!("Delivered on {} ({received})", day(lang, delivery.sent_on))
            }
        }
        Change::Signed { on } => {
            if zh {
                format!("签收（{}）", day(lang, *on))
            } else {
                format!("Received by the unit on {}", day(lang, *on))
            }
        }
        Change::Objected { objection: o } => {
            if zh {
                format!("{}提出异议，退回信访部门：{}", unit(o.unit), o.reason)
            } else {
                format!("{} objected, back to the office: {}", unit(o.unit), o.reason)
            }
        }
        Change::Extended { extension: e } => {
            if zh {
                format!("延长办理期限 {} 日：{}", e.days, e.reason)
            } else {
                format!("Reply period extended by {} days: {}", e.days, e.reason)
            }
        }
        Change::Replied { reply } => {
            let outcome = lower(reply.outcome().name(lang));
            if zh {
                format!("答复（{}，{}）", outcome, day(lang, reply.on))
            } else {
                format!("Replied in writing ({outcome}) on {}", day(lang, reply.on))
            }
        }
        Change::SentBack { reason, redo_by, .. } => {
            if zh {
                format!("退回重办：{reason}（限{}前）", day(lang, *redo_by))
            } else {
                format!("Sent back to be redone: {reason} (by {})", day(lang, *redo_by))
            }
        }
        Change::ReviewRequested { level, on, body } => {
            if zh {
                format!("申请{}（{}，{}）", level.label(), unit(*body), day(lang, *on))
            } else {
                format!(
                    "Asked for a {} by {} on {}",
                    lower(level.name(lang)),
                    unit(*body),
                    day(lang, *on)
                )
            }
        }
        Change::HearingRecorded { from, to } => {
            if zh {
                format!("举行听证（{}至{}）", day(lang, *from), day(lang, *to))
            } else {
                format!("Hearing held from {} to {}", day(lang, *from), day(lang, *to))
            }
        }
        Change::ReviewDecided { level, decision, redo_by } => {
            let outcome = lower(decision.outcome.name(lang));
            let mut out = if zh {
                format!("{}决定：{}", level.label(), outcome)
            } else {
                format!("{} decided: {outcome}", level.name(lang))
            };
            if let Some(by) = redo_by {
                out += &if zh {
                    format!("（限{}前重新办理）", day(lang, *by))
                } else {
                    format!(" (by {})", day(lang, *by))
                };
            }
            out
        }
        Change::Supervised { supervision: sv } => {
            let mut out = if zh {
                format!("{} {}（第{}号）：{}", sv.kind.label(), unit(sv.unit), sv.no, sv.note)
            } else {
                format!("{} no. {} to {}: {}", sv.kind.name(lang), sv.no, unit(sv.unit), sv.note)
            };
            if let Some(by) = sv.respond_by {
                out += &if zh {
                    format!("（限{}前回复）", day(lang, by))
                } else {
                    format!(" (respond by {})", day(lang, by))
                };
            }
            out
        }
        Change::SupervisionClosed { no, closure } => {
            if zh {
                format!("第{no}号督办办结：{}", closure.note)
            } else {
                format!("Supervision no. {no} closed: {}", closure.note)
            }
        }
        Change::FollowedUp { follow_up: f } => {
            if zh {
                format!("回访（{}）：{}", f.method.label(), f.note)
            } else {
                format!("Follow-up ({}): {}", lower(f.method.name(lang)), f.note)
            }
        }
        Change::Rated { rating } => {
            if zh {
                format!("满意度评价：{}", rating.level.label())
            } else {
                format!("Rated: {}", lower(rating.level.name(lang)))
            }
        }
        Change::Settled { settlement } => {
            if zh {
                format!("息诉罢访：{}", settlement.note)
            } else {
                format!("Petitioner accepted the outcome: {}", settlement.note)
            }
        }
        Change::Imported { source, number } => {
            if zh {
                format!("由{}的记录合并（原编号{number}）", unit(*source))
            } else {
                format!("Merged from the record of {} (number there: {number})", unit(*source))
            }
        }
    }
}

/// A short kind of the change, for `data-kind` (stable, for tests and styles).
pub fn kind(change: &Change) -> &'static str {
    match change {
        Change::Registered { .. } => "registered",
        Change::Amended { .. } => "amended",
        Change::LinkedAsRepeat { .. } => "linked_as_repeat",
        Change::Routed { .. } => "routed",
        Change::Declined { .. } => "declined",
        Change::Directed { .. } => "directed",
        Change::Accepted { .. } => "accepted",
        Change::Extended { .. } => "extended",
        Change::Replied { .. } => "replied",
        Change::SentBack { .. } => "sent_back",
        Change::ReviewRequested { .. } => "review_requested",
        Change::HearingRecorded { .. } => "hearing_recorded",
        Change::ReviewDecided { .. } => "review_decided",
        Change::Supervised { .. } => "supervised",
        Change::SupervisionClosed { .. } => "supervision_closed",
        Change::FollowedUp { .. } => "followed_up",
        Change::Rated { .. } => "rated",
        Change::Settled { .. } => "settled",
        Change::Imported { .. } => "imported",
        Change::Delivered { .. } => "delivered",
        Change::Signed { .. } => "signed",
        Change::Objected { .. } => "objected",
    }
}

/// Props of [`Timeline`].
#[derive(Debug, PartialEq, Properties)]
pub struct TimelineProps {
    /// The case.
    pub id: CaseId,
}

/// Every event of the case, oldest first (`#case-timeline`, `.timeline-entry`).
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    // An accusation against the viewing unit: its free texts are withheld
    // (see `unit_view`).
    let viewer = crate::access::viewer(&app.prefs);
    let org = &office.settings().org;
    let Some(case) = office.case(props.id).filter(|c| viewer.sees(c, org)) else {
        return html! {};
    };
    let entries: Vec<Html> = office
        .history(props.id)
        .map(|entry| {
            let change = viewer.change(case, &entry.event.change, org);
            let change: &Change = &change;
            let at = entry.event.at;
            let when = format!("{} {}", day(lang, at.date()), at.format("%H:%M"));
            let redo = matches!(
                &entry.event.change,
                Change::ReviewDecided { .. } | Change::SentBack { .. }
            );
            html! {
                <li class={classes!("timeline-entry", redo.then_some("timeline-redo"))}
                    data-kind={kind(&entry.event.change)} data-seq={entry.seq.to_string()}>
                    <time datetime={at.format("%Y-%m-%dT%H:%M:%S").to_string()} class="timeline-at">
                        { when }
                    </time>
                    <span class="timeline-what">{ describe(lang, &office, change) }</span>
                </li>
            }
        })
        .collect();
    html! {
        <section class="case-section case-timeline-section" aria-labelledby="case-timeline-title">
            <h3 id="case-timeline-title">{ tr(lang, "办理经过", "Timeline") }</h3>
            <ol id="case-timeline" class="timeline">{ for entries }</ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use xinfang_core::case::{ReplyItem, ReplyOutcome};
    use xinfang_core::{
        Action, Channel, Command, FiveFixes, Intake, Petitioner, Purpose, Settings,
    };

    fn at(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(10, 0, 0).unwrap()
    }

    #[test]
    fn a_case_history_reads_in_both_languages() {
        let mut office = Office::new(Settings::sample_county());
        let s = office.settings().clone();
        let township = s.org.find_unit("河口乡").unwrap().id();
        let intake = Intake {
            received_on: at(2025, 3, 3).date(),
            channel: Channel::Letter { green_post: true },
            petitioners: vec![Petitioner::named("王某某")],
            head_count: 1,
            category: s.categories.find("拖欠工资").unwrap().id(),
            purpose: Purpose::Request,
            township: Some(township),
            village: String::new(),
            summary: "拖欠工资".into(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        let id =
            office.execute(Command::Register { intake }, at(2025, 3, 3)).unwrap().case().unwrap();
        let leader = crate::features::case::route_model::people_for(
            &s.org,
            township,
            xinfang_core::Fix::Leader,
        )[0];
        let handler = crate::features::case::route_model::people_for(
            &s.org,
            township,
            xinfang_core::Fix::Handler,
        )[0];
        let assignment = FiveFixes {
            unit: Some(township),
            leader: Some(leader.id()),
            handler: Some(handler.id()),
            deadline: NaiveDate::from_ymd_opt(2025, 4, 30),
            standard: "查清事实".into(),
        }
        .complete()
        .unwrap();
        let routing = Routing {
            on: at(2025, 3, 4).date(),
            disposal: Disposal::Assign,
            lead: township,
            co_units: vec![],
            assignment: Some(assignment),
            explanation: String::new(),
        };
        let act = |office: &mut Office, action, now| {
            office.execute(Command::Act { case: id, action }, now).unwrap();
        };
        act(&mut office, xinfang_core::Action::Route { routing }, at(2025, 3, 4));
        act(&mut office, Action::Accept { on: at(2025, 3, 5).date() }, at(2025, 3, 5));
        act(
            &mut office,
            Action::Extend {
                on: at(2025, 3, 20).date(),
                days: 30,
                reason: "需补充调查".into(),
                approved_by: leader.id(),
            },
            at(2025, 3, 20),
        );
        act(
            &mut office,
            Action::Reply {
                on: at(2025, 4, 20).date(),
                items: vec![ReplyItem {
                    claim: "支付工资".into(),
                    outcome: ReplyOutcome::Support,
                    basis: "《保障农民工工资支付条例》".into(),
                }],
                report: Some("已支付".into()),
            },
            at(2025, 4, 20),
        );
        let zh: Vec<String> =
            office.history(id).map(|e| describe(Lang::ZhCn, &office, &e.event.change)).collect();
        let number = office.case(id).unwrap().number().to_string();
        assert_eq!(zh[0], format!("登记 {number}（来信（绿色邮政），劳动和社会保障 / 拖欠工资）"));
        assert_eq!(
            zh[1],
            format!(
                "交办 河口乡（五定：包案领导 {}，办案责任人 {}，办结时限 2025年4月30日，办案质量要求 查清事实）",
                leader.name(),
                handler.name()
            )
        );
        assert_eq!(zh[2], "受理（河口乡，2025年3月5日）");
        assert_eq!(zh[3], "延长办理期限 30 日：需补充调查");
        assert_eq!(zh[4], "答复（予以支持，2025年4月20日）");
        let en: Vec<String> =
            office.history(id).map(|e| describe(Lang::En, &office, &e.event.change)).collect();
        assert!(
            en[1].starts_with("Assigned to 河口乡 (five fixes: leader in charge: "),
            "{}",
            en[1]
        );
        assert_eq!(en[3], "Reply period extended by 30 days: 需补充调查");
        assert_eq!(en[4], "Replied in writing (supported) on 20 April 2025");
        let kinds: Vec<&str> = office.history(id).map(|e| kind(&e.event.change)).collect();
        assert_eq!(kinds, ["registered", "routed", "accepted", "extended", "replied"]);
    }
}
