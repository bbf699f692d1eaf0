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
