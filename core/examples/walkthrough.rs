//! A walk through one case: register a petition, let the routing rules
//! propose a unit, assign it with the 五定, accept, extend, reply, and ask
//! for a review, printing what is due at each step.
//!
//! Run with `cargo run -p xinfang-core --example walkthrough`.

use chrono::{NaiveDate, NaiveDateTime};
use xinfang_core::case::{ReplyItem, ReplyOutcome, ReviewLevel, Routing};
use xinfang_core::{
    Action, CaseId, Channel, Command, FiveFixes, Intake, Office, Petitioner, Phone, Purpose,
    Settings,
};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).expect("a real date")
}

fn morning(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(9, 0, 0).expect("a real time")
}

fn show(office: &Office, id: CaseId, today: NaiveDate) {
    let case = office.case(id).expect("registered");
    match office.next_due(case) {
        Some(due) => println!(
            "  {today}  {}（{}）：{}须于{}前完成",
            case.number(),
            case.stage(),
            due.body.map_or("信访局".to_string(), |u| office.settings().org.unit_name(u)),
            due.by,
        ),
        None => println!("  {today}  {}（{}）：暂无待办期限", case.number(), case.stage()),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut office = Office::new(Settings::sample_county());
    let s = office.settings();
    let intake = Intake {
        received_on: day(3, 3),
        channel: Channel::Letter { green_post: true },
        petitioners: vec![Petitioner {
            phone: Some(Phone::parse("13812345678")?),
            ..Petitioner::named("刘某某")
        }],
        head_count: 1,
        category: s.categories.find("退耕还林").ok_or("no category")?.id(),
        purpose: Purpose::Request,
        township: s.org.find_unit("河口乡").map(|u| u.id()),
        village: "东岗村".into(),
        summary: "反映退耕还林补助资金未足额发放".into(),
        content: String::new(),
        escalation: None,
        accused_unit: None,
        repeat_of: None,
    };

    let proposal = office.propose_route(&intake)?;
    println!("分办建议：{}", proposal.explanation);

    let done = office.execute(Command::Register { intake }, morning(day(3, 3)))?;
    let id = done.case().ok_or("a registration names its case")?;
    show(&office, id, day(3, 3));

    let org = &office.settings().org;
    let lead = proposal.lead;
    let person = |name: &str| org.people().find(|p| p.name() == name).map(|p| p.id());
    let fixes = FiveFixes {
        unit: Some(lead),
        leader: person("花永林"),
        handler: person("方小勇"),
        deadline: Some(day(4, 30)),
        standard: "核实补助发放情况，依政策答复".into(),
    };
    let assignment = fixes.complete().map_err(|missing| format!("五定不全：{missing:?}"))?;
    let routing = Routing {
        on: day(3, 4),
        disposal: xinfang_core::Disposal::Assign,
        lead,
        co_units: proposal.co_units.clone(),
        assignment: Some(assignment),
        explanation: proposal.explanation.clone(),
    };
    let steps = [
        (day(3, 4), Action::Route { routing }),
        (day(3, 5), Action::Accept { on: day(3, 5) }),
        (
            day(4, 28),
            Action::Extend {
                on: day(4, 28),
                days: 30,
                reason: "需核对历年补助台账".into(),
                approved_by: person("花永林").ok_or("no leader")?,
            },
        ),
        (
            day(5, 20),
            Action::Reply {
                on: day(5, 20),
                items: vec![ReplyItem {
                    claim: "补发2023年度补助".into(),
                    outcome: ReplyOutcome::Support,
                    basis: "经核实漏发，已于5月15日补发".into(),
                }],
                report: Some("已补发并书面答复".into()),
            },
        ),
        (
            day(6, 10),
            Action::RequestReview {
                level: ReviewLevel::Review,
                on: day(6, 10),
                body: office.settings().org.find_unit("县人民政府").ok_or("no body")?.id(),
            },
        ),
    ];
    for (today, action) in steps {
        office.execute(Command::Act { case: id, action }, morning(today))?;
        show(&office, id, today);
    }

    // A refused command explains itself and changes nothing.
    let err = office
        .execute(
            Command::Act { case: id, action: Action::Accept { on: day(6, 11) } },
            morning(day(6, 11)),
        )
        .unwrap_err();
    println!("拒绝：{err}");

    println!("历史记录 {} 条，校验：{:?}", office.log().len(), office.log().verify());
    Ok(())
}
