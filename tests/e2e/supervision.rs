//! Supervision and follow-up on the case page: a 督办 notice with a
//! respond-by date is issued and closed, a follow-up is recorded, each in
//! the timeline; an action dated before the case was received is refused
//! with the core's message and changes nothing.

use crate::harness::Browser;
use crate::proceedings::{
    expect_stage, next_due, offered, open, register, route, submit, timeline_len, timeline_reaches,
    today, value_of,
};

#[tokio::test]
async fn a_supervision_notice_is_issued_and_closed_then_the_petitioner_is_followed_up() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    register(&browser, today, "反映企业拖欠农民工工资").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    assert!(!offered(&browser, "close-supervision").await, "no notice to close yet");
    let entries = timeline_len(&browser).await;

    // 书面督办 to the handling unit (proposed), respond within a week.
    open(&browser, "supervise").await;
    browser.select("#supervise-kind", "written").await;
    assert!(
        !value_of(&browser, "#supervise-unit").await.is_empty(),
        "the handling unit is proposed"
    );
    browser.type_into("#supervise-note", "请于一周内报送办理进展").await;
    browser.set_value("#supervise-respond-by", &today.plus(7).iso()).await;
    submit(&browser, "supervise").await;
    let last = timeline_reaches(&browser, entries + 1).await;
    assert!(last.contains("书面督办") && last.contains("请于一周内报送办理进展"), "{last}");
    browser
        .wait_for("the notice's document", || async {
            browser.exists("#doc-supervision-1").await.then_some(())
        })
        .await;

    // Close it with the unit's response.
    open(&browser, "close-supervision").await;
    assert_eq!(value_of(&browser, "#close-supervision-no").await, "1");
    browser.type_into("#close-supervision-note", "已约谈企业负责人，工资已全部支付").await;
    submit(&browser, "close-supervision").await;
    let last = timeline_reaches(&browser, entries + 2).await;
    assert!(last.contains("第1号督办办结"), "{last}");
    assert!(!offered(&browser, "close-supervision").await, "nothing left to close");

    // No follow-up before the reply; after it, one is recorded.
    assert!(!offered(&browser, "follow-up").await);
    open(&browser, "reply").await;
    browser.type_into("#reply-claim-0", "要求支付拖欠工资").await;
    browser.type_into("#reply-basis-0", "《保障农民工工资支付条例》第十一条").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;
    open(&browser, "follow-up").await;
    browser.select("#follow-up-method", "visit").await;
    browser.type_into("#follow-up-note", "信访人表示工资已到账，无其他诉求").await;
    submit(&browser, "follow-up").await;
    let last = timeline_reaches(&browser, entries + 4).await;
    assert!(last.contains("回访") && last.contains("工资已到账"), "{last}");

    browser.close().await;
}

#[tokio::test]
async fn an_action_dated_before_the_registration_is_refused_by_the_core() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    let received = today.plus(-5);
    register(&browser, received, "反映小区违章搭建").await;
    route(&browser, "transfer", received).await;
    let entries = timeline_len(&browser).await;
    let due = next_due(&browser).await;

    let too_early = received.plus(-1);
    open(&browser, "supervise").await;
    browser.set_value("#supervise-on", &too_early.iso()).await;
    browser.type_into("#supervise-note", "请尽快受理").await;
    browser.click("#supervise-submit").await;
    let message = format!("督办日期{}早于收件日期{}", too_early.iso(), received.iso());
    browser.wait_for_text("#notice-text", &message).await;

    // Nothing changed; the form stays open to be corrected.
    assert!(browser.exists("#form-supervise").await);
    assert_eq!(browser.count("#form-supervise .field-error").await, 0, "the form itself was fine");
    expect_stage(&browser, "routed", "待受理").await;
    assert_eq!(timeline_len(&browser).await, entries);
    assert_eq!(next_due(&browser).await, due);

    // Corrected, it goes through.
    browser.set_value("#supervise-on", &received.iso()).await;
    submit(&browser, "supervise").await;
    timeline_reaches(&browser, entries + 1).await;

    browser.close().await;
}
