//! The settings' edits: each takes the current settings and gives a checked
//! copy (or a message), and [`commit`] sends it to the store.

use crate::context::AppHandle;
use crate::i18n::{tr, Lang};
use crate::state::Msg;
use chrono::NaiveDate;
use xinfang_core::calendar::DayCount;
use xinfang_core::goals::{BasisPoints, Goal};
use xinfang_core::routing::{Condition, NewRule, Rule, Target};
use xinfang_core::{
    CategoryId, ClockRules, Disposal, IndicatorKind, PersonId, Role, RuleId, Settings, UnitId,
    UnitKind,
};
use yew::prelude::*;

/// Sends a checked copy of the settings to the store, or shows why not.
pub fn commit(
    app: &AppHandle,
    result: Result<Settings, String>,
    error: &UseStateHandle<Option<String>>,
) -> bool {
    match result {
        Ok(settings) => {
            app.dispatch(Msg::UpdateSettings(Box::new(settings)));
            error.set(None);
            true
        }
        Err(message) => {
            error.set(Some(message));
            false
        }
    }
}

// ---------------------------------------------------------------------------
// Edits: each takes the current settings and gives a checked copy.

fn edit<E: ToString>(
    s: &Settings,
    f: impl FnOnce(&mut Settings) -> Result<(), E>,
) -> Result<Settings, String> {
    let mut next = s.clone();
    f(&mut next).map_err(|e| e.to_string())?;
    Ok(next)
}

/// Adds a unit (name non-empty and unique; parent active).
pub fn add_unit(
    s: &Settings,
    name: &str,
    kind: UnitKind,
    parent: Option<UnitId>,
) -> Result<Settings, String> {
    edit(s, |s| s.org.add_unit(name, kind, parent).map(drop))
}

/// Adds a person to an active unit (name non-empty and unique in the unit).
pub fn add_person(
    s: &Settings,
    name: &str,
    unit: UnitId,
    role: Role,
    title: &str,
) -> Result<Settings, String> {
    edit(s, |s| s.org.add_person(name, unit, role, title).map(drop))
}

/// Activates or deactivates a unit.
pub fn set_unit_active(s: &Settings, id: UnitId, active: bool) -> Result<Settings, String> {
    edit(s, |s| s.org.set_unit_active(id, active))
}

/// Activates or deactivates a person.
pub fn set_person_active(s: &Settings, id: PersonId, active: bool) -> Result<Settings, String> {
    edit(s, |s| s.org.set_person_active(id, active))
}

/// Adds a category under `parent` (`None`: first level).
pub fn add_category(
    s: &Settings,
    name: &str,
    parent: Option<CategoryId>,
) -> Result<Settings, String> {
    edit(s, |s| s.categories.add(name, parent).map(drop))
}

/// Activates or deactivates a category.
pub fn set_category_active(s: &Settings, id: CategoryId, active: bool) -> Result<Settings, String> {
    edit(s, |s| s.categories.set_active(id, active))
}

/// Adds a simple rule at the end: a category to a unit (or the locality).
pub fn add_rule(
    s: &Settings,
    name: &str,
    category: CategoryId,
    target: Target,
    disposal: Disposal,
) -> Result<Settings, String> {
    let rule = NewRule {
        name: name.to_string(),
        when: Condition::categories([category]),
        target,
        disposal,
        co_units: Vec::new(),
    };
    edit(s, |s| {
        let (tree, org) = (&s.categories, &s.org);
        s.routing.add_rule(rule, tree, org).map(drop)
    })
}

/// Moves a rule one place up (`up`) or down.
pub fn move_rule(s: &Settings, id: RuleId, up: bool) -> Result<Settings, String> {
    edit(s, |s| if up { s.routing.move_up(id) } else { s.routing.move_down(id) }.map(drop))
}

/// Puts a rule in or out of force.
pub fn set_rule_active(s: &Settings, id: RuleId, active: bool) -> Result<Settings, String> {
    edit(s, |s| s.routing.set_active(id, active))
}

/// Sets the disposal of the locality fallback.
pub fn set_fallback(s: &Settings, disposal: Disposal) -> Settings {
    let mut next = s.clone();
    next.routing.set_fallback_disposal(disposal);
    next
}

/// A percentage as typed (`60`, `62.5`, `33.33`, `60%`) in basis points;
/// `None` for an empty field (no target). Refuses anything else, more than
/// two decimals, and values over 100%.
pub fn parse_percent(lang: Lang, text: &str) -> Result<Option<BasisPoints>, String> {
    let text = text.trim().trim_end_matches(['%', '％']).trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || {
        tr(
            lang,
            "请输入0到100之间的百分数，最多两位小数",
            "Enter a percentage from 0 to 100, with at most two decimals",
        )
        .to_string()
    };
    let (whole, frac) = match text.split_once('.') {
        Some((whole, frac)) => (whole, Some(frac)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let frac_ok = frac.is_none_or(|f| digits(f) && f.len() <= 2);
    if !digits(whole) || !frac_ok || whole.len() > 5 {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    let frac: u32 = format!("{:0<2}", frac.unwrap_or("")).parse().map_err(|_| bad())?;
    let bp = whole * 100 + frac;
    if bp > 10_000 {
        return Err(tr(lang, "目标不能超过100%", "A target cannot be over 100%").to_string());
    }
    BasisPoints::new(bp).map(Some).map_err(|e| e.to_string())
}

/// Basis points as the text of a percent field: `6000` → `60`, `6250` → `62.5`.
pub fn percent_field(bp: BasisPoints) -> String {
    let shown = bp.to_string();
    shown.trim_end_matches('%').to_string()
}

/// Sets the target of an indicator from a typed percentage; `at_most` for
/// a bound that must not be exceeded (重访率, 重信率…).
pub fn set_target(
    lang: Lang,
    s: &Settings,
    kind: IndicatorKind,
    text: &str,
    at_most: bool,
) -> Result<Settings, String> {
    let goal =
        parse_percent(lang, text)?
            .map(|bp| if at_most { Goal::AtMost(bp) } else { Goal::AtLeast(bp) });
    let mut next = s.clone();
    next.targets.set(kind, goal);
    next.targets.validate().map_err(|e| e.to_string())?;
    Ok(next)
}

/// How a target reads: `≥60%`, `≤20%`, `100%`, or `—` without one.
pub fn target_text(goal: Option<Goal>) -> String {
    goal.map_or_else(|| "—".to_string(), |g| g.to_string())
}

/// Replaces the statutory periods after the core's check (1 to 365 days).
pub fn set_clock(s: &Settings, rules: ClockRules) -> Result<Settings, String> {
    rules.validate().map_err(|e| e.to_string())?;
    let mut next = s.clone();
    next.clock = rules;
    Ok(next)
}

/// A number of days as typed.
pub fn parse_days(lang: Lang, field: &str, text: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| match lang {
        Lang::ZhCn => format!("“{field}”应为整数天数"),
        Lang::En => format!("“{field}” must be a whole number of days"),
    })
}

/// What to make of a day in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayEdit {
    /// A day off (放假) with a name.
    Off,
    /// A make-up working day (调休上班).
    Work,
    /// Back to the plain week.
    Clear,
}

/// The settings with the year of `notice` replaced by the notice's holidays
/// and make-up working days (the notice was checked when it was parsed).
pub fn apply_notice(s: &Settings, notice: &xinfang_core::HolidayNotice) -> Settings {
    let mut next = s.clone();
    next.calendar.apply_notice(notice);
    next
}

/// Adjusts one day of the calendar.
pub fn adjust_day(
    lang: Lang,
    s: &Settings,
    date: Option<NaiveDate>,
    edit: DayEdit,
    name: &str,
) -> Result<Settings, String> {
    let Some(date) = date else {
        return Err(tr(lang, "请选择日期", "Choose a date").to_string());
    };
    let mut next = s.clone();
    let cal = &mut next.calendar;
    match edit {
        DayEdit::Off => {
            let name = name.trim();
            if name.is_empty() {
                return Err(tr(lang, "请填写节假日名称", "Enter the holiday's name").to_string());
            }
            cal.set_day_off(date, name);
        }
        DayEdit::Work => {
            use chrono::Datelike;
            if date.weekday().number_from_monday() <= 5 && !s.calendar.is_day_off(date) {
                return Err(tr(
                    lang,
                    "该日是周一至周五的工作日，无需设为调休上班",
                    "That day is already a working day (Monday to Friday)",
                )
                .to_string());
            }
            cal.set_workday(date);
        }
        DayEdit::Clear => cal.clear(date),
    }
    Ok(next)
}

/// A routing rule in words: `问题类别：农村农业/退耕还林 → 县林业局（转送）`.
pub fn describe_rule(s: &Settings, rule: &Rule) -> String {
    let when = rule.when();
    let mut parts = Vec::new();
    if !when.categories.is_empty() {
        let names: Vec<String> = when.categories.iter().map(|c| s.categories.path(*c)).collect();
        parts.push(format!("问题类别：{}", names.join("、")));
    }
    if !when.purposes.is_empty() {
        let names: Vec<&str> = when.purposes.iter().map(|p| p.label()).collect();
        parts.push(format!("信访目的：{}", names.join("、")));
    }
    if !when.townships.is_empty() {
        let names: Vec<String> = when.townships.iter().map(|u| s.org.unit_name(*u)).collect();
        parts.push(format!("发生地：{}", names.join("、")));
    }
    let condition =
        if parts.is_empty() { "所有信访事项".to_string() } else { parts.join("；") };
    let target = match rule.target() {
        Target::Unit(u) => s.org.unit_name(u),
        Target::Locality => "问题发生地乡镇（属地管理）".to_string(),
    };
    let mut text = format!("{condition} → {target}（{}）", rule.disposal().label());
    if !rule.co_units().is_empty() {
        let names: Vec<String> = rule.co_units().iter().map(|u| s.org.unit_name(*u)).collect();
        text.push_str(&format!("，协办：{}", names.join("、")));
    }
    text
}

/// The value of a day count in a select.
pub fn day_count_value(c: DayCount) -> &'static str {
    match c {
        DayCount::Calendar => "calendar",
        DayCount::Working => "working",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> Settings {
        Settings::sample_county()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn units_and_people_are_checked_by_the_core() {
        let before = s();
        let gov = before.org.find_unit("县人民政府").map(|u| u.id());
        let after = add_unit(&before, " 开发区管委会 ", UnitKind::Township, gov).unwrap();
        let unit = after.org.find_unit("开发区管委会").unwrap().id();
        assert!(after.org.townships().any(|u| u.id() == unit));
        assert_eq!(
            add_unit(&after, "开发区管委会", UnitKind::Township, gov).unwrap_err(),
            "已有名为“开发区管委会”的单位"
        );
        assert_eq!(
            add_unit(&after, "  ", UnitKind::Department, gov).unwrap_err(),
            "单位名称不能为空"
        );
        let after = add_person(&after, "王五", unit, Role::Handler, "信访专干").unwrap();
        let p = after.org.people().find(|p| p.name() == "王五").unwrap().id();
        assert!(add_person(&after, "王五", unit, Role::Leader, "").is_err());
        assert!(add_person(&after, "", unit, Role::Leader, "").is_err());
        let after = set_person_active(&after, p, false).unwrap();
        assert!(!after.org.person(p).unwrap().is_active());
        let after = set_unit_active(&after, unit, false).unwrap();
        assert!(after.org.unit(unit).is_some(), "kept, not deleted");
        assert!(!after.org.townships().any(|u| u.id() == unit));
        assert!(add_person(&after, "赵六", unit, Role::Handler, "").is_err(), "inactive unit");
    }

    #[test]
    fn categories_and_rules() {
        let before = s();
        let root = before.categories.find("农村农业").unwrap().id();
        let after = add_category(&before, "高标准农田", Some(root)).unwrap();
        let cat = after.categories.find("高标准农田").unwrap().id();
        assert_eq!(after.categories.path(cat), "农村农业/高标准农田");
        assert!(add_category(&after, "高标准农田", Some(root)).is_err());
        assert!(add_category(&after, "a/b", Some(root)).is_err());
        let forestry = Target::Unit(after.org.find_unit("县林业局").unwrap().id());
        let n = after.routing.rules().len();
        let after =
            add_rule(&after, "高标准农田归口林业局", cat, forestry, Disposal::Assign).unwrap();
        let rules = after.routing.rules();
        assert_eq!(rules.len(), n + 1);
        let last = rules.last().unwrap();
        assert_eq!(describe_rule(&after, last), "问题类别：农村农业/高标准农田 → 县林业局（交办）");
        assert!(add_rule(&after, "高标准农田归口林业局", cat, forestry, Disposal::Assign).is_err());
        assert!(add_rule(&after, " ", cat, forestry, Disposal::Assign).is_err());
        let id = last.id();
        let after = move_rule(&after, id, true).unwrap();
        assert_eq!(after.routing.rules()[n - 1].id(), id);
        let after = set_rule_active(&after, id, false).unwrap();
        assert!(!after.routing.rule(id).unwrap().is_active());
        let after = set_category_active(&after, cat, false).unwrap();
        assert!(!after.categories.is_offered(cat));
        assert_eq!(
            set_fallback(&after, Disposal::Assign).routing.fallback_disposal(),
            Disposal::Assign
        );
    }

    #[test]
    fn percentages() {
        let zh = Lang::ZhCn;
        assert_eq!(parse_percent(zh, "60").unwrap().map(BasisPoints::get), Some(6000));
        assert_eq!(parse_percent(zh, " 62.5% ").unwrap().map(BasisPoints::get), Some(6250));
        assert_eq!(parse_percent(zh, "33.33").unwrap().map(BasisPoints::get), Some(3333));
        assert_eq!(parse_percent(zh, "100").unwrap().map(BasisPoints::get), Some(10_000));
        assert_eq!(parse_percent(zh, "0").unwrap().map(BasisPoints::get), Some(0));
        assert_eq!(parse_percent(zh, "").unwrap(), None);
        assert_eq!(parse_percent(zh, "100.5").unwrap_err(), "目标不能超过100%");
        assert_eq!(parse_percent(Lang::En, "101").unwrap_err(), "A target cannot be over 100%");
        for bad in ["abc", "-5", "1.234", "1e2", ".5", "5."] {
            assert!(parse_percent(zh, bad).is_err(), "{bad}");
        }
        assert_eq!(percent_field(BasisPoints::new(6250).unwrap()), "62.5");
        assert_eq!(percent_field(BasisPoints::new(6000).unwrap()), "60");
    }

    #[test]
    fn targets_are_set_in_basis_points() {
        let before = s();
        let after =
            set_target(Lang::ZhCn, &before, IndicatorKind::Satisfaction, "65", false).unwrap();
        assert_eq!(target_text(after.targets.get(IndicatorKind::Satisfaction)), "≥65%");
        let after =
            set_target(Lang::ZhCn, &after, IndicatorKind::RepeatLetters, "25.5", true).unwrap();
        assert_eq!(target_text(after.targets.get(IndicatorKind::RepeatLetters)), "≤25.5%");
        let after = set_target(Lang::ZhCn, &after, IndicatorKind::GreenPost, "", false).unwrap();
        assert_eq!(target_text(after.targets.get(IndicatorKind::GreenPost)), "—");
        assert!(set_target(Lang::ZhCn, &after, IndicatorKind::GreenPost, "120", false).is_err());
        assert_eq!(target_text(before.targets.get(IndicatorKind::OnTimeReply)), "100%");
    }

    #[test]
    fn clock_rules_are_validated() {
        let before = s();
        let rules = ClockRules { reply_days: 45, ..before.clock };
        assert_eq!(set_clock(&before, rules).unwrap().clock.reply_days, 45);
        let bad = ClockRules { reply_days: 0, ..before.clock };
        assert_eq!(set_clock(&before, bad).unwrap_err(), "“办理答复期限”应在1到365之间，现为0");
        assert!(parse_days(Lang::ZhCn, "办理答复期限", "abc").is_err());
        assert_eq!(parse_days(Lang::ZhCn, "办理答复期限", " 60 "), Ok(60));
    }

    #[test]
    fn calendar_days_are_adjusted() {
        let zh = Lang::ZhCn;
        let before = s();
        // 2026-10-08 (Thursday) becomes a day off, then back.
        let after = adjust_day(zh, &before, Some(d(2026, 10, 8)), DayEdit::Off, "国庆节").unwrap();
        assert_eq!(after.calendar.holiday_name(d(2026, 10, 8)), Some("国庆节"));
        let after = adjust_day(zh, &after, Some(d(2026, 10, 8)), DayEdit::Clear, "").unwrap();
        assert!(after.calendar.is_working_day(d(2026, 10, 8)));
        assert!(adjust_day(zh, &before, Some(d(2026, 10, 8)), DayEdit::Off, " ").is_err());
        assert!(adjust_day(zh, &before, None, DayEdit::Off, "x").is_err());
        assert!(adjust_day(zh, &before, Some(d(2026, 10, 8)), DayEdit::Work, "").is_err());
        // Saturday 2026-10-17 as a make-up working day.
        let after = adjust_day(zh, &before, Some(d(2026, 10, 17)), DayEdit::Work, "").unwrap();
        assert!(after.calendar.workdays_in(2026).any(|x| x == d(2026, 10, 17)));
        // The bundled 2026: 国庆节 1–7 October, make-up days 20 Sep and 10 Oct.
        let national: Vec<NaiveDate> = before
            .calendar
            .days_off_in(2026)
            .filter(|(_, n)| *n == "国庆节")
            .map(|(x, _)| x)
            .collect();
        assert_eq!(national.first(), Some(&d(2026, 10, 1)));
        assert_eq!(national.last(), Some(&d(2026, 10, 7)));
    }
}
