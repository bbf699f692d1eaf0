//! Value mapping for a ledger import: each distinct value of a channel,
//! category, unit or township column that the office does not recognise,
//! with its rows and a suggested match; the clerk's [`Choice`] for it (map
//! it, create it, or leave its rows out); and the office's remembered
//! [`ValueAliases`] (kept in [`crate::Settings`]), so the next file from
//! the same office maps itself.
//!
//! Suggestions are only suggestions: nothing is mapped until the clerk
//! chooses. They come from the spellings clerks really use: a channel's
//! synonyms (`来访(集体)` is a visit by many, `网信` is online), a unit's
//! name with or without `县`, `人民政府`/`政府`, `局` (`城关镇政府` →
//! 城关镇, `交通局` → 县交通运输局), common abbreviations (`人社局`,
//! `劳动社保`), and otherwise the closest name by shared characters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::aliases::{Alias, Target, ValueAliases, ValueField};
use crate::ids::{CategoryId, UnitId};
use crate::org::UnitKind;
use crate::petition::Channel;
use crate::settings::Settings;

impl Target {
    /// The target as the office names it: `来访（集体）`, `劳动和社会保障/拖欠工资`, `城关镇`.
    pub fn name(self, settings: &Settings) -> String {
        match self {
            Target::Channel { channel, collective: true } => format!("{}（集体）", channel.label()),
            Target::Channel { channel, collective: false } => channel.label().to_string(),
            Target::Category { category } => settings.categories.path(category),
            Target::Unit { unit } => settings.org.unit_name(unit),
        }
    }

    /// Whether the target fits the field and still exists and is active.
    pub fn fits(self, field: ValueField, settings: &Settings) -> bool {
        match (field, self) {
            (ValueField::Channel, Target::Channel { .. }) => true,
            (ValueField::Category, Target::Category { category }) => {
                settings.categories.is_offered(category)
            }
            (ValueField::Unit, Target::Unit { unit }) => {
                settings.org.unit(unit).is_some_and(|u| u.is_active())
            }
            (ValueField::Township, Target::Unit { unit }) => settings
                .org
                .unit(unit)
                .is_some_and(|u| u.is_active() && u.kind() == UnitKind::Township),
            _ => false,
        }
    }
}

/// The clerk's decision for an unrecognised value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum Choice {
    /// It means this (remembered for the next file).
    Map {
        /// What it means.
        target: Target,
    },
    /// Create a unit, township or category of this name.
    Create,
    /// Leave the rows with this value out of the import.
    Leave,
}

/// The clerk's choices for this file, by field and value as written.
pub type Choices = BTreeMap<(ValueField, String), Choice>;

/// A distinct value the office does not recognise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The column.
    pub field: ValueField,
    /// The value as written.
    pub value: String,
    /// The rows it is in (the spreadsheet's numbers, as [`super::RowError::row`]).
    pub rows: Vec<usize>,
    /// The most likely meaning, if any.
    pub suggestion: Option<Target>,
}

/// Drops spaces and brackets' own characters, and turns full-width
/// letters and digits into ASCII.
pub(crate) fn squeeze(s: &str) -> String {
    super::cells::half_width(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A channel as ledgers write it beyond [`super::cells::parse_channel`]:
/// a collective visit, or a channel with a note.
pub(crate) fn channel_synonym(value: &str) -> Option<Target> {
    let s = squeeze(value);
    let collective = ["集体", "群体", "多人"].iter().any(|w| s.contains(w));
    let visit = s.contains('访') && !s.contains("网") && !s.contains("信访信息");
    if collective && (visit || s.contains("集体")) {
        return Some(Target::Channel { channel: Channel::Visit, collective: true });
    }
    let base = s.split(['(', '（', '[', '【']).next().unwrap_or(&s);
    if let Some(channel) = super::cells::parse_channel(base) {
        return Some(Target::Channel { channel, collective: false });
    }
    let channel = if s.contains("网") || s.contains("微信") || s.contains("APP") {
        Channel::Online
    } else if s.contains("热线") || s.contains("12345") {
        Channel::Hotline12345
    } else if s.contains("电话") || s.contains("来电") {
        Channel::Phone
    } else if s.contains("信箱") {
        Channel::LeaderMailbox
    } else if s.contains("交办") || s.contains("转办") || s.contains("上级") {
        Channel::FromAbove
    } else if visit {
        Channel::Visit
    } else if s.contains('信') {
        Channel::Letter { green_post: s.contains("绿色") }
    } else {
        return None;
    };
    Some(Target::Channel { channel, collective: false })
}

/// Common abbreviations of county departments and categories, expanded.
const ABBREVIATIONS: [(&str, &str); 14] = [
    ("人社", "人力资源和社会保障"),
    ("劳动社保", "劳动和社会保障"),
    ("社保", "社会保障"),
    ("自然资源", "自然资源"),
    ("国土", "国土资源"),
    ("住建", "住房和城乡建设"),
    ("交通", "交通运输"),
    ("环保", "生态环境"),
    ("农业", "农业农村"),
    ("卫健", "卫生健康"),
    ("教体", "教育体育"),
    ("市场监管", "市场监督管理"),
    ("公安", "公安"),
    ("涉法", "涉法涉诉"),
];

/// A unit's name without the words ledgers add or drop: `县`, `人民政府`,
/// `政府`, `委员会`, `局`, `办公室`, `办`.
fn unit_core(name: &str) -> String {
    let mut s = squeeze(name);
    for prefix in ["中共", "县委", "县"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                s = rest.to_string();
            }
        }
    }
    for suffix in ["人民政府", "政府", "委员会", "办公室", "管委会", "局", "办", "委"]
    {
        if let Some(rest) = s.strip_suffix(suffix) {
            if rest.chars().count() >= 2 {
                s = rest.to_string();
                break;
            }
        }
    }
    s
}

/// How alike two names are: shared characters over the longer one's
/// length, in percent (a crude but predictable measure for short names).
fn likeness(a: &str, b: &str) -> u32 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0;
    }
    let mut pool = b.clone();
    let mut shared = 0;
    for c in a {
        if let Some(i) = pool.iter().position(|x| *x == c) {
            pool.swap_remove(i);
            shared += 1;
        }
    }
    (shared * 100 / longer) as u32
}

/// The one best candidate scoring at least `floor`; none on a tie.
fn best<T: Copy>(candidates: impl Iterator<Item = (T, u32)>, floor: u32) -> Option<T> {
    let mut top: Option<(T, u32)> = None;
    let mut tied = false;
    for (t, score) in candidates {
        match top {
            Some((_, s)) if score == s => tied = true,
            Some((_, s)) if score < s => {}
            _ => {
                top = Some((t, score));
                tied = false;
            }
        }
    }
    top.filter(|(_, s)| *s >= floor && !tied).map(|(t, _)| t)
}

fn expand(s: &str) -> String {
    let mut out = s.to_string();
    for (short, long) in ABBREVIATIONS {
        if out.contains(short) && !out.contains(long) {
            out = out.replacen(short, long, 1);
        }
    }
    out
}

/// The active unit a unit's name most likely means (`township`: only
/// townships).
pub(crate) fn suggest_unit(value: &str, settings: &Settings, township: bool) -> Option<UnitId> {
    let wanted = expand(&unit_core(value));
    if wanted.is_empty() {
        return None;
    }
    let units = settings
        .org
        .units()
        .filter(|u| u.is_active())
        .filter(|u| !township || u.kind() == UnitKind::Township);
    best(
        units.map(|u| {
            let name = expand(&unit_core(u.name()));
            let score = if name == wanted {
                100
            } else if name.starts_with(&wanted) || wanted.starts_with(&name) {
                90
            } else {
                likeness(&wanted, &name)
            };
            (u.id(), score)
        }),
        60,
    )
}

/// The offered category a category's name most likely means.
pub(crate) fn suggest_category(value: &str, settings: &Settings) -> Option<CategoryId> {
    let wanted = expand(&squeeze(value));
    let last = wanted.rsplit('/').next().unwrap_or(&wanted).to_string();
    if last.is_empty() {
        return None;
    }
    let tree = &settings.categories;
    best(
        tree.offered().map(|k| {
            let name = expand(&squeeze(k.name()));
            let score = if name == last {
                100
            } else if name.contains(&last) || last.contains(&name) {
                85
            } else {
                likeness(&last, &name)
            };
            (k.id(), score)
        }),
        60,
    )
}

/// The suggestion for a value of a field.
pub(crate) fn suggest(field: ValueField, value: &str, settings: &Settings) -> Option<Target> {
    match field {
        ValueField::Channel => channel_synonym(value),
        ValueField::Category => {
            suggest_category(value, settings).map(|category| Target::Category { category })
        }
        ValueField::Unit => suggest_unit(value, settings, false).map(|unit| Target::Unit { unit }),
        ValueField::Township => {
            suggest_unit(value, settings, true).map(|unit| Target::Unit { unit })
        }
    }
}

/// The kind of unit a new name makes: a township by its ending, else a
/// county department.
pub(crate) fn new_unit_kind(name: &str) -> UnitKind {
    let s = squeeze(name);
    let s = s.trim_end_matches("人民政府").trim_end_matches("政府");
    if ["镇", "乡", "街道", "街道办事处", "办事处"].iter().any(|e| s.ends_with(e)) {
        UnitKind::Township
    } else {
        UnitKind::Department
    }
}

/// The settings with the units, townships and categories the clerk chose
/// to create, and every mapping remembered: the settings an import goes in
/// with. A name that cannot be created (a clash, a bad name) is an error
/// naming the value.
pub fn settings_with(settings: &Settings, choices: &Choices) -> Result<Settings, String> {
    let mut s = settings.clone();
    // Units created under the body the petition office belongs to (the
    // county government), or at the top.
    let parent = s.org.petition_office().and_then(|o| s.org.unit(o)).and_then(|u| u.parent());
    for ((field, value), choice) in choices {
        let name = squeeze(value);
        match choice {
            Choice::Leave => {}
            Choice::Map { target } => {
                if !target.fits(*field, &s) {
                    return Err(format!("“{value}”对应的{}已不存在或已停用", field.label()));
                }
                s.aliases.set(*field, value, *target);
            }
            Choice::Create => {
                let target = match field {
                    ValueField::Channel => {
                        return Err(format!("信访形式“{value}”不能新建，请选择对应的信访形式"))
                    }
                    ValueField::Category => {
                        let id = s
                            .categories
                            .add(&name, None)
                            .map_err(|e| format!("新建问题类别“{value}”：{e}"))?;
                        Target::Category { category: id }
                    }
                    ValueField::Unit | ValueField::Township => {
                        let kind = if *field == ValueField::Township {
                            UnitKind::Township
                        } else {
                            new_unit_kind(&name)
                        };
                        let id = s
                            .org
                            .add_unit(&name, kind, parent)
                            .map_err(|e| format!("新建单位“{value}”：{e}"))?;
                        Target::Unit { unit: id }
                    }
                };
                s.aliases.set(*field, value, target);
            }
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn unit(s: &Settings, name: &str) -> UnitId {
        s.org.find_unit(name).unwrap().id()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn suggests_what_county_clerks_mean() {
        let s = Settings::sample_county();
        let u = |v: &str| suggest(ValueField::Unit, v, &s).map(|t| t.name(&s));
        assert_eq!(u("城关镇政府").as_deref(), Some("城关镇"));
        assert_eq!(u("城关镇人民政府").as_deref(), Some("城关镇"));
        assert_eq!(u("交通局").as_deref(), Some("县交通运输局"));
        assert_eq!(u("人社局").as_deref(), Some("县人社局"));
        assert_eq!(u("县人力资源和社会保障局").as_deref(), Some("县人社局"));
        assert_eq!(u("国资办"), None, "no county unit looks like it");
        let t = |v: &str| suggest(ValueField::Township, v, &s).map(|t| t.name(&s));
        assert_eq!(t("城关镇政府").as_deref(), Some("城关镇"));
        assert_eq!(t("县交通运输局"), None, "a department is no township");
        let c = |v: &str| suggest(ValueField::Channel, v, &s).map(|t| t.name(&s));
        assert_eq!(c("来访(集体)").as_deref(), Some("来访（集体）"));
        assert_eq!(c("集体访").as_deref(), Some("来访（集体）"));
        assert_eq!(c("网信").as_deref(), Some("网上信访"));
        assert_eq!(c("来信（挂号）").as_deref(), Some("来信"));
        assert_eq!(c("外星通讯"), None);
        let k = |v: &str| suggest(ValueField::Category, v, &s).map(|t| t.name(&s));
        assert_eq!(k("劳动社保").as_deref(), Some("劳动和社会保障"));
        assert_eq!(k("拖欠工资").as_deref(), Some("劳动和社会保障/拖欠工资"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn choices_create_and_remember() {
        let s = Settings::sample_county();
        let mut choices = Choices::new();
        let town = unit(&s, "城关镇");
        choices.insert(
            (ValueField::Unit, "城关镇政府".into()),
            Choice::Map { target: Target::Unit { unit: town } },
        );
        choices.insert((ValueField::Unit, "国资办".into()), Choice::Create);
        choices.insert((ValueField::Category, "营商环境".into()), Choice::Create);
        choices.insert((ValueField::Township, "新区".into()), Choice::Leave);
        let after = settings_with(&s, &choices).unwrap();
        assert_eq!(
            after.aliases.get(ValueField::Unit, " 城关镇政府 "),
            Some(Target::Unit { unit: town })
        );
        let new = after.org.find_unit("国资办").unwrap();
        assert_eq!(new.kind(), UnitKind::Department);
        assert_eq!(
            after.aliases.get(ValueField::Unit, "国资办"),
            Some(Target::Unit { unit: new.id() })
        );
        assert!(after.categories.find_path("营商环境").is_some());
        assert_eq!(
            after.aliases.get(ValueField::Township, "新区"),
            None,
            "leaving is not remembered"
        );
        assert_eq!(new_unit_kind("新城街道办事处"), UnitKind::Township);
        // A channel cannot be created; a unit that exists cannot be made twice.
        let mut bad = Choices::new();
        bad.insert((ValueField::Channel, "飞鸽".into()), Choice::Create);
        assert!(settings_with(&s, &bad).unwrap_err().contains("飞鸽"));
        let mut clash = Choices::new();
        clash.insert((ValueField::Unit, "城关镇".into()), Choice::Create);
        assert!(settings_with(&s, &clash).is_err());
    }
}
