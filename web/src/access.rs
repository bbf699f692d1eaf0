//! 以单位身份查看: the app as one unit's workspace, and the one rule that
//! keeps an accusation (检举控告) from the unit it accuses.
//!
//! The view is `None` for the petition office's own view (信访部门，全部)
//! or `Some(unit)` for a unit. A unit sees the cases it handles
//! ([`visible_to`]); of those (and anywhere else an accusation could show),
//! an accusation against the unit or a unit under it in the organisation
//! ([`hidden_from`]) shows [`PLACEHOLDER`] instead of its summary, content
//! and the petitioners' identity ([`redact`], [`redact_change`],
//! [`redact_ledger`]). This protects the petitioner from the accused; it
//! watches no one.

use std::borrow::Cow;

use xinfang_core::case::Proceeding;
use xinfang_core::export::{Cell, Table};
use xinfang_core::{Case, Change, Office, Organisation, Purpose, UnitId};

/// What an accused unit sees in place of the accusation's summary,
/// content and petitioners.
pub const PLACEHOLDER: &str = "（检举控告内容，不向被检举单位显示）";

/// Whether `unit` is `ancestor` or lies under it (following the parents;
/// the organisation refuses cycles, the walk is bounded anyway).
pub fn is_within(org: &Organisation, unit: UnitId, ancestor: UnitId) -> bool {
    let mut at = Some(unit);
    for _ in 0..=org.units().count() {
        match at {
            Some(u) if u == ancestor => return true,
            Some(u) => at = org.unit(u).and_then(|u| u.parent()),
            None => return false,
        }
    }
    false
}

/// Whether the case is an accusation against `unit` or a unit under it:
/// then the unit must not see its summary, content or petitioners.
pub fn hidden_from(case: &Case, unit: UnitId, org: &Organisation) -> bool {
    let intake = case.intake();
    intake.purpose == Purpose::Accusation
        && intake.accused_unit.is_some_and(|accused| is_within(org, accused, unit))
}

/// Whether `view` (a unit, or `None` for the petition office's view)
/// must not see the case's content.
pub fn hides(case: &Case, view: Option<UnitId>, org: &Organisation) -> bool {
    view.is_some_and(|unit| hidden_from(case, unit, org))
}

/// Whether `unit` handles the case: its lead or a co-handling unit, the
/// unit of its 五定, a body that handled or reviewed it, a unit pressed by
/// its supervision, or (while no one else owes its next step) the petition
/// office itself when `unit` is it.
pub fn visible_to(case: &Case, unit: UnitId, org: &Organisation) -> bool {
    if org.petition_office() == Some(unit) {
        return true;
    }
    if let Some(r) = case.routing() {
        if r.lead == unit
            || r.co_units.contains(&unit)
            || r.assignment.as_ref().is_some_and(|a| a.unit() == unit)
        {
            return true;
        }
    }
    case.responsible_body() == Some(unit)
        || case.proceedings().iter().any(|p| match p {
            Proceeding::Handling(h) => h.body == unit,
            Proceeding::Review(r) => r.body == unit,
        })
        || case.supervision().iter().any(|s| s.unit == unit)
}

/// Whether `view` lists the case at all.
pub fn shows(case: &Case, view: Option<UnitId>, org: &Organisation) -> bool {
    view.is_none_or(|unit| visible_to(case, unit, org))
}

/// The case without its summary, content and petitioners' identity
/// (names become [`PLACEHOLDER`], identity numbers, phones and addresses
/// are dropped). Everything else (dates, stage, units) stays.
pub fn redact(case: &Case) -> Case {
    // The core keeps a case's fields to itself: change its stored form.
    let mut value = serde_json::to_value(case).expect("a case always serialises");
    if let Some(intake) = value.get_mut("intake").and_then(|i| i.as_object_mut()) {
        intake.insert("summary".into(), PLACEHOLDER.into());
        intake.insert("content".into(), PLACEHOLDER.into());
        if let Some(people) = intake.get_mut("petitioners").and_then(|p| p.as_array_mut()) {
            for p in people.iter_mut() {
                let representative =
                    p.get("representative").cloned().unwrap_or(serde_json::Value::Bool(false));
                *p = serde_json::json!({
                    "name": PLACEHOLDER,
                    "id_number": null,
                    "phone": null,
                    "address": "",
                    "representative": representative,
                });
            }
        }
    }
    serde_json::from_value(value).expect("the stored form of a case reads back")
}

/// The case as `view` may see it: itself, or [`redact`]ed.
pub fn shown<'a>(case: &'a Case, view: Option<UnitId>, org: &Organisation) -> Cow<'a, Case> {
    if hides(case, view, org) {
        Cow::Owned(redact(case))
    } else {
        Cow::Borrowed(case)
    }
}

/// A history entry of a hidden case with its free texts (reasons, notes,
/// the intake) replaced by [`PLACEHOLDER`].
pub fn redact_change(change: &Change) -> Change {
    let mut c = change.clone();
    let blank = |s: &mut String| {
        if !s.is_empty() {
            *s = PLACEHOLDER.to_string();
        }
    };
    match &mut c {
        Change::Registered { intake, .. } | Change::Amended { intake } => {
            intake.summary = PLACEHOLDER.into();
            intake.content = PLACEHOLDER.into();
            for p in &mut intake.petitioners {
                p.name = PLACEHOLDER.into();
                p.id_number = None;
                p.phone = None;
                p.address.clear();
            }
        }
        Change::Declined { decline } => {
            blank(&mut decline.reason);
            blank(&mut decline.redirect_to);
        }
        Change::Extended { extension } => blank(&mut extension.reason),
        Change::SentBack { reason, .. } => blank(reason),
        Change::Supervised { supervision } => blank(&mut supervision.note),
        Change::SupervisionClosed { closure, .. } => blank(&mut closure.note),
        Change::FollowedUp { follow_up } => blank(&mut follow_up.note),
        Change::Settled { settlement } => blank(&mut settlement.note),
        Change::Objected { objection } => blank(&mut objection.reason),
        _ => {}
    }
    c
}

/// The ledger columns that name the matter or the petitioner: names,
/// identity number, phone, summary (see `xinfang_core::export::LEDGER_HEADERS`).
const LEDGER_PRIVATE: [&str; 4] = ["信访人", "身份证号", "联系电话", "反映问题"];

/// Blanks the private columns of the rows of hidden cases in a ledger
/// table made from `cases` in the same order.
pub fn redact_ledger(table: &mut Table, cases: &[&Case], view: Option<UnitId>, org: &Organisation) {
    let cols: Vec<usize> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| LEDGER_PRIVATE.contains(&h.as_str()))
        .map(|(i, _)| i)
        .collect();
    for (row, case) in table.rows.iter_mut().zip(cases) {
        if hides(case, view, org) {
            for &i in &cols {
                if let Some(cell) = row.get_mut(i) {
                    *cell = Cell::Text(PLACEHOLDER.to_string());
                }
            }
        }
    }
}

/// The cases `view` lists, in the office's order.
pub fn cases_for(office: &Office, view: Option<UnitId>) -> Vec<&Case> {
    let org = &office.settings().org;
    office.cases().filter(|c| shows(c, view, org)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use xinfang_core::export::{ledger_table, Privacy};
    use xinfang_core::{
        Action, Channel, Command, Disposal, Intake, Petitioner, Settings, UnitKind,
    };

    fn at() -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(10, 0, 0).unwrap()
    }

    struct Fixture {
        office: Office,
        accused: UnitId,
        parent: UnitId,
        handler: UnitId,
        other: UnitId,
        accusation: xinfang_core::CaseId,
        ordinary: xinfang_core::CaseId,
    }

    fn fixture() -> Fixture {
        let mut settings = Settings::sample_county();
        let org = &mut settings.org;
        let parent = org.add_unit("测试上级局", UnitKind::Department, None).unwrap();
        let accused = org.add_unit("测试被举报所", UnitKind::Department, Some(parent)).unwrap();
        let township: Vec<UnitId> = org.townships().map(|u| u.id()).collect();
        let (handler, other) = (township[0], township[1]);
        let category = settings.categories.iter().next().unwrap().id();
        let mut office = Office::new(settings);
        let intake = |purpose, accused_unit, summary: &str| Intake {
            received_on: at().date(),
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("举报人甲")],
            head_count: 1,
            category,
            purpose,
            township: Some(handler),
            village: String::new(),
            summary: summary.into(),
            content: "秘密内容甲乙丙".into(),
            escalation: None,
            accused_unit,
            repeat_of: None,
        };
        let accusation = office
            .execute(
                Command::Register {
                    intake: intake(Purpose::Accusation, Some(accused), "举报某所"),
                },
                at(),
            )
            .unwrap()
            .case()
            .unwrap();
        let ordinary = office
            .execute(Command::Register { intake: intake(Purpose::Request, None, "求决事项") }, at())
            .unwrap()
            .case()
            .unwrap();
        let route = |lead| Action::Route {
            routing: xinfang_core::case::Routing {
                on: at().date(),
                disposal: Disposal::Transfer,
                lead,
                co_units: vec![],
                assignment: None,
                explanation: String::new(),
            },
        };
        office.execute(Command::Act { case: accusation, action: route(handler) }, at()).unwrap();
        office.execute(Command::Act { case: ordinary, action: route(accused) }, at()).unwrap();
        Fixture { office, accused, parent, handler, other, accusation, ordinary }
    }

    #[test]
    fn an_accusation_is_hidden_from_the_accused_and_the_units_above_it() {
        let f = fixture();
        let org = &f.office.settings().org;
        let case = f.office.case(f.accusation).unwrap();
        assert!(hidden_from(case, f.accused, org));
        assert!(hidden_from(case, f.parent, org));
        assert!(!hidden_from(case, f.handler, org));
        assert!(!hidden_from(case, f.other, org));
        assert!(!hides(case, None, org));
        let ordinary = f.office.case(f.ordinary).unwrap();
        assert!(!hidden_from(ordinary, f.accused, org));
    }

    #[test]
    fn a_unit_sees_the_cases_it_handles() {
        let f = fixture();
        let org = &f.office.settings().org;
        let (acc, ord) = (f.office.case(f.accusation).unwrap(), f.office.case(f.ordinary).unwrap());
        assert!(visible_to(acc, f.handler, org) && !visible_to(ord, f.handler, org));
        assert!(visible_to(ord, f.accused, org) && !visible_to(acc, f.accused, org));
        assert!(!visible_to(acc, f.other, org) && !visible_to(ord, f.other, org));
        let office_unit = org.petition_office().unwrap();
        assert!(visible_to(acc, office_unit, org) && visible_to(ord, office_unit, org));
        assert!(shows(acc, None, org));
        let ids: Vec<_> = cases_for(&f.office, Some(f.accused)).iter().map(|c| c.id()).collect();
        assert_eq!(ids, vec![f.ordinary]);
    }

    #[test]
    fn redaction_removes_the_content_and_identity_and_keeps_the_rest() {
        let f = fixture();
        let org = &f.office.settings().org;
        let case = f.office.case(f.accusation).unwrap();
        let r = redact(case);
        assert_eq!(r.intake().summary, PLACEHOLDER);
        assert_eq!(r.intake().content, PLACEHOLDER);
        assert_eq!(r.intake().petitioners[0].name, PLACEHOLDER);
        assert_eq!((r.id(), r.number(), r.stage()), (case.id(), case.number(), case.stage()));
        assert_eq!(r.routing(), case.routing());
        assert!(matches!(shown(case, Some(f.accused), org), Cow::Owned(_)));
        assert!(matches!(shown(case, Some(f.handler), org), Cow::Borrowed(_)));
        let text = format!("{:?}", r);
        assert!(!text.contains("秘密内容") && !text.contains("举报人甲"));
        for entry in f.office.history(f.accusation) {
            let text = format!("{:?}", redact_change(&entry.event.change));
            assert!(!text.contains("秘密内容") && !text.contains("举报人甲"), "{text}");
        }
    }

    #[test]
    fn the_list_of_a_view_neither_lists_nor_finds_hidden_content() {
        use crate::ui::case_query::{query, Filters, Index, Sort};
        let mut f = fixture();
        let today = at().date();
        let search = |s: &str| Filters { search: s.into(), ..Filters::default() };
        let index = Index::build_for(&f.office, today, Some(f.accused));
        assert_eq!(query(&f.office, &index, &Filters::default(), Sort::Number), vec![f.ordinary]);
        let index = Index::build_for(&f.office, today, Some(f.handler));
        assert_eq!(query(&f.office, &index, &search("秘密内容"), Sort::Number), vec![f.accusation]);
        // An accusation against the petition office itself: listed in its
        // view (it sees every case) but found by its number only.
        let office_unit = f.office.settings().org.petition_office().unwrap();
        let mut intake = f.office.case(f.accusation).unwrap().intake().clone();
        intake.accused_unit = Some(office_unit);
        let against = f.office.execute(Command::Register { intake }, at()).unwrap().case().unwrap();
        let index = Index::build_for(&f.office, today, Some(office_unit));
        assert!(index.entry(against).unwrap().hidden);
        let found = query(&f.office, &index, &search("秘密内容"), Sort::Number);
        assert_eq!(found, vec![f.accusation, f.ordinary]);
        let number = f.office.case(against).unwrap().number().to_string();
        assert_eq!(query(&f.office, &index, &search(&number), Sort::Number), vec![against]);
        // The office's own view (no unit) finds all three.
        let index = Index::build(&f.office, today);
        assert_eq!(query(&f.office, &index, &search("秘密内容"), Sort::Number).len(), 3);
    }

    #[test]
    fn the_ledger_of_the_accused_lacks_the_accusation() {
        let f = fixture();
        let org = &f.office.settings().org;
        let cases: Vec<&Case> = f.office.cases().collect();
        let mut table =
            ledger_table(&f.office, cases.iter().copied(), at().date(), Privacy::Masked);
        redact_ledger(&mut table, &cases, Some(f.parent), org);
        let text = String::from_utf8(xinfang_core::export::table_csv(&table)).unwrap();
        assert!(!text.contains("举报某所") && text.contains("求决事项"), "{text}");
        assert!(text.contains(PLACEHOLDER));
    }
}
