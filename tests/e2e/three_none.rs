//! 三无: in the real (empty) record, an escalated visit registered for one
//! township, irregular visits recorded for another and a backlog case of a
//! third keep those three from 三无; the share is checked against the
//! number of townships shown, the evidence links to the cases, a reload
//! keeps the record, removing it changes the share, and the printed table
//! has the counts and no personal data.

use crate::harness::Browser;
use crate::register::{fill, open_register, opened_case, value_of};

/// `9/12（75.0%）` as the core's `Rate` writes it.
fn rate_text(num: u64, den: u64) -> String {
    let tenths = (num * 2000 + den) / (2 * den);
    format!("{num}/{den}（{}.{}%）", tenths / 10, tenths % 10)
}

/// Registers a visit received today in `township`, escalated to the city
/// when asked; returns its number and id.
async fn register_today(
    b: &Browser,
    name: &str,
    summary: &str,
    township: &str,
    escalated: bool,
) -> (String, String) {
    open_register(b).await;
    let today = value_of(b, "#reg-received-on").await;
    fill(b, name, "", summary).await;
    b.set_value("#reg-received-on", &today).await;
    b.select_by_label("#reg-township", township).await;
    if escalated {
        b.select("#reg-escalation", "city").await;
    }
    b.click("#reg-submit").await;
    opened_case(b).await
}

fn township_row(name: &str) -> String {
    format!("tr.tn-row[data-name=\"{name}\"]")
}

async fn count_in(b: &Browser, township: &str, cell: &str) -> String {
    b.text_of(&format!("{} .{cell} .tn-count", township_row(township))).await.unwrap_or_default()
}

#[tokio::test]
async fn three_none_counts_escalations_irregular_visits_and_backlog() {
    let b = Browser::open().await;
    let (_, escalated) = register_today(&b, "郑某某", "三无测试越级访", "河口乡", true).await;
    let (backlog_no, backlog) = register_today(&b, "冯某某", "三无测试积案", "石桥镇", false).await;

    // 石桥镇's case goes on the backlog ledger (open).
    b.click("#nav-backlog").await;
    b.type_into("#backlog-case", &backlog_no).await;
    b.click("#backlog-case-add").await;
    b.wait_for("the case picked", || async {
        b.exists(&format!("#backlog-form-case[data-case=\"{backlog}\"]")).await.then_some(())
    })
    .await;
    b.select_any("#backlog-leader").await;
    b.type_into("#backlog-plan", "镇党委书记包案化解").await;
    b.click("#backlog-submit").await;
    b.wait_for("the backlog entry", || async {
        b.exists(&format!("tr.backlog-row[data-case=\"{backlog}\"]")).await.then_some(())
    })
    .await;

    // The 三无 page, this year by default.
    b.click("#nav-three-none").await;
    b.wait_for("the 三无 table", || async { b.exists("tr.tn-row").await.then_some(()) }).await;
    let year = value_of(&b, "#report-year").await;
    assert_eq!(value_of(&b, "#report-period-kind").await, "year");

    // An empty irregular-visits form is refused beside it; nothing recorded.
    b.click("#irregular-submit").await;
    b.wait_for_text_containing("#irregular-error", "请选择乡镇").await;
    assert!(b.exists("#irregular-none").await);
    // 柳林镇: two irregular visits over the year.
    b.select_by_label("#irregular-township", "柳林镇").await;
    b.type_into("#irregular-count", "2").await;
    b.click("#irregular-submit").await;
    b.wait_for("the record", || async {
        b.exists(".irregular-record[data-name=\"柳林镇\"][data-count=\"2\"]").await.then_some(())
    })
    .await;

    // Each of the three fails on its own condition, with the evidence.
    b.wait_for("柳林镇's count", || async {
        (count_in(&b, "柳林镇", "tn-irregular").await == "2").then_some(())
    })
    .await;
    assert_eq!(count_in(&b, "河口乡", "tn-escalated").await, "1");
    assert_eq!(count_in(&b, "河口乡", "tn-backlog").await, "0");
    assert_eq!(count_in(&b, "石桥镇", "tn-backlog").await, "1");
    assert_eq!(count_in(&b, "石桥镇", "tn-escalated").await, "0");
    for (name, link) in [("河口乡", &escalated), ("石桥镇", &backlog)] {
        let css = format!("{} .case-link[data-case=\"{link}\"]", township_row(name));
        assert!(b.exists(&css).await, "{name} links its case");
    }
    for name in ["河口乡", "柳林镇", "石桥镇"] {
        let meets = b.attr_of(&township_row(name), "data-meets").await;
        assert_eq!(meets.as_deref(), Some("false"), "{name}");
    }
    // Every other township meets it: the share from the rows shown.
    let n = b.count("tr.tn-row").await as u64;
    assert!(n > 3, "{n} townships");
    assert_eq!(b.count("tr.tn-row[data-meets=\"true\"]").await as u64, n - 3);
    b.wait_for_text("#three-none-share .rate-value", &rate_text(n - 3, n)).await;
    let target: u64 = value_of(&b, "#target-three-none").await.parse().expect("a target");
    let met = (n - 3) * 100 >= target * n;
    assert_eq!(b.attr_of("#three-none-share", "data-met").await, Some(met.to_string()));

    // Kept across a reload.
    b.reload().await;
    b.wait_for("柳林镇's count after the reload", || async {
        (count_in(&b, "柳林镇", "tn-irregular").await == "2").then_some(())
    })
    .await;

    // Removing the record: 柳林镇 meets 三无 again.
    b.click(".irregular-record[data-name=\"柳林镇\"] .irregular-remove").await;
    b.wait_for_text("#three-none-share .rate-value", &rate_text(n - 2, n)).await;
    assert_eq!(b.attr_of(&township_row("柳林镇"), "data-meets").await.as_deref(), Some("true"));
    assert!(b.exists("#irregular-none").await);

    // The printed table for the year: the counts, the share, no people.
    b.click("#three-none-print").await;
    b.wait_for("the printed table", || async {
        b.exists(&format!("#page-work-print[data-doc=\"three-none/{year}\"] #doc-three-none"))
            .await
            .then_some(())
    })
    .await;
    b.wait_for_text("#doc-title", "“三无”乡镇（街道）情况表").await;
    assert_eq!(b.count("#doc-three-none .ledger-table tbody tr").await as u64, n);
    assert_eq!(b.count("#doc-three-none tr[data-meets=\"false\"]").await, 2);
    let doc = b.text_of("#doc-three-none").await.unwrap_or_default();
    assert!(doc.contains(&format!("实现“三无”的{}个", n - 2)), "{doc}");
    assert!(doc.contains("越级访1件") && doc.contains("未办结积案1件"), "{doc}");
    for private in ["郑某某", "冯某某", "13812345678", "三无测试"] {
        assert!(!doc.contains(private), "{private} printed: {doc}");
    }

    // Back on the page, the evidence opens the escalated case.
    b.click("#print-back").await;
    b.click(&format!("{} .case-link[data-case=\"{escalated}\"]", township_row("河口乡"))).await;
    b.wait_for("the escalated case", || async {
        (b.attr_of("#page-case", "data-case").await.as_deref() == Some(escalated.as_str()))
            .then_some(())
    })
    .await;
    b.close().await;
}
