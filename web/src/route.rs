//! The page in the address bar: each [`Route`] has a `#/…` form, so a
//! reload stays on the same page and the browser's back button works.

use xinfang_core::documents::DocumentKind;
use xinfang_core::ids::{MeetingId, OwnershipId, ReceptionId};
use xinfang_core::CaseId;

/// The page shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// 工作台: due, overdue, counts, indicators.
    #[default]
    Dashboard,
    /// 案件查询: the list with filters, search and sorting.
    Cases,
    /// 登记: register a new case.
    Register,
    /// One case: its state, the actions it allows, its timeline.
    Case(CaseId),
    /// A written document of a case, laid out for printing.
    Print(CaseId, DocumentKind),
    /// 设置: units and people, categories, routing rules, targets, calendar.
    Settings,
    /// 期限计算器.
    Deadlines,
    /// 报表统计: indicators, ranking, charts, briefing, exports.
    Reports,
    /// 督办: open supervision notices and reminders by unit.
    Supervision,
    /// 领导接访: the reception rota, the receptions held, their counts.
    Reception,
    /// 领导包案: hard cases owned by leaders, with the 五个一.
    Ownership,
    /// 矛盾纠纷排查: cadences, rounds, coverage and the hotspot ledger.
    Screening,
    /// 信访积案: the backlog ledger and its rates.
    Backlog,
    /// 三无: each township's status and the share against the target.
    ThreeNone,
    /// 会议: joint, coordination and leading-group meetings.
    Meetings,
    /// One meeting: attendees, cases, decisions, the minutes.
    Meeting(MeetingId),
    /// A document of the work ledgers, laid out for printing.
    WorkPrint(WorkDoc),
    /// 导入台账: cases from an .xlsx or .csv ledger.
    Import,
}

/// The printed documents of the work ledgers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkDoc {
    /// 领导接访登记表 of one reception.
    Reception(ReceptionId),
    /// 领导接访排班表 (the rota's days of a month, `YYYYMM`).
    Rota(u32),
    /// 领导包案责任表 (the 五个一 of one ownership).
    Ownership(OwnershipId),
    /// 矛盾纠纷排查化解台账.
    Hotspots,
    /// 信访积案化解台账.
    Backlog,
    /// 三无 乡镇（街道）情况表 (of a year).
    ThreeNone(i32),
    /// 会议纪要 of one meeting.
    Minutes(MeetingId),
}

/// The hash for a route (`#/cases`, `#/case/12`, `#/case/12/print/reply`).
pub fn to_hash(route: Route) -> String {
    match route {
        Route::Dashboard => "#/".into(),
        Route::Cases => "#/cases".into(),
        Route::Register => "#/register".into(),
        Route::Case(id) => format!("#/case/{}", id.get()),
        Route::Print(id, doc) => format!("#/case/{}/print/{}", id.get(), doc_slug(doc)),
        Route::Settings => "#/settings".into(),
        Route::Deadlines => "#/deadlines".into(),
        Route::Reports => "#/reports".into(),
        Route::Supervision => "#/supervision".into(),
        Route::Reception => "#/reception".into(),
        Route::Ownership => "#/ownership".into(),
        Route::Screening => "#/screening".into(),
        Route::Backlog => "#/backlog".into(),
        Route::ThreeNone => "#/three-none".into(),
        Route::Meetings => "#/meetings".into(),
        Route::Meeting(id) => format!("#/meeting/{}", id.get()),
        Route::WorkPrint(doc) => format!("#/print/{}", work_doc_path(doc)),
        Route::Import => "#/import".into(),
    }
}

fn work_doc_path(doc: WorkDoc) -> String {
    match doc {
        WorkDoc::Reception(id) => format!("reception/{}", id.get()),
        WorkDoc::Rota(month) => format!("rota/{month}"),
        WorkDoc::Ownership(id) => format!("ownership/{}", id.get()),
        WorkDoc::Hotspots => "hotspots".into(),
        WorkDoc::Backlog => "backlog".into(),
        WorkDoc::ThreeNone(year) => format!("three-none/{year}"),
        WorkDoc::Minutes(id) => format!("minutes/{}", id.get()),
    }
}

fn work_doc_from(parts: &[&str]) -> Option<WorkDoc> {
    let n = |s: &str| s.parse::<u32>().ok().filter(|n| *n > 0);
    Some(match parts {
        ["reception", id] => WorkDoc::Reception(ReceptionId::new(n(id)?)),
        ["rota", month] => {
            let m = n(month)?;
            if !(1..=12).contains(&(m % 100)) {
                return None;
            }
            WorkDoc::Rota(m)
        }
        ["ownership", id] => WorkDoc::Ownership(OwnershipId::new(n(id)?)),
        ["hotspots"] => WorkDoc::Hotspots,
        ["backlog"] => WorkDoc::Backlog,
        ["three-none", year] => WorkDoc::ThreeNone(year.parse().ok().filter(|y| *y > 0)?),
        ["minutes", id] => WorkDoc::Minutes(MeetingId::new(n(id)?)),
        _ => return None,
    })
}

/// The route of a hash; the dashboard for anything unknown.
pub fn from_hash(hash: &str) -> Route {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let case = |s: &str| s.parse::<u32>().ok().filter(|n| *n > 0).map(CaseId::new);
    match parts.as_slice() {
        ["cases"] => Route::Cases,
        ["register"] => Route::Register,
        ["settings"] => Route::Settings,
        ["deadlines"] => Route::Deadlines,
        ["reports"] => Route::Reports,
        ["supervision"] => Route::Supervision,
        ["reception"] => Route::Reception,
        ["ownership"] => Route::Ownership,
        ["screening"] => Route::Screening,
        ["backlog"] => Route::Backlog,
        ["three-none"] => Route::ThreeNone,
        ["meetings"] => Route::Meetings,
        ["import"] => Route::Import,
        ["meeting", id] => {
            case(id).map_or(Route::Dashboard, |c| Route::Meeting(MeetingId::new(c.get())))
        }
        ["print", rest @ ..] => work_doc_from(rest).map_or(Route::Dashboard, Route::WorkPrint),
        ["case", id] => case(id).map_or(Route::Dashboard, Route::Case),
        ["case", id, "print", doc] => match (case(id), doc_from_slug(doc)) {
            (Some(id), Some(doc)) => Route::Print(id, doc),
            _ => Route::Dashboard,
        },
        _ => Route::Dashboard,
    }
}

fn doc_slug(doc: DocumentKind) -> String {
    match doc {
        DocumentKind::Acceptance => "acceptance".into(),
        DocumentKind::Refusal => "refusal".into(),
        DocumentKind::Direction => "direction".into(),
        DocumentKind::Extension => "extension".into(),
        DocumentKind::Reply => "reply".into(),
        DocumentKind::ReviewDecision => "review".into(),
        DocumentKind::ReReviewDecision => "rereview".into(),
        DocumentKind::Assignment => "assignment".into(),
        DocumentKind::Supervision(no) => format!("supervision-{no}"),
    }
}

fn doc_from_slug(slug: &str) -> Option<DocumentKind> {
    Some(match slug {
        "acceptance" => DocumentKind::Acceptance,
        "refusal" => DocumentKind::Refusal,
        "direction" => DocumentKind::Direction,
        "extension" => DocumentKind::Extension,
        "reply" => DocumentKind::Reply,
        "review" => DocumentKind::ReviewDecision,
        "rereview" => DocumentKind::ReReviewDecision,
        "assignment" => DocumentKind::Assignment,
        other => DocumentKind::Supervision(other.strip_prefix("supervision-")?.parse().ok()?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips() {
        let id = CaseId::new(12);
        let mut routes = vec![
            Route::Dashboard,
            Route::Cases,
            Route::Register,
            Route::Case(id),
            Route::Settings,
            Route::Deadlines,
            Route::Reports,
            Route::Supervision,
            Route::Reception,
            Route::Ownership,
            Route::Screening,
            Route::Backlog,
            Route::ThreeNone,
            Route::Meetings,
            Route::Meeting(MeetingId::new(4)),
            Route::Import,
            Route::WorkPrint(WorkDoc::Reception(ReceptionId::new(2))),
            Route::WorkPrint(WorkDoc::Rota(202603)),
            Route::WorkPrint(WorkDoc::Ownership(OwnershipId::new(3))),
            Route::WorkPrint(WorkDoc::Hotspots),
            Route::WorkPrint(WorkDoc::Backlog),
            Route::WorkPrint(WorkDoc::ThreeNone(2026)),
            Route::WorkPrint(WorkDoc::Minutes(MeetingId::new(5))),
        ];
        for doc in [
            DocumentKind::Acceptance,
            DocumentKind::Refusal,
            DocumentKind::Direction,
            DocumentKind::Extension,
            DocumentKind::Reply,
            DocumentKind::ReviewDecision,
            DocumentKind::ReReviewDecision,
            DocumentKind::Assignment,
            DocumentKind::Supervision(3),
        ] {
            routes.push(Route::Print(id, doc));
        }
        for route in routes {
            assert_eq!(from_hash(&to_hash(route)), route, "{}", to_hash(route));
        }
    }

    #[test]
    fn unknown_hashes_go_home() {
        for hash in [
            "",
            "#",
            "#/nope",
            "#/case/x",
            "#/case/0",
            "#/case/3/print/poem",
            "#/case/3/print/supervision-x",
            "#/meeting/0",
            "#/print/minutes/x",
            "#/print/rota/202613",
            "#/print/nothing",
        ] {
            assert_eq!(from_hash(hash), Route::Dashboard, "{hash}");
        }
    }
}
