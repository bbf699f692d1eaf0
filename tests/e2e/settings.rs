//! 设置: units and people added and offered elsewhere, duplicate and empty
//! names refused with a message, a target edited, the 2026 holidays shown
//! (checked against the deadline calculator) and a day adjusted.

use crate::harness::Browser;

async fn open_settings(browser: &Browser) {
    browser.click("#nav-settings").await;
    browser.wait_for_text_containing("#settings-units", "").await;
}

#[tokio::test]
async fn a_unit_and_a_person_are_added_listed_and_offered() {
    let browser = Browser::open().await;
    open_settings(&browser).await;

    let units = browser.count(".unit-row").await;
    browser.type_into("#unit-name", "高新区管委会").await;
    browser.select("#unit-kind", "township").await;
    browser.select_by_label("#unit-parent", "县人民政府").await;
    browser.click("#unit-add").await;
    browser.wait_for_text_containing("#unit-list", "高新区管委会").await;
    assert_eq!(browser.count(".unit-row").await, units + 1);
    assert!(!browser.exists("#unit-error").await);
    // The name field is emptied for the next one.
    let typed = browser.script("return document.querySelector('#unit-name').value;", vec![]).await;
    assert_eq!(typed.as_str(), Some(""));

    // Offered as a unit for people, with a person added to it.
    browser.wait_for_text_containing("#person-unit", "高新区管委会").await;
    browser.select_by_label("#person-unit", "高新区管委会").await;
    browser.type_into("#person-name", "测试员甲").await;
    browser.select("#person-role", "leader").await;
    browser.type_into("#person-title", "副主任").await;
    browser.click("#person-add").await;
    let row = browser.wait_for_text_containing("#unit-list", "测试员甲").await;
    assert!(row.contains("副主任"), "{row}");

    // The register page offers the new township.
    browser.click("#nav-register").await;
    browser.wait_for_text_containing("#reg-township", "高新区管委会").await;

    // Deactivated (never deleted): still listed, no longer offered.
    open_settings(&browser).await;
    let toggle = browser
        .script(
            "const row = [...document.querySelectorAll('.unit-row')]
                 .find(r => r.querySelector('.unit-name').textContent === '高新区管委会');
             row.querySelector('.unit-toggle').click();
             return row.dataset.unit;",
            vec![],
        )
        .await;
    let id = toggle.as_str().expect("the new unit's id").to_string();
    let inactive = format!(".unit-row[data-unit=\"{id}\"][data-active=\"false\"]");
    browser.wait_for_text_containing(&inactive, "高新区管委会").await;
    assert_eq!(browser.count(".unit-row").await, units + 1);
    let offered = browser.text_of("#person-unit").await.unwrap();
    assert!(!offered.contains("高新区管委会"), "{offered}");
    browser.click("#nav-register").await;
    browser.wait_for_text_containing("#reg-township", "城关镇").await;
    assert!(!browser.text_of("#reg-township").await.unwrap().contains("高新区管委会"));

    browser.close().await;
}

#[tokio::test]
async fn duplicate_and_empty_names_are_refused() {
    let browser = Browser::open().await;
    open_settings(&browser).await;
    let units = browser.count(".unit-row").await;

    browser.type_into("#unit-name", "城关镇").await;
    browser.click("#unit-add").await;
    browser.wait_for_text("#unit-error", "已有名为“城关镇”的单位").await;
    assert_eq!(browser.count(".unit-row").await, units);

    browser.type_into("#unit-name", "   ").await;
    browser.click("#unit-add").await;
    browser.wait_for_text("#unit-error", "单位名称不能为空").await;
    assert_eq!(browser.count(".unit-row").await, units);

    // A person's name must be unique within the unit.
    browser.select_by_label("#person-unit", "河口乡").await;
    browser.type_into("#person-name", "陈小川").await;
    browser.click("#person-add").await;
    browser.wait_for_text("#person-error", "“河口乡”已有名为“陈小川”的人员").await;
    let people = browser.count(".person-row").await;
    browser.type_into("#person-name", "").await;
    browser.click("#person-add").await;
    browser.wait_for_text("#person-error", "人员姓名不能为空").await;
    assert_eq!(browser.count(".person-row").await, people);

    // A category name twice under the same parent.
    browser.select_by_label("#category-parent", "农村农业").await;
    browser.type_into("#category-name", "退耕还林").await;
    browser.click("#category-add").await;
    browser.wait_for_text_containing("#category-error", "已有名为“退耕还林”的分类").await;

    // A valid unit clears the message.
    browser.type_into("#unit-name", "县档案馆").await;
    browser.click("#unit-add").await;
    browser.wait_for_text_containing("#unit-list", "县档案馆").await;
    browser.wait_for_absent("#unit-error").await;

    browser.close().await;
}

#[tokio::test]
async fn a_target_is_edited_and_over_100_refused() {
    let browser = Browser::open().await;
    open_settings(&browser).await;

    browser.wait_for_text("#target-current-satisfaction", "≥60%").await;
    browser.type_into("#target-satisfaction", "65.5").await;
    browser.click("#target-save-satisfaction").await;
    browser.wait_for_text("#target-current-satisfaction", "≥65.5%").await;

    browser.type_into("#target-satisfaction", "120").await;
    browser.click("#target-save-satisfaction").await;
    browser.wait_for_text("#target-error-satisfaction", "目标不能超过100%").await;
    assert_eq!(browser.text_of("#target-current-satisfaction").await.as_deref(), Some("≥65.5%"));

    // A lower-is-better bound stays one.
    browser.wait_for_text("#target-current-repeat_letters", "≤30%").await;
    browser.type_into("#target-repeat_letters", "25").await;
    browser.click("#target-save-repeat_letters").await;
    browser.wait_for_text("#target-current-repeat_letters", "≤25%").await;

    browser.close().await;
}

#[tokio::test]
async fn the_2026_calendar_and_a_day_added() {
    let browser = Browser::open().await;
    open_settings(&browser).await;

    browser.select("#calendar-year", "2026").await;
    browser.wait_for_text_containing("#calendar-summary", "国庆节：10月1日至10月7日（7天）").await;
    for day in 1..=7 {
        assert!(
            browser.exists(&format!(".holiday-day[data-date=\"2026-10-0{day}\"]")).await,
            "{day}"
        );
    }
    assert!(!browser.exists(".holiday-day[data-date=\"2026-10-08\"]").await);
    for day in ["2026-09-20", "2026-10-10", "2026-01-04", "2026-02-14"] {
        assert!(browser.exists(&format!(".workday-day[data-date=\"{day}\"]")).await, "{day}");
    }
    let workdays = browser.text_of("#calendar-workdays").await.unwrap();
    assert!(workdays.contains("10月10日（星期六）"), "{workdays}");

    // The deadline calculator agrees: 15 days from 16 September end on
    // 1 October, a holiday, so on Thursday 8 October.
    browser.click("#nav-deadlines").await;
    browser.select("#period", "15").await;
    browser.set_value("#start-date", "2026-09-16").await;
    browser.wait_for_text("#deadline-date", "2026年10月8日（星期四）").await;

    // Make 8 October a day off too, then plain again.
    open_settings(&browser).await;
    browser.select("#calendar-year", "2026").await;
    browser.set_value("#cal-date", "2026-10-08").await;
    browser.select("#cal-kind", "off").await;
    browser.click("#cal-add").await;
    browser.wait_for_text("#cal-error", "请填写节假日名称").await;
    browser.type_into("#cal-name", "国庆节").await;
    browser.click("#cal-add").await;
    browser.wait_for_text_containing("#calendar-summary", "国庆节：10月1日至10月8日（8天）").await;
    assert!(browser.exists(".holiday-day[data-date=\"2026-10-08\"]").await);
    browser.wait_for_absent("#cal-error").await;
    browser.click(".holiday-day[data-date=\"2026-10-08\"] .cal-clear").await;
    browser.wait_for_absent(".holiday-day[data-date=\"2026-10-08\"]").await;
    browser.wait_for_text_containing("#calendar-summary", "国庆节：10月1日至10月7日（7天）").await;

    browser.close().await;
}

/// A notice as the State Council writes them, for a year the bundled
/// calendar lacks. The dates are this test's (checked against the real
/// weekdays of 2027), not the published 2027 notice.
/// A test notice pasted whole, as published: its number, salutation,
/// preamble and closing lines are passed over. (Its dates are the test's
/// own, not the real 2027 notice.)
const NOTICE_2027: &str = "国务院办公厅关于2027年部分节假日安排的通知\n\
国办发明电〔2026〕9号\n\
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。\n\
一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\
二、春节：2月5日（周五）至13日（周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。\n\
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。\n\
国务院办公厅\n\
2026年11月10日";

#[tokio::test]
async fn a_new_years_notice_is_entered_and_its_deadlines_are_no_longer_provisional() {
    use crate::proceedings::{expect_stage, next_due, open, register, route, submit, Day};
    let browser = Browser::open().await;
    // Accepted 2026-12-07: the 60 days end on Friday 2027-02-05, counted
    // with plain weekends since 2027 has no data yet.
    let start = Day::ymd(2026, 12, 7);
    let id = register(&browser, start, "反映安置房配套设施未建成").await;
    route(&browser, "transfer", start).await;
    open(&browser, "accept").await;
    browser.set_value("#accept-on", &start.iso()).await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    assert_eq!(next_due(&browser).await, Some(Day::ymd(2027, 2, 5)));
    browser.wait_for_text_containing("#case-next-due-provisional", "暂定").await;
    assert!(browser.exists("#case-deadlines [data-kind='reply'] .provisional-mark").await);
    assert!(!browser.exists("#case-deadlines [data-kind='route'] .provisional-mark").await);
    // The case list marks it too.
    browser.click("#nav-cases").await;
    browser.wait_for_text_containing(".case-row .due", "2027").await;
    assert!(browser.exists(".case-row .due .provisional-mark").await);
    // So does the calculator: 15 days from 2026-12-17 end on 2027-01-01.
    browser.click("#nav-deadlines").await;
    browser.select("#period", "15").await;
    browser.set_value("#start-date", "2026-12-17").await;
    browser.wait_for_text_containing("#deadline-provisional", "暂定").await;
    assert_eq!(browser.attr_of("#deadline-date", "data-iso").await.as_deref(), Some("2027-01-01"));

    // Enter the notice in 设置: a wrong weekday is named, nothing saved.
    open_settings(&browser).await;
    browser.wait_for_text_containing("#settings-notice", "录入国务院放假通知").await;
    let year = browser.value_of("#holiday-notice-year").await;
    assert_eq!(year.as_deref(), Some("2027"), "the first year without data is offered");
    let wrong = NOTICE_2027.replace("1月1日（周五）", "1月1日（周四）");
    browser.set_value("#holiday-notice-text", &wrong).await;
    browser.wait_for_text_containing("#holiday-notice-error", "周五").await;
    assert_eq!(
        browser.attr_of("#holiday-notice-save", "disabled").await.as_deref(),
        Some("true"),
        "nothing to save while the notice is wrong"
    );
    browser.set_value("#holiday-notice-text", NOTICE_2027).await;
    browser.wait_for_absent("#holiday-notice-error").await;
    assert_eq!(browser.count("#holiday-notice-preview .notice-holiday").await, 2);
    let spring = browser.text_of(".notice-holiday[data-name='春节']").await.unwrap_or_default();
    assert!(spring.contains("2月5日（星期五）至2月13日（星期六），共9天"), "{spring}");
    browser.click("#holiday-notice-save").await;
    browser
        .wait_for_text("#holiday-notice-saved", "已录入2027年节假日：放假12天，调休上班2天。")
        .await;
    browser.select("#calendar-year", "2027").await;
    browser.wait_for_text_containing("#calendar-summary", "春节：2月5日至2月13日（9天）").await;
    assert!(!browser.exists("#calendar-uncovered").await);

    // Counted again: 1 January 2027 is a holiday, so Monday 4 January; the
    // reply's 5 February is in the Spring Festival, so Monday 15 February.
    browser.click("#nav-deadlines").await;
    browser.select("#period", "15").await;
    browser.set_value("#start-date", "2026-12-17").await;
    browser.wait_for_text("#deadline-date", "2027年1月4日（星期一）").await;
    assert!(!browser.exists("#deadline-provisional").await);
    browser.go_to_hash(&format!("#/case/{id}")).await;
    expect_stage(&browser, "handling", "办理中").await;
    assert_eq!(next_due(&browser).await, Some(Day::ymd(2027, 2, 15)));
    assert!(!browser.exists("#case-next-due-provisional").await);
    // Kept across a reload.
    browser.reload().await;
    expect_stage(&browser, "handling", "办理中").await;
    assert_eq!(next_due(&browser).await, Some(Day::ymd(2027, 2, 15)));
    assert!(!browser.exists(".provisional-mark").await);
    browser.close().await;
}
