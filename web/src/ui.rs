//! Parts several features share: case and people pickers, the period picker,
//! the case index and queries, form state and form models, downloads, the
//! provisional-deadline mark, the note of duties an indicator could not judge.
//! Nothing here imports a feature.

pub mod case_list_preset;
pub mod case_pick;
pub mod case_query;
pub mod download;
pub mod field;
pub mod people;
pub mod people_pick;
pub mod period_picker;
pub mod provisional;
pub mod sheet;
pub mod unjudged;
