//! The same quarterly figures computed two ways: by `xinfang_core::metrics`
//! (one pass over the cases in memory) and by SQL over an in-memory SQLite
//! database holding the same cases, with indexes on the date columns.
//!
//! [`core_figures`] reads the figures out of a [`Report`]; [`Db::figures`]
//! computes them with SQL. Both give a [`Figures`] map (name → number) so
//! the benchmark can check they agree before it times anything.
//!
//! What the SQL side covers (and so what is compared): 及时受理率, 按期办结率,
//! 参评率, 群众满意率, 交办件群众满意率, 重访率, 越级重访率, 重信率,
//! 绿色邮政比率, 初信初访一次性化解率 (numerators and denominators), every
//! count of [`xinfang_core::metrics::Counts`] with last year's figure, and
//! the cases per category. Left out of the SQL (but still computed by the
//! core's `Report`, which has no way to skip them): 积案办结率, 积案结服率,
//! “三无”乡镇比率 and the overdue cases by duty — they need every duty's
//! deadline and a second deadline 30 days on, per as-of day.
//!
//! The SQL side gets the deadlines precomputed (by the core's own
//! `Case::acceptance_due`, `reply_due`, `rating_until`) as columns at load
//! time, as a SQL-based system would store them; the core computes them
//! in each report. Dates are stored as day numbers (INTEGER), SQLite's
//! fastest comparable form.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use xinfang_core::case::{Case, DeclineKind, Proceeding, ReviewLevel, SupervisionKind};
use xinfang_core::metrics::{Document, Period};
use xinfang_sample::{generate, SampleConfig};
use xinfang_core::{Channel, Escalation, IndicatorKind, Office, Purpose, Report, Scope, Settings};

/// Named figures: `indicator.及时受理率.num`, `count.cases.now`, `category.12`…
pub type Figures = BTreeMap<String, u64>;

/// The indicators computed by both sides.
pub const COMPARED: [IndicatorKind; 10] = [
    IndicatorKind::TimelyAcceptance,
    IndicatorKind::OnTimeReply,
    IndicatorKind::RatingParticipation,
    IndicatorKind::Satisfaction,
    IndicatorKind::AssignedSatisfaction,
    IndicatorKind::RepeatVisits,
    IndicatorKind::EscalatedRepeatVisits,
    IndicatorKind::RepeatLetters,
    IndicatorKind::GreenPost,
    IndicatorKind::FirstPetitionResolved,
];

/// The last day of the generated data.
pub fn data_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

/// The report the benchmark times: the third quarter of 2025, as of
/// 15 October 2025 (the data go on to the end of the year: anything later
/// than the as-of day must be ignored by both sides).
pub fn bench_query() -> (Period, NaiveDate) {
    (Period::quarter(2025, 3).unwrap(), NaiveDate::from_ymd_opt(2025, 10, 15).unwrap())
}

/// `cases` sample cases spread over the two years ending [`data_end`]
/// (730 days: `cases / 2` a year), seed 7, with the default shares.
pub fn sample(cases: u32) -> Office {
    let today = data_end();
    let first = today - chrono::Days::new(729);
    let config = SampleConfig::new(7, first, today, cases / 2);
    generate(Settings::sample_county(), &config).expect("the sample generates")
}

/// Time one call.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

// ---------------------------------------------------------------------------
// The core's side

/// The compared figures out of a core [`Report`].
pub fn core_figures(report: &Report) -> Figures {
    let mut f = Figures::new();
    for kind in COMPARED {
        let i = report.indicator(kind);
        f.insert(format!("indicator.{kind}.num"), i.numerator);
        f.insert(format!("indicator.{kind}.den"), i.denominator);
    }
    let c = &report.counts;
    let mut tally = |name: &str, t: xinfang_core::metrics::Tally| {
        f.insert(format!("count.{name}.now"), t.current);
        f.insert(format!("count.{name}.last_year"), t.last_year);
    };
    tally("cases", c.cases);
    tally("persons", c.persons);
    for (ch, t) in &c.by_channel {
        tally(&format!("channel.{}", channel_code(*ch)), *t);
    }
    tally("letters", c.letters);
    tally("green_post_letters", c.green_post_letters);
    tally("visits", c.visits);
    tally("visit_persons", c.visit_persons);
    tally("collective_batches", c.collective_batches);
    tally("collective_persons", c.collective_persons);
    for e in &c.escalated {
        tally(&format!("escalated.{}.batches", escalation_code(e.level)), e.batches);
        tally(&format!("escalated.{}.persons", escalation_code(e.level)), e.persons);
    }
    tally("first", c.first);
    tally("repeat", c.repeat);
    for (p, t) in &c.by_purpose {
        tally(&format!("purpose.{}", purpose_code(*p)), *t);
    }
    for (k, t) in &c.supervision {
        tally(&format!("supervision.{}", supervision_code(*k)), *t);
    }
    for (d, t) in &c.documents {
        tally(&format!("document.{}", document_code(*d)), *t);
    }
    for (cat, n) in &report.categories {
        f.insert(format!("category.{}", cat.get()), *n);
    }
    f
}

/// The core's report of all cases.
pub fn core_report(office: &Office, period: Period, as_of: NaiveDate) -> Report {
    Report::compute(office, period, Scope::All, as_of)
}

// ---------------------------------------------------------------------------
// Codes stored in SQLite (the core's display orders)

fn channel_code(c: Channel) -> i64 {
    match c {
        Channel::Letter { .. } => 0,
        Channel::Visit => 1,
        Channel::Phone => 2,
        Channel::Online => 3,
        Channel::LeaderMailbox => 4,
        Channel::Email => 5,
        Channel::Fax => 6,
        Channel::FromAbove => 7,
        Channel::Hotline12345 => 8,
    }
}

fn purpose_code(p: Purpose) -> i64 {
    Purpose::ALL.iter().position(|x| *x == p).unwrap() as i64
}

fn escalation_code(e: Escalation) -> i64 {
    match e {
        Escalation::City => 0,
        Escalation::Province => 1,
        Escalation::Capital => 2,
    }
}

fn supervision_code(k: SupervisionKind) -> i64 {
    SupervisionKind::ALL.iter().position(|x| *x == k).unwrap() as i64
}

fn document_code(d: Document) -> i64 {
    Document::ALL.iter().position(|x| *x == d).unwrap() as i64
}

/// A date as a day number (days from 1 January of year 1).
fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn day_opt(d: Option<NaiveDate>) -> Option<i64> {
    d.map(day)
}

// ---------------------------------------------------------------------------
// SQLite's side

const SCHEMA: &str = "
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    received_on      INTEGER NOT NULL,
    channel          INTEGER NOT NULL,  -- 0 letter, 1 visit, 2 phone … 8 hotline 12345
    green_post       INTEGER NOT NULL,  -- 0/1, letters only
    head_count       INTEGER NOT NULL,
    purpose          INTEGER NOT NULL,  -- 0 求决 … 4 咨询
    category         INTEGER NOT NULL,
    township         INTEGER,
    escalation       INTEGER,           -- 0 去市, 1 到省, 2 进京
    repeat_of        INTEGER,           -- the earlier case (重信重访)
    disposal         INTEGER,           -- 0 转送, 1 交办, 2 直办
    routed_on        INTEGER,
    accept_done      INTEGER,           -- 受理, or the receiving body's refusal
    accept_due       INTEGER,
    reply1_started   INTEGER,           -- the first handling round
    reply1_on        INTEGER,
    reply1_due       INTEGER,           -- with its extension
    reply1_due_unext INTEGER,           -- before the extension
    reply1_ext_on    INTEGER,           -- the extension's approval
    first_reply_on   INTEGER,
    rating_on        INTEGER,
    rating_positive  INTEGER,           -- 满意 or 基本满意
    rating_until     INTEGER,
    concluded_on     INTEGER            -- the latest concluding act, if concluded
);
CREATE TABLE supervision (case_id INTEGER NOT NULL, kind INTEGER NOT NULL, on_day INTEGER NOT NULL);
CREATE TABLE documents (case_id INTEGER NOT NULL, kind INTEGER NOT NULL, on_day INTEGER NOT NULL);
";

const INDEXES: &str = "
CREATE INDEX cases_received ON cases(received_on);
CREATE INDEX cases_accept_done ON cases(accept_done);
CREATE INDEX cases_accept_due ON cases(accept_due);
CREATE INDEX cases_reply1_on ON cases(reply1_on);
CREATE INDEX cases_reply1_due ON cases(reply1_due);
CREATE INDEX cases_reply1_due_unext ON cases(reply1_due_unext);
CREATE INDEX cases_first_reply ON cases(first_reply_on);
CREATE INDEX cases_rating_on ON cases(rating_on);
CREATE INDEX cases_rating_until ON cases(rating_until);
CREATE INDEX cases_repeat_of ON cases(repeat_of);
CREATE INDEX supervision_on ON supervision(on_day, kind);
CREATE INDEX documents_on ON documents(on_day, kind);
ANALYZE;
";

/// One case as a row of `cases`, with its dated supervision notices and documents.
struct Row {
    cols: [Option<i64>; 24],
    supervision: Vec<(i64, i64)>,
    documents: Vec<(i64, i64)>,
}

fn row(case: &Case, s: &Settings) -> Row {
    let (rules, cal) = (&s.clock, &s.calendar);
    let i = case.intake();
    let routing = case.routing();
    let decline = case.decline();
    let body_decline = decline.filter(|d| d.body.is_some()).map(|d| d.on);
    let first = case.proceedings().iter().find_map(|p| match p {
        Proceeding::Handling(h) => Some(h),
        Proceeding::Review(_) => None,
    });
    let mut unext = None;
    if let Some(h) = first {
        unext = Some(case.reply_due_unextended(h, rules, cal));
    }
    let rating = case.rating();
    let concluded = if case.stage().is_concluded() {
        match (decline, case.proceedings().last()) {
            (Some(d), _) => Some(d.on),
            (None, Some(Proceeding::Handling(h))) => h.reply.as_ref().map(|r| r.on),
            (None, Some(Proceeding::Review(r))) => r.decision.as_ref().map(|d| d.on),
            (None, None) => None,
        }
    } else {
        None
    };
    let cols = [
        Some(i64::from(case.id().get())),
        Some(day(i.received_on)),
        Some(channel_code(i.channel)),
        Some(i64::from(i.channel == Channel::Letter { green_post: true })),
        Some(i64::from(i.head_count)),
        Some(purpose_code(i.purpose)),
        Some(i64::from(i.category.get())),
        i.township.map(|t| i64::from(t.get())),
        i.escalation.map(escalation_code),
        i.repeat_of.map(|r| i64::from(r.get())),
        routing.map(|r| match r.disposal {
            xinfang_core::Disposal::Transfer => 0,
            xinfang_core::Disposal::Assign => 1,
            xinfang_core::Disposal::Direct => 2,
        }),
        day_opt(routing.map(|r| r.on)),
        day_opt(case.accepted_on().or(body_decline)),
        day_opt(case.acceptance_due(rules, cal)),
        day_opt(first.map(|h| h.started_on)),
        day_opt(first.and_then(|h| h.reply.as_ref().map(|r| r.on))),
        day_opt(first.map(|h| case.reply_due(h, rules, cal))),
        day_opt(unext),
        day_opt(first.and_then(|h| h.extension.as_ref().map(|e| e.on))),
        day_opt(case.first_reply().map(|r| r.on)),
        day_opt(rating.map(|r| r.on)),
        rating.map(|r| i64::from(r.level.is_positive())),
        day_opt(case.rating_until(rules, cal)),
        day_opt(concluded),
    ];
    let supervision =
        case.supervision().iter().map(|x| (supervision_code(x.kind), day(x.on))).collect();
    let mut documents = Vec::new();
    let mut doc = |d: Document, on: NaiveDate| documents.push((document_code(d), day(on)));
    if let Some(on) = case.accepted_on() {
        doc(Document::AcceptanceNotice, on);
    }
    if let Some(d) = decline {
        let kind = match d.kind {
            DeclineKind::NotAccepted => Document::RefusalNotice,
            DeclineKind::NoLongerAccepted => Document::NoLongerAcceptedNotice,
        };
        doc(kind, d.on);
    }
    for p in case.proceedings() {
        match p {
            Proceeding::Handling(h) => {
                if let Some(e) = &h.extension {
                    doc(Document::ExtensionNotice, e.on);
                }
                if let Some(r) = &h.reply {
                    doc(Document::Reply, r.on);
                }
            }
            Proceeding::Review(r) => {
                if let Some(d) = &r.decision {
                    let kind = match r.level {
                        ReviewLevel::Review => Document::ReviewDecision,
                        ReviewLevel::ReReview => Document::ReReviewDecision,
                    };
                    doc(kind, d.on);
                }
            }
        }
    }
    Row { cols, supervision, documents }
}

/// How long loading took.
#[derive(Debug, Clone, Copy)]
pub struct LoadTimes {
    /// Deriving the rows from the cases (deadlines by the core's functions).
    pub derive: Duration,
    /// Inserting them (one transaction, prepared statements).
    pub insert: Duration,
    /// Creating the indexes and `ANALYZE`.
    pub index: Duration,
}

/// An in-memory SQLite database holding an office's cases.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
}

impl Db {
    /// Loads every case of `office` and indexes the date columns.
    pub fn load(office: &Office) -> (Db, LoadTimes) {
        let s = office.settings();
        let (rows, derive) = timed(|| office.cases().map(|c| row(c, s)).collect::<Vec<_>>());
        let mut conn = Connection::open_in_memory().expect("in-memory SQLite");
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .expect("pragmas");
        conn.execute_batch(SCHEMA).expect("schema");
        let ((), insert) = timed(|| {
            let tx = conn.transaction().expect("transaction");
            {
                let mut c = tx
                    .prepare(&format!("INSERT INTO cases VALUES ({})", vec!["?"; 24].join(", ")))
                    .expect("insert case");
                let mut sup = tx
                    .prepare("INSERT INTO supervision VALUES (?1, ?2, ?3)")
                    .expect("insert supervision");
                let mut doc =
                    tx.prepare("INSERT INTO documents VALUES (?1, ?2, ?3)").expect("insert doc");
                for r in &rows {
                    c.execute(rusqlite::params_from_iter(r.cols.iter())).expect("case row");
                    for (kind, on) in &r.supervision {
                        sup.execute(params![r.cols[0], kind, on]).expect("supervision row");
                    }
                    for (kind, on) in &r.documents {
                        doc.execute(params![r.cols[0], kind, on]).expect("document row");
                    }
                }
            }
            tx.commit().expect("commit");
        });
        drop(rows);
        let ((), index) = timed(|| conn.execute_batch(INDEXES).expect("indexes"));
        (Db { conn }, LoadTimes { derive, insert, index })
    }

    /// Rows in the three tables.
    pub fn rows(&self) -> u64 {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM cases) + (SELECT COUNT(*) FROM supervision)
                      + (SELECT COUNT(*) FROM documents)",
                [],
                |r| r.get(0),
            )
            .expect("count");
        n as u64
    }

    /// The compared figures of `period` as of `as_of` (all cases), by SQL.
    pub fn figures(&self, period: Period, as_of: NaiveDate) -> Figures {
        let mut f = Figures::new();
        let first = day(period.first());
        let t = day(as_of);
        // Judged on a day done: in the period and not after the as-of day.
        let end = day(period.last().min(as_of));
        // Judged on a deadline: in the period and before the as-of day.
        let late_end = day(period.last()).min(t - 1);
        let one = |sql: &str, p: &[(&str, &dyn rusqlite::ToSql)]| -> Vec<i64> {
            let mut st = self.conn.prepare_cached(sql).expect(sql);
            let n = st.column_count();
            st.query_row(p, |r| {
                (0..n).map(|i| r.get::<_, Option<i64>>(i).map(|v| v.unwrap_or(0))).collect()
            })
            .expect(sql)
        };
        // A case concluded before the period has no duty judged in it.
        const LIVE: &str = "(concluded_on IS NULL OR concluded_on > :t OR concluded_on >= :first)";

        // 及时受理率
        let on_time = one(
            &format!(
                "SELECT COUNT(*) FROM cases WHERE accept_done BETWEEN :first AND :end
                   AND accept_done <= accept_due AND routed_on <= :t AND {LIVE}"
            ),
            &[(":first", &first), (":end", &end), (":t", &t)],
        );
        let late = one(
            &format!(
                "SELECT COUNT(*) FROM cases WHERE accept_due BETWEEN :first AND :late_end
                   AND (accept_done IS NULL OR accept_done > accept_due)
                   AND routed_on <= :t AND {LIVE}"
            ),
            &[(":first", &first), (":late_end", &late_end), (":t", &t)],
        );
        put(&mut f, IndicatorKind::TimelyAcceptance, on_time[0], on_time[0] + late[0]);

        // 按期办结率: the first round; an extension counts once approved by the as-of day.
        let on_time = one(
            &format!(
                "SELECT COUNT(*) FROM cases WHERE reply1_on BETWEEN :first AND :end
                   AND reply1_on <= CASE WHEN reply1_ext_on > :t THEN reply1_due_unext
                                         ELSE reply1_due END
                   AND reply1_started <= :t AND routed_on <= :t AND {LIVE}"
            ),
            &[(":first", &first), (":end", &end), (":t", &t)],
        );
        let late = one(
            &format!(
                "SELECT (SELECT COUNT(*) FROM cases
                          WHERE reply1_due BETWEEN :first AND :late_end
                            AND (reply1_ext_on IS NULL OR reply1_ext_on <= :t)
                            AND (reply1_on IS NULL OR reply1_on > reply1_due)
                            AND reply1_started <= :t AND routed_on <= :t AND {LIVE})
                      + (SELECT COUNT(*) FROM cases
                          WHERE reply1_due_unext BETWEEN :first AND :late_end
                            AND reply1_ext_on > :t
                            AND (reply1_on IS NULL OR reply1_on > reply1_due_unext)
                            AND reply1_started <= :t AND routed_on <= :t AND {LIVE})"
            ),
            &[(":first", &first), (":late_end", &late_end), (":t", &t)],
        );
        put(&mut f, IndicatorKind::OnTimeReply, on_time[0], on_time[0] + late[0]);

        // 参评率, 群众满意率, 交办件群众满意率
        let rated = one(
            "SELECT COUNT(*), SUM(rating_positive), SUM(disposal = 1),
                    SUM(disposal = 1 AND rating_positive)
               FROM cases WHERE rating_on BETWEEN :first AND :end AND first_reply_on <= :t",
            &[(":first", &first), (":end", &end), (":t", &t)],
        );
        let expired = one(
            "SELECT COUNT(*) FROM cases WHERE rating_until BETWEEN :first AND :late_end
               AND first_reply_on <= :t AND (rating_on IS NULL OR rating_on > :t)",
            &[(":first", &first), (":late_end", &late_end), (":t", &t)],
        );
        put(&mut f, IndicatorKind::RatingParticipation, rated[0], rated[0] + expired[0]);
        put(&mut f, IndicatorKind::Satisfaction, rated[1], rated[0]);
        put(&mut f, IndicatorKind::AssignedSatisfaction, rated[3], rated[2]);

        // 初信初访一次性化解率
        let fp = one(
            "SELECT COUNT(*),
                    SUM(c.rating_on <= :t AND c.rating_positive = 1 AND NOT EXISTS (
                        SELECT 1 FROM cases r WHERE r.repeat_of = c.id AND r.received_on <= :t))
               FROM cases c
              WHERE c.first_reply_on BETWEEN :first AND :end AND c.repeat_of IS NULL",
            &[(":first", &first), (":end", &end), (":t", &t)],
        );
        put(&mut f, IndicatorKind::FirstPetitionResolved, fp[1], fp[0]);

        // Counts by receipt, this year and last year.
        let last = period.previous_year().expect("a year before");
        let t_last = year_before(as_of);
        let windows =
            [("now", first, end), ("last_year", day(last.first()), day(last.last().min(t_last)))];
        let mut intake: [Vec<i64>; 2] = [Vec::new(), Vec::new()];
        for (w, (_, lo, hi)) in windows.iter().enumerate() {
            intake[w] = one(
                "SELECT COUNT(*), SUM(head_count),
                        SUM(channel = 0), SUM(channel = 1), SUM(channel = 2), SUM(channel = 3),
                        SUM(channel = 4), SUM(channel = 5), SUM(channel = 6), SUM(channel = 7),
                        SUM(channel = 8),
                        SUM(channel = 0 AND green_post = 1),
                        SUM(channel = 0 AND repeat_of IS NOT NULL),
                        SUM(CASE WHEN channel = 1 THEN head_count END),
                        SUM(channel = 1 AND repeat_of IS NOT NULL),
                        SUM(channel = 1 AND head_count >= 5),
                        SUM(CASE WHEN channel = 1 AND head_count >= 5 THEN head_count END),
                        SUM(channel = 1 AND escalation = 0),
                        SUM(channel = 1 AND escalation = 1),
                        SUM(channel = 1 AND escalation = 2),
                        SUM(CASE WHEN channel = 1 AND escalation = 0 THEN head_count END),
                        SUM(CASE WHEN channel = 1 AND escalation = 1 THEN head_count END),
                        SUM(CASE WHEN channel = 1 AND escalation = 2 THEN head_count END),
                        SUM(channel = 1 AND escalation IS NOT NULL AND repeat_of IS NOT NULL),
                        SUM(repeat_of IS NOT NULL),
                        SUM(purpose = 0), SUM(purpose = 1), SUM(purpose = 2), SUM(purpose = 3),
                        SUM(purpose = 4)
                   FROM cases WHERE received_on BETWEEN :lo AND :hi",
                &[(":lo", lo), (":hi", hi)],
            );
        }
        let mut tally = |name: &str, col: usize| {
            f.insert(format!("count.{name}.now"), intake[0][col] as u64);
            f.insert(format!("count.{name}.last_year"), intake[1][col] as u64);
        };
        tally("cases", 0);
        tally("persons", 1);
        for ch in 0..9 {
            tally(&format!("channel.{ch}"), 2 + ch);
        }
        tally("letters", 2);
        tally("green_post_letters", 11);
        tally("visits", 3);
        tally("visit_persons", 13);
        tally("collective_batches", 15);
        tally("collective_persons", 16);
        for e in 0..3 {
            tally(&format!("escalated.{e}.batches"), 17 + e);
            tally(&format!("escalated.{e}.persons"), 20 + e);
        }
        tally("repeat", 24);
        for p in 0..5 {
            tally(&format!("purpose.{p}"), 25 + p);
        }
        for (w, (name, _, _)) in windows.iter().enumerate() {
            let c = &intake[w];
            f.insert(format!("count.first.{name}"), (c[0] - c[24]) as u64);
        }
        let now = &intake[0];
        put(&mut f, IndicatorKind::RepeatVisits, now[14], now[3]);
        put(&mut f, IndicatorKind::EscalatedRepeatVisits, now[23], now[17] + now[18] + now[19]);
        put(&mut f, IndicatorKind::RepeatLetters, now[12], now[2]);
        put(&mut f, IndicatorKind::GreenPost, now[11], now[2]);

        // Supervision notices and documents by their dates.
        for (table, prefix, kinds) in [
            ("supervision", "supervision", SupervisionKind::ALL.len()),
            ("documents", "document", Document::ALL.len()),
        ] {
            for (name, lo, hi) in &windows {
                let mut by_kind = vec![0u64; kinds];
                let sql = format!(
                    "SELECT kind, COUNT(*) FROM {table} WHERE on_day BETWEEN ?1 AND ?2 GROUP BY kind"
                );
                let mut st = self.conn.prepare_cached(&sql).expect("by kind");
                let rows = st
                    .query_map(params![lo, hi], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                    .expect("by kind");
                for r in rows {
                    let (k, n) = r.expect("row");
                    by_kind[k as usize] = n as u64;
                }
                for (k, n) in by_kind.iter().enumerate() {
                    f.insert(format!("count.{prefix}.{k}.{name}"), *n);
                }
            }
        }

        // Cases per category received in the period.
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT category, COUNT(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2
                  GROUP BY category",
            )
            .expect("categories");
        let rows = st
            .query_map(params![first, end], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .expect("categories");
        for r in rows {
            let (cat, n) = r.expect("row");
            f.insert(format!("category.{cat}"), n as u64);
        }
        f
    }
}

fn put(f: &mut Figures, kind: IndicatorKind, num: i64, den: i64) {
    f.insert(format!("indicator.{kind}.num"), num as u64);
    f.insert(format!("indicator.{kind}.den"), den as u64);
}

/// The same day a year earlier (29 February → 28 February), as the core counts last year.
fn year_before(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28))
        .unwrap()
}

/// The figures that differ, as `name: core vs sql` lines.
pub fn differences(core: &Figures, sql: &Figures) -> Vec<String> {
    let mut out = Vec::new();
    for k in core.keys().chain(sql.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (a, b) = (core.get(k).copied().unwrap_or(0), sql.get(k).copied().unwrap_or(0));
        if a != b {
            out.push(format!("{k}: core {a} vs SQLite {b}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_agrees_with_the_core() {
        let office = sample(4000);
        let (db, _) = Db::load(&office);
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let cases = [
            bench_query(),
            (Period::quarter(2025, 4).unwrap(), d(2025, 12, 31)),
            (Period::quarter(2025, 2).unwrap(), d(2025, 12, 31)),
            (Period::month(2025, 3).unwrap(), d(2025, 3, 20)),
            (Period::quarter(2025, 1).unwrap(), d(2025, 2, 10)),
            (Period::year(2025).unwrap(), d(2025, 11, 30)),
        ];
        for (period, as_of) in cases {
            let core = core_figures(&core_report(&office, period, as_of));
            let sql = db.figures(period, as_of);
            assert_eq!(differences(&core, &sql), Vec::<String>::new(), "{period} as of {as_of}");
            assert!(core["indicator.按期办结率.den"] > 0, "{period}: something was judged");
        }
    }
}
