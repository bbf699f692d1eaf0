//! Deterministic sample work ledgers for the training sandbox: a year of
//! leader reception days, 领导包案, screening rounds and hotspots, the
//! backlog ledger, meetings and irregular-visit counts of the sample county,
//! built beside the sample cases of [`crate::cases`].
//!
//! [`sample_work`] reads the office (its organisation, calendar, categories
//! and cases) and writes every record through the ledgers' own checked
//! methods, in date order, so the result is exactly what a clerk could have
//! entered. A seeded ChaCha8 stream (independent of the cases' stream) makes
//! the choices: the same office, seed and dates give the same ledgers,
//! natively and in wasm; nothing reads a clock.
//!
//! What it builds, for the sample county 安和县:
//!
//! - **Rota and receptions**: the county leaders on the 16th of each month
//!   at the 县群众服务大厅, the petition office's leaders in turn every
//!   Monday, leaders of the departments with a window in the hall in turn
//!   every Wednesday, and each township's leaders every working day at the
//!   township. Nearly every scheduled day is held (a few are not, so the
//!   unheld view has something); the county days link the visits (来访)
//!   registered that day ([`CaseLinkKind::Created`]) and now and then an
//!   older open case the leader takes over. A few 下访, 约访 and 回访 too.
//! - **领导包案**: about ten hard cases (long open, reviewed or repeated),
//!   most with the complete 五个一, two still missing parts.
//! - **Screening**: seed 004's cadences, two sensitive periods (全国两会,
//!   国庆节) inside the span, 2–4 villages per township taken from the
//!   villages the cases name, rounds covering roughly nine in ten of the
//!   slots due (some townships perfect, some behind), four campaigns a year,
//!   and a hotspot ledger of a few dozen entries (most resolved, some in
//!   progress, a few overdue).
//! - **Backlog**: the cases older than about three months that were still
//!   open or concluded late, with a leader, a plan and a deadline; most
//!   concluded, about 70 % of those accepted (息诉罢访).
//! - **Meetings**: a leading-group meeting, quarterly joint meetings and
//!   coordination meetings studying the hard cases, with decisions mostly
//!   done, a few open and one overdue.
//! - **Irregular visits**: a few counts for a few townships and months.
//!
//! By the product's stance the ledgers name only officials: no petitioner
//! names, identity numbers or phones, and no accusation content (an
//! accusation is never a hard case here and reads `检举控告事项` in a
//! reception's matters).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use xinfang_core::calendar::Calendar;
use xinfang_core::case::{Case, Stage};
use xinfang_core::ids::{CaseId, CategoryId, PersonId, UnitId};
use xinfang_core::ids::{MeetingId, RotaRuleId, RoundId};
use xinfang_core::office::Office;
use xinfang_core::org::{Organisation, Role, UnitKind};
use xinfang_core::petition::Purpose;
use xinfang_core::work::backlog::{BacklogCase, BacklogStatus};
use xinfang_core::work::meeting::{Decision, Meeting, MeetingKind};
use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft};
#[cfg(doc)]
use xinfang_core::work::reception::CaseLinkKind;
use xinfang_core::work::reception::{Reception, ReceptionKind, RotaPattern, RotaRule};
use xinfang_core::work::screening::{
    Cadence, Hotspot, HotspotStatus, ScreeningLedger, ScreeningLevel, ScreeningRound,
    ScreeningScope, SensitivePeriod, Village,
};
use xinfang_core::work::{WorkError, WorkLedgers};

/// Mixed into the seed so the ledgers' stream differs from the cases'.
const SALT: u64 = 0x5752_4b5f_4c45_4447;

/// The work of the sample office over the sample's span: from `first_day`
/// to `today` (both included), as [`crate::cases::SampleConfig`] gives
/// them. See the module docs for what it holds. Same office, seed and dates,
/// same ledgers; an empty span (`first_day` after `today`) gives ledgers
/// with the default cadences and nothing recorded.
///
/// ```
/// use chrono::NaiveDate;
/// use xinfang_sample::cases::{generate, SampleConfig};
/// use xinfang_sample::work::sample_work;
/// use xinfang_core::Settings;
///
/// let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let config = SampleConfig::year(7, today, 300);
/// let office = generate(Settings::sample_county(), &config).unwrap();
/// let work = sample_work(&office, 7, config.first_day, today);
///
/// // A year of reception days, most of them held.
/// let china = &office.settings().calendar;
/// let scheduled = work.reception.scheduled(config.first_day, today, china).len();
/// let unheld = work.reception.unheld(config.first_day, today, china).len();
/// assert!(unheld > 0 && unheld * 20 < scheduled);
/// // Screening behind in places; hotspots still overdue.
/// let coverage = work.screening_coverage(&office.settings().org, config.first_day, today);
/// assert!(coverage.numerator < coverage.denominator);
/// assert!(work.screening.overdue_hotspots(today).count() > 0);
/// // The same inputs give the same ledgers.
/// assert_eq!(work, sample_work(&office, 7, config.first_day, today));
/// ```
pub fn sample_work(
    office: &Office,
    seed: u64,
    first_day: NaiveDate,
    today: NaiveDate,
) -> WorkLedgers {
    build(office, seed, first_day, today).work
}

/// The ledgers with the tally of the records offered to them.
struct Built {
    work: WorkLedgers,
    /// Records (and changes) the ledgers accepted.
    #[cfg_attr(not(test), allow(dead_code))]
    accepted: u32,
    /// What they refused: a bug of this generator when not empty.
    #[cfg_attr(not(test), allow(dead_code))]
    refused: Vec<WorkError>,
}

fn build(office: &Office, seed: u64, first_day: NaiveDate, today: NaiveDate) -> Built {
    let mut g = Gen::new(office, seed, first_day, today);
    g.work.screening.set_cadence(ScreeningLevel::Unit, Cadence::HalfMonthly);
    g.work.screening.set_cadence(ScreeningLevel::Village, Cadence::Weekly);
    if first_day <= today {
        let hard = g.hard_cases();
        let meetings = g.meetings(&hard);
        g.ownership(&hard, &meetings);
        g.backlog(&hard);
        g.receptions(&hard);
        let rounds = g.screening();
        g.hotspots(&rounds);
        g.irregular_visits();
    }
    Built { work: g.work, accepted: g.accepted, refused: g.refused }
}

// ---------------------------------------------------------------------------
// Randomness and dates
// ---------------------------------------------------------------------------

/// The seeded stream, with integer-only helpers (the same in wasm).
struct Rng(ChaCha8Rng);

impl Rng {
    /// A number in `0..n` (0 for `n == 0`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }
    /// A number in `lo..=hi` (`lo` when `hi <= lo`).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
    }
    /// True with `percent` % chance.
    fn pct(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// One of `items`, `None` when empty.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
    /// Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// `date` moved by `days` (either way); `date` itself at chrono's limits.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

/// Days from `a` to `b`.
fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// A case's summary as a matter or issue: without the leading `反映`.
fn matter_of(case: &Case) -> String {
    let i = case.intake();
    if i.purpose == Purpose::Accusation {
        return "检举控告事项".into();
    }
    let s = i.summary.trim();
    let s = s.strip_prefix("反映").unwrap_or(s);
    s.strip_prefix('其').unwrap_or(s).to_string()
}

/// Pushes `item` unless it is already there.
fn push_unique<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}

// ---------------------------------------------------------------------------
// Texts (invented, plausible for a county; no people but officials)
// ---------------------------------------------------------------------------

/// Matters raised at county receptions beyond the registered cases.
const COUNTY_MATTERS: [&str; 18] = [
    "土地征收补偿标准偏低",
    "拖欠农民工工资",
    "小区物业服务纠纷",
    "商品房质量问题",
    "企业排污影响生活",
    "低保评定有异议",
    "养老保险待遇核定",
    "宅基地确权争议",
    "退役军人优抚待遇落实",
    "冬季供热温度不达标",
    "道路建设占地补偿",
    "企业改制职工安置",
    "医疗费用报销",
    "村务财务公开",
    "不动产权证办理",
    "征地拆迁安置房交付",
    "退耕还林补助发放",
    "民办教师待遇",
];

/// Matters raised at township receptions, after the village's name.
const TOWNSHIP_MATTERS: [&str; 12] = [
    "土地承包经营权纠纷",
    "宅基地界址争议",
    "低保评定有异议",
    "村务公开不及时",
    "邻里排水纠纷",
    "道路硬化占地补偿",
    "林地权属争议",
    "灌溉用水纠纷",
    "养殖场异味扰民",
    "务工人员工资拖欠",
    "危房改造补助",
    "土地流转费未兑现",
];

/// Villages for a township whose cases name too few.
const FALLBACK_VILLAGES: [&str; 8] =
    ["东岗村", "柳林村", "王庄村", "李楼村", "河湾村", "前营村", "南关社区", "新华社区"];

/// Departments with a window in the county hall (入驻窗口部门).
const WINDOW_DEPARTMENTS: [&str; 5] =
    ["县人社局", "县自然资源局", "县住建局", "县农业农村局", "县民政局"];

const ESTATES: [&str; 6] = ["阳光花园", "锦绣华庭", "金色家园", "滨河新城", "翠湖苑", "凤凰城"];
const FIRMS: [&str; 6] = ["宏达", "鑫源", "华盛", "恒泰", "瑞丰", "兴业"];

/// A kind of hotspot: the issue (`{v}` village, `{e}` estate, `{c}` firm),
/// its category, the competent department (the township when `None` or
/// absent), the people affected and the plan.
struct HotspotKind {
    issue: &'static str,
    category: &'static str,
    department: Option<&'static str>,
    people: (i64, i64),
    plan: &'static str,
}

const HOTSPOT_KINDS: [HotspotKind; 12] = [
    HotspotKind {
        issue: "{v}土地征收补偿款分配争议",
        category: "土地征用",
        department: Some("县自然资源局"),
        people: (20, 80),
        plan: "核实征收范围和补偿标准，指导村集体依法制定分配方案并张榜公示",
    },
    HotspotKind {
        issue: "安和{c}建筑工程有限公司拖欠农民工工资",
        category: "拖欠工资",
        department: Some("县人社局"),
        people: (12, 60),
        plan: "约谈施工企业负责人，督促足额支付；逾期不付的动用工资保证金并依法查处",
    },
    HotspotKind {
        issue: "{e}小区物业服务纠纷",
        category: "城镇建设",
        department: Some("县住建局"),
        people: (30, 200),
        plan: "组织业委会与物业企业协商，明确服务标准和收费，社区跟踪调解",
    },
    HotspotKind {
        issue: "{e}小区房屋墙体开裂渗水",
        category: "城镇建设",
        department: Some("县住建局"),
        people: (20, 120),
        plan: "委托有资质的机构检测鉴定，督促开发企业履行保修责任",
    },
    HotspotKind {
        issue: "安和{c}化工有限公司排放异味扰民",
        category: "生态环境",
        department: Some("县生态环境局"),
        people: (15, 100),
        plan: "开展监测和执法检查，督促企业限期整改，结果向周边群众公开",
    },
    HotspotKind {
        issue: "{v}低保评定不公开",
        category: "民政",
        department: Some("县民政局"),
        people: (3, 15),
        plan: "重新入户核查，经民主评议后张榜公示，做好解释说明",
    },
    HotspotKind {
        issue: "{v}土地承包合同到期续签纠纷",
        category: "土地承包",
        department: None,
        people: (10, 50),
        plan: "依据二轮承包合同核实地块，组织双方调解，依法确权",
    },
    HotspotKind {
        issue: "{v}村务财务公开不及时",
        category: "村务公开",
        department: None,
        people: (10, 40),
        plan: "督促村两委按季度公开财务收支，乡镇纪委跟踪监督",
    },
    HotspotKind {
        issue: "{v}退耕还林补助发放争议",
        category: "退耕还林",
        department: Some("县林业局"),
        people: (10, 40),
        plan: "核对退耕面积和补助发放台账，补发漏发资金并公示",
    },
    HotspotKind {
        issue: "{e}小区冬季供暖温度不达标",
        category: "集中供热",
        department: Some("县住建局"),
        people: (50, 300),
        plan: "督促供热企业排查管网和换热站，限期达标，未达标时段按规定退费",
    },
    HotspotKind {
        issue: "{v}道路修建占地补偿未兑现",
        category: "征地拆迁",
        department: Some("县交通运输局"),
        people: (5, 30),
        plan: "核实占地面积，按标准落实补偿资金，限期兑付到户",
    },
    HotspotKind {
        issue: "原安和{c}机械厂改制职工社保接续",
        category: "企业改制",
        department: Some("县人社局"),
        people: (20, 80),
        plan: "梳理改制职工名单，逐人核定缴费年限，落实社保接续政策",
    },
];

/// Resolution measures (化解措施) for the 五个一.
const MEASURES: [&str; 8] = [
    "组织双方当面协商调解",
    "召开听证会公开评议",
    "逐项核实政策依据并书面答复",
    "落实政策范围内的救助帮扶",
    "聘请法律顾问提供法律意见",
    "定期回访，跟踪化解效果",
    "包案领导带案下访，面对面沟通",
    "协调相关部门联合现场办公",
];

/// The concentrated campaigns (集中排查) of a year: name and days.
fn campaigns(year: i32) -> Vec<(String, NaiveDate, NaiveDate)> {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day);
    let spans = [
        ("春节前矛盾纠纷集中排查", d(1, 12), d(1, 31)),
        ("全国两会期间矛盾纠纷专项排查", d(3, 1), d(3, 12)),
        ("夏季矛盾纠纷集中排查", d(6, 1), d(6, 20)),
        ("国庆节前矛盾纠纷集中排查", d(9, 15), d(10, 8)),
    ];
    spans
        .into_iter()
        .filter_map(|(name, from, to)| Some((format!("{year}年{name}"), from?, to?)))
        .collect()
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// The hard cases the ledgers are about.
struct Hard {
    /// The cases to put on the backlog ledger: the open ones first.
    backlog: Vec<CaseId>,
    /// Cases under a leader's ownership, with the leader and the day.
    owned: Vec<(CaseId, PersonId, NaiveDate)>,
}

/// What a rota rule is, for what its receptions look like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RuleKind {
    County,
    Office,
    Department,
    Township,
}

/// A screening round recorded, for the hotspots.
struct RoundInfo {
    id: RoundId,
    date: NaiveDate,
    township: UnitId,
    unit_level: bool,
    issues: u32,
}

struct Gen<'a> {
    office: &'a Office,
    org: &'a Organisation,
    cal: &'a Calendar,
    first: NaiveDate,
    today: NaiveDate,
    rng: Rng,
    work: WorkLedgers,
    accepted: u32,
    refused: Vec<WorkError>,
    /// County leaders (at the body above the petition office), else the
    /// office's leaders.
    county: Vec<PersonId>,
    /// The petition office's leaders.
    office_leaders: Vec<PersonId>,
    /// The petition office's clerks.
    clerks: Vec<PersonId>,
    /// The petition office.
    office_unit: Option<UnitId>,
    /// Each township's villages, the most named in cases first.
    villages: BTreeMap<UnitId, Vec<String>>,
}

impl<'a> Gen<'a> {
    fn new(office: &'a Office, seed: u64, first: NaiveDate, today: NaiveDate) -> Self {
        let settings = office.settings();
        let org = &settings.org;
        let office_unit = org.petition_office();
        let leaders = |u: UnitId| -> Vec<PersonId> {
            org.people_of(u, Role::Leader).map(|p| p.id()).collect()
        };
        let office_leaders = office_unit.map(leaders).unwrap_or_default();
        let clerks = office_unit
            .map(|u| org.people_of(u, Role::Clerk).map(|p| p.id()).collect())
            .unwrap_or_default();
        let above = office_unit
            .and_then(|u| org.unit(u))
            .and_then(|u| u.parent())
            .filter(|p| org.unit(*p).is_some_and(|u| u.kind() == UnitKind::Higher));
        let mut county = above.map(leaders).unwrap_or_default();
        if county.is_empty() {
            county = office_leaders.clone();
        }
        if county.is_empty() {
            county = org.people().filter(|p| p.role() == Role::Leader).map(|p| p.id()).collect();
        }

        let mut named: BTreeMap<UnitId, BTreeMap<&str, u32>> = BTreeMap::new();
        for c in office.cases() {
            let i = c.intake();
            if let (Some(t), false) = (i.township, i.village.trim().is_empty()) {
                *named.entry(t).or_default().entry(i.village.trim()).or_default() += 1;
            }
        }
        let villages = org
            .townships()
            .map(|t| {
                let mut names: Vec<(&str, u32)> = named
                    .get(&t.id())
                    .map(|m| m.iter().map(|(k, v)| (*k, *v)).collect())
                    .unwrap_or_default();
                names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                (t.id(), names.into_iter().map(|(n, _)| n.to_string()).collect())
            })
            .collect();

        Gen {
            office,
            org,
            cal: &settings.calendar,
            first,
            today,
            rng: Rng(ChaCha8Rng::seed_from_u64(seed ^ SALT)),
            work: WorkLedgers::default(),
            accepted: 0,
            refused: Vec::new(),
            county,
            office_leaders,
            clerks,
            office_unit,
            villages,
        }
    }

    /// Counts an accepted record, keeps a refusal.
    fn keep<T>(&mut self, result: Result<T, WorkError>) -> Option<T> {
        match result {
            Ok(v) => {
                self.accepted += 1;
                Some(v)
            }
            Err(e) => {
                self.refused.push(e);
                None
            }
        }
    }

    fn leader_of(&self, unit: UnitId) -> Option<PersonId> {
        self.org.people_of(unit, Role::Leader).next().map(|p| p.id())
    }

    fn handler_of(&self, unit: UnitId) -> Option<PersonId> {
        self.org.people_of(unit, Role::Handler).next().map(|p| p.id())
    }

    fn department(&self, name: &str) -> Option<UnitId> {
        self.org.find_unit(name).filter(|u| u.is_active()).map(|u| u.id())
    }

    fn category(&self, name: &str) -> Option<CategoryId> {
        self.office.settings().categories.find(name).map(|c| c.id())
    }

    /// The first county leader: chairs, owns the gravest cases.
    fn chief(&self) -> Option<PersonId> {
        self.county.first().copied()
    }

    /// An office leader by turn, else the chief.
    fn office_leader(&self, turn: usize) -> Option<PersonId> {
        if self.office_leaders.is_empty() {
            self.chief()
        } else {
            Some(self.office_leaders[turn % self.office_leaders.len()])
        }
    }

    /// The unit handling a case: its lead unit, else its township, else the office.
    fn lead_of(&self, case: &Case) -> Option<UnitId> {
        case.routing().map(|r| r.lead).or(case.intake().township).or(self.office_unit)
    }

    /// The working day on or after `date` (not before the span), if by `today`.
    fn working_day_by_today(&self, date: NaiveDate) -> Option<NaiveDate> {
        let d = self.cal.next_working_day_on_or_after(date.max(self.first));
        (d <= self.today).then_some(d)
    }

    fn village_of(&mut self, township: UnitId) -> String {
        let list = self.villages.get(&township).cloned().unwrap_or_default();
        let list = &list[..list.len().min(4)];
        match self.rng.pick(list) {
            Some(v) => v.clone(),
            None => FALLBACK_VILLAGES[self.rng.below(FALLBACK_VILLAGES.len() as u64) as usize]
                .to_string(),
        }
    }

    // -- hard cases ---------------------------------------------------------

    /// Picks the backlog cases and the cases under leader ownership.
    fn hard_cases(&mut self) -> Hard {
        let today = self.today;
        let eligible: Vec<&Case> = self
            .office
            .cases()
            .filter(|c| c.intake().purpose != Purpose::Accusation)
            .filter(|c| c.intake().received_on >= self.first)
            .collect();

        // The backlog: older than about three months and still open, or
        // concluded only after 100 days.
        let long: Vec<&Case> = eligible
            .iter()
            .copied()
            .filter(|c| {
                let received = c.intake().received_on;
                days_between(received, today) >= 100
                    && c.concluded_on().is_none_or(|on| days_between(received, on) >= 100)
            })
            .collect();
        // Open backlog clusters where visits already went above the county.
        let troubled: BTreeSet<UnitId> = self
            .office
            .cases()
            .filter(|c| c.intake().escalation.is_some())
            .filter_map(|c| c.intake().township)
            .collect();
        let mut open: Vec<&Case> =
            long.iter().copied().filter(|c| c.concluded_on().is_none()).collect();
        // Elsewhere, in as few townships as possible.
        let mut per_township: BTreeMap<Option<UnitId>, usize> = BTreeMap::new();
        for c in &open {
            *per_township.entry(c.intake().township).or_default() += 1;
        }
        open.sort_by_key(|c| {
            let t = c.intake().township;
            let calm = t.is_none_or(|t| !troubled.contains(&t));
            let cluster = if calm { (usize::MAX - per_township[&t], t) } else { (0, None) };
            (calm, cluster, c.intake().received_on, c.id())
        });
        let mut closed: Vec<&Case> =
            long.iter().copied().filter(|c| c.concluded_on().is_some()).collect();
        self.rng.shuffle(&mut closed);
        // Reviewed and terminated matters first: they are the hard ones.
        closed.sort_by_key(|c| !matches!(c.stage(), Stage::Terminated | Stage::Reviewed));
        let total = self.rng.range(14, 18) as usize;
        let n_open = open.len().min(4);
        let n_closed = closed.len().min(total.saturating_sub(n_open));
        let backlog: Vec<CaseId> =
            open[..n_open].iter().chain(&closed[..n_closed]).map(|c| c.id()).collect();

        // Ownership: the open backlog, other open cases at least six weeks
        // old that were collective, escalated or repeated, then the hardest
        // concluded ones.
        let target = self.rng.range(8, 12) as usize;
        let mut owned_cases: Vec<&Case> = open[..n_open].to_vec();
        let mut others: Vec<&Case> = eligible
            .iter()
            .copied()
            .filter(|c| {
                c.concluded_on().is_none() && days_between(c.intake().received_on, today) >= 45
            })
            .filter(|c| {
                let i = c.intake();
                i.is_collective() || i.escalation.is_some() || i.is_repeat()
            })
            .collect();
        others.sort_by_key(|c| (c.intake().received_on, c.id()));
        let mut reviewed: Vec<&Case> = closed[..n_closed]
            .iter()
            .copied()
            .filter(|c| matches!(c.stage(), Stage::Terminated | Stage::Reviewed))
            .collect();
        let mut repeats: Vec<&Case> = eligible
            .iter()
            .copied()
            .filter(|c| c.intake().is_repeat() && days_between(c.intake().received_on, today) >= 60)
            .collect();
        self.rng.shuffle(&mut repeats);
        reviewed.append(&mut repeats);
        for c in others.into_iter().chain(reviewed) {
            if owned_cases.len() >= target {
                break;
            }
            if !owned_cases.iter().any(|o| o.id() == c.id()) {
                owned_cases.push(c);
            }
        }
        owned_cases.truncate(target);

        // The leaders: the county leaders for the gravest, then the
        // office's leaders in turn.
        let mut owned = Vec::new();
        for (i, c) in owned_cases.iter().enumerate() {
            let received = c.intake().received_on;
            let since = shift(received, self.rng.range(20, 40)).min(shift(today, -3)).max(received);
            let leaders = if i % 2 == 0 || self.office_leaders.is_empty() {
                &self.county
            } else {
                &self.office_leaders
            };
            if let Some(leader) = leaders.get((i / 2) % leaders.len().max(1)) {
                owned.push((c.id(), *leader, since));
            }
        }
        owned.sort_by_key(|(c, _, since)| (*since, *c));
        Hard { backlog, owned }
    }

    // -- meetings -----------------------------------------------------------

    /// The meetings, in date order; returns for each studied case the first
    /// meeting that studied it.
    fn meetings(&mut self, hard: &Hard) -> BTreeMap<CaseId, MeetingId> {
        let Some(chief) = self.chief() else { return BTreeMap::new() };
        let org_name = self.org.name().to_string();
        // Two cases of the ownership list are left without a meeting record.
        let incomplete = incomplete_owned(self.office, hard);
        let plan: [(i64, MeetingKind); 9] = [
            (25, MeetingKind::LeadingGroup),
            (45, MeetingKind::Coordination),
            (85, MeetingKind::Joint),
            (130, MeetingKind::Coordination),
            (176, MeetingKind::Joint),
            (220, MeetingKind::Coordination),
            (267, MeetingKind::Joint),
            (310, MeetingKind::Coordination),
            (350, MeetingKind::Joint),
        ];
        let mut studied: BTreeMap<CaseId, MeetingId> = BTreeMap::new();
        let mut specs: Vec<Meeting> = Vec::new();
        for (turn, (offset, kind)) in plan.into_iter().enumerate() {
            let jitter = self.rng.range(-4, 4);
            let Some(date) = self.working_day_by_today(shift(self.first, offset + jitter)) else {
                continue;
            };
            if date > shift(self.today, -2) {
                continue;
            }
            let max_cases = match kind {
                MeetingKind::Joint => 3,
                MeetingKind::Coordination => 2,
                MeetingKind::LeadingGroup => 0,
            };
            let already: BTreeSet<CaseId> =
                specs.iter().flat_map(|m| m.cases.iter().copied()).collect();
            let mut cases: Vec<CaseId> = hard
                .owned
                .iter()
                .filter(|(c, _, since)| {
                    *since <= date && !already.contains(c) && !incomplete.contains(c)
                })
                .map(|(c, _, _)| *c)
                .take(max_cases)
                .collect();
            if cases.is_empty() && max_cases > 0 {
                // Study a backlog case received well before.
                let candidates: Vec<CaseId> = hard
                    .backlog
                    .iter()
                    .copied()
                    .filter(|c| {
                        !already.contains(c)
                            && self
                                .office
                                .case(*c)
                                .is_some_and(|k| shift(k.intake().received_on, 30) <= date)
                    })
                    .collect();
                cases.extend(self.rng.pick(&candidates).copied());
            }
            if cases.is_empty() && max_cases > 0 {
                // Early in the span: a collective or repeated visit still
                // open on the day.
                let candidates: Vec<CaseId> = self
                    .office
                    .cases()
                    .filter(|c| {
                        let i = c.intake();
                        i.purpose != Purpose::Accusation
                            && (i.is_collective() || i.is_repeat())
                            && i.received_on >= self.first
                            && shift(i.received_on, 20) <= date
                            && c.concluded_on().is_none_or(|on| on > date)
                    })
                    .map(|c| c.id())
                    .collect();
                cases.extend(self.rng.pick(&candidates).copied());
            }

            let (place, chair) = match kind {
                MeetingKind::LeadingGroup => ("县政府常务会议室", chief),
                MeetingKind::Joint => ("县委第一会议室", chief),
                MeetingKind::Coordination => {
                    ("县信访局会议室", self.office_leader(turn).unwrap_or(chief))
                }
            };
            let mut m = Meeting::new(kind, date, place, chair);
            let mut attendees = Vec::new();
            if kind != MeetingKind::Coordination {
                for p in self.office_leaders.iter().copied() {
                    push_unique(&mut attendees, p);
                }
            }
            m.cases = cases.clone();
            let days = if kind == MeetingKind::Coordination { 20 } else { 30 };
            for c in &cases {
                let Some(case) = self.office.case(*c) else { continue };
                let lead = self.lead_of(case);
                let person = lead.and_then(|u| self.leader_of(u));
                if let Some(p) = person {
                    push_unique(&mut attendees, p);
                }
                if let Some(t) = case.intake().township.filter(|t| Some(*t) != lead) {
                    if let Some(p) = self.leader_of(t) {
                        push_unique(&mut attendees, p);
                    }
                }
                let lead_name = lead.map_or_else(String::new, |u| self.org.unit_name(u));
                let text = format!(
                    "{}号信访事项由{lead_name}牵头，{days}日内核实情况、提出化解意见并书面报告",
                    case.number()
                );
                let deadline = shift(date, days + self.rng.range(0, 10));
                m.decisions.push(Decision::new(&text, lead, person, Some(deadline)));
            }
            let office_person = self.office_leader(turn);
            let general: &[(&str, i64)] = match kind {
                MeetingKind::LeadingGroup => &[
                    ("印发年度信访工作要点，分解落实各项目标任务", 20),
                    ("建立县级领导包案化解信访积案工作台账", 15),
                    ("组织开展春节前矛盾纠纷集中排查", 25),
                ],
                MeetingKind::Joint => &[(
                    "各乡镇（街道）、各部门对本季度排查出的矛盾纠纷逐件明确责任人和化解时限",
                    15,
                )],
                MeetingKind::Coordination => &[("县信访局跟踪督办，每周通报化解进展", 30)],
            };
            for (text, days) in general {
                let deadline = shift(date, *days);
                m.decisions.push(Decision::new(
                    text,
                    self.office_unit,
                    office_person,
                    Some(deadline),
                ));
            }
            for p in self.clerks.iter().take(1).copied() {
                push_unique(&mut attendees, p);
            }
            attendees.retain(|p| *p != chair);
            m.attendees = attendees;
            match kind {
                MeetingKind::LeadingGroup => {
                    m.other_attendees = "县信访工作领导小组成员单位负责人".into();
                    m.opinion = "过去一年全县信访形势总体平稳，信访总量有所下降，但土地、劳资、城建领域矛盾仍较集中".into();
                    m.emphasis =
                        "要坚持和发展新时代“枫桥经验”，压实属地责任和部门责任，推动信访工作法治化"
                            .into();
                    m.requirements = vec![
                        "严格落实领导接访下访制度".into(),
                        "深入开展矛盾纠纷排查化解".into(),
                        "加大信访积案化解力度，确保积案办结率达到100%".into(),
                    ];
                    m.issued_by = format!("{org_name}信访工作领导小组办公室");
                }
                MeetingKind::Joint => {
                    m.other_attendees = "各乡镇（街道）分管信访工作负责人".into();
                    m.opinion = "本季度全县信访形势总体平稳，但部分信访积案化解进度不快，重复信访仍时有发生".into();
                    m.emphasis =
                        "各责任单位要严格落实首办责任制和领导包案责任，做到事要解决、案结事了"
                            .into();
                    m.requirements = vec![
                        "对研究的信访事项逐件明确责任领导、责任人和化解时限".into(),
                        "加强矛盾纠纷排查，做到早发现、早报告、早化解".into(),
                        "县信访局加强跟踪督办，按月通报化解进展".into(),
                    ];
                    m.issued_by = format!("{org_name}信访工作联席会议办公室");
                }
                MeetingKind::Coordination => {
                    m.opinion = "该事项涉及多个部门职责，须统一政策口径、形成工作合力".into();
                    m.emphasis =
                        "依法依规、实事求是地解决群众合理诉求，对不合理诉求做好解释疏导".into();
                    m.requirements = vec!["各责任单位按分工抓好落实，及时反馈办理结果".into()];
                    m.issued_by = format!("{org_name}信访局");
                }
            }
            specs.push(m);
        }

        // One decision left overdue: the latest meeting with a decision due
        // at least ten days before today.
        let cutoff = shift(self.today, -10);
        let overdue = specs.iter().enumerate().rev().find_map(|(i, m)| {
            m.decisions
                .iter()
                .position(|d| d.deadline.is_some_and(|by| by < cutoff))
                .map(|no| (i, no))
        });

        for (i, m) in specs.into_iter().enumerate() {
            let date = m.date;
            let decisions: Vec<Option<NaiveDate>> =
                m.decisions.iter().map(|d| d.deadline).collect();
            let cases = m.cases.clone();
            let result = self.work.meetings.add(m);
            let Some(id) = self.keep(result) else { continue };
            for c in cases {
                studied.entry(c).or_insert(id);
            }
            for (no, deadline) in decisions.into_iter().enumerate() {
                if overdue == Some((i, no)) {
                    continue;
                }
                let Some(by) = deadline else { continue };
                let done = if by <= self.today {
                    let span = days_between(date, by).max(1);
                    Some(shift(date, self.rng.range(3.min(span), span)))
                } else if days_between(date, self.today) >= 5 && self.rng.pct(25) {
                    Some(shift(date, self.rng.range(3, days_between(date, self.today))))
                } else {
                    None
                };
                if let Some(on) = done {
                    let on = on.min(self.today);
                    let r = self.work.meetings.set_decision_done(id, no + 1, Some(on));
                    self.keep(r);
                }
            }
        }
        studied
    }

    // -- ownership ----------------------------------------------------------

    fn ownership(&mut self, hard: &Hard, studied: &BTreeMap<CaseId, MeetingId>) {
        let incomplete = incomplete_owned(self.office, hard);
        let year = self.today.year();
        let mut document_no = 0;
        for (case_id, leader, since) in hard.owned.iter().copied() {
            let Some(case) = self.office.case(case_id) else { continue };
            let lead = self.lead_of(case);
            let township = case.intake().township;
            let mut draft = OwnershipDraft::new(case_id, since);
            draft.leader = Some(leader);
            let mut team = Vec::new();
            for p in [
                lead.and_then(|u| self.leader_of(u)),
                lead.and_then(|u| self.handler_of(u)),
                township.filter(|t| Some(*t) != lead).and_then(|t| self.handler_of(t)),
                self.clerks.first().copied(),
            ]
            .into_iter()
            .flatten()
            {
                if p != leader && team.len() < 3 {
                    push_unique(&mut team, p);
                }
            }
            draft.team = team;
            let lead_name = lead.map_or_else(String::new, |u| self.org.unit_name(u));
            let town_name = township.map_or_else(String::new, |t| self.org.unit_name(t));
            let category = self.office.settings().categories.path(case.intake().category);
            draft.plan = format!(
                "由{lead_name}牵头、{town_name}配合，全面核实{category}方面的事实和政策依据，\
                 30日内提出化解意见；合理诉求依法限期解决，诉求无理的做好解释疏导"
            );
            draft.meeting_record = Some(match studied.get(&case_id) {
                Some(m) => MeetingRecord::Meeting(*m),
                None => {
                    document_no += 1;
                    MeetingRecord::Document(format!(
                        "县信访联席办〔{year}〕{document_no}号会议纪要"
                    ))
                }
            });
            let n = self.rng.range(2, 3) as usize;
            let start = self.rng.below(MEASURES.len() as u64) as usize;
            draft.measures =
                (0..n).map(|k| MEASURES[(start + k * 3) % MEASURES.len()].to_string()).collect();
            match incomplete.iter().position(|c| *c == case_id) {
                // Newly owned: the meeting and the measures still to come.
                Some(0) => {
                    draft.meeting_record = None;
                    draft.measures.clear();
                }
                // The work team not yet formed.
                Some(_) => draft.team.clear(),
                None => {}
            }
            let r = self.work.ownership.own(draft);
            self.keep(r);
        }
    }

    // -- backlog ------------------------------------------------------------

    fn backlog(&mut self, hard: &Hard) {
        let today = self.today;
        let owners: BTreeMap<CaseId, PersonId> =
            hard.owned.iter().map(|(c, leader, _)| (*c, *leader)).collect();
        let mut concluded_entries = Vec::new();
        let mut overdue_left = 2;
        let mut entries: Vec<(NaiveDate, CaseId, BacklogCase, Option<BacklogStatus>)> = Vec::new();
        for case_id in hard.backlog.iter().copied() {
            let Some(case) = self.office.case(case_id) else { continue };
            let received = case.intake().received_on;
            let listed = shift(received, self.rng.range(90, 100)).min(today);
            let lead = self.lead_of(case);
            let leader = owners
                .get(&case_id)
                .copied()
                .or_else(|| lead.and_then(|u| self.leader_of(u)))
                .or_else(|| self.chief());
            let Some(leader) = leader else { continue };
            let lead_name = lead.map_or_else(String::new, |u| self.org.unit_name(u));
            let plan = format!(
                "{lead_name}主要负责同志包案，逐项梳理诉求，依法依规提出处理意见，能化解的全部化解，\
                 不能化解的依法终结备案"
            );
            let concluded = case.concluded_on();
            let deadline = match concluded {
                Some(_) => shift(listed, self.rng.range(60, 120)),
                None if overdue_left > 0 && days_between(listed, today) > 31 => {
                    overdue_left -= 1;
                    let latest = (days_between(listed, today) - 1).min(60);
                    shift(listed, self.rng.range(30, latest))
                }
                None => shift(listed, 90).max(shift(today, self.rng.range(15, 45))),
            };
            let mut entry = BacklogCase::new(case_id, listed, leader, &plan, deadline);
            entry.source = match self.rng.below(3) {
                0 => "市信访局交办".into(),
                1 => "县信访局排查".into(),
                _ => String::new(),
            };
            let status = concluded.map(|on| {
                let on = on.max(listed);
                if case.stage() == Stage::Terminated {
                    BacklogStatus::Filed { on }
                } else {
                    BacklogStatus::Resolved { on }
                }
            });
            entries.push((listed, case_id, entry, status));
        }
        entries.sort_by_key(|(listed, case, _, _)| (*listed, *case));
        for (_, case_id, entry, status) in entries {
            let result = self.work.backlog.list(entry);
            let Some(id) = self.keep(result) else { continue };
            if let Some(status) = status {
                let r = self.work.backlog.set_status(id, status);
                if self.keep(r).is_some() {
                    concluded_entries.push((id, case_id, status));
                }
            }
        }
        // 息诉罢访 for about 70 % of the concluded: those with a settlement
        // recorded on the case first.
        let mut order: Vec<(bool, usize)> = concluded_entries
            .iter()
            .enumerate()
            .map(|(i, (_, c, _))| {
                (self.office.case(*c).is_some_and(|k| k.settlement().is_some()), i)
            })
            .collect();
        self.rng.shuffle(&mut order);
        order.sort_by_key(|(settled, _)| !settled);
        let n_accept = (concluded_entries.len() * 7 + 5) / 10;
        for (_, i) in order.into_iter().take(n_accept) {
            let (id, case_id, status) = concluded_entries[i];
            let Some(on) = status.concluded_on() else { continue };
            let settled = self.office.case(case_id).and_then(|c| c.settlement()).map(|s| s.on);
            let accepted = settled
                .filter(|s| *s >= on)
                .unwrap_or_else(|| shift(on, self.rng.range(3, 20)))
                .min(today)
                .max(on);
            let r = self.work.backlog.set_accepted(id, Some(accepted));
            self.keep(r);
        }
    }

    // -- reception ----------------------------------------------------------

    fn receptions(&mut self, hard: &Hard) {
        let (first, today) = (self.first, self.today);
        let mut kinds: BTreeMap<RotaRuleId, RuleKind> = BTreeMap::new();
        let county_hall = "县群众服务大厅";

        let mut rule = RotaRule::in_turn(
            self.county.clone(),
            county_hall,
            RotaPattern::Monthly { day: 16 },
            first,
        );
        rule.name = "县级领导接访日".into();
        let result = self.work.reception.add_rule(rule);
        if let Some(id) = self.keep(result) {
            kinds.insert(id, RuleKind::County);
        }
        if !self.office_leaders.is_empty() {
            let mut rule = RotaRule::in_turn(
                self.office_leaders.clone(),
                "县信访局接待大厅",
                RotaPattern::Weekly { weekday: Weekday::Mon },
                first,
            );
            rule.name = "信访局领导接访日".into();
            let result = self.work.reception.add_rule(rule);
            if let Some(id) = self.keep(result) {
                kinds.insert(id, RuleKind::Office);
            }
        }
        let window: Vec<PersonId> = WINDOW_DEPARTMENTS
            .iter()
            .filter_map(|d| self.department(d))
            .filter_map(|u| self.leader_of(u))
            .collect();
        if !window.is_empty() {
            let mut rule = RotaRule::in_turn(
                window,
                county_hall,
                RotaPattern::Weekly { weekday: Weekday::Wed },
                first,
            );
            rule.name = "入驻部门领导值班接访".into();
            let result = self.work.reception.add_rule(rule);
            if let Some(id) = self.keep(result) {
                kinds.insert(id, RuleKind::Department);
            }
        }
        let townships: Vec<(UnitId, String)> =
            self.org.townships().map(|t| (t.id(), t.name().to_string())).collect();
        let mut township_of_rule: BTreeMap<RotaRuleId, UnitId> = BTreeMap::new();
        for (t, name) in &townships {
            let leaders: Vec<PersonId> =
                self.org.people_of(*t, Role::Leader).map(|p| p.id()).collect();
            if leaders.is_empty() {
                continue;
            }
            let place = format!("{name}群众服务中心");
            let mut rule = RotaRule::in_turn(leaders, &place, RotaPattern::EveryWorkingDay, first);
            rule.name = format!("{name}领导干部接待日");
            let result = self.work.reception.add_rule(rule);
            if let Some(id) = self.keep(result) {
                kinds.insert(id, RuleKind::Township);
                township_of_rule.insert(id, *t);
            }
        }

        // The visits registered each day, and the hard cases by the day they
        // became hard (for leaders taking them over).
        let mut visits: BTreeMap<NaiveDate, Vec<&Case>> = BTreeMap::new();
        for c in self.office.cases().filter(|c| c.intake().channel.is_visit()) {
            visits.entry(c.intake().received_on).or_default().push(c);
        }
        let mut hard_ids: Vec<CaseId> = hard.owned.iter().map(|(c, _, _)| *c).collect();
        for c in &hard.backlog {
            push_unique(&mut hard_ids, *c);
        }
        let mut linked: BTreeSet<CaseId> = BTreeSet::new();

        let scheduled = self.work.reception.scheduled(first, today, self.cal);
        let county_days: Vec<usize> = scheduled
            .iter()
            .enumerate()
            .filter(|(_, s)| kinds.get(&s.rule) == Some(&RuleKind::County))
            .map(|(i, _)| i)
            .collect();
        // One county day missed (a leader called away), not the latest.
        let county_missed = (county_days.len() >= 6)
            .then(|| county_days[self.rng.below(county_days.len() as u64 - 1) as usize]);

        let mut out: Vec<Reception> = Vec::new();
        for (i, s) in scheduled.iter().enumerate() {
            let Some(kind) = kinds.get(&s.rule).copied() else { continue };
            let held = match kind {
                RuleKind::County => county_missed != Some(i),
                RuleKind::Office => !self.rng.pct(4),
                RuleKind::Department => !self.rng.pct(5),
                RuleKind::Township => !self.rng.pct(2),
            };
            let mut leader = s.leader;
            if !held {
                // Now and then another office leader stands in (the
                // scheduled leader's day still counts as unheld).
                let stand_in = self.office_leaders.iter().copied().find(|p| *p != s.leader);
                match (kind, stand_in) {
                    (RuleKind::Office, Some(p)) if self.rng.pct(50) => leader = p,
                    _ => continue,
                }
            }
            let mut r = Reception::new(leader, s.date, &s.place, ReceptionKind::RotaDay);
            match kind {
                RuleKind::County | RuleKind::Office | RuleKind::Department => {
                    let unit = self.org.person(leader).map(|p| p.unit());
                    let today_visits = visits.get(&s.date).cloned().unwrap_or_default();
                    let (limit, extra) = match kind {
                        RuleKind::County => (8, self.rng.range(8, 30)),
                        RuleKind::Office => (6, self.rng.range(2, 10)),
                        _ => (3, self.rng.range(0, 4)),
                    };
                    let mut head = extra as u32;
                    for c in today_visits {
                        if r.cases.len() >= limit || linked.contains(&c.id()) {
                            continue;
                        }
                        if kind == RuleKind::Department && c.routing().map(|x| x.lead) != unit {
                            continue;
                        }
                        linked.insert(c.id());
                        r.link_new_case(c.id());
                        head += c.intake().head_count.max(1);
                        push_unique(&mut r.matters, matter_of(c));
                    }
                    if kind != RuleKind::Department && self.rng.pct(50) {
                        // A leader takes over an older open hard case.
                        let open: Vec<CaseId> = hard_ids
                            .iter()
                            .copied()
                            .filter(|c| {
                                self.office.case(*c).is_some_and(|k| {
                                    shift(k.intake().received_on, 30) <= s.date
                                        && k.concluded_on().is_none_or(|on| on > s.date)
                                })
                            })
                            .collect();
                        if let Some(c) = self.rng.pick(&open).copied() {
                            if !r.cases.iter().any(|l| l.case == c) {
                                r.link_taken_over(c);
                                head += self.rng.range(1, 3) as u32;
                                if let Some(k) = self.office.case(c) {
                                    push_unique(&mut r.matters, matter_of(k));
                                }
                            }
                        }
                    }
                    let n_extra = (extra as usize).div_ceil(4).min(4);
                    for _ in 0..n_extra {
                        let m =
                            COUNTY_MATTERS[self.rng.below(COUNTY_MATTERS.len() as u64) as usize];
                        push_unique(&mut r.matters, m.to_string());
                    }
                    r.head_count = head;
                }
                RuleKind::Township => {
                    let head = match self.rng.below(100) {
                        0..=44 => 0,
                        45..=69 => 1,
                        70..=84 => 2,
                        _ => self.rng.range(3, 6) as u32,
                    };
                    r.head_count = head;
                    if head > 0 {
                        let t = township_of_rule.get(&s.rule).copied();
                        for _ in 0..head.min(2) {
                            let village = match t {
                                Some(t) => self.village_of(t),
                                None => String::new(),
                            };
                            let m = TOWNSHIP_MATTERS
                                [self.rng.below(TOWNSHIP_MATTERS.len() as u64) as usize];
                            push_unique(&mut r.matters, format!("{village}{m}"));
                        }
                    }
                }
            }
            out.push(r);
        }

        // 下访 by the owning leaders, 约访 and 回访 by the office's leaders.
        for (case_id, leader, since) in hard.owned.iter().copied().take(4) {
            let Some(case) = self.office.case(case_id) else { continue };
            let after = self.rng.range(7, 20);
            let Some(date) = self.working_day_by_today(shift(since, after)) else {
                continue;
            };
            let i = case.intake();
            let town = i.township.map_or_else(String::new, |t| self.org.unit_name(t));
            let place = format!("{town}{}", i.village.trim());
            let mut r = Reception::new(leader, date, &place, ReceptionKind::Downward);
            r.head_count = i.head_count.max(1) + self.rng.range(1, 6) as u32;
            r.matters = vec![matter_of(case)];
            r.link_taken_over(case_id);
            out.push(r);
        }
        let (mut appointments, mut follow_ups) = (0, 0);
        for (turn, case_id) in hard.backlog.iter().copied().enumerate() {
            let Some(case) = self.office.case(case_id) else { continue };
            let Some(leader) = self.office_leader(turn) else { continue };
            let (kind, date) = match case.concluded_on() {
                None if appointments < 2 => {
                    appointments += 1;
                    let after = self.rng.range(40, 80);
                    (ReceptionKind::Appointment, shift(case.intake().received_on, after))
                }
                Some(on) if follow_ups < 3 => {
                    follow_ups += 1;
                    (ReceptionKind::FollowUp, shift(on, self.rng.range(10, 30)))
                }
                _ => continue,
            };
            let Some(date) = self.working_day_by_today(date) else { continue };
            let i = case.intake();
            let place = match kind {
                ReceptionKind::Appointment => "县信访局接待室".to_string(),
                _ => {
                    let town = i.township.map_or_else(String::new, |t| self.org.unit_name(t));
                    format!("{town}{}", i.village.trim())
                }
            };
            let mut r = Reception::new(leader, date, &place, kind);
            r.head_count = self.rng.range(1, 3) as u32;
            r.matters = match kind {
                ReceptionKind::Appointment => vec![matter_of(case)],
                _ => vec![format!("回访{}号信访事项化解落实情况", case.number())],
            };
            r.link_taken_over(case_id);
            out.push(r);
        }

        out.sort_by_key(|r| (r.date, r.kind != ReceptionKind::RotaDay));
        for r in out {
            let result = self.work.reception.record(r);
            self.keep(result);
        }
    }

    // -- screening ----------------------------------------------------------

    fn screening(&mut self) -> Vec<RoundInfo> {
        let (first, today) = (self.first, self.today);
        for year in first.year()..=today.year() {
            let d = |m, day| NaiveDate::from_ymd_opt(year, m, day);
            for (name, from, to) in
                [("全国两会", d(3, 3), d(3, 12)), ("国庆节", d(9, 28), d(10, 8))]
            {
                let (Some(from), Some(to)) = (from, to) else { continue };
                if first <= from && to <= today {
                    if let Some(p) = self.keep(SensitivePeriod::new(name, from, to)) {
                        self.work.screening.add_sensitive_period(p);
                    }
                }
            }
        }
        let campaigns: Vec<(String, NaiveDate, NaiveDate)> =
            (first.year()..=today.year()).flat_map(campaigns).collect();
        let campaign_on = |date: NaiveDate| {
            campaigns.iter().find(|(_, from, to)| *from <= date && date <= *to).map(|c| c.0.clone())
        };

        // The scopes: each township, then its villages.
        let townships: Vec<UnitId> = self.org.townships().map(|t| t.id()).collect();
        let mut scopes: Vec<(ScreeningScope, UnitId, u64)> = Vec::new();
        for t in &townships {
            let miss = *self.rng.pick(&[0u64, 0, 2, 4, 5, 7, 9, 12]).unwrap_or(&5);
            scopes.push((ScreeningScope::Unit(*t), *t, miss));
            let k = self.rng.range(2, 4) as usize;
            let mut names: Vec<String> = self
                .villages
                .get(t)
                .map(|v| v.iter().take(k).cloned().collect())
                .unwrap_or_default();
            for f in FALLBACK_VILLAGES {
                if names.len() >= k {
                    break;
                }
                push_unique(&mut names, f.to_string());
            }
            for v in names {
                let Some(village) = self.keep(Village::new(*t, &v)) else { continue };
                let r = self.work.screening.add_village(village.clone());
                if self.keep(r).is_some() {
                    scopes.push((ScreeningScope::Village(village), *t, miss + 3));
                }
            }
        }

        let sensitive = |s: &ScreeningLedger, date: NaiveDate| s.sensitive_on(date).is_some();
        let mut rounds: Vec<(NaiveDate, usize, ScreeningRound)> = Vec::new();
        for (order, (scope, township, miss)) in scopes.iter().enumerate() {
            let unit_level = matches!(scope, ScreeningScope::Unit(_));
            let leader = self
                .leader_of(*township)
                .and_then(|p| self.org.person(p))
                .map(|p| p.name().to_string());
            let by = match (unit_level, leader) {
                (true, Some(l)) => format!("{l}带队，综治中心、司法所"),
                (true, None) => "综治中心、司法所".to_string(),
                (false, _) => "村两委、网格员".to_string(),
            };
            let cadence = self.work.screening.cadence(scope.level());
            let mut days: Vec<(NaiveDate, bool)> = Vec::new();
            // The regular slots.
            let (mut from, mut to) = cadence.slot_containing(first);
            while from <= today {
                let window: Vec<NaiveDate> = from
                    .max(first)
                    .iter_days()
                    .take_while(|d| *d <= to.min(today))
                    .filter(|d| self.cal.is_working_day(*d) && !sensitive(&self.work.screening, *d))
                    .collect();
                if !self.rng.pct(*miss) {
                    if let Some(d) = self.rng.pick(&window) {
                        days.push((*d, false));
                    }
                }
                let Some(next) = to.succ_opt() else { break };
                (from, to) = cadence.slot_containing(next);
            }
            // Daily in the sensitive periods, days off included.
            for d in first.iter_days().take_while(|d| *d <= today) {
                if sensitive(&self.work.screening, d) && !self.rng.pct(miss / 2) {
                    days.push((d, true));
                }
            }
            for (date, daily) in days {
                let campaign = campaign_on(date);
                let issues = match (unit_level, campaign.is_some(), daily) {
                    (_, _, true) => u32::from(self.rng.pct(15)),
                    (true, true, _) => self.rng.range(2, 9) as u32,
                    (true, false, _) => *self.rng.pick(&[0u32, 0, 1, 1, 2, 3]).unwrap_or(&0),
                    (false, true, _) => self.rng.range(0, 3) as u32,
                    (false, false, _) => u32::from(self.rng.pct(25)),
                };
                let notes = if campaign.is_some() && unit_level {
                    "重点排查土地征收、劳资纠纷、物业管理等领域矛盾".to_string()
                } else {
                    String::new()
                };
                let round = ScreeningRound {
                    scope: scope.clone(),
                    date,
                    by: by.clone(),
                    issues_found: issues,
                    campaign: campaign.unwrap_or_default(),
                    notes,
                };
                rounds.push((date, order, round));
            }
        }
        rounds.sort_by_key(|(date, order, _)| (*date, *order));
        let mut out = Vec::new();
        for (date, order, round) in rounds {
            let issues = round.issues_found;
            let result = self.work.screening.record_round(round);
            if let Some(id) = self.keep(result) {
                let (scope, township, _) = &scopes[order];
                out.push(RoundInfo {
                    id,
                    date,
                    township: *township,
                    unit_level: matches!(scope, ScreeningScope::Unit(_)),
                    issues,
                });
            }
        }
        out
    }

    fn hotspots(&mut self, rounds: &[RoundInfo]) {
        let today = self.today;
        let n = self.rng.range(24, 36) as usize;
        // What each hotspot is: from a case (a few) or from a round.
        struct Spec {
            found: NaiveDate,
            township: UnitId,
            round: Option<RoundId>,
            case: Option<CaseId>,
        }
        let mut specs: Vec<Spec> = Vec::new();
        let from_cases: Vec<&Case> = self
            .office
            .cases()
            .filter(|c| {
                let i = c.intake();
                i.purpose != Purpose::Accusation
                    && i.township.is_some()
                    && !i.village.trim().is_empty()
                    && i.head_count >= 3
                    && shift(self.first, 20) <= i.received_on
                    && i.received_on <= shift(today, -10)
            })
            .collect();
        for k in 0..4.min(from_cases.len()) {
            let c = from_cases[(k * 2 + 1) * from_cases.len() / 8];
            let found = shift(c.intake().received_on, -self.rng.range(3, 12)).max(self.first);
            if let Some(t) = c.intake().township {
                specs.push(Spec { found, township: t, round: None, case: Some(c.id()) });
            }
        }
        let found_rounds: Vec<&RoundInfo> =
            rounds.iter().filter(|r| r.unit_level && r.issues > 0).collect();
        let m = n.saturating_sub(specs.len());
        for k in 0..m {
            if found_rounds.is_empty() {
                break;
            }
            let at = ((k as u64 * 2 + 1) * found_rounds.len() as u64 / (m as u64 * 2)) as usize;
            let r = found_rounds[at.min(found_rounds.len() - 1)];
            let round = (k % 3 == 0).then_some(r.id);
            specs.push(Spec { found: r.date, township: r.township, round, case: None });
        }
        specs.sort_by_key(|s| s.found);

        let deadlines: Vec<NaiveDate> =
            specs.iter().map(|s| shift(s.found, self.rng.range(30, 60))).collect();
        // A few overdue: among those due in the last four months.
        let mut late: Vec<usize> = (0..specs.len())
            .filter(|i| deadlines[*i] < today && shift(deadlines[*i], 120) >= today)
            .collect();
        self.rng.shuffle(&mut late);
        late.truncate(3);

        for (i, s) in specs.iter().enumerate() {
            let deadline = deadlines[i];
            let (mut h, category) = match s.case.and_then(|c| self.office.case(c)) {
                Some(c) => {
                    let i = c.intake();
                    let unit = self.lead_of(c).unwrap_or(s.township);
                    let Some(leader) = self.leader_of(unit).or_else(|| self.chief()) else {
                        continue;
                    };
                    let town = self.org.unit_name(s.township);
                    let plan = format!(
                        "由{}牵头、{town}配合，核实情况，依法依规提出处理意见并做好解释疏导",
                        self.org.unit_name(unit)
                    );
                    let people = i.head_count.max(3) + self.rng.range(0, 20) as u32;
                    let place = format!("{town}{}", i.village.trim());
                    let h = Hotspot::new(
                        &matter_of(c),
                        &place,
                        people,
                        leader,
                        unit,
                        &plan,
                        s.found,
                        deadline,
                    );
                    (h, Some(i.category))
                }
                None => {
                    let kind = &HOTSPOT_KINDS[self.rng.below(HOTSPOT_KINDS.len() as u64) as usize];
                    let village = self.village_of(s.township);
                    let estate = ESTATES[self.rng.below(ESTATES.len() as u64) as usize];
                    let firm = FIRMS[self.rng.below(FIRMS.len() as u64) as usize];
                    let issue = kind
                        .issue
                        .replace("{v}", &village)
                        .replace("{e}", estate)
                        .replace("{c}", firm);
                    let unit =
                        kind.department.and_then(|d| self.department(d)).unwrap_or(s.township);
                    let Some(leader) = self
                        .leader_of(unit)
                        .or_else(|| self.leader_of(s.township))
                        .or_else(|| self.chief())
                    else {
                        continue;
                    };
                    let town = self.org.unit_name(s.township);
                    let place = if kind.issue.starts_with("{v}") {
                        format!("{town}{village}")
                    } else {
                        town
                    };
                    let people = self.rng.range(kind.people.0, kind.people.1) as u32;
                    let h = Hotspot::new(
                        &issue, &place, people, leader, unit, kind.plan, s.found, deadline,
                    );
                    (h, self.category(kind.category))
                }
            };
            h.category = category;
            h.round = s.round;
            h.case = s.case;
            let status = if late.contains(&i) {
                if self.rng.pct(60) {
                    HotspotStatus::Resolving
                } else {
                    HotspotStatus::Unresolved
                }
            } else if deadline >= today {
                let early = shift(s.found, self.rng.range(10, 25));
                if early <= today && self.rng.pct(30) {
                    HotspotStatus::Resolved { on: early }
                } else if self.rng.pct(70) {
                    HotspotStatus::Resolving
                } else {
                    HotspotStatus::Unresolved
                }
            } else {
                let span = days_between(s.found, deadline);
                let on = if self.rng.pct(10) {
                    shift(deadline, self.rng.range(1, 20))
                } else {
                    shift(s.found, self.rng.range(5.min(span), span))
                };
                HotspotStatus::Resolved { on: on.min(today) }
            };
            let result = self.work.screening.add_hotspot(h);
            let Some(id) = self.keep(result) else { continue };
            if status != HotspotStatus::Unresolved {
                let r = self.work.screening.set_hotspot_status(id, status);
                self.keep(r);
            }
        }
    }

    // -- irregular visits ---------------------------------------------------

    /// A few counts for a few townships, in whole months of the span,
    /// mostly where escalated visits already broke 三无 (troubles cluster).
    fn irregular_visits(&mut self) {
        let mut months = Vec::new();
        let mut month = self.first.with_day(1);
        while let Some(m) = month {
            let last = m
                .checked_add_months(chrono::Months::new(1))
                .and_then(|n| n.pred_opt())
                .unwrap_or(m);
            if m > self.today {
                break;
            }
            if m >= self.first && last <= self.today {
                months.push((m, last));
            }
            month = m.checked_add_months(chrono::Months::new(1));
        }
        if months.is_empty() {
            return;
        }
        let townships: Vec<UnitId> = self.org.townships().map(|t| t.id()).collect();
        let escalated: BTreeSet<UnitId> = self
            .office
            .cases()
            .filter(|c| c.intake().escalation.is_some())
            .filter_map(|c| c.intake().township)
            .collect();
        let mut troubled: Vec<UnitId> =
            townships.iter().copied().filter(|t| escalated.contains(t)).collect();
        let mut calm: Vec<UnitId> =
            townships.iter().copied().filter(|t| !escalated.contains(t)).collect();
        self.rng.shuffle(&mut troubled);
        self.rng.shuffle(&mut calm);
        // Three records where escalations are (or, with none, in two calm
        // townships: troubles cluster), one more in a calm township when
        // there are several (never the last calm ones); distinct months.
        let (pool, extra) = if troubled.is_empty() {
            (calm.iter().copied().take(2).collect::<Vec<_>>(), 0)
        } else {
            (troubled, usize::from(calm.len() >= 4))
        };
        let mut picks: Vec<UnitId> =
            (0..3).filter_map(|k| pool.get(k % pool.len().max(1)).copied()).collect();
        picks.extend(calm.into_iter().rev().take(extra));
        self.rng.shuffle(&mut months);
        for (k, t) in picks.into_iter().enumerate() {
            let (from, to) = months[k % months.len()];
            let count = self.rng.range(1, 2) as u32;
            let r = self.work.irregular_visits.record(t, from, to, count);
            self.keep(r);
        }
    }
}

/// The two owned cases left with parts of the 五个一 missing: the two most
/// recently owned that are still open (else the two most recent).
fn incomplete_owned(office: &Office, hard: &Hard) -> Vec<CaseId> {
    let open = |c: &CaseId| office.case(*c).is_some_and(|k| k.concluded_on().is_none());
    let mut picked: Vec<CaseId> =
        hard.owned.iter().rev().map(|(c, _, _)| *c).filter(open).take(2).collect();
    for (c, _, _) in hard.owned.iter().rev() {
        if picked.len() >= 2 {
            break;
        }
        push_unique(&mut picked, *c);
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{generate, SampleConfig};
    use std::sync::OnceLock;
    use wasm_bindgen_test::wasm_bindgen_test;
    use xinfang_core::work::ownership::OwnershipPart;
    use xinfang_core::work::reception::CaseLinkKind;
    use xinfang_core::Settings;

    const SEED: u64 = 2026;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    struct Sample {
        office: Office,
        first: NaiveDate,
        built: Built,
    }

    fn make(cases: u32) -> Sample {
        let config = SampleConfig::year(SEED, today(), cases);
        let office = generate(Settings::sample_county(), &config).unwrap();
        let built = build(&office, SEED, config.first_day, today());
        Sample { office, first: config.first_day, built }
    }

    /// A year of 600 cases and its ledgers, made once for the tests that read it.
    fn small() -> &'static Sample {
        static SMALL: OnceLock<Sample> = OnceLock::new();
        SMALL.get_or_init(|| make(600))
    }

    /// The county leaders and the petition office's leaders of the sample county.
    fn senior(office: &Office) -> BTreeSet<PersonId> {
        let org = &office.settings().org;
        ["于振华", "毕建华", "郝文军"]
            .into_iter()
            .map(|name| org.people().find(|p| p.name() == name).unwrap().id())
            .collect()
    }

    fn in_span(s: &Sample, date: NaiveDate) -> bool {
        s.first <= date && date <= today()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn same_inputs_same_ledgers() {
        let s = small();
        let again = sample_work(&s.office, SEED, s.first, today());
        assert_eq!(again, s.built.work);
        assert_eq!(
            serde_json::to_string(&again).unwrap(),
            serde_json::to_string(&s.built.work).unwrap()
        );
        assert_ne!(sample_work(&s.office, SEED + 1, s.first, today()), again);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_record_is_accepted() {
        let b = &small().built;
        assert!(b.refused.is_empty(), "refused: {:?}", b.refused);
        let w = &b.work;
        let records = w.reception.rules().count()
            + w.reception.receptions().count()
            + w.ownership.iter().count()
            + w.screening.sensitive_periods().len()
            + w.screening.villages().len()
            + w.screening.rounds().count()
            + w.screening.hotspots().count()
            + w.backlog.iter().count()
            + w.meetings.iter().count()
            + w.irregular_visits.iter().count();
        // Every record, plus the status changes made after adding them.
        assert!(b.accepted as usize > records, "{} accepted for {records} records", b.accepted);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn receptions_follow_the_rota() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        let org = &office.settings().org;
        let calendar = &office.settings().calendar;
        let yu = org.people().find(|p| p.name() == "于振华").unwrap().id();
        let county: Vec<_> =
            w.reception.rules().filter(|r| r.pattern == RotaPattern::Monthly { day: 16 }).collect();
        assert_eq!(county.len(), 1);
        assert_eq!(
            (county[0].leaders.as_slice(), county[0].place.as_str()),
            (&[yu][..], "县群众服务大厅")
        );
        for t in org.townships() {
            let leaders: Vec<PersonId> =
                org.people_of(t.id(), Role::Leader).map(|p| p.id()).collect();
            assert!(
                w.reception.rules().any(|r| r.pattern == RotaPattern::EveryWorkingDay
                    && r.leaders == leaders
                    && r.place.starts_with(t.name())),
                "{}",
                t.name()
            );
        }
        let scheduled = w.reception.scheduled(s.first, today(), calendar).len();
        let unheld = w.reception.unheld(s.first, today(), calendar).len();
        assert!(unheld > 0 && unheld * 20 < scheduled, "{unheld} of {scheduled} unheld");

        let kinds: BTreeSet<_> = w.reception.receptions().map(|r| r.kind.label()).collect();
        assert_eq!(kinds.len(), ReceptionKind::ALL.len(), "{kinds:?}");
        let mut created = BTreeSet::new();
        let (mut taken, mut last_date) = (0, s.first);
        for r in w.reception.receptions() {
            assert!(r.date >= last_date, "recorded in date order");
            last_date = r.date;
            let mut people = 0;
            for link in &r.cases {
                let case = office.case(link.case).unwrap();
                let i = case.intake();
                match link.how {
                    CaseLinkKind::Created => {
                        assert!(
                            i.channel.is_visit() && i.received_on == r.date,
                            "{}",
                            case.number()
                        );
                        assert!(created.insert(link.case), "created once");
                        people += i.head_count;
                    }
                    CaseLinkKind::TakenOver => {
                        assert!(i.received_on < r.date, "{}", case.number());
                        taken += 1;
                    }
                }
            }
            assert!(r.head_count >= people.max(u32::from(!r.cases.is_empty())));
        }
        assert!(created.len() > 20 && taken > 5, "{} created, {taken} taken over", created.len());
        let summary = w.reception.summary(s.first, today(), |id| office.is_concluded(id));
        assert!(summary.people > summary.sessions / 2 && summary.resolved > 0, "{summary:?}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ownership_with_the_five_ones() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        let senior = senior(office);
        let owned: Vec<_> = w.ownership.iter().collect();
        assert!((8..=12).contains(&owned.len()), "{}", owned.len());
        let incomplete: Vec<_> = owned.iter().filter(|o| !o.is_complete()).collect();
        assert!((1..=2).contains(&incomplete.len()));
        for o in &owned {
            assert!(senior.contains(&o.leader.unwrap()));
            assert!(!o.missing().contains(&OwnershipPart::Leader));
            assert_ne!(office.case(o.case).unwrap().intake().purpose, Purpose::Accusation);
            if let Some(MeetingRecord::Meeting(m)) = &o.meeting_record {
                let meeting = w.meetings.get(*m).unwrap();
                assert!(meeting.cases.contains(&o.case));
            }
            if o.is_complete() {
                assert!((1..=3).contains(&o.team.len()) && o.measures.len() >= 2);
            }
        }
        assert!(owned.iter().any(|o| matches!(o.meeting_record, Some(MeetingRecord::Meeting(_)))));
        let rate = w.ownership.completeness(|id| office.is_concluded(id));
        assert!(rate.numerator < rate.denominator, "{rate}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn screening_and_hotspots() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        let sc = &w.screening;
        assert_eq!(sc.cadence(ScreeningLevel::Unit), Cadence::HalfMonthly);
        assert_eq!(sc.cadence(ScreeningLevel::Village), Cadence::Weekly);
        let periods: Vec<&str> = sc.sensitive_periods().iter().map(|p| p.name()).collect();
        assert_eq!(periods, ["全国两会", "国庆节"]);
        let org = &office.settings().org;
        for t in org.townships() {
            let n = sc.villages().iter().filter(|v| v.township() == t.id()).count();
            assert!((2..=4).contains(&n), "{}: {n}", t.name());
        }
        let coverage = w.screening_coverage(&office.settings().org, s.first, today());
        let pct = coverage.percent().unwrap();
        assert!((85.0..=99.0).contains(&pct), "{coverage}");
        let behind = org
            .townships()
            .filter(|t| {
                let c = sc.coverage(&ScreeningScope::Unit(t.id()), s.first, today());
                c.rate.numerator < c.rate.denominator
            })
            .count();
        assert!(behind > 0 && behind < org.townships().count(), "{behind} behind");
        let summary = sc.summary(s.first, today());
        assert!(summary.campaigns >= 3 && summary.issues_found > 100, "{summary:?}");

        let hotspots: Vec<_> = sc.hotspots().collect();
        assert!((20..=40).contains(&hotspots.len()), "{}", hotspots.len());
        let overdue = sc.overdue_hotspots(today()).count();
        assert!((1..=5).contains(&overdue), "{overdue} overdue");
        let resolved = hotspots.iter().filter(|h| h.status.resolved_on().is_some()).count();
        assert!(resolved * 3 > hotspots.len() * 2, "{resolved} resolved");
        assert!(hotspots.iter().any(|h| h.status.resolved_on().is_none() && h.deadline >= today()));
        let categories = &office.settings().categories;
        for h in &hotspots {
            assert!(categories.get(h.category.unwrap()).is_some());
            assert!(h.people_affected > 0 && org.person(h.leader).is_some());
            assert!(org.unit(h.unit).is_some());
            if let Some(r) = h.round {
                let round = sc.round(r).unwrap();
                assert_eq!(round.date, h.found_on);
                assert!(round.issues_found > 0);
            }
        }
        assert!(hotspots.iter().filter(|h| h.round.is_some()).count() >= 3);
        assert!(hotspots.iter().filter(|h| h.case.is_some()).count() >= 2);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn backlog_ledger() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        let entries: Vec<_> = w.backlog.iter().collect();
        // A 600-case year has few long-running matters: suggestions and
        // accusations end at their answer (arts. 29, 30: no 复查/复核).
        assert!((8..=20).contains(&entries.len()), "{}", entries.len());
        for e in &entries {
            let case = office.case(e.case).unwrap();
            assert!(days_between(case.intake().received_on, e.listed_on) >= 90);
            assert_eq!(e.status.concluded_on().is_some(), case.stage().is_concluded());
        }
        let rates = w.backlog.rates(s.first, today());
        let resolution = rates.resolution.percent().unwrap();
        let acceptance = rates.acceptance.percent().unwrap();
        assert!((50.0..=95.0).contains(&resolution), "{}", rates.resolution);
        assert!((55.0..=85.0).contains(&acceptance), "{}", rates.acceptance);
        assert!(w.backlog.overdue(today()).count() >= 1);
        assert!(entries
            .iter()
            .any(|e| e.status.concluded_on().is_none() && !e.is_overdue(today())));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn meetings_and_decisions() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        let senior = senior(office);
        let meetings: Vec<_> = w.meetings.iter().collect();
        assert!((6..=10).contains(&meetings.len()), "{}", meetings.len());
        let kinds: BTreeSet<MeetingKind> = meetings.iter().map(|m| m.kind).collect();
        assert_eq!(kinds.len(), MeetingKind::ALL.len());
        for m in &meetings {
            assert!(senior.contains(&m.chair));
            assert!(!m.decisions.is_empty());
            assert!(m.kind == MeetingKind::LeadingGroup || !m.cases.is_empty());
        }
        let decisions: usize = meetings.iter().map(|m| m.decisions.len()).sum();
        let open = w.meetings.open_decisions().len();
        let overdue = w.meetings.overdue_decisions(today()).len();
        assert!(
            overdue == 1 && open > overdue && open * 3 < decisions,
            "{open} open of {decisions}"
        );
        let minutes =
            meetings[1].minutes(office.settings(), |id| office.case(id), None, meetings[1].date);
        assert!(minutes.contains("会议决定：\n1、"), "{minutes}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn some_townships_meet_three_none_and_some_do_not() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        assert!((3..=5).contains(&w.irregular_visits.iter().count()));
        let year = w.three_none(&office.settings().org, office.cases(), s.first, today());
        assert!(
            0 < year.rate.numerator && year.rate.numerator < year.rate.denominator,
            "{}",
            year.rate
        );
        // Irregular visits count against some townships, in whole months.
        assert!(year.townships.iter().any(|t| t.irregular > 0));
        for v in w.irregular_visits.iter() {
            assert_eq!((v.from.day(), v.to.succ_opt().unwrap().day()), (1, 1));
            assert!(v.count > 0);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn dates_in_the_span_and_cases_of_the_office() {
        let s = small();
        let (w, office) = (&s.built.work, &s.office);
        let case = |id: CaseId| assert!(office.case(id).is_some(), "{id}");
        let date = |d: NaiveDate| assert!(in_span(s, d), "{d}");
        for r in w.reception.rules() {
            date(r.from);
        }
        for r in w.reception.receptions() {
            date(r.date);
            r.cases.iter().for_each(|l| case(l.case));
        }
        for o in w.ownership.iter() {
            date(o.since);
            case(o.case);
        }
        for p in w.screening.sensitive_periods() {
            date(p.from());
            date(p.to());
        }
        for r in w.screening.rounds() {
            date(r.date);
        }
        for h in w.screening.hotspots() {
            date(h.found_on);
            h.status.resolved_on().into_iter().for_each(date);
            h.case.into_iter().for_each(case);
        }
        for e in w.backlog.iter() {
            date(e.listed_on);
            e.status.concluded_on().into_iter().for_each(date);
            e.accepted_on.into_iter().for_each(date);
            case(e.case);
        }
        for m in w.meetings.iter() {
            date(m.date);
            m.cases.iter().copied().for_each(case);
            m.decisions.iter().filter_map(|d| d.done_on).for_each(date);
        }
        for v in w.irregular_visits.iter() {
            date(v.from);
            date(v.to);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip() {
        let work = &small().built.work;
        let json = serde_json::to_string(work).unwrap();
        let back: WorkLedgers = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, work);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_empty_span_records_nothing() {
        let s = small();
        let work = sample_work(&s.office, SEED, today().succ_opt().unwrap(), today());
        assert_eq!(work, WorkLedgers::default());
    }

    /// The training sandbox: seed 2026, 3,000 cases.
    #[wasm_bindgen_test(unsupported = test)]
    fn the_sandbox_year() {
        let s = make(3_000);
        let (b, office) = (&s.built, &s.office);
        assert!(b.refused.is_empty(), "refused: {:?}", b.refused);
        let w = &b.work;
        let summary = w.reception.summary(s.first, today(), |id| office.is_concluded(id));
        assert!(summary.cases > 150, "{summary:?}");
        let coverage =
            w.screening_coverage(&office.settings().org, s.first, today()).percent().unwrap();
        assert!((85.0..=99.0).contains(&coverage), "{coverage}");
        assert!(w.screening.overdue_hotspots(today()).count() > 0);
        assert!(w.backlog.overdue(today()).count() > 0);
        assert!(w.meetings.overdue_decisions(today()).len() == 1);
        // The 三无 of the last month: some townships meet it, some do not.
        let month = w.three_none(
            &office.settings().org,
            office.cases(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            today(),
        );
        assert!(0 < month.rate.numerator && month.rate.numerator < month.rate.denominator);
    }
}
