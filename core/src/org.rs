//! The organisation: the petition office, the townships and county
//! departments that handle cases, the bodies above that hear 复查 and 复核,
//! and the people of each unit (leaders, case handlers, clerks).
//!
//! Units and people are never deleted (old cases keep pointing at them);
//! they are deactivated instead, and lists meant for choosing (such as
//! [`Organisation::townships`]) offer active ones only.

use crate::ids::{PersonId, UnitId};
use crate::limits;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 信访局/信访办: registers, routes and supervises.
    PetitionOffice,
    /// 乡镇/街道: handles matters arising in its area (属地管理).
    Township,
    /// 县直部门: handles matters within its remit (归口办理).
    Department,
    /// A body above (县人民政府, 市信访局, 市人民政府…), hearing 复查 and 复核.
    Higher,
}

impl UnitKind {
    /// Every kind, in display order.
    pub const ALL: [UnitKind; 4] =
        [UnitKind::PetitionOffice, UnitKind::Township, UnitKind::Department, UnitKind::Higher];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::PetitionOffice => "信访部门",
            UnitKind::Township => "乡镇（街道）",
            UnitKind::Department => "县直部门",
            UnitKind::Higher => "上级机关",
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a person does in casework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 包案领导/分管领导: the leader in charge of a case.
    Leader,
    /// 办案责任人: the person who handles the case.
    Handler,
    /// 信访干部: petition-office staff who register and route.
    Clerk,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 3] = [Role::Leader, Role::Handler, Role::Clerk];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Leader => "包案领导",
            Role::Handler => "办案责任人",
            Role::Clerk => "信访干部",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A unit of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    id: UnitId,
    name: String,
    kind: UnitKind,
    parent: Option<UnitId>,
    active: bool,
}

impl Unit {
    /// The unit's id.
    pub fn id(&self) -> UnitId {
        self.id
    }

    /// The unit's name, e.g. `县林业局`, unique in the organisation.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What kind of body it is.
    pub fn kind(&self) -> UnitKind {
        self.kind
    }

    /// The body one level up, which hears 复查 of this unit's replies.
    pub fn parent(&self) -> Option<UnitId> {
        self.parent
    }

    /// Whether the unit is active (offered for new cases).
    pub fn is_active(&self) -> bool {
        self.active
    }
}

/// A person of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    id: PersonId,
    name: String,
    unit: UnitId,
    role: Role,
    title: String,
    active: bool,
}

impl Person {
    /// The person's id.
    pub fn id(&self) -> PersonId {
        self.id
    }

    /// The person's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The unit the person belongs to.
    pub fn unit(&self) -> UnitId {
        self.unit
    }

    /// The person's role in casework.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The job title, e.g. `党委副书记` or `信访专干` (may be empty).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether the person is active (offered for new assignments).
    pub fn is_active(&self) -> bool {
        self.active
    }
}

/// Why an edit of the organisation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OrgError {
    /// A unit's name was empty.
    #[error("单位名称不能为空")]
    EmptyUnitName,
    /// A person's name was empty.
    #[error("人员姓名不能为空")]
    EmptyPersonName,
    /// A name or title longer than its limit ([`crate::limits`]).
    #[error(transparent)]
    TooLong(#[from] crate::error::InputError),
    /// Another unit already has this name.
    #[error("已有名为“{name}”的单位")]
    DuplicateUnit {
        /// The name given.
        name: String,
    },
    /// Another person of the same unit already has this name.
    #[error("“{unit}”已有名为“{name}”的人员")]
    DuplicatePerson {
        /// The name given.
        name: String,
        /// The unit's name.
        unit: String,
    },
    /// No unit has this id (as a person's unit, a parent, or the unit edited).
    #[error("找不到编号为{id}的单位")]
    UnknownUnit {
        /// The id given.
        id: UnitId,
    },
    /// No person has this id.
    #[error("找不到编号为{id}的人员")]
    UnknownPerson {
        /// The id given.
        id: PersonId,
    },
    /// The unit chosen to hold a new unit or person is deactivated.
    #[error("单位“{name}”已停用，不能在其下新增单位或人员")]
    InactiveUnit {
        /// The unit's name.
        name: String,
    },
    /// The chosen parent lies below the unit itself.
    #[error("不能将“{parent}”设为“{unit}”的上级单位：会形成循环隶属")]
    Cycle {
        /// The unit being edited.
        unit: String,
        /// The parent chosen.
        parent: String,
    },
    /// Stored data does not describe a valid organisation.
    #[error("组织机构数据已损坏：{why}")]
    Corrupt {
        /// What is wrong.
        why: String,
    },
}

/// The organisation: units and people, with id counters (ids are never reused).
///
/// ```
/// use xinfang_core::{Organisation, UnitKind};
/// let org = Organisation::sample_county();
/// let forestry = org.find_unit("县林业局").unwrap();
/// assert_eq!(forestry.kind(), UnitKind::Department);
/// let review = org.review_body(forestry.id()).unwrap();
/// assert_eq!(org.unit(review).unwrap().name(), "县人民政府");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OrganisationData")]
pub struct Organisation {
    name: String,
    /// In id order.
    units: Vec<Unit>,
    /// In id order.
    people: Vec<Person>,
    next_unit: UnitId,
    next_person: PersonId,
}

/// The stored shape of an [`Organisation`], validated on load.
#[derive(Deserialize)]
struct OrganisationData {
    name: String,
    units: Vec<Unit>,
    people: Vec<Person>,
    next_unit: UnitId,
    next_person: PersonId,
}

impl TryFrom<OrganisationData> for Organisation {
    type Error = OrgError;

    fn try_from(d: OrganisationData) -> Result<Self, Self::Error> {
        let corrupt = |why: String| OrgError::Corrupt { why };
        let mut org = Organisation::new(&d.name);
        org.next_unit = d.next_unit;
        org.next_person = d.next_person;
        // Units first without parents (a parent may have been set to a later
        // unit by `set_parent`), then the parents, checked for cycles.
        for u in &d.units {
            if org.units.last().is_some_and(|l| l.id >= u.id) || u.id >= d.next_unit {
                return Err(corrupt(format!("单位编号{}重复、顺序错乱或超出计数器", u.id)));
            }
            let name = org.check_unit_name(&u.name, None)?;
            org.units.push(Unit { name, parent: None, ..u.clone() });
        }
        for u in &d.units {
            if let Some(p) = u.parent {
                org.set_parent(u.id, Some(p)).map_err(|e| corrupt(e.to_string()))?;
            }
        }
        for p in d.people {
            if org.people.last().is_some_and(|l| l.id >= p.id) || p.id >= d.next_person {
                return Err(corrupt(format!("人员编号{}重复、顺序错乱或超出计数器", p.id)));
            }
            let name = org.check_person_name(&p.name, p.unit, None)?;
            org.people.push(Person { name, ..p });
        }
        Ok(org)
    }
}

impl Organisation {
    /// An organisation with no unit, named e.g. `安和县`.
    pub fn new(name: &str) -> Self {
        Organisation {
            name: name.trim().to_string(),
            units: Vec::new(),
            people: Vec::new(),
            next_unit: UnitId::new(1),
            next_person: PersonId::new(1),
        }
    }

    /// The organisation's name, e.g. `安和县`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the organisation (free text).
    pub fn set_name(&mut self, name: &str) {
        self.name = name.trim().to_string();
    }

    /// Adds a unit and returns its new id. The name is trimmed and must be
    /// non-empty and unique among all units; the parent, when given, must
    /// exist and be active.
    pub fn add_unit(
        &mut self,
        name: &str,
        kind: UnitKind,
        parent: Option<UnitId>,
    ) -> Result<UnitId, OrgError> {
        if let Some(p) = parent {
            self.require_active_unit(p)?;
        }
        let name = self.check_unit_name(name, None)?;
        let id = self.next_unit;
        self.units.push(Unit { id, name, kind, parent, active: true });
        self.next_unit = id.next();
        Ok(id)
    }

    /// Adds a person to an active unit and returns the new id. The name is
    /// trimmed, must be non-empty and unique within the unit.
    pub fn add_person(
        &mut self,
        name: &str,
        unit: UnitId,
        role: Role,
        title: &str,
    ) -> Result<PersonId, OrgError> {
        self.require_active_unit(unit)?;
        let name = self.check_person_name(name, unit, None)?;
        limits::PERSON_TITLE.check(title.trim())?;
        let id = self.next_person;
        self.people.push(Person {
            id,
            name,
            unit,
            role,
            title: title.trim().to_string(),
            active: true,
        });
        self.next_person = id.next();
        Ok(id)
    }

    /// Renames a unit (same rules as [`add_unit`](Self::add_unit)).
    pub fn rename_unit(&mut self, id: UnitId, name: &str) -> Result<(), OrgError> {
        self.require_unit(id)?;
        let name = self.check_unit_name(name, Some(id))?;
        self.unit_mut(id)?.name = name;
        Ok(())
    }

    /// Activates or deactivates a unit. Its people and the units below it
    /// are left as they are.
    pub fn set_unit_active(&mut self, id: UnitId, active: bool) -> Result<(), OrgError> {
        self.unit_mut(id)?.active = active;
        Ok(())
    }

    /// Changes the body one level up (the 复查 body). The parent must exist
    /// and must not lie below the unit itself.
    pub fn set_parent(&mut self, id: UnitId, parent: Option<UnitId>) -> Result<(), OrgError> {
        let unit = self.require_unit(id)?;
        if let Some(p) = parent {
            let pu = self.require_unit(p)?;
            if self.chain_up(p).any(|u| u.id == id) {
                return Err(OrgError::Cycle { unit: unit.name.clone(), parent: pu.name.clone() });
            }
        }
        self.unit_mut(id)?.parent = parent;
        Ok(())
    }

    /// Renames a person (same rules as [`add_person`](Self::add_person)).
    pub fn rename_person(&mut self, id: PersonId, name: &str) -> Result<(), OrgError> {
        let unit = self.require_person(id)?.unit;
        let name = self.check_person_name(name, unit, Some(id))?;
        self.person_mut(id)?.name = name;
        Ok(())
    }

    /// Changes a person's job title.
    pub fn set_person_title(&mut self, id: PersonId, title: &str) -> Result<(), OrgError> {
        limits::PERSON_TITLE.check(title.trim())?;
        self.person_mut(id)?.title = title.trim().to_string();
        Ok(())
    }

    /// Changes a person's role.
    pub fn set_person_role(&mut self, id: PersonId, role: Role) -> Result<(), OrgError> {
        self.person_mut(id)?.role = role;
        Ok(())
    }

    /// Activates or deactivates a person (e.g. on transfer or retirement).
    pub fn set_person_active(&mut self, id: PersonId, active: bool) -> Result<(), OrgError> {
        self.person_mut(id)?.active = active;
        Ok(())
    }

    /// The unit with this id, active or not.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.binary_search_by_key(&id, |u| u.id).ok().map(|i| &self.units[i])
    }

    /// The person with this id, active or not.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.binary_search_by_key(&id, |p| p.id).ok().map(|i| &self.people[i])
    }

    /// The unit named exactly `name` (trimmed), active or not.
    pub fn find_unit(&self, name: &str) -> Option<&Unit> {
        let name = name.trim();
        self.units.iter().find(|u| u.name == name)
    }

    /// A unit's name, or `未知单位U9` for an unknown id (so old records
    /// still display).
    pub fn unit_name(&self, id: UnitId) -> String {
        self.unit(id).map_or_else(|| format!("未知单位{id}"), |u| u.name.clone())
    }

    /// A person's name, or `未知人员P9` for an unknown id (so old records
    /// still display).
    pub fn person_name(&self, id: PersonId) -> String {
        self.person(id).map_or_else(|| format!("未知人员{id}"), |p| p.name.clone())
    }

    /// Every unit, active or not, in creation order.
    pub fn units(&self) -> impl Iterator<Item = &Unit> + '_ {
        self.units.iter()
    }

    /// Every person, active or not, in creation order.
    pub fn people(&self) -> impl Iterator<Item = &Person> + '_ {
        self.people.iter()
    }

    /// The active units of one kind, in creation order.
    pub fn units_of_kind(&self, kind: UnitKind) -> impl Iterator<Item = &Unit> + '_ {
        self.units.iter().filter(move |u| u.kind == kind && u.active)
    }

    /// The active townships and streets (乡镇/街道), in creation order.
    pub fn townships(&self) -> impl Iterator<Item = &Unit> + '_ {
        self.units_of_kind(UnitKind::Township)
    }

    /// The active people of a unit with a role, in creation order.
    pub fn people_of(&self, unit: UnitId, role: Role) -> impl Iterator<Item = &Person> + '_ {
        self.people.iter().filter(move |p| p.unit == unit && p.role == role && p.active)
    }

    /// The body one level up from `unit`, which hears 复查 of its replies;
    /// applied to that body it gives the 复核 body. `None` at the top or
    /// for an unknown unit.
    pub fn review_body(&self, unit: UnitId) -> Option<UnitId> {
        self.unit(unit)?.parent
    }

    /// The (first active) petition office (信访局/信访办).
    pub fn petition_office(&self) -> Option<UnitId> {
        self.units_of_kind(UnitKind::PetitionOffice).next().map(|u| u.id)
    }

    /// A realistic fictional county, 安和县: the county petition office, the
    /// bodies above it, 12 townships and streets and 20 county departments,
    /// each handling unit with a leader and one or two handlers. All names
    /// of people are invented.
    pub fn sample_county() -> Self {
        let mut org = Organisation::new("安和县");
        let unit = |org: &mut Self, name: &str, kind, parent| {
            org.add_unit(name, kind, parent).expect("sample unit names are distinct")
        };
        let city_gov = unit(&mut org, "市人民政府", UnitKind::Higher, None);
        unit(&mut org, "市信访局", UnitKind::Higher, Some(city_gov));
        let county_gov = unit(&mut org, "县人民政府", UnitKind::Higher, Some(city_gov));
        let office = unit(&mut org, "县信访局", UnitKind::PetitionOffice, Some(county_gov));
        let person = |org: &mut Self, name: &str, unit, role, title: &str| {
            org.add_person(name, unit, role, title).expect("sample people are distinct");
        };
        person(&mut org, "于振华", county_gov, Role::Leader, "副县长（分管信访）");
        person(&mut org, "毕建华", office, Role::Leader, "局长");
        person(&mut org, "郝文军", office, Role::Leader, "副局长");
        person(&mut org, "邬晓红", office, Role::Clerk, "接访科科长");
        person(&mut org, "安静", office, Role::Clerk, "办信科科员");
        person(&mut org, "常乐", office, Role::Clerk, "督查科科员");

        for (name, leader, title, handlers) in SAMPLE_TOWNSHIPS {
            let u = unit(&mut org, name, UnitKind::Township, Some(county_gov));
            person(&mut org, leader, u, Role::Leader, title);
            for h in handlers {
                person(&mut org, h, u, Role::Handler, "信访专干");
            }
        }
        for (name, leader, title, handler) in SAMPLE_DEPARTMENTS {
            let u = unit(&mut org, name, UnitKind::Department, Some(county_gov));
            person(&mut org, leader, u, Role::Leader, title);
            person(&mut org, handler, u, Role::Handler, "信访联络员");
        }
        org
    }

    fn require_unit(&self, id: UnitId) -> Result<&Unit, OrgError> {
        self.unit(id).ok_or(OrgError::UnknownUnit { id })
    }

    fn require_active_unit(&self, id: UnitId) -> Result<&Unit, OrgError> {
        let u = self.require_unit(id)?;
        if !u.active {
            return Err(OrgError::InactiveUnit { name: u.name.clone() });
        }
        Ok(u)
    }

    fn require_person(&self, id: PersonId) -> Result<&Person, OrgError> {
        self.person(id).ok_or(OrgError::UnknownPerson { id })
    }

    fn unit_mut(&mut self, id: UnitId) -> Result<&mut Unit, OrgError> {
        match self.units.binary_search_by_key(&id, |u| u.id) {
            Ok(i) => Ok(&mut self.units[i]),
            Err(_) => Err(OrgError::UnknownUnit { id }),
        }
    }

    fn person_mut(&mut self, id: PersonId) -> Result<&mut Person, OrgError> {
        match self.people.binary_search_by_key(&id, |p| p.id) {
            Ok(i) => Ok(&mut self.people[i]),
            Err(_) => Err(OrgError::UnknownPerson { id }),
        }
    }

    /// `id` and the units above it. Stops at a repeat, so it ends even on
    /// data being checked for cycles.
    fn chain_up(&self, id: UnitId) -> impl Iterator<Item = &Unit> + '_ {
        let mut seen = Vec::new();
        std::iter::successors(self.unit(id), move |u| {
            seen.push(u.id);
            u.parent.and_then(|p| self.unit(p)).filter(|p| !seen.contains(&p.id))
        })
    }

    fn check_unit_name(&self, name: &str, except: Option<UnitId>) -> Result<String, OrgError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(OrgError::EmptyUnitName);
        }
        limits::UNIT_NAME.check(name)?;
        if self.units.iter().any(|u| u.name == name && Some(u.id) != except) {
            return Err(OrgError::DuplicateUnit { name: name.to_string() });
        }
        Ok(name.to_string())
    }

    fn check_person_name(
        &self,
        name: &str,
        unit: UnitId,
        except: Option<PersonId>,
    ) -> Result<String, OrgError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(OrgError::EmptyPersonName);
        }
        limits::PERSON_NAME.check(name)?;
        let u = self.require_unit(unit)?;
        if self.people.iter().any(|p| p.unit == unit && p.name == name && Some(p.id) != except) {
            return Err(OrgError::DuplicatePerson { name: name.to_string(), unit: u.name.clone() });
        }
        Ok(name.to_string())
    }
}

/// The sample townships: name, leader, leader's title, handlers (信访专干).
const SAMPLE_TOWNSHIPS: [(&str, &str, &str, &[&str]); 12] = [
    ("城关镇", "赵文斌", "党委副书记", &["孙丽娟", "周晓东"]),
    ("东城街道", "钱志刚", "党工委副书记", &["李静怡"]),
    ("西城街道", "吴海燕", "办事处副主任", &["郑凯", "王佳慧"]),
    ("河口乡", "冯德明", "副乡长", &["陈小川"]),
    ("柳林镇", "褚国华", "党委副书记", &["卫红梅", "蒋立新"]),
    ("石桥镇", "沈长青", "副镇长", &["韩雪"]),
    ("杨庄乡", "杨树林", "党委副书记", &["朱明亮"]),
    ("马集镇", "秦志远", "副镇长", &["尤佳", "许文涛"]),
    ("清水镇", "何建平", "党委副书记", &["吕春燕"]),
    ("白沙乡", "施国强", "副乡长", &["张晓丽", "孔令军"]),
    ("龙泉镇", "曹振华", "党委副书记", &["严晓峰"]),
    ("高桥乡", "华玉兰", "副乡长", &["金涛"]),
];

/// The sample county departments: name, leader, leader's title, handler.
const SAMPLE_DEPARTMENTS: [(&str, &str, &str, &str); 20] = [
    ("县纪委监委", "邹正清", "副书记、副主任", "喻卫东"),
    ("县委组织部", "柏晓光", "副部长", "水志红"),
    ("县委政法委", "窦永刚", "副书记", "章立华"),
    ("县公安局", "云海涛", "副局长", "苏建军"),
    ("县司法局", "潘玉梅", "副局长", "葛文静"),
    ("县财政局", "奚国庆", "副局长", "范春雨"),
    ("县人社局", "彭建华", "副局长", "郎晓梅"),
    ("县自然资源局", "鲁志强", "副局长", "韦振宇"),
    ("县住建局", "昌明辉", "副局长", "马丽萍"),
    ("县农业农村局", "苗春生", "副局长", "凤学军"),
    ("县林业局", "花永林", "副局长", "方小勇"),
    ("县教育局", "俞秀英", "副局长", "任国栋"),
    ("县卫健局", "袁丽华", "副局长", "柳文博"),
    ("县民政局", "鲍红霞", "副局长", "史晓军"),
    ("县交通运输局", "唐志勇", "副局长", "费建新"),
    ("县生态环境局", "廉国伟", "副局长", "岑晓燕"),
    ("县退役军人事务局", "薛振国", "副局长", "雷鸣远"),
    ("县市场监管局", "贺春华", "副局长", "倪晓东"),
    ("县城市管理局", "汤建设", "副局长", "滕丽"),
    ("县医保局", "殷秀兰", "副局长", "罗明"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn uid(org: &Organisation, name: &str) -> UnitId {
        org.find_unit(name).unwrap_or_else(|| panic!("no unit {name}")).id()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sample_county_is_complete() {
        let org = Organisation::sample_county();
        assert_eq!(org.name(), "安和县");
        assert_eq!(org.townships().count(), 12);
        assert_eq!(org.units_of_kind(UnitKind::Department).count(), 20);
        let higher: Vec<&str> = org.units_of_kind(UnitKind::Higher).map(Unit::name).collect();
        assert_eq!(higher, ["市人民政府", "市信访局", "县人民政府"]);
        let office = org.petition_office().unwrap();
        assert_eq!(org.unit(office).unwrap().name(), "县信访局");
        assert_eq!(org.people_of(office, Role::Clerk).count(), 3);
        for u in org.townships().chain(org.units_of_kind(UnitKind::Department)) {
            assert_eq!(org.people_of(u.id(), Role::Leader).count(), 1, "{}", u.name());
            let handlers = org.people_of(u.id(), Role::Handler).count();
            assert!((1..=2).contains(&handlers), "{}", u.name());
            assert_eq!(org.unit(org.review_body(u.id()).unwrap()).unwrap().name(), "县人民政府");
        }
        for name in ["县林业局", "县人社局", "县自然资源局", "县住建局", "县纪委监委", "县委政法委"]
        {
            assert!(org.find_unit(name).is_some(), "{name}");
        }
        let p = org.people_of(uid(&org, "城关镇"), Role::Handler).next().unwrap();
        assert_eq!(p.title(), "信访专干");
        assert_eq!(org.person(p.id()).unwrap().unit(), uid(&org, "城关镇"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn review_and_re_review_bodies() {
        let org = Organisation::sample_county();
        let township = uid(&org, "河口乡");
        let review = org.review_body(township).unwrap();
        assert_eq!(org.unit_name(review), "县人民政府");
        let re_review = org.review_body(review).unwrap();
        assert_eq!(org.unit_name(re_review), "市人民政府");
        assert_eq!(org.review_body(re_review), None);
        assert_eq!(org.review_body(UnitId::new(999)), None);
        assert_eq!(org.unit_name(UnitId::new(999)), "未知单位U999");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn unit_validation() {
        let mut org = Organisation::sample_county();
        let gov = uid(&org, "县人民政府");
        assert_eq!(org.add_unit(" ", UnitKind::Township, Some(gov)), Err(OrgError::EmptyUnitName));
        let err = org.add_unit("城关镇", UnitKind::Township, Some(gov)).unwrap_err();
        assert_eq!(err.to_string(), "已有名为“城关镇”的单位");
        let err = org.add_unit("新区", UnitKind::Township, Some(UnitId::new(999))).unwrap_err();
        assert_eq!(err.to_string(), "找不到编号为U999的单位");
        let new = org.add_unit(" 开发区管委会 ", UnitKind::Township, Some(gov)).unwrap();
        assert_eq!(org.unit(new).unwrap().name(), "开发区管委会");
        assert!(org.rename_unit(new, "城关镇").is_err());
        org.rename_unit(new, "开发区").unwrap();
        org.rename_unit(new, "开发区").unwrap();
        assert!(org.rename_unit(UnitId::new(999), "x").is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn parents_cannot_form_a_cycle() {
        let mut org = Organisation::sample_county();
        let city = uid(&org, "市人民政府");
        let county = uid(&org, "县人民政府");
        let town = uid(&org, "城关镇");
        let err = org.set_parent(city, Some(town)).unwrap_err();
        assert_eq!(err.to_string(), "不能将“城关镇”设为“市人民政府”的上级单位：会形成循环隶属");
        assert!(matches!(org.set_parent(town, Some(town)), Err(OrgError::Cycle { .. })));
        assert!(org.set_parent(town, Some(UnitId::new(999))).is_err());
        // Departments may be reviewed by the city body directly.
        org.set_parent(town, Some(city)).unwrap();
        assert_eq!(org.review_body(town), Some(city));
        org.set_parent(town, Some(county)).unwrap();
        org.set_parent(town, None).unwrap();
        assert_eq!(org.review_body(town), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn person_validation_and_deactivation() {
        let mut org = Organisation::sample_county();
        let town = uid(&org, "河口乡");
        let err = org.add_person("王五", UnitId::new(999), Role::Handler, "").unwrap_err();
        assert_eq!(err, OrgError::UnknownUnit { id: UnitId::new(999) });
        assert_eq!(org.add_person("", town, Role::Handler, ""), Err(OrgError::EmptyPersonName));
        let err = org.add_person("陈小川", town, Role::Handler, "").unwrap_err();
        assert_eq!(err.to_string(), "“河口乡”已有名为“陈小川”的人员");
        // The same name in another unit is a different person.
        org.add_person("陈小川", uid(&org, "石桥镇"), Role::Handler, "信访专干").unwrap();
        let p = org.add_person("王五", town, Role::Handler, " 信访专干 ").unwrap();
        assert_eq!(org.person(p).unwrap().title(), "信访专干");
        assert_eq!(org.people_of(town, Role::Handler).count(), 2);
        org.set_person_active(p, false).unwrap();
        assert_eq!(org.people_of(town, Role::Handler).count(), 1);
        assert!(org.person(p).is_some(), "kept for old cases");
        org.set_person_role(p, Role::Leader).unwrap();
        org.set_person_title(p, "副乡长").unwrap();
        org.rename_person(p, "王武").unwrap();
        assert!(org.rename_person(p, "陈小川").is_err());
        let q = org.person(p).unwrap();
        assert_eq!((q.name(), q.role(), q.title()), ("王武", Role::Leader, "副乡长"));
        assert!(org.set_person_active(PersonId::new(9999), true).is_err());

        org.set_unit_active(town, false).unwrap();
        assert!(org.townships().all(|u| u.id() != town));
        assert_eq!(org.townships().count(), 11);
        let err = org.add_person("赵六", town, Role::Handler, "").unwrap_err();
        assert_eq!(err.to_string(), "单位“河口乡”已停用，不能在其下新增单位或人员");
        assert!(org.add_unit("河口村", UnitKind::Township, Some(town)).is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ids_are_monotonic() {
        let mut org = Organisation::new("测试县");
        let a = org.add_unit("甲", UnitKind::Higher, None).unwrap();
        assert_eq!(a, UnitId::new(1));
        assert!(org.add_unit("甲", UnitKind::Higher, None).is_err());
        let b = org.add_unit("乙", UnitKind::PetitionOffice, Some(a)).unwrap();
        assert_eq!(b, a.next());
        assert_eq!(org.petition_office(), Some(b));
        let p = org.add_person("张三", b, Role::Clerk, "").unwrap();
        let q = org.add_person("李四", b, Role::Clerk, "").unwrap();
        assert!(q > p);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip_and_validation() {
        let mut org = Organisation::sample_county();
        let town = uid(&org, "马集镇");
        org.set_unit_active(town, false).unwrap();
        // A parent set later to a unit created after.
        let late = org.add_unit("省人民政府", UnitKind::Higher, None).unwrap();
        org.set_parent(uid(&org, "市人民政府"), Some(late)).unwrap();
        let json = serde_json::to_string(&org).unwrap();
        let back: Organisation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, org);

        let cyclic = r#"{"name":"x","units":[
            {"id":1,"name":"甲","kind":"higher","parent":2,"active":true},
            {"id":2,"name":"乙","kind":"higher","parent":1,"active":true}],
            "people":[],"next_unit":3,"next_person":1}"#;
        let err = serde_json::from_str::<Organisation>(cyclic).unwrap_err();
        assert!(err.to_string().contains("循环"), "{err}");
        let orphan = r#"{"name":"x","units":[],"people":[
            {"id":1,"name":"张三","unit":5,"role":"clerk","title":"","active":true}],
            "next_unit":1,"next_person":2}"#;
        assert!(serde_json::from_str::<Organisation>(orphan).is_err());
        let reused = r#"{"name":"x","units":[
            {"id":1,"name":"甲","kind":"higher","parent":null,"active":true}],
            "people":[],"next_unit":1,"next_person":1}"#;
        assert!(serde_json::from_str::<Organisation>(reused).is_err());
    }
}
