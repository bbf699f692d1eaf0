//! The 五定 of an assignment (交办): unit, leader in charge, handler,
//! deadline and quality standard. An [`Assignment`] exists only when all
//! five are fixed; a [`FiveFixes`] draft says which are missing.

use crate::ids::{PersonId, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the five fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// 定责任单位.
    Unit,
    /// 定包案领导.
    Leader,
    /// 定办案责任人.
    Handler,
    /// 定办结时限.
    Deadline,
    /// 定办案质量.
    Standard,
}

impl Fix {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Fix::Unit => "责任单位",
            Fix::Leader => "包案领导",
            Fix::Handler => "办案责任人",
            Fix::Deadline => "办结时限",
            Fix::Standard => "办案质量要求",
        }
    }
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A draft of the five fixes, as a form fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiveFixes {
    /// 责任单位.
    pub unit: Option<UnitId>,
    /// 包案领导.
    pub leader: Option<PersonId>,
    /// 办案责任人.
    pub handler: Option<PersonId>,
    /// 办结时限.
    pub deadline: Option<NaiveDate>,
    /// 办案质量要求 (blank counts as missing).
    pub standard: String,
}

impl FiveFixes {
    /// The fixes still missing, in the order of the 五定.
    pub fn missing(&self) -> Vec<Fix> {
        let mut out = Vec::new();
        if self.unit.is_none() {
            out.push(Fix::Unit);
        }
        if self.leader.is_none() {
            out.push(Fix::Leader);
        }
        if self.handler.is_none() {
            out.push(Fix::Handler);
        }
        if self.deadline.is_none() {
            out.push(Fix::Deadline);
        }
        if self.standard.trim().is_empty() {
            out.push(Fix::Standard);
        }
        out
    }

    /// The complete assignment, or the list of what is missing.
    ///
    /// ```
    /// use xinfang_core::assignment::{FiveFixes, Fix};
    /// use xinfang_core::{PersonId, UnitId};
    /// let mut draft = FiveFixes { unit: Some(UnitId::new(3)), ..FiveFixes::default() };
    /// assert_eq!(draft.clone().complete().unwrap_err(),
    ///            vec![Fix::Leader, Fix::Handler, Fix::Deadline, Fix::Standard]);
    /// draft.leader = Some(PersonId::new(1));
    /// draft.handler = Some(PersonId::new(2));
    /// draft.deadline = chrono::NaiveDate::from_ymd_opt(2025, 3, 31);
    /// draft.standard = "查清事实，依法答复，群众满意".into();
    /// assert!(draft.complete().is_ok());
    /// ```
    pub fn complete(self) -> Result<Assignment, Vec<Fix>> {
        match (self.unit, self.leader, self.handler, self.deadline) {
            (Some(unit), Some(leader), Some(handler), Some(deadline))
                if !self.standard.trim().is_empty() =>
            {
                Ok(Assignment {
                    unit,
                    leader,
                    handler,
                    deadline,
                    standard: self.standard.trim().to_string(),
                })
            }
            _ => Err(self.missing()),
        }
    }
}

/// A complete assignment: all five fixes are set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FiveFixes", into = "FiveFixes")]
pub struct Assignment {
    unit: UnitId,
    leader: PersonId,
    handler: PersonId,
    deadline: NaiveDate,
    standard: String,
}

impl crate::limits::Texts for Assignment {
    fn texts(&self, each: &mut dyn FnMut(crate::limits::Limit, &str)) {
        let Assignment { unit: _, leader: _, handler: _, deadline: _, standard } = self;
        each(crate::limits::STANDARD, standard);
    }
}

impl Assignment {
    /// 责任单位.
    pub fn unit(&self) -> UnitId {
        self.unit
    }
    /// 包案领导.
    pub fn leader(&self) -> PersonId {
        self.leader
    }
    /// 办案责任人.
    pub fn handler(&self) -> PersonId {
        self.handler
    }
    /// 办结时限: the date the handling unit must report by.
    pub fn deadline(&self) -> NaiveDate {
        self.deadline
    }
    /// 办案质量要求.
    pub fn standard(&self) -> &str {
        &self.standard
    }
}

impl TryFrom<FiveFixes> for Assignment {
    type Error = String;
    fn try_from(f: FiveFixes) -> Result<Self, Self::Error> {
        f.complete().map_err(|missing| {
            let names: Vec<&str> = missing.iter().map(|m| m.label()).collect();
            format!("交办“五定”不全，缺：{}", names.join("、"))
        })
    }
}

impl From<Assignment> for FiveFixes {
    fn from(a: Assignment) -> FiveFixes {
        FiveFixes {
            unit: Some(a.unit),
            leader: Some(a.leader),
            handler: Some(a.handler),
            deadline: Some(a.deadline),
            standard: a.standard,
        }
    }
}
