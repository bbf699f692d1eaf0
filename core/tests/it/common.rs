//! Given/when/then helpers shared by the core's integration tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use xinfang_core::case::{ReplyItem, ReplyOutcome};
use xinfang_core::work::change::WorkChange;
use xinfang_core::{
    Action, Case, CaseError, CaseId, Channel, Command, Done, Intake, Office, PersonId, Petitioner,
    Purpose, Settings, UnitId,
};

/// A date; panics on an impossible one (tests only).
pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Nine in the morning of a day: the moment a clerk records something.
pub(crate) fn at(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(9, 0, 0).unwrap()
}

/// An office of the sample county with no cases.
#[derive(Debug)]
pub(crate) struct World {
    pub office: Office,
}

impl World {
    pub(crate) fn new() -> Self {
        World { office: Office::new(Settings::sample_county()) }
    }

    pub(crate) fn unit(&self, name: &str) -> UnitId {
        self.office.settings().org.find_unit(name).unwrap_or_else(|| panic!("no unit {name}")).id()
    }

    pub(crate) fn person(&self, unit: &str, name: &str) -> PersonId {
        let u = self.unit(unit);
        self.office
            .settings()
            .org
            .people()
            .find(|p| p.unit() == u && p.name() == name)
            .unwrap_or_else(|| panic!("no person {name} in {unit}"))
            .id()
    }

    /// A plain first petition received on `on`, about unpaid wages in 河口乡.
    pub(crate) fn intake(&self, on: NaiveDate) -> Intake {
        Intake {
            received_on: on,
            channel: Channel::Letter { green_post: true },
            petitioners: vec![Petitioner::named("刘某某")],
            head_count: 1,
            category: self.office.settings().categories.find("拖欠工资").unwrap().id(),
            purpose: Purpose::Request,
            township: Some(self.unit("河口乡")),
            village: "东岗村".into(),
            summary: "反映某建筑公司拖欠2024年务工工资三万元".into(),
            content: "本人在某建筑公司务工，至今未结清工资。".into(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        }
    }

    /// Registers `intake`, recorded on its receipt day.
    pub(crate) fn register_intake(&mut self, intake: Intake) -> CaseId {
        let now = at(intake.received_on);
        self.office.execute(Command::Register { intake }, now).unwrap().case().unwrap()
    }

    pub(crate) fn register(&mut self, on: NaiveDate) -> CaseId {
        let intake = self.intake(on);
        self.register_intake(intake)
    }

    /// Acts on a case, recorded on `today`.
    pub(crate) fn act(
        &mut self,
        case: CaseId,
        today: NaiveDate,
        action: Action,
    ) -> Result<(), CaseError> {
        self.office.execute(Command::Act { case, action }, at(today)).map(|_| ())
    }

    /// Acts and expects success.
    pub(crate) fn ok(&mut self, case: CaseId, today: NaiveDate, action: Action) {
        let label = action.label();
        if let Err(e) = self.act(case, today, action) {
            panic!("{label} on {today} failed: {e}");
        }
    }

    /// Changes the work ledgers, recorded at nine on `today`.
    pub(crate) fn work(&mut self, today: NaiveDate, change: WorkChange) -> Result<Done, CaseError> {
        self.office.execute(Command::Work(change), at(today))
    }

    pub(crate) fn case(&self, id: CaseId) -> &Case {
        self.office.case(id).unwrap()
    }

    /// A transfer (转送) to `unit` on `on`.
    pub(crate) fn transfer(&mut self, case: CaseId, on: NaiveDate, unit: &str) {
        let routing = xinfang_core::case::Routing {
            on,
            disposal: xinfang_core::Disposal::Transfer,
            lead: self.unit(unit),
            co_units: vec![],
            assignment: None,
            explanation: String::new(),
        };
        self.ok(case, on, Action::Route { routing });
    }

    /// Register on `received`, transfer to 县人社局 and accept on `accepted`.
    pub(crate) fn accepted_case(&mut self, received: NaiveDate, accepted: NaiveDate) -> CaseId {
        let id = self.register(received);
        self.transfer(id, received, "县人社局");
        self.ok(id, accepted, Action::Accept { on: accepted });
        id
    }

    /// A case from an old ledger received on `received`, routed to `unit`
    /// on a day the ledger does not state, and stated concluded on
    /// `closed` without the acceptance day or outcome a reply needs;
    /// imported on `today`.
    pub(crate) fn archived_case(
        &mut self,
        received: NaiveDate,
        unit: &str,
        closed: Option<NaiveDate>,
        today: NaiveDate,
    ) -> CaseId {
        use xinfang_core::provenance::{LedgerClosure, LedgerEntry};
        let routing = xinfang_core::case::Routing {
            on: received,
            disposal: xinfang_core::Disposal::Transfer,
            lead: self.unit(unit),
            co_units: vec![],
            assignment: None,
            explanation: "台账导入".into(),
        };
        let ledger = LedgerEntry {
            source: "2025年台账.xlsx · 第2行".into(),
            number: String::new(),
            cells: vec![],
            routed_on_stated: false,
            closed: Some(LedgerClosure {
                on: closed,
                outcome: None,
                result: "已答复".into(),
                rating: None,
            }),
        };
        let command = Command::Import {
            intake: self.intake(received),
            ledger: Box::new(ledger),
            steps: vec![Action::Route { routing }],
        };
        self.office.execute(command, at(today)).unwrap().case().unwrap()
    }

    /// A reply with one supported claim, issued on `on`.
    pub(crate) fn reply(&mut self, case: CaseId, on: NaiveDate) {
        self.ok(case, on, reply_action(on, None));
    }
}

pub(crate) fn reply_action(on: NaiveDate, report: Option<&str>) -> Action {
    Action::Reply {
        on,
        items: vec![ReplyItem {
            claim: "要求结清拖欠工资".into(),
            outcome: ReplyOutcome::Support,
            basis: "《保障农民工工资支付条例》第十一条".into(),
        }],
        report: report.map(str::to_string),
    }
}
