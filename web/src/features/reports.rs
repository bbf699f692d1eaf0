//! 报表统计: indicators, ranking, charts, the quarterly briefing and the exports.

pub mod charts;
pub mod counts;
pub mod data;
pub mod document;
pub mod exports;
pub mod indicators;
pub mod page;
pub mod ranking;
pub mod svg;
