//! The printed documents of sandbox cases: the 处理意见书 and the 受理告知书
//! (its 60-day period checked against the deadline calculator), the
//! message for a document not issued yet, no identity number or phone on
//! paper, the print button, no app chrome, and English buttons around a
//! Chinese document.

use crate::harness::Browser;

/// Opens the training sandbox.
async fn sandbox(browser: &Browser) {
    browser.click("#sandbox-enter").await;
    browser.wait_for_text_containing("#sandbox-banner", "").await;
}

/// Shows a document of case `n` and says whether it exists (`#doc-title`)
/// or the page says it is not issued (`#doc-missing`).
async fn show(browser: &Browser, n: u32, slug: &str) -> bool {
    browser.go_to_hash(&format!("#/case/{n}/print/{slug}")).await;
    let selector = format!("#page-print[data-case=\"{n}\"][data-doc=\"{slug}\"]");
    browser
        .wait_for(&format!("the {slug} page of case {n}"), || async {
            if !browser.exists(&selector).await {
                return None;
            }
            if browser.exists("#doc-title").await {
                Some(true)
            } else if browser.exists("#doc-missing").await {
                Some(false)
            } else {
                None
            }
        })
        .await
}

/// The first case from `from` (counting by `step`) for which `slug` exists
/// (`want`) or does not.
async fn find_case(browser: &Browser, slug: &str, from: u32, step: i32, want: bool) -> u32 {
    let mut n = from;
    for _ in 0..80 {
        if show(browser, n, slug).await == want {
            return n;
        }
        n = n.checked_add_signed(step).expect("a case number");
    }
    panic!("no sandbox case near {from} where {slug} exists = {want}");
}

/// `二〇二六年十一月二十三日` → (2026, 11, 23).
fn parse_chinese_date(text: &str) -> Option<(u32, u32, u32)> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    let small = |s: &str| -> Option<u32> {
        let chars: Vec<char> = s.chars().collect();
        match chars.as_slice() {
            ['十'] => Some(10),
            ['十', u] => Some(10 + digit(*u)?),
            [t, '十'] => Some(digit(*t)? * 10),
            [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
            [u] => digit(*u),
            _ => None,
        }
    };
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year = year.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?))?;
    Some((year, small(month)?, small(day)?))
}

/// `2026年3月5日` at the start of `text` → `2026-03-05`.
fn iso_of(text: &str) -> Option<String> {
    let (y, rest) = text.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    Some(format!(
        "{}-{:02}-{:02}",
        y.parse::<u32>().ok()?,
        m.parse::<u32>().ok()?,
        d.parse::<u32>().ok()?
    ))
}

/// The text after `marker` in `text`.
fn after<'a>(text: &'a str, marker: &str) -> &'a str {
    let i = text.find(marker).unwrap_or_else(|| panic!("{marker:?} not in {text:?}"));
    &text[i + marker.len()..]
}

/// No identity number (18 characters, digits and X) and no phone (runs of
/// 7 or more digits) and no masked form (`****`) on the page.
fn assert_private(text: &str) {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() || c == 'X' || c == 'x' {
            run += 1;
            assert!(run < 7, "a long number (identity number or phone?) in {text:?}");
        } else {
            run = 0;
        }
    }
    assert!(!text.contains("****"), "a masked number in {text:?}");
}

#[tokio::test]
async fn the_reply_of_a_sandbox_case() {
    let browser = Browser::open().await;
    sandbox(&browser).await;

    // The oldest cases of the year have been answered.
    let n = find_case(&browser, "reply", 1, 1, true).await;
    browser.wait_for_text("#doc-title", "处理意见书").await;
    let addressee = browser.text_of("#doc-addressee").await.unwrap();
    assert!(addressee.ends_with('：') && addressee.chars().count() > 1, "{addressee}");
    let body = browser.text_of("#doc-body").await.unwrap();
    assert!(body.contains("现将处理意见答复如下"), "{body}");
    assert!(
        ["予以支持", "解释说明", "不予支持"]
            .iter()
            .any(|o| body.contains(&format!("处理意见：{o}"))),
        "{body}"
    );
    // Cites the article (第三十五条), not “有关规定”.
    assert!(
        body.contains("根据《信访工作条例》第三十五条规定") && body.contains("请求复查"),
        "{body}"
    );
    assert!(!body.contains("有关规定，如你"), "{body}");
    let number = browser.text_of("#doc-number").await.unwrap();
    assert!(number.contains("处意〔") && number.ends_with('号'), "{number}");
    let signature = browser.text_of("#doc-signature").await.unwrap();
    assert_eq!(browser.text_of("#doc-issuer").await.unwrap(), signature);

    // The date in Chinese numerals is the date of the document.
    let date = browser.text_of("#doc-date").await.unwrap();
    let (y, m, d) = parse_chinese_date(&date).unwrap_or_else(|| panic!("not a date: {date}"));
    let iso = browser.attr_of("#page-print", "data-date").await.unwrap();
    assert_eq!(format!("{y}-{m:02}-{d:02}"), iso, "{date}");
    assert!(date.starts_with("二〇"), "{date}");

    // Privacy: the sandbox petitioners have identity numbers and phones.
    assert_private(&browser.text_of("#page-print").await.unwrap());

    // The case page agrees that the case has been answered.
    browser.go_to_hash(&format!("#/case/{n}")).await;
    let stage = browser
        .wait_for("the case page's stage", || async {
            browser.attr_of("#page-case", "data-stage").await
        })
        .await;
    assert!(
        ["replied", "under_review", "reviewed", "under_re_review", "terminated"]
            .contains(&stage.as_str()),
        "case {n} has a 处理意见书 but is at {stage}"
    );

    browser.close().await;
}

#[tokio::test]
async fn the_acceptance_notice_states_the_sixty_day_period() {
    let browser = Browser::open().await;
    sandbox(&browser).await;

    find_case(&browser, "acceptance", 1, 1, true).await;
    browser.wait_for_text("#doc-title", "受理告知书").await;
    let body = browser.text_of("#doc-body").await.unwrap();
    assert!(body.contains("根据《信访工作条例》第二十三条"), "{body}");
    assert!(body.contains("根据《信访工作条例》第三十四条规定，本机关将自受理之日"), "{body}");
    assert!(body.contains("本机关决定予以受理"), "{body}");
    let accepted = iso_of(after(&body, "受理日期为")).expect("the acceptance date");
    let stated = after(&body, "起60日内办结，即于");
    let stated = &stated[..stated.find('前').expect("…前办结")];
    assert_private(&browser.text_of("#page-print").await.unwrap());

    // The deadline calculator gives the same last day for 60 days.
    browser.go_to_hash("#/deadlines").await;
    browser.select("#period", "60").await;
    browser.set_value("#start-date", &accepted).await;
    let shown = browser.wait_for_text_containing("#deadline-date", "年").await;
    let shown = &shown[..shown.find('（').unwrap_or(shown.len())];
    assert_eq!(shown, stated, "accepted on {accepted}");

    browser.close().await;
}

#[tokio::test]
async fn a_document_not_issued_yet_says_so() {
    let browser = Browser::open().await;
    sandbox(&browser).await;

    // The newest cases are still being handled.
    let n = find_case(&browser, "reply", 3000, -1, false).await;
    browser.wait_for_text("#doc-missing", "本案尚未作出书面答复，暂无处理意见书可以打印。").await;
    assert!(!browser.exists("#doc-body").await);
    assert!(browser.exists("#print-back").await);
    browser.click("#print-back").await;
    browser.wait_for_text_containing("#page-case[data-stage]", "").await;
    let hash = format!("#/case/{n}");
    browser
        .wait_for("the case's address", || async {
            browser.current_url().await.ends_with(&hash).then_some(())
        })
        .await;

    browser.close().await;
}

#[tokio::test]
async fn print_button_chrome_and_english() {
    let browser = Browser::open().await;
    sandbox(&browser).await;

    let n = find_case(&browser, "reply", 1, 1, true).await;
    // No app chrome on the print page; the document in a serif CJK face.
    assert!(!browser.exists("#nav-cases").await);
    assert!(!browser.exists("#sandbox-banner").await);
    let font = browser.computed_style(".official-doc", "font-family").await.unwrap();
    assert!(font.contains("FangSong") && font.contains("Noto Serif CJK SC"), "{font}");

    // The button calls window.print().
    browser
        .script("window.__printed = 0; window.print = () => { window.__printed += 1; };", vec![])
        .await;
    browser.wait_for_text("#print-button", "打印").await;
    browser.click("#print-button").await;
    let printed = browser.script("return window.__printed;", vec![]).await;
    assert_eq!(printed.as_u64(), Some(1));

    // English relabels the buttons and messages; the document stays Chinese.
    browser.go_to_hash("#/").await;
    browser.click("#lang-en").await;
    show(&browser, n, "reply").await;
    browser.wait_for_text("#print-button", "Print").await;
    browser.wait_for_text("#print-back", "Back to the case").await;
    browser.wait_for_text("#doc-title", "处理意见书").await;
    assert!(browser.text_of("#doc-body").await.unwrap().contains("现将处理意见答复如下"));
    assert!(!show(&browser, 3000, "rereview").await);
    browser
        .wait_for_text_containing("#doc-missing", "There is no re-review (复核) decision yet")
        .await;

    browser.close().await;
}
