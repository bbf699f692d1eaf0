//! Routing as editable data (分级负责、归口办理; 属地管理): an ordered list
//! of rules that propose the lead unit, the co-handling units and the
//! disposal (转送/交办/直办) for a petition, with a Chinese explanation of
//! why. The first matching rule wins; when none matches, the matter goes to
//! the township where it arose.
//!
//! The result is a proposal: the clerk confirms or overrides it.

use crate::category::CategoryTree;
use crate::ids::{CategoryId, RuleId, UnitId};
use crate::org::{Organisation, UnitKind};
use crate::petition::Purpose;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// How the petition office passes a matter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposal {
    /// 转送: hand over to the competent body, which handles and replies.
    #[default]
    Transfer,
    /// 交办: assign with a deadline; the unit must send a 办结报告.
    Assign,
    /// 直办: the petition office handles it itself.
    Direct,
}

impl Disposal {
    /// Every disposal, in display order.
    pub const ALL: [Disposal; 3] = [Disposal::Transfer, Disposal::Assign, Disposal::Direct];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Disposal::Transfer => "转送",
            Disposal::Assign => "交办",
            Disposal::Direct => "直办",
        }
    }
}

impl fmt::Display for Disposal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// When a rule applies. Each list left empty means "any"; a non-empty list
/// must contain the input's value (for categories: the category itself or
/// one of its ancestors).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Condition {
    /// Content categories; a category matches its whole subtree.
    #[serde(default)]
    pub categories: Vec<CategoryId>,
    /// Purposes (信访目的).
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    /// Townships where the matter arose.
    #[serde(default)]
    pub townships: Vec<UnitId>,
}

impl Condition {
    /// A condition that matches everything.
    pub fn any() -> Self {
        Condition::default()
    }

    /// A condition on categories only.
    pub fn categories(categories: impl IntoIterator<Item = CategoryId>) -> Self {
        Condition { categories: categories.into_iter().collect(), ..Condition::default() }
    }

    /// A condition on purposes only.
    pub fn purposes(purposes: impl IntoIterator<Item = Purpose>) -> Self {
        Condition { purposes: purposes.into_iter().collect(), ..Condition::default() }
    }
}

/// Who a rule sends the matter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A fixed unit (归口办理), e.g. 县林业局.
    Unit(UnitId),
    /// The township where the matter arose (属地管理).
    Locality,
}

/// A routing rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    id: RuleId,
    name: String,
    when: Condition,
    target: Target,
    disposal: Disposal,
    co_units: Vec<UnitId>,
    active: bool,
}

impl Rule {
    /// The rule's id.
    pub fn id(&self) -> RuleId {
        self.id
    }

    /// The rule's name, e.g. `退耕还林归口县林业局`, unique among the rules.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// When it applies.
    pub fn when(&self) -> &Condition {
        &self.when
    }

    /// Who it sends the matter to.
    pub fn target(&self) -> Target {
        self.target
    }

    /// How it passes the matter on.
    pub fn disposal(&self) -> Disposal {
        self.disposal
    }

    /// The co-handling units (协办), never including a fixed target.
    pub fn co_units(&self) -> &[UnitId] {
        &self.co_units
    }

    /// Whether the rule is in force.
    pub fn is_active(&self) -> bool {
        self.active
    }
}

/// The content of a rule being added or edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRule {
    /// Name, non-empty and unique among the rules.
    pub name: String,
    /// When it applies.
    pub when: Condition,
    /// Who it sends the matter to.
    pub target: Target,
    /// How it passes the matter on.
    pub disposal: Disposal,
    /// Co-handling units (协办).
    #[serde(default)]
    pub co_units: Vec<UnitId>,
}

/// What routing looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingInput {
    /// The content category.
    pub category: CategoryId,
    /// The purpose.
    pub purpose: Purpose,
    /// The township or street where the matter arose, when known.
    pub township: Option<UnitId>,
}

/// A routing proposal, for the clerk to confirm or override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingProposal {
    /// The lead unit (主办).
    pub lead: UnitId,
    /// Co-handling units (协办), active ones only.
    pub co_units: Vec<UnitId>,
    /// How to pass the matter on.
    pub disposal: Disposal,
    /// The rule that matched; `None` when it fell back to the locality.
    pub rule: Option<RuleId>,
    /// Why, in Chinese, for the clerk.
    pub explanation: String,
}

/// Why a rule edit or a routing was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RoutingError {
    /// A rule's name was empty.
    #[error("规则名称不能为空")]
    EmptyName,
    /// Another rule has this name.
    #[error("已有名为「{name}」的分办规则")]
    DuplicateName {
        /// The name given.
        name: String,
    },
    /// No rule has this id.
    #[error("找不到编号为{id}的分办规则")]
    UnknownRule {
        /// The id given.
        id: RuleId,
    },
    /// No category has this id.
    #[error("找不到编号为{id}的问题类别")]
    UnknownCategory {
        /// The id given.
        id: CategoryId,
    },
    /// No unit has this id.
    #[error("找不到编号为{id}的单位")]
    UnknownUnit {
        /// The id given.
        id: UnitId,
    },
    /// A unit given as a place where matters arise is not a township.
    #[error("“{name}”不是乡镇（街道），不能作为问题发生地")]
    NotTownship {
        /// The unit's name.
        name: String,
    },
    /// A rule's target unit is deactivated.
    #[error("承办单位“{name}”已停用，不能作为规则的承办单位")]
    InactiveUnit {
        /// The unit's name.
        name: String,
    },
    /// A co-handling unit is deactivated.
    #[error("协办单位“{name}”已停用")]
    InactiveCoUnit {
        /// The unit's name.
        name: String,
    },
    /// The lead unit was also listed as a co-handling unit.
    #[error("“{name}”已是主办单位，不能同时列为协办单位")]
    CoUnitIsLead {
        /// The unit's name.
        name: String,
    },
    /// No rule applies and there is no township to fall back on.
    #[error("无法分办：问题类别“{category}”没有适用的分办规则，{why}。请补填问题发生地（乡镇/街道），或手工指定承办单位")]
    NoRoute {
        /// The category's path.
        category: String,
        /// Why the locality cannot be used, and which rules were skipped.
        why: String,
    },
    /// Stored data does not describe valid rules.
    #[error("分办规则数据已损坏：{why}")]
    Corrupt {
        /// What is wrong.
        why: String,
    },
}

/// The ordered routing rules, with their id counter and the disposal used
/// when the matter falls back to the locality.
///
/// ```
/// use xinfang_core::{CategoryTree, Organisation, Purpose, RoutingInput, RoutingRules};
/// let tree = CategoryTree::default_tree();
/// let org = Organisation::sample_county();
/// let rules = RoutingRules::sample_county(&tree, &org);
/// let input = RoutingInput {
///     category: tree.find("退耕还林").unwrap().id(),
///     purpose: Purpose::Request,
///     township: org.find_unit("河口乡").map(|u| u.id()),
/// };
/// let p = rules.route(&input, &tree, &org).unwrap();
/// assert_eq!(org.unit_name(p.lead), "县林业局");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RoutingRulesData")]
pub struct RoutingRules {
    /// In evaluation order.
    rules: Vec<Rule>,
    next_id: RuleId,
    fallback_disposal: Disposal,
}

/// The stored shape of [`RoutingRules`], validated on load.
#[derive(Deserialize)]
struct RoutingRulesData {
    rules: Vec<Rule>,
    next_id: RuleId,
    #[serde(default)]
    fallback_disposal: Disposal,
}

impl TryFrom<RoutingRulesData> for RoutingRules {
    type Error = RoutingError;

    fn try_from(d: RoutingRulesData) -> Result<Self, Self::Error> {
        let corrupt = |why: String| RoutingError::Corrupt { why };
        let mut out = RoutingRules::empty();
        out.next_id = d.next_id;
        out.fallback_disposal = d.fallback_disposal;
        for r in d.rules {
            if r.id >= d.next_id || out.rule(r.id).is_some() {
                return Err(corrupt(format!("规则编号{}重复或超出计数器", r.id)));
            }
            let name = out.check_name(&r.name, None)?;
            out.rules.push(Rule { name, ..r });
        }
        Ok(out)
    }
}

impl RoutingRules {
    /// No rule: everything falls back to the locality, by 转送.
    pub fn empty() -> Self {
        RoutingRules {
            rules: Vec::new(),
            next_id: RuleId::new(1),
            fallback_disposal: Disposal::Transfer,
        }
    }

    /// The rules in evaluation order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn rule(&self, id: RuleId) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The disposal proposed when no rule matches and the matter goes to
    /// the locality (default 转送).
    pub fn fallback_disposal(&self) -> Disposal {
        self.fallback_disposal
    }

    /// Sets the disposal for the locality fallback.
    pub fn set_fallback_disposal(&mut self, disposal: Disposal) {
        self.fallback_disposal = disposal;
    }

    /// Adds a rule at the end (lowest priority) and returns its id. Checks
    /// that the name is non-empty and unique, every referenced category and
    /// unit exists, condition townships are townships, the target unit is
    /// active and the co-units are active and distinct from it. Repeated
    /// entries in the lists are dropped.
    pub fn add_rule(
        &mut self,
        rule: NewRule,
        tree: &CategoryTree,
        org: &Organisation,
    ) -> Result<RuleId, RoutingError> {
        let rule = self.check(rule, None, tree, org)?;
        let id = self.next_id;
        self.rules.push(Rule {
            id,
            name: rule.name,
            when: rule.when,
            target: rule.target,
            disposal: rule.disposal,
            co_units: rule.co_units,
            active: true,
        });
        self.next_id = id.next();
        Ok(id)
    }

    /// Replaces a rule's content, keeping its id, position and active flag.
    /// Same checks as [`add_rule`](Self::add_rule).
    pub fn update_rule(
        &mut self,
        id: RuleId,
        rule: NewRule,
        tree: &CategoryTree,
        org: &Organisation,
    ) -> Result<(), RoutingError> {
        let i = self.index(id)?;
        let rule = self.check(rule, Some(id), tree, org)?;
        let r = &mut self.rules[i];
        r.name = rule.name;
        r.when = rule.when;
        r.target = rule.target;
        r.disposal = rule.disposal;
        r.co_units = rule.co_units;
        Ok(())
    }

    /// Removes a rule and returns it. Its id is not reused.
    pub fn remove(&mut self, id: RuleId) -> Result<Rule, RoutingError> {
        let i = self.index(id)?;
        Ok(self.rules.remove(i))
    }

    /// Moves a rule one place earlier (higher priority). Returns whether it
    /// moved (`false` when it is already first).
    pub fn move_up(&mut self, id: RuleId) -> Result<bool, RoutingError> {
        let i = self.index(id)?;
        if i == 0 {
            return Ok(false);
        }
        self.rules.swap(i - 1, i);
        Ok(true)
    }

    /// Moves a rule one place later (lower priority). Returns whether it
    /// moved (`false` when it is already last).
    pub fn move_down(&mut self, id: RuleId) -> Result<bool, RoutingError> {
        let i = self.index(id)?;
        if i + 1 == self.rules.len() {
            return Ok(false);
        }
        self.rules.swap(i, i + 1);
        Ok(true)
    }

    /// Puts a rule in or out of force.
    pub fn set_active(&mut self, id: RuleId, active: bool) -> Result<(), RoutingError> {
        let i = self.index(id)?;
        self.rules[i].active = active;
        Ok(())
    }

    /// Checks that every category and unit the rules refer to exists in
    /// `tree` and `org` (e.g. after loading the three from storage).
    pub fn check_references(
        &self,
        tree: &CategoryTree,
        org: &Organisation,
    ) -> Result<(), RoutingError> {
        for r in &self.rules {
            if let Some(&id) = r.when.categories.iter().find(|&&c| tree.get(c).is_none()) {
                return Err(RoutingError::UnknownCategory { id });
            }
            let units = r.when.townships.iter().chain(&r.co_units).copied();
            let target = match r.target {
                Target::Unit(u) => Some(u),
                Target::Locality => None,
            };
            if let Some(id) = units.chain(target).find(|&u| org.unit(u).is_none()) {
                return Err(RoutingError::UnknownUnit { id });
            }
        }
        Ok(())
    }

    /// Proposes the lead unit, co-units and disposal for a petition.
    ///
    /// Rules are tried in order and the first that matches and can be
    /// applied wins. A matching rule is skipped (and the explanation says
    /// so) when it is inactive, its target unit is inactive or unknown, or
    /// it sends to the locality and no usable township was given. With no
    /// rule applicable, the matter goes to the township where it arose
    /// (属地管理) with the fallback disposal; without a usable township
    /// that is an error.
    pub fn route(
        &self,
        input: &RoutingInput,
        tree: &CategoryTree,
        org: &Organisation,
    ) -> Result<RoutingProposal, RoutingError> {
        if tree.get(input.category).is_none() {
            return Err(RoutingError::UnknownCategory { id: input.category });
        }
        // The township, if given, must be a township; it may be inactive
        // (then it cannot receive the matter).
        let locality = match input.township {
            None => None,
            Some(t) => {
                let u = org.unit(t).ok_or(RoutingError::UnknownUnit { id: t })?;
                if u.kind() != UnitKind::Township {
                    return Err(RoutingError::NotTownship { name: u.name().to_string() });
                }
                Some(u)
            }
        };
        let mut skipped: Vec<String> = Vec::new();
        for rule in &self.rules {
            let Some(reasons) = self.match_reasons(rule, input, tree, org) else {
                continue;
            };
            if !rule.active {
                skipped.push(format!("规则「{}」已停用", rule.name));
                continue;
            }
            let (lead, lead_text) = match rule.target {
                Target::Unit(u) => match org.unit(u) {
                    Some(unit) if unit.is_active() => {
                        (u, format!("{}（{}）", unit.name(), rule.disposal))
                    }
                    Some(unit) => {
                        skipped.push(format!(
                            "规则「{}」的承办单位“{}”已停用",
                            rule.name,
                            unit.name()
                        ));
                        continue;
                    }
                    None => {
                        skipped.push(format!("规则「{}」的承办单位（编号{u}）不存在", rule.name));
                        continue;
                    }
                },
                Target::Locality => match locality {
                    Some(t) if t.is_active() => {
                        (t.id(), format!("{}（属地管理，{}）", t.name(), rule.disposal))
                    }
                    Some(t) => {
                        skipped.push(format!(
                            "规则「{}」要求属地办理，但问题发生地“{}”已停用",
                            rule.name,
                            t.name()
                        ));
                        continue;
                    }
                    None => {
                        skipped
                            .push(format!("规则「{}」要求属地办理，但未填写问题发生地", rule.name));
                        continue;
                    }
                },
            };
            let mut co_units = Vec::new();
            let mut co_names = Vec::new();
            for &c in &rule.co_units {
                match org.unit(c) {
                    // Under 属地管理 the township may also be listed.
                    Some(_) if c == lead => {}
                    Some(u) if u.is_active() => {
                        co_units.push(c);
                        co_names.push(u.name());
                    }
                    Some(u) => skipped.push(format!("协办单位“{}”已停用，未列入", u.name())),
                    None => skipped.push(format!("协办单位（编号{c}）不存在，未列入")),
                }
            }
            let mut explanation = format!("按规则「{}」：{} → {}", rule.name, reasons, lead_text);
            if !co_names.is_empty() {
                explanation.push_str(&format!("，协办：{}", co_names.join("、")));
            }
            push_skipped(&mut explanation, &skipped);
            return Ok(RoutingProposal {
                lead,
                co_units,
                disposal: rule.disposal,
                rule: Some(rule.id),
                explanation,
            });
        }
        let category = tree.path(input.category);
        match locality {
            Some(t) if t.is_active() => {
                let head =
                    if skipped.is_empty() { "无匹配规则" } else { "无可用的匹配规则" };
                let mut explanation =
                    format!("{head}，按属地管理交由{}办理（{}）", t.name(), self.fallback_disposal);
                push_skipped(&mut explanation, &skipped);
                Ok(RoutingProposal {
                    lead: t.id(),
                    co_units: Vec::new(),
                    disposal: self.fallback_disposal,
                    rule: None,
                    explanation,
                })
            }
            other => {
                let mut why = match other {
                    Some(t) => format!("且问题发生地“{}”已停用", t.name()),
                    None => "且未填写问题发生地".to_string(),
                };
                if !skipped.is_empty() {
                    why.push_str(&format!("（已跳过：{}）", skipped.join("；")));
                }
                Err(RoutingError::NoRoute { category, why })
            }
        }
    }

    /// Realistic default rules for a county, referring to the categories of
    /// [`CategoryTree::default_tree`] and the units of
    /// [`Organisation::sample_county`] by name. A rule whose category or unit
    /// cannot be found by name is left out. In order:
    ///
    /// 1. 检举控告 → 县纪委监委 (转送), before any category rule;
    /// 2. 咨询 → 县信访局 (直办);
    /// 3. 涉法涉诉 → 县委政法委;
    /// 4. 退耕还林 → 县林业局;
    /// 5. 土地承包、村务公开 → the township (交办), with 县农业农村局;
    /// 6. the rest of 农村农业 → 县农业农村局;
    /// 7. 国土资源 (征地拆迁, 土地征用…) → 县自然资源局;
    /// 8. 拖欠工资、劳资纠纷 → 县人社局 (交办);
    /// 9. the rest of 劳动和社会保障 → 县人社局;
    /// 10. 企业改制 → 县财政局 (国资), with 县人社局;
    /// 11. 城乡建设 (城镇建设, 集中供热…) → 县住建局;
    /// 12. then 教育文体, 卫生健康, 民政, 退役军人事务, 生态环境, 交通运输,
    ///     组织人事 and 纪检监察 → their departments.
    ///
    /// Everything else falls back to the township.
    pub fn sample_county(tree: &CategoryTree, org: &Organisation) -> Self {
        let mut rules = RoutingRules::empty();
        let cat = |name: &str| tree.find(name).map(|c| c.id());
        let unit = |name: &str| org.find_unit(name).map(|u| u.id());
        struct Spec<'a> {
            name: &'a str,
            categories: &'a [&'a str],
            purposes: &'a [Purpose],
            target: Option<&'a str>,
            disposal: Disposal,
            co: &'a [&'a str],
        }
        let by_category =
            |name: &'static str, categories: &'static [&'static str], target: &'static str| Spec {
                name,
                categories,
                purposes: &[],
                target: Some(target),
                disposal: Disposal::Transfer,
                co: &[],
            };
        let specs = [
            Spec {
                purposes: &[Purpose::Accusation],
                ..by_category("检举控告转县纪委监委", &[], "县纪委监委")
            },
            Spec {
                purposes: &[Purpose::Enquiry],
                disposal: Disposal::Direct,
                ..by_category("咨询类由县信访局直接答复", &[], "县信访局")
            },
            by_category("涉法涉诉归口县委政法委", &["涉法涉诉"], "县委政法委"),
            by_category("退耕还林归口县林业局", &["退耕还林"], "县林业局"),
            Spec {
                target: None,
                disposal: Disposal::Assign,
                co: &["县农业农村局"],
                ..by_category("土地承包、村务公开属地办理", &["土地承包", "村务公开"], "")
            },
            by_category("农村农业归口县农业农村局", &["农村农业"], "县农业农村局"),
            by_category("国土资源（含征地拆迁）归口县自然资源局", &["国土资源"], "县自然资源局"),
            Spec {
                disposal: Disposal::Assign,
                ..by_category(
                    "拖欠工资、劳资纠纷交办县人社局",
                    &["拖欠工资", "劳资纠纷"],
                    "县人社局",
                )
            },
            by_category("劳动和社会保障归口县人社局", &["劳动和社会保障"], "县人社局"),
            Spec {
                co: &["县人社局"],
                ..by_category("企业改制归口县财政局（国资）", &["企业改制"], "县财政局")
            },
            by_category("城乡建设（含集中供热）归口县住建局", &["城乡建设"], "县住建局"),
            by_category("教育文体归口县教育局", &["教育文体"], "县教育局"),
            by_category("卫生健康归口县卫健局", &["卫生健康"], "县卫健局"),
            by_category("民政归口县民政局", &["民政"], "县民政局"),
            by_category("退役军人事务归口县退役军人事务局", &["退役军人事务"], "县退役军人事务局"),
            by_category("生态环境归口县生态环境局", &["生态环境"], "县生态环境局"),
            by_category("交通运输归口县交通运输局", &["交通运输"], "县交通运输局"),
            by_category("组织人事归口县委组织部", &["组织人事"], "县委组织部"),
            by_category("纪检监察归口县纪委监委", &["纪检监察"], "县纪委监委"),
        ];
        for s in specs {
            let categories: Option<Vec<CategoryId>> = s.categories.iter().map(|n| cat(n)).collect();
            let co_units: Option<Vec<UnitId>> = s.co.iter().map(|n| unit(n)).collect();
            let target = match s.target {
                Some(n) => unit(n).map(Target::Unit),
                None => Some(Target::Locality),
            };
            let (Some(categories), Some(co_units), Some(target)) = (categories, co_units, target)
            else {
                continue;
            };
            let rule = NewRule {
                name: s.name.to_string(),
                when: Condition {
                    categories,
                    purposes: s.purposes.to_vec(),
                    townships: Vec::new(),
                },
                target,
                disposal: s.disposal,
                co_units,
            };
            // A rule the user's data cannot support (e.g. an inactive unit)
            // is left out like a missing one.
            let _ = rules.add_rule(rule, tree, org);
        }
        rules
    }

    /// Why `rule`'s condition matches `input`, in Chinese; `None` if it does not.
    fn match_reasons(
        &self,
        rule: &Rule,
        input: &RoutingInput,
        tree: &CategoryTree,
        org: &Organisation,
    ) -> Option<String> {
        let when = &rule.when;
        let mut reasons = Vec::new();
        if !when.categories.is_empty() {
            let c = when.categories.iter().find(|&&c| tree.is_within(input.category, c))?;
            let name = tree.get(*c).map_or("", |c| c.name());
            reasons.push(format!("问题类别“{}”属于“{}”", tree.path(input.category), name));
        }
        if !when.purposes.is_empty() {
            if !when.purposes.contains(&input.purpose) {
                return None;
            }
            reasons.push(format!("信访目的为“{}”", input.purpose));
        }
        if !when.townships.is_empty() {
            let t = input.township.filter(|t| when.townships.contains(t))?;
            reasons.push(format!("问题发生地为“{}”", org.unit_name(t)));
        }
        if reasons.is_empty() {
            reasons.push("适用于全部信访事项".to_string());
        }
        Some(reasons.join("，"))
    }

    fn index(&self, id: RuleId) -> Result<usize, RoutingError> {
        self.rules.iter().position(|r| r.id == id).ok_or(RoutingError::UnknownRule { id })
    }

    fn check_name(&self, name: &str, except: Option<RuleId>) -> Result<String, RoutingError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(RoutingError::EmptyName);
        }
        if self.rules.iter().any(|r| r.name == name && Some(r.id) != except) {
            return Err(RoutingError::DuplicateName { name: name.to_string() });
        }
        Ok(name.to_string())
    }

    /// Validates and normalises a rule's content.
    fn check(
        &self,
        rule: NewRule,
        except: Option<RuleId>,
        tree: &CategoryTree,
        org: &Organisation,
    ) -> Result<NewRule, RoutingError> {
        let name = self.check_name(&rule.name, except)?;
        let categories = dedup(rule.when.categories);
        if let Some(&id) = categories.iter().find(|&&c| tree.get(c).is_none()) {
            return Err(RoutingError::UnknownCategory { id });
        }
        let townships = dedup(rule.when.townships);
        for &t in &townships {
            let u = org.unit(t).ok_or(RoutingError::UnknownUnit { id: t })?;
            if u.kind() != UnitKind::Township {
                return Err(RoutingError::NotTownship { name: u.name().to_string() });
            }
        }
        if let Target::Unit(id) = rule.target {
            let u = org.unit(id).ok_or(RoutingError::UnknownUnit { id })?;
            if !u.is_active() {
                return Err(RoutingError::InactiveUnit { name: u.name().to_string() });
            }
        }
        let co_units = dedup(rule.co_units);
        for &id in &co_units {
            let u = org.unit(id).ok_or(RoutingError::UnknownUnit { id })?;
            if rule.target == Target::Unit(id) {
                return Err(RoutingError::CoUnitIsLead { name: u.name().to_string() });
            }
            if !u.is_active() {
                return Err(RoutingError::InactiveCoUnit { name: u.name().to_string() });
            }
        }
        Ok(NewRule {
            name,
            when: Condition { categories, purposes: dedup(rule.when.purposes), townships },
            target: rule.target,
            disposal: rule.disposal,
            co_units,
        })
    }
}

/// Appends the list of skipped rules and units to an explanation.
fn push_skipped(explanation: &mut String, skipped: &[String]) {
    if !skipped.is_empty() {
        explanation.push_str(&format!("。已跳过：{}", skipped.join("；")));
    }
}

/// Drops repeats, keeping the first occurrence.
fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    struct World {
        tree: CategoryTree,
        org: Organisation,
        rules: RoutingRules,
    }

    fn world() -> World {
        let tree = CategoryTree::default_tree();
        let org = Organisation::sample_county();
        let rules = RoutingRules::sample_county(&tree, &org);
        World { tree, org, rules }
    }

    impl World {
        fn cat(&self, name: &str) -> CategoryId {
            self.tree.find(name).unwrap_or_else(|| panic!("no category {name}")).id()
        }
        fn unit(&self, name: &str) -> UnitId {
            self.org.find_unit(name).unwrap_or_else(|| panic!("no unit {name}")).id()
        }
        fn rule(&self, name: &str) -> RuleId {
            self.rules.rules().iter().find(|r| r.name() == name).unwrap().id()
        }
        fn input(&self, category: &str, purpose: Purpose, township: Option<&str>) -> RoutingInput {
            RoutingInput {
                category: self.cat(category),
                purpose,
                township: township.map(|t| self.unit(t)),
            }
        }
        fn route(
            &self,
            category: &str,
            purpose: Purpose,
            township: Option<&str>,
        ) -> Result<RoutingProposal, RoutingError> {
            self.rules.route(&self.input(category, purpose, township), &self.tree, &self.org)
        }
        fn new_rule(&self, name: &str, when: Condition, target: Target) -> NewRule {
            NewRule {
                name: name.into(),
                when,
                target,
                disposal: Disposal::Transfer,
                co_units: vec![],
            }
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sample_rules_are_all_present() {
        let w = world();
        assert_eq!(w.rules.rules().len(), 19);
        assert!(w.rules.rules().iter().all(Rule::is_active));
        assert_eq!(w.rules.rules()[0].name(), "检举控告转县纪委监委");
        w.rules.check_references(&w.tree, &w.org).unwrap();
        // Against an empty organisation, rules that name missing units are left out.
        let none = RoutingRules::sample_county(&w.tree, &Organisation::new("空"));
        assert!(none.rules().is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn unit_target_by_category_with_explanation() {
        let w = world();
        let p = w.route("退耕还林", Purpose::Request, Some("河口乡")).unwrap();
        assert_eq!(p.lead, w.unit("县林业局"));
        assert_eq!(p.disposal, Disposal::Transfer);
        assert!(p.co_units.is_empty());
        assert_eq!(p.rule, Some(w.rule("退耕还林归口县林业局")));
        assert_eq!(
            p.explanation,
            "按规则「退耕还林归口县林业局」：问题类别“农村农业/退耕还林”属于“退耕还林” → 县林业局（转送）"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn categories_match_their_descendants() {
        let mut w = world();
        let heating = w.route("集中供热", Purpose::Request, None).unwrap();
        assert_eq!(heating.lead, w.unit("县住建局"));
        assert!(
            heating.explanation.contains("“城乡建设/集中供热”属于“城乡建设”"),
            "{}",
            heating.explanation
        );
        let sub = w.tree.add("退耕还林补助", Some(w.cat("退耕还林"))).unwrap();
        let input = RoutingInput { category: sub, purpose: Purpose::Request, township: None };
        let p = w.rules.route(&input, &w.tree, &w.org).unwrap();
        assert_eq!(p.lead, w.unit("县林业局"));
        // The rest of 农村农业 goes to the department, not the township.
        let p = w.route("农村农业", Purpose::Request, Some("河口乡")).unwrap();
        assert_eq!(p.lead, w.unit("县农业农村局"));
        // 征地拆迁 is under 国土资源.
        let p = w.route("征地拆迁", Purpose::Appeal, Some("城关镇")).unwrap();
        assert_eq!(p.lead, w.unit("县自然资源局"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn locality_target_with_co_unit() {
        let w = world();
        let p = w.route("土地承包", Purpose::Request, Some("河口乡")).unwrap();
        assert_eq!(p.lead, w.unit("河口乡"));
        assert_eq!(p.co_units, [w.unit("县农业农村局")]);
        assert_eq!(p.disposal, Disposal::Assign);
        assert_eq!(
            p.explanation,
            "按规则「土地承包、村务公开属地办理」：问题类别“农村农业/土地承包”属于“土地承包” → 河口乡（属地管理，交办），协办：县农业农村局"
        );
        let p = w.route("村务公开", Purpose::Suggestion, Some("东城街道")).unwrap();
        assert_eq!(p.lead, w.unit("东城街道"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn locality_rule_without_township_is_skipped() {
        let w = world();
        let p = w.route("土地承包", Purpose::Request, None).unwrap();
        assert_eq!(p.lead, w.unit("县农业农村局"), "the next rule, 农村农业");
        assert_eq!(
            p.explanation,
            "按规则「农村农业归口县农业农村局」：问题类别“农村农业/土地承包”属于“农村农业” → 县农业农村局（转送）。已跳过：规则「土地承包、村务公开属地办理」要求属地办理，但未填写问题发生地"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn purpose_rules_and_direct_handling() {
        let w = world();
        let p = w.route("退耕还林", Purpose::Accusation, Some("河口乡")).unwrap();
        assert_eq!(p.lead, w.unit("县纪委监委"));
        assert_eq!(
            p.explanation,
            "按规则「检举控告转县纪委监委」：信访目的为“检举控告” → 县纪委监委（转送）"
        );
        let p = w.route("民政", Purpose::Enquiry, None).unwrap();
        assert_eq!(p.lead, w.unit("县信访局"));
        assert_eq!(p.disposal, Disposal::Direct);
        assert!(p.explanation.ends_with("→ 县信访局（直办）"), "{}", p.explanation);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn order_matters() {
        let mut w = world();
        // 检举控告 comes before every category rule.
        assert_eq!(
            w.route("拖欠工资", Purpose::Accusation, None).unwrap().lead,
            w.unit("县纪委监委")
        );
        // The specific wage rule comes before the general 劳动和社会保障 one.
        let p = w.route("拖欠工资", Purpose::Request, None).unwrap();
        assert_eq!((p.lead, p.disposal), (w.unit("县人社局"), Disposal::Assign));
        let p = w.route("下岗职工安置", Purpose::Request, None).unwrap();
        assert_eq!((p.lead, p.disposal), (w.unit("县人社局"), Disposal::Transfer));
        // Move the accusation rule below the 退耕还林 rule: now the category wins.
        let accusation = w.rule("检举控告转县纪委监委");
        for _ in 0..3 {
            assert!(w.rules.move_down(accusation).unwrap());
        }
        assert_eq!(w.rules.rules()[3].id(), accusation);
        assert_eq!(
            w.route("退耕还林", Purpose::Accusation, None).unwrap().lead,
            w.unit("县林业局")
        );
        assert_eq!(w.route("民政", Purpose::Accusation, None).unwrap().lead, w.unit("县纪委监委"));
        for _ in 0..3 {
            assert!(w.rules.move_up(accusation).unwrap());
        }
        assert!(!w.rules.move_up(accusation).unwrap(), "already first");
        assert_eq!(
            w.route("退耕还林", Purpose::Accusation, None).unwrap().lead,
            w.unit("县纪委监委")
        );
        let last = w.rules.rules().last().unwrap().id();
        assert!(!w.rules.move_down(last).unwrap(), "already last");
        assert!(w.rules.move_up(RuleId::new(999)).is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn township_conditions() {
        let mut w = world();
        let new = NewRule {
            disposal: Disposal::Assign,
            ..w.new_rule(
                "城关镇城镇建设交办县城市管理局",
                Condition {
                    categories: vec![w.cat("城镇建设")],
                    townships: vec![w.unit("城关镇"), w.unit("东城街道")],
                    ..Condition::any()
                },
                Target::Unit(w.unit("县城市管理局")),
            )
        };
        let id = w.rules.add_rule(new, &w.tree, &w.org).unwrap();
        while w.rules.move_up(id).unwrap() {}
        let p = w.route("城镇建设", Purpose::Request, Some("城关镇")).unwrap();
        assert_eq!(p.lead, w.unit("县城市管理局"));
        assert_eq!(
            p.explanation,
            "按规则「城关镇城镇建设交办县城市管理局」：问题类别“城乡建设/城镇建设”属于“城镇建设”，问题发生地为“城关镇” → 县城市管理局（交办）"
        );
        assert_eq!(
            w.route("城镇建设", Purpose::Request, Some("河口乡")).unwrap().lead,
            w.unit("县住建局")
        );
        assert_eq!(w.route("城镇建设", Purpose::Request, None).unwrap().lead, w.unit("县住建局"));
        // A rule with no condition at all matches everything.
        let all = w.new_rule("全部转县信访局", Condition::any(), Target::Unit(w.unit("县信访局")));
        let id = w.rules.add_rule(all, &w.tree, &w.org).unwrap();
        while w.rules.move_up(id).unwrap() {}
        let p = w.route("其他", Purpose::Request, None).unwrap();
        assert_eq!(
            p.explanation,
            "按规则「全部转县信访局」：适用于全部信访事项 → 县信访局（转送）"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn inactive_rules_and_units_are_skipped() {
        let mut w = world();
        w.rules.set_active(w.rule("退耕还林归口县林业局"), false).unwrap();
        let p = w.route("退耕还林", Purpose::Request, None).unwrap();
        assert_eq!(p.lead, w.unit("县农业农村局"));
        assert!(
            p.explanation.ends_with("。已跳过：规则「退耕还林归口县林业局」已停用"),
            "{}",
            p.explanation
        );
        w.rules.set_active(w.rule("退耕还林归口县林业局"), true).unwrap();

        w.org.set_unit_active(w.unit("县林业局"), false).unwrap();
        let p = w.route("退耕还林", Purpose::Request, None).unwrap();
        assert_eq!(p.lead, w.unit("县农业农村局"));
        assert!(
            p.explanation
                .contains("已跳过：规则「退耕还林归口县林业局」的承办单位“县林业局”已停用"),
            "{}",
            p.explanation
        );

        // An inactive co-unit is left out and mentioned.
        w.org.set_unit_active(w.unit("县农业农村局"), false).unwrap();
        let p = w.route("土地承包", Purpose::Request, Some("河口乡")).unwrap();
        assert_eq!(p.lead, w.unit("河口乡"));
        assert!(p.co_units.is_empty());
        assert!(
            p.explanation.ends_with("已跳过：协办单位“县农业农村局”已停用，未列入"),
            "{}",
            p.explanation
        );

        // An inactive township cannot receive the matter.
        w.org.set_unit_active(w.unit("河口乡"), false).unwrap();
        let err = w.route("其他", Purpose::Request, Some("河口乡")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "无法分办：问题类别“其他”没有适用的分办规则，且问题发生地“河口乡”已停用。请补填问题发生地（乡镇/街道），或手工指定承办单位"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fallback_to_locality_and_error() {
        let mut w = world();
        let p = w.route("商贸旅游", Purpose::Request, Some("柳林镇")).unwrap();
        assert_eq!(p.lead, w.unit("柳林镇"));
        assert_eq!(p.rule, None);
        assert_eq!(p.disposal, Disposal::Transfer);
        assert_eq!(p.explanation, "无匹配规则，按属地管理交由柳林镇办理（转送）");
        w.rules.set_fallback_disposal(Disposal::Assign);
        let p = w.route("商贸旅游", Purpose::Request, Some("柳林镇")).unwrap();
        assert_eq!(p.disposal, Disposal::Assign);
        assert_eq!(p.explanation, "无匹配规则，按属地管理交由柳林镇办理（交办）");

        let err = w.route("商贸旅游", Purpose::Request, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "无法分办：问题类别“商贸旅游”没有适用的分办规则，且未填写问题发生地。请补填问题发生地（乡镇/街道），或手工指定承办单位"
        );
        // Skipped rules are named in the fallback and in the error.
        w.rules.set_active(w.rule("民政归口县民政局"), false).unwrap();
        let p = w.route("民政", Purpose::Request, Some("柳林镇")).unwrap();
        assert_eq!(
            p.explanation,
            "无可用的匹配规则，按属地管理交由柳林镇办理（交办）。已跳过：规则「民政归口县民政局」已停用"
        );
        let err = w.route("民政", Purpose::Request, None).unwrap_err();
        assert!(err.to_string().contains("（已跳过：规则「民政归口县民政局」已停用）"), "{err}");
        // With no rule at all.
        let p = RoutingRules::empty().route(
            &w.input("民政", Purpose::Request, Some("城关镇")),
            &w.tree,
            &w.org,
        );
        assert_eq!(p.unwrap().lead, w.unit("城关镇"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bad_input_is_refused() {
        let w = world();
        let input = RoutingInput {
            category: CategoryId::new(999),
            purpose: Purpose::Request,
            township: None,
        };
        let err = w.rules.route(&input, &w.tree, &w.org).unwrap_err();
        assert_eq!(err.to_string(), "找不到编号为K999的问题类别");
        let input = RoutingInput {
            township: Some(w.unit("县林业局")),
            ..w.input("民政", Purpose::Request, None)
        };
        let err = w.rules.route(&input, &w.tree, &w.org).unwrap_err();
        assert_eq!(err.to_string(), "“县林业局”不是乡镇（街道），不能作为问题发生地");
        let input = RoutingInput { township: Some(UnitId::new(999)), ..input };
        assert_eq!(
            w.rules.route(&input, &w.tree, &w.org),
            Err(RoutingError::UnknownUnit { id: UnitId::new(999) })
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn add_rule_validation() {
        let mut w = world();
        let forestry = Target::Unit(w.unit("县林业局"));
        let cats = Condition::categories([w.cat("退耕还林")]);
        let add = |w: &mut World, r: NewRule| w.rules.add_rule(r, &w.tree, &w.org);
        let r = w.new_rule("  ", cats.clone(), forestry);
        assert_eq!(add(&mut w, r), Err(RoutingError::EmptyName));
        let r = w.new_rule("退耕还林归口县林业局", cats.clone(), forestry);
        assert_eq!(
            add(&mut w, r).unwrap_err().to_string(),
            "已有名为「退耕还林归口县林业局」的分办规则"
        );
        let r = w.new_rule("x", Condition::categories([CategoryId::new(999)]), forestry);
        assert_eq!(add(&mut w, r), Err(RoutingError::UnknownCategory { id: CategoryId::new(999) }));
        let r = w.new_rule("x", cats.clone(), Target::Unit(UnitId::new(999)));
        assert_eq!(add(&mut w, r).unwrap_err().to_string(), "找不到编号为U999的单位");
        let r = w.new_rule(
            "x",
            Condition { townships: vec![w.unit("县林业局")], ..cats.clone() },
            forestry,
        );
        assert!(matches!(add(&mut w, r), Err(RoutingError::NotTownship { .. })));
        let r = NewRule {
            co_units: vec![w.unit("县林业局")],
            ..w.new_rule("x", cats.clone(), forestry)
        };
        assert_eq!(
            add(&mut w, r).unwrap_err().to_string(),
            "“县林业局”已是主办单位，不能同时列为协办单位"
        );
        let r =
            NewRule { co_units: vec![UnitId::new(999)], ..w.new_rule("x", cats.clone(), forestry) };
        assert!(add(&mut w, r).is_err());
        w.org.set_unit_active(w.unit("县医保局"), false).unwrap();
        let r = w.new_rule("x", cats.clone(), Target::Unit(w.unit("县医保局")));
        assert_eq!(
            add(&mut w, r).unwrap_err().to_string(),
            "承办单位“县医保局”已停用，不能作为规则的承办单位"
        );
        let r = NewRule {
            co_units: vec![w.unit("县医保局")],
            ..w.new_rule("x", cats.clone(), forestry)
        };
        assert!(matches!(add(&mut w, r), Err(RoutingError::InactiveCoUnit { .. })));
        // Nothing was added, and a good rule gets the next id with repeats dropped.
        assert_eq!(w.rules.rules().len(), 19);
        let r = NewRule {
            co_units: vec![w.unit("县财政局"), w.unit("县财政局")],
            ..w.new_rule(
                " 新规则 ",
                Condition { purposes: vec![Purpose::Appeal, Purpose::Appeal], ..cats },
                forestry,
            )
        };
        let id = add(&mut w, r).unwrap();
        assert_eq!(id, RuleId::new(20));
        let rule = w.rules.rule(id).unwrap();
        assert_eq!(
            (rule.name(), rule.co_units().len(), rule.when().purposes.len()),
            ("新规则", 1, 1)
        );
        assert_eq!(w.rules.rules().last().unwrap().id(), id, "added last");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn update_and_remove() {
        let mut w = world();
        let id = w.rule("退耕还林归口县林业局");
        let pos = w.rules.rules().iter().position(|r| r.id() == id).unwrap();
        let r = w.new_rule("民政归口县民政局", Condition::any(), Target::Locality);
        assert!(matches!(
            w.rules.update_rule(id, r, &w.tree, &w.org),
            Err(RoutingError::DuplicateName { .. })
        ));
        let r = NewRule {
            disposal: Disposal::Assign,
            ..w.new_rule(
                "退耕还林交办县林业局",
                Condition::categories([w.cat("退耕还林")]),
                Target::Unit(w.unit("县林业局")),
            )
        };
        w.rules.update_rule(id, r, &w.tree, &w.org).unwrap();
        assert_eq!(w.rules.rules()[pos].id(), id, "keeps its place");
        assert_eq!(w.route("退耕还林", Purpose::Request, None).unwrap().disposal, Disposal::Assign);

        let removed = w.rules.remove(id).unwrap();
        assert_eq!(removed.name(), "退耕还林交办县林业局");
        assert_eq!(w.rules.rules().len(), 18);
        assert_eq!(
            w.rules.remove(id).unwrap_err().to_string(),
            format!("找不到编号为{id}的分办规则")
        );
        assert_eq!(
            w.route("退耕还林", Purpose::Request, None).unwrap().lead,
            w.unit("县农业农村局")
        );
        let again = w.new_rule("退耕还林归口县林业局", Condition::any(), Target::Locality);
        let new_id = w.rules.add_rule(again, &w.tree, &w.org).unwrap();
        assert!(new_id > id, "ids are not reused");
        assert!(w.rules.set_active(id, true).is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip() {
        let mut w = world();
        w.rules.set_active(w.rule("民政归口县民政局"), false).unwrap();
        w.rules.set_fallback_disposal(Disposal::Assign);
        let json = serde_json::to_string(&w.rules).unwrap();
        let back: RoutingRules = serde_json::from_str(&json).unwrap();
        assert_eq!(back, w.rules);
        back.check_references(&w.tree, &w.org).unwrap();
        assert!(back.check_references(&w.tree, &Organisation::new("空")).is_err());

        let p = w.route("土地承包", Purpose::Request, Some("河口乡")).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<RoutingProposal>(&json).unwrap(), p);
        let input = w.input("土地承包", Purpose::Request, Some("河口乡"));
        let json = serde_json::to_string(&input).unwrap();
        assert_eq!(serde_json::from_str::<RoutingInput>(&json).unwrap(), input);

        let dup = r#"{"rules":[
            {"id":1,"name":"甲","when":{},"target":"locality","disposal":"transfer","co_units":[],"active":true},
            {"id":1,"name":"乙","when":{},"target":"locality","disposal":"transfer","co_units":[],"active":true}],
            "next_id":2}"#;
        let err = serde_json::from_str::<RoutingRules>(dup).unwrap_err();
        assert!(err.to_string().contains("分办规则数据已损坏"), "{err}");
        let ok = r#"{"rules":[{"id":1,"name":"甲","when":{},"target":{"unit":5},"disposal":"direct","co_units":[],"active":true}],"next_id":2}"#;
        let rules: RoutingRules = serde_json::from_str(ok).unwrap();
        assert_eq!(rules.rules()[0].target(), Target::Unit(UnitId::new(5)));
        assert_eq!(rules.fallback_disposal(), Disposal::Transfer);
    }
}
