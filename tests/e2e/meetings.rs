//! 会议 and 会议纪要: a meeting recorded through the list's form and edited
//! (attendees, a case by number, two decisions with owners and deadlines),
//! a decision without an owner refused with nothing stored, a decision
//! marked done changing the counts on the list, the minutes generated with
//! the seeds' sections and the quarter's figures (checked against the
//! reports page), edited, kept after a reload and printed without
//! personal data, and the meeting removed.

use chrono::{Duration, NaiveDate};
use serde_json::Value;

use crate::harness::Browser;
use crate::register::register;

const WORK: &str = "xinfang.sandbox";

async fn enter_sandbox(b: &Browser) {
    b.click("#sandbox-enter").await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
}

/// The stored meetings (the work ledgers' JSON), by a second route.
async fn stored_meeting(b: &Browser, id: &str) -> Option<Value> {
    let v = b.stored_work(WORK).await?;
    v["ledgers"]["meetings"]["entries"]
        .as_array()?
        .iter()
        .find(|m| m["id"].as_u64().is_some_and(|n| n.to_string() == id))
        .cloned()
}

/// Creates a meeting through the list's form; returns its id.
async fn create(b: &Browser, kind: &str, date: NaiveDate, place: &str) -> String {
    b.go_to_hash("#/meetings").await;
    b.wait_for("the meetings page", || async { b.exists("#meeting-new").await.then_some(()) })
        .await;
    b.select("#new-kind", kind).await;
    b.set_value("#new-date", &date.to_string()).await;
    b.type_into("#new-place", place).await;
    let chair = b.select_any("#new-chair").await;
    assert!(!chair.is_empty(), "a leader is offered as chair");
    b.click("#new-submit").await;
    b.wait_for("the new meeting's page", || async {
        b.attr_of("#page-meeting", "data-meeting").await.filter(|id| !id.is_empty())
    })
    .await
}

async fn today(b: &Browser) -> NaiveDate {
    b.go_to_hash("#/meetings").await;
    let value = b
        .wait_for("the form's default date", || async {
            b.value_of("#new-date").await.filter(|v| !v.is_empty())
        })
        .await;
    value.parse().expect("a date")
}

/// Picks the option whose text contains `part`; returns its value.
async fn select_containing(b: &Browser, css: &str, part: &str) -> String {
    let script = "const [css, part] = arguments; const el = document.querySelector(css);
        const opt = Array.from(el.options).find(o => o.value && o.text.includes(part));
        if (!opt) return null;
        el.value = opt.value; el.dispatchEvent(new Event('change', { bubbles: true }));
        return opt.value;";
    let v = b.script(script, vec![css.into(), part.into()]).await;
    v.as_str().unwrap_or_else(|| panic!("no option containing {part:?} in {css}")).to_string()
}

fn row(id: &str, cell: &str) -> String {
    format!("#meetings-table tr[data-meeting='{id}'] {cell}")
}

async fn number(b: &Browser, css: &str) -> u64 {
    let text = b.wait_for(css, || async { b.text_of(css).await }).await;
    text.trim().parse().unwrap_or_else(|_| panic!("{css} is a number: {text:?}"))
}

#[tokio::test]
async fn a_meeting_is_recorded_edited_followed_up_and_removed() {
    let b = Browser::open().await;
    enter_sandbox(&b).await;
    // A case of our own, with a name in its summary that must stay out
    // of the minutes.
    let (case_no, case_id) = register(&b, "柳某某", "", "柳某某反映工资被拖欠").await;
    let today = today(&b).await;
    let held = today - Duration::days(40);
    let open_before = number(&b, "#open-count").await;
    let overdue_before = number(&b, "#overdue-count").await;

    let place = "县信访局三楼会议室（测试会议）";
    let id = create(&b, "coordination", held, place).await;
    // Saving follows the change.
    let stored = b.wait_for("the meeting stored", || async { stored_meeting(&b, &id).await }).await;
    assert_eq!(stored["place"], place);
    assert_eq!(stored["kind"], "coordination");

    // Attendees: a person of the organisation and others as text.
    let attendee = b.select_any("#m-attendee-pick").await;
    b.click("#m-attendee-add").await;
    b.wait_for("the attendee listed", || async {
        b.exists(&format!(".m-attendee[data-person='{attendee}']")).await.then_some(())
    })
    .await;
    b.type_into("#m-other-attendees", "各乡镇分管领导").await;
    // A case by its number.
    b.type_into("#m-case", &case_no).await;
    b.click("#m-case-add").await;
    b.wait_for_text(&format!(".m-case[data-case='{case_id}'] a.case-link"), &case_no).await;
    b.type_into("#m-opinion", "欠薪问题较为集中").await;

    // Two decisions with owners and deadlines; the first already late.
    b.click("#dec-add").await;
    b.type_into("#dec-text-0", "县人社局核查欠薪情况并督促发放").await;
    let unit = select_containing(&b, "#dec-unit-0", "县人社局").await;
    b.set_value("#dec-deadline-0", &(today - Duration::days(10)).to_string()).await;
    b.click("#dec-add").await;
    b.type_into("#dec-text-1", "半月内回访当事群众").await;
    let person = b.select_any("#dec-person-1").await;
    b.set_value("#dec-deadline-1", &(today + Duration::days(20)).to_string()).await;
    // A third one without an owner is refused, and nothing is stored.
    b.click("#dec-add").await;
    b.type_into("#dec-text-2", "加强研究").await;
    b.click("#m-save").await;
    b.wait_for_text_containing("#notice-text", "须明确责任单位或责任人").await;
    let stored = stored_meeting(&b, &id).await.expect("the meeting");
    assert_eq!(stored["decisions"], Value::Array(vec![]), "nothing of the refused save is kept");
    assert_eq!(stored["cases"], Value::Array(vec![]));
    b.click("#dec-remove-2").await;
    b.wait_for_absent("#dec-text-2").await;
    b.click("#m-save").await;
    let stored = b
        .wait_for("the edits stored", || async {
            stored_meeting(&b, &id)
                .await
                .filter(|m| m["decisions"].as_array().is_some_and(|d| d.len() == 2))
        })
        .await;
    assert_eq!(stored["cases"][0].to_string(), case_id);
    assert_eq!(stored["attendees"][0].to_string(), attendee);
    assert_eq!(stored["decisions"][0]["unit"].to_string(), unit);
    assert_eq!(stored["decisions"][1]["person"].to_string(), person);
    assert_eq!(stored["other_attendees"], "各乡镇分管领导");

    // The list shows it with one decision overdue; marking it done
    // changes the counts there and on the meeting page.
    b.wait_for_text("#meeting-done-count", "0/2").await;
    b.go_to_hash("#/meetings").await;
    b.wait_for_text(&row(&id, ".m-decisions"), "0/2").await;
    assert_eq!(b.text_of(&row(&id, ".m-cases")).await.as_deref(), Some("1"));
    assert!(b.text_of(&row(&id, ".m-overdue")).await.unwrap_or_default().contains('1'));
    assert_eq!(number(&b, "#open-count").await, open_before + 2);
    assert_eq!(number(&b, "#overdue-count").await, overdue_before + 1);
    b.click(&row(&id, "a.meeting-link")).await;
    b.wait_for_text("#meeting-done-count", "0/2").await;
    b.set_value("#done-on-1", &(today - Duration::days(2)).to_string()).await;
    b.click("#done-1").await;
    b.wait_for_text("#meeting-done-count", "1/2").await;
    b.wait_for_text_containing(".followup[data-no='1']", "已落实").await;
    let stored = b
        .wait_for("the decision stored as done", || async {
            stored_meeting(&b, &id).await.filter(|m| m["decisions"][0]["done_on"].is_string())
        })
        .await;
    assert_eq!(stored["decisions"][0]["done_on"], (today - Duration::days(2)).to_string());
    b.go_to_hash("#/meetings").await;
    b.wait_for_text(&row(&id, ".m-decisions"), "1/2").await;
    assert_eq!(number(&b, "#open-count").await, open_before + 1);
    assert_eq!(number(&b, "#overdue-count").await, overdue_before);
    assert_eq!(b.text_of(&row(&id, ".m-overdue")).await.as_deref(), Some(""));

    // The minutes: the seeds' sections, the decisions with their owners,
    // the case by number and category (not its summary).
    b.click(&row(&id, "a.meeting-link")).await;
    let minutes = b
        .wait_for("the minutes", || async {
            b.value_of("#minutes-text").await.filter(|t| t.contains("会议决定"))
        })
        .await;
    for section in [
        "协调会纪要",
        "会议通报了",
        "会议认为，欠薪问题较为集中",
        "会议强调，",
        "会议要求：",
        "会议决定：",
    ] {
        assert!(minutes.contains(section), "missing {section}:\n{minutes}");
    }
    assert!(minutes.contains("主持召开信访工作协调会"), "{minutes}");
    assert!(minutes.contains("1、县人社局核查欠薪情况并督促发放（责任单位："), "{minutes}");
    assert!(minutes.contains("2、半月内回访当事群众（责任人："), "{minutes}");
    assert!(minutes.contains(&format!("{case_no}（拖欠工资类）")), "{minutes}");
    assert!(!minutes.contains("柳某某"), "no petitioner in the minutes:\n{minutes}");
    assert!(minutes.contains("参加：") && minutes.contains("各乡镇分管领导"), "{minutes}");

    // The quarter's figures up to the meeting day, against the reports
    // page for the same days.
    let quarter_first = {
        use chrono::Datelike;
        NaiveDate::from_ymd_opt(held.year(), (held.month0() / 3) * 3 + 1, 1).unwrap()
    };
    let registered: u64 = minutes
        .split("共登记群众信访事项")
        .nth(1)
        .and_then(|rest| rest.split('件').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the briefing's count:\n{minutes}"));
    b.go_to_hash("#/reports").await;
    b.wait_for("the reports page", || async {
        b.exists("#report-period-kind").await.then_some(())
    })
    .await;
    b.select("#report-period-kind", "custom").await;
    b.set_value("#report-from", &quarter_first.to_string()).await;
    b.set_value("#report-to", &held.to_string()).await;
    b.wait_for_text_containing(
        "#report-period-label",
        &format!("{}月{}日", held.format("%-m"), held.format("%-d")),
    )
    .await;
    assert_eq!(
        number(&b, "#report-total").await,
        registered,
        "the minutes' count is the reports page's"
    );
    assert!(registered > 0, "the sandbox has cases in the quarter");

    // Edit the minutes: the assessment is kept in the meeting, after a reload.
    b.go_to_hash(&format!("#/meeting/{id}")).await;
    let minutes = b
        .wait_for("the minutes", || async {
            b.value_of("#minutes-text").await.filter(|t| t.contains("会议决定"))
        })
        .await;
    let edited =
        minutes.replace("会议认为，欠薪问题较为集中。", "会议认为，欠薪问题较为集中，须限期化解。");
    assert_ne!(edited, minutes);
    b.set_value("#minutes-text", &edited).await;
    b.click("#minutes-save").await;
    b.wait_for("the edited minutes stored", || async {
        stored_meeting(&b, &id).await.filter(|m| m["opinion"] == "欠薪问题较为集中，须限期化解。")
    })
    .await;
    assert!(!b.exists("#minutes-final").await, "an edit of the text sections regenerates the same");
    b.reload().await;
    b.wait_for_text_containing("#page-meeting h1", "协调会").await;
    let again = b.value_of("#minutes-text").await.unwrap_or_default();
    assert!(again.contains("会议认为，欠薪问题较为集中，须限期化解。"), "{again}");
    assert_eq!(b.value_of("#m-opinion").await.as_deref(), Some("欠薪问题较为集中，须限期化解。"));
    // 重新生成 discards an unsaved edit.
    b.set_value("#minutes-text", "随便写的").await;
    b.click("#minutes-generate").await;
    b.wait_for("the regenerated minutes", || async {
        b.value_of("#minutes-text").await.filter(|t| t.contains("须限期化解"))
    })
    .await;
    // A free edit of a generated part keeps the whole text as the final minutes.
    let current = b.value_of("#minutes-text").await.unwrap_or_default();
    let freely =
        current.replacen("现将会议内容纪要如下：", "现将会议内容纪要如下（经与会单位审核）：", 1);
    assert_ne!(freely, current);
    b.set_value("#minutes-text", &freely).await;
    b.click("#minutes-save").await;
    b.wait_for("the final text stored", || async {
        stored_meeting(&b, &id)
            .await
            .filter(|m| m["minutes_text"].as_str().is_some_and(|t| t.contains("经与会单位审核")))
    })
    .await;
    b.wait_for("the final-text note", || async { b.exists("#minutes-final").await.then_some(()) })
        .await;

    // The print view: title, number, body, attendees, date, no personal data.
    b.click("#minutes-print").await;
    b.wait_for_text_containing("#page-work-print #doc-title", "信访工作协调会纪要").await;
    assert_eq!(b.attr_of("#page-work-print", "data-doc").await, Some(format!("minutes/{id}")));
    assert!(b.text_of("#doc-number").await.unwrap_or_default().starts_with('第'));
    let body = b.text_of("#doc-body").await.unwrap_or_default();
    assert!(body.contains("须限期化解") && body.contains("会议决定"), "{body}");
    assert!(body.contains("经与会单位审核"), "the final text is printed: {body}");
    assert!(body.contains(&case_no), "{body}");
    assert!(b.text_of("#minutes-invited").await.unwrap_or_default().contains("各乡镇分管领导"));
    assert!(b.text_of("#minutes-present").await.unwrap_or_default().starts_with("出席："));
    let date = b.text_of("#doc-date").await.unwrap_or_default();
    assert!(date.starts_with('二') && date.ends_with('日'), "{date}");
    let sheet = b.text_of("#page-work-print").await.unwrap_or_default();
    for private in ["柳某某", "13812345678", "工资被拖欠"] {
        assert!(!sheet.contains(private), "{private} printed:\n{sheet}");
    }

    // 重新生成 rewrites the final text from the data.
    b.click("#print-back").await;
    b.click("#minutes-generate").await;
    b.wait_for("the final text dropped", || async {
        stored_meeting(&b, &id).await.filter(|m| m.get("minutes_text").is_none())
    })
    .await;
    b.wait_for_absent("#minutes-final").await;
    let regenerated = b.value_of("#minutes-text").await.unwrap_or_default();
    assert!(!regenerated.contains("经与会单位审核") && regenerated.contains("须限期化解"));

    // Remove it.
    b.click("#meeting-remove").await;
    b.click("#meeting-remove-confirm").await;
    b.wait_for("the meetings page", || async { b.exists("#page-meetings").await.then_some(()) })
        .await;
    b.wait_for_absent(&format!("tr[data-meeting='{id}']")).await;
    b.wait_for("the meeting gone from storage", || async {
        stored_meeting(&b, &id).await.is_none().then_some(())
    })
    .await;
    assert_eq!(number(&b, "#open-count").await, open_before);
    b.close().await;
}

#[tokio::test]
async fn the_list_filters_and_counts_and_refuses_a_late_deadline() {
    let b = Browser::open().await;
    // The real record: no sample, so the counts are ours.
    let today = today(&b).await;
    let joint = create(&b, "joint", today, "县委三楼会议室").await;
    // A deadline before the meeting is refused; nothing is stored.
    b.click("#dec-add").await;
    b.type_into("#dec-text-0", "提前完成").await;
    let _ = b.select_any("#dec-unit-0").await;
    b.set_value("#dec-deadline-0", &(today - Duration::days(1)).to_string()).await;
    b.click("#m-save").await;
    b.wait_for_text_containing("#notice-text", "不能早于").await;
    let text = b.stored_work("xinfang.office").await.map(|v| v.to_string());
    assert!(
        !text.unwrap_or_default().contains("提前完成"),
        "nothing of the refused save is stored"
    );

    let last_year = today - Duration::days(400);
    let older = create(&b, "leading_group", last_year, "县政府二楼会议室").await;
    b.go_to_hash("#/meetings").await;
    b.wait_for("both rows", || async { (b.count("tr.meeting-row").await == 2).then_some(()) })
        .await;
    b.wait_for_text("#summary-meetings", "2").await;
    // By kind.
    b.select("#meetings-kind", "joint").await;
    b.wait_for("one joint meeting", || async {
        (b.attrs_of("tr.meeting-row", "data-meeting").await == vec![joint.clone()]).then_some(())
    })
    .await;
    b.wait_for_text("#summary-meetings", "1").await;
    assert!(b.text_of(&row(&joint, ".m-kind")).await.unwrap_or_default().contains("联席会议"));
    // By year.
    b.select("#meetings-kind", "").await;
    use chrono::Datelike;
    b.select("#meetings-year", &last_year.year().to_string()).await;
    b.wait_for("last year's meeting", || async {
        (b.attrs_of("tr.meeting-row", "data-meeting").await == vec![older.clone()]).then_some(())
    })
    .await;
    b.wait_for_text("#summary-meetings", "1").await;
    b.close().await;
}
