//! Errors of input validation, shared by every module. Each message is
//! written for the clerk who typed the value.

use thiserror::Error;

/// A value typed by a person was not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InputError {
    /// An identity number failed GB 11643 validation.
    #[error("身份证号“{value}”无效：{why}")]
    IdNumber {
        /// What was typed.
        value: String,
        /// Which check failed.
        why: &'static str,
    },
    /// A phone number is neither a mobile nor a landline number.
    #[error("联系电话“{value}”无效：应为11位手机号或带区号的固定电话")]
    Phone {
        /// What was typed.
        value: String,
    },
    /// A required field was left empty.
    #[error("“{field}”不能为空")]
    Empty {
        /// The field's Chinese name.
        field: &'static str,
    },
    /// A number is outside its allowed range.
    #[error("“{field}”应在{min}到{max}之间，现为{value}")]
    OutOfRange {
        /// The field's Chinese name.
        field: &'static str,
        /// The value given.
        value: i64,
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// A text is longer than its field allows ([`crate::limits`]).
    #[error("{field}最多{max}字，现为{len}字")]
    TooLong {
        /// The field's Chinese name.
        field: &'static str,
        /// The most characters allowed.
        max: usize,
        /// The characters given.
        len: usize,
    },
}
