//! The quarterly briefing (情况通报) and the art. 39 analysis report of a
//! small constructed county, as snapshots of their full text plus checks
//! of the key sentences. insta reads its snapshot files from disk, which
//! wasm32 tests cannot do reliably, so this file is native only.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::{d, World};
use chrono::NaiveDate;
use xinfang_core::briefing::{AnalysisReport, Briefing};
use xinfang_core::case::{Satisfaction, SupervisionKind};
use xinfang_core::{Action, CaseId, Channel, Escalation, IdNumber, Period, Phone, Purpose};

fn q3() -> Period {
    Period::quarter(2025, 3).unwrap()
}

fn intake(
    w: &World,
    on: NaiveDate,
    channel: Channel,
    heads: u32,
    cat: &str,
) -> xinfang_core::Intake {
    let mut i = w.intake(on);
    i.channel = channel;
    i.head_count = heads;
    i.category = w.office.settings().categories.find(cat).unwrap().id();
    i
}

fn accept(w: &mut World, id: CaseId, unit: &str, routed: NaiveDate, accepted: NaiveDate) {
    w.transfer(id, routed, unit);
    w.ok(id, accepted, Action::Accept { on: accepted });
}

/// Q3 2025: six cases (a collective visit, an escalated repeat visit, an
/// accusation, a late acceptance, an unanswered case under supervision),
/// and two cases in Q3 2024 to compare with.
fn county() -> World {
    let mut w = World::new();
    // A green-post letter on land contracts, answered on time, rated satisfied.
    let land = w.register_intake(intake(
        &w,
        d(2025, 7, 7),
        Channel::Letter { green_post: true },
        1,
        "土地承包",
    ));
    accept(&mut w, land, "县农业农村局", d(2025, 7, 7), d(2025, 7, 8));
    w.reply(land, d(2025, 8, 1));
    w.ok(land, d(2025, 8, 5), Action::Rate { on: d(2025, 8, 5), level: Satisfaction::Satisfied });

    // A collective visit of 8 about enterprise restructuring, never answered.
    let visit = w.register_intake(intake(&w, d(2025, 7, 15), Channel::Visit, 8, "企业改制"));
    accept(&mut w, visit, "县人社局", d(2025, 7, 15), d(2025, 7, 16));
    let unit = w.unit("县人社局");
    w.ok(
        visit,
        d(2025, 9, 20),
        Action::Supervise {
            on: d(2025, 9, 20),
            kind: SupervisionKind::Written,
            unit,
            note: "请加快办理".into(),
            respond_by: None,
        },
    );

    // An escalated repeat visit on the same land matter.
    let mut again = intake(&w, d(2025, 8, 4), Channel::Visit, 1, "土地承包");
    again.repeat_of = Some(land);
    again.escalation = Some(Escalation::City);
    w.register_intake(again);

    // An accusation online, accepted a month after routing: late.
    let mut acc = intake(&w, d(2025, 8, 20), Channel::Online, 1, "拖欠工资");
    acc.purpose = Purpose::Accusation;
    acc.summary = "举报某局长收受贿赂".into();
    let acc = w.register_intake(acc);
    accept(&mut w, acc, "县林业局", d(2025, 8, 20), d(2025, 9, 22));

    // A call with full personal data: must never reach the briefing.
    let mut call = intake(&w, d(2025, 9, 1), Channel::Phone, 1, "土地承包");
    call.petitioners[0].name = "王秘密".into();
    call.petitioners[0].id_number = Some(IdNumber::parse("11010519491231002X").unwrap());
    call.petitioners[0].phone = Some(Phone::parse("13812345678").unwrap());
    w.register_intake(call);

    // Last year.
    w.register_intake(intake(
        &w,
        d(2024, 7, 10),
        Channel::Letter { green_post: false },
        1,
        "土地承包",
    ));
    w.register_intake(intake(&w, d(2024, 8, 10), Channel::Visit, 6, "企业改制"));
    w
}

#[test]
fn the_quarterly_briefing() {
    let w = county();
    let b = Briefing::compose(&w.office, q3(), d(2025, 10, 10));
    let text = b.to_text();
    insta::assert_snapshot!("briefing_2025_q3", text);

    assert!(text.starts_with("关于2025年第三季度全县信访工作情况的通报\n"), "{text}");
    assert!(text.contains("一、信访总体情况\n"));
    assert!(text.contains("六、下步工作\n"));
    assert!(
        text.contains("全县共登记群众信访事项5件12人次，件数同比上升150%（去年同期2件）"),
        "{text}"
    );
    assert!(text.contains("来访2批9人次"), "{text}");
    assert!(text.contains("本期发生集体访1批8人次"), "{text}");
    assert!(text.contains("去市1批1人次"), "{text}");
    assert!(text.contains("土地承包问题3件，占60%"), "{text}");
    assert!(text.contains("检举控告类1件"), "{text}");
    assert!(text.contains("县人社局（"), "the unit that missed targets is named: {text}");
    assert!(text.contains("县林业局（及时受理率0%（0/1）"), "{text}");
    assert!(text.ends_with("县信访局\n二〇二五年十月十日\n"), "{text}");
    // No personal data, no accusation content.
    for secret in ["王秘密", "刘某某", "1101", "138", "贿赂", "拖欠2024年"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn the_analysis_report() {
    let w = county();
    let r = AnalysisReport::compose(&w.office, q3(), d(2025, 10, 10));
    let text = r.to_text();
    insta::assert_snapshot!("analysis_2025_q3", text);

    assert!(text.starts_with("关于2025年第三季度全县信访情况的分析报告\n"), "{text}");
    assert!(
        text.contains("（一）土地承包问题。3件，占60%，同比上升200%（去年同期1件）。"),
        "{text}"
    );
    assert!(text.contains("重信重访1件，占信访总量的20%"), "{text}");
    assert!(text.contains("四、意见建议\n"));
    for secret in ["王秘密", "刘某某", "贿赂", "县林业局"] {
        // The accusation's unit is not located either.
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn a_period_with_no_cases_reads_sensibly() {
    let w = county();
    let empty = Period::quarter(2025, 1).unwrap();
    let b = Briefing::compose(&w.office, empty, d(2025, 4, 10)).to_text();
    let a = AnalysisReport::compose(&w.office, empty, d(2025, 4, 10)).to_text();
    insta::assert_snapshot!("briefing_empty", b);
    for text in [&b, &a] {
        for bad in ["NaN", "inf", "—%", "（0/0）", "{"] {
            assert!(!text.contains(bad), "{bad} in {text}");
        }
    }
    assert!(b.contains("2025年第一季度，全县未登记信访事项。"), "{b}");
    assert!(b.contains("本期未发生集体访。"), "{b}");
    assert!(b.contains("及时受理率：本期无应作出受理决定的事项"), "{b}");
    assert!(a.contains("本期无信访事项，不作原因分析。"), "{a}");
}
