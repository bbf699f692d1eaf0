//! Several sheets' columns under one header. The first sheet read gives
//! the header; a later sheet laid out the same (the same headers in the
//! same places, after normalising) is taken as it is. Otherwise each of
//! its columns goes where the same thing is: the column the core
//! recognises as the same field (登记日期 here, 来访日期 there), else the
//! column with the same header text; a header no earlier sheet has
//! becomes a further column, so no cell ever lands under another
//! column's header.

use std::collections::BTreeSet;
use xinfang_core::import::{Field, Mapping};

/// A header as compared: without spaces, a bracketed note (`身份证号（18
/// 位）`), `*` and `/` marks (as the core reads headers).
pub(super) fn key(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || matches!(c, '*' | '＊' | '/') => {}
            c => out.push(c),
        }
    }
    out
}

/// A header without its trailing blank cells, as compared.
fn keys(headers: &[String]) -> Vec<String> {
    let mut k: Vec<String> = headers.iter().map(|h| key(h)).collect();
    while k.last().is_some_and(String::is_empty) {
        k.pop();
    }
    k
}

/// The combined header, growing as sheets add columns.
#[derive(Debug, Clone)]
pub(super) struct Combined {
    /// The header of every column.
    pub headers: Vec<String>,
    /// The field the core recognises in each column (of the sheet it came
    /// from).
    fields: Vec<Option<Field>>,
    /// The first sheet's headers, as compared.
    first: Vec<String>,
    /// The first sheet's width, data beyond its header included: columns
    /// added go after it, never onto a cell of that sheet.
    reserved: usize,
}

/// How many columns a header and its data span.
fn width(headers: &[String], with_data: &BTreeSet<usize>) -> usize {
    headers.len().max(with_data.last().map_or(0, |c| c + 1))
}

impl Combined {
    /// The first sheet's header, given which of its columns hold data.
    pub(super) fn new(headers: Vec<String>, with_data: &BTreeSet<usize>) -> Combined {
        let fields = Mapping::recognise(&headers).columns;
        let first = keys(&headers);
        let reserved = width(&headers, with_data);
        Combined { headers, fields, first, reserved }
    }

    /// Adds a column after every column in use; its index.
    fn add(&mut self, header: String, field: Option<Field>) -> usize {
        if self.headers.len() < self.reserved {
            self.headers.resize(self.reserved, String::new());
            self.fields.resize(self.reserved, None);
        }
        self.headers.push(header);
        self.fields.push(field);
        self.headers.len() - 1
    }

    /// Where each column of a later sheet goes (by its index there), given
    /// its header and which of its columns hold any data; `None` for a
    /// column with neither header nor data. Adds the columns it needs.
    pub(super) fn place(
        &mut self,
        headers: &[String],
        with_data: &BTreeSet<usize>,
    ) -> Vec<Option<usize>> {
        let width = width(headers, with_data);
        let fields = Mapping::recognise(headers).columns;
        let mut taken = BTreeSet::new();
        let mut to = vec![None; width];
        if keys(headers) == self.first {
            // The same layout: column for column, but for data beyond the
            // header, which goes after the columns in use.
            for (c, slot) in to.iter_mut().enumerate() {
                if c < self.reserved {
                    *slot = Some(c);
                } else if with_data.contains(&c) {
                    *slot = Some(self.add(String::new(), None));
                }
            }
            return to;
        }
        // Fields first, so that a recognised column is never taken by text.
        for (c, field) in fields.iter().enumerate() {
            let Some(f) = field else { continue };
            if let Some(at) = self.fields.iter().position(|g| *g == Some(*f)) {
                if taken.insert(at) {
                    to[c] = Some(at);
                }
            }
        }
        for (c, slot) in to.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            let header = headers.get(c).cloned().unwrap_or_default();
            let k = key(&header);
            let same = (!k.is_empty())
                .then(|| {
                    (0..self.headers.len())
                        .find(|at| !taken.contains(at) && key(&self.headers[*at]) == k)
                })
                .flatten();
            let at = match same {
                Some(at) => at,
                None if k.is_empty() && !with_data.contains(&c) => continue,
                None => self.add(header, fields.get(c).copied().flatten()),
            };
            taken.insert(at);
            *slot = Some(at);
        }
        to
    }
}

/// A later sheet's row put in the combined columns.
pub(super) fn arrange(row: Vec<String>, to: &[Option<usize>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (c, cell) in row.into_iter().enumerate() {
        let Some(Some(at)) = to.get(c) else { continue };
        if cell.is_empty() {
            continue;
        }
        if out.len() <= *at {
            out.resize(at + 1, String::new());
        }
        out[*at] = cell;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_same_layout_is_taken_as_it_is() {
        let mut c = Combined::new(row(&["登记日期", "信访人", ""]), &BTreeSet::from([0, 3]));
        let to = c.place(&row(&["登记日期 ", "信访人（姓名）"]), &BTreeSet::from([3]));
        assert_eq!(to, vec![Some(0), Some(1), Some(2), Some(3)]);
        assert_eq!(c.headers.len(), 3);
        // Data beyond the first sheet's columns goes after them.
        let to = c.place(&row(&["登记日期", "信访人"]), &BTreeSet::from([5]));
        assert_eq!(to[3..], [Some(3), None, Some(4)]);
        assert_eq!(c.headers, row(&["登记日期", "信访人", "", "", ""]));
    }

    #[test]
    fn other_layouts_go_by_field_then_text_and_add_what_is_new() {
        let mut c = Combined::new(
            row(&["登记日期", "信访人", "反映问题", "备注", "备注"]),
            &BTreeSet::new(),
        );
        let headers = row(&["信访人", "来访日期", "身份证号", "备注", "", "", "问题"]);
        let to = c.place(&headers, &BTreeSet::from([0, 1, 4]));
        // 信访人 by field, 来访日期 as 登记日期 by field, 身份证号 new,
        // 备注 (Content) by field, a blank column with data new, a blank
        // one without data dropped, 问题 (unrecognised) new.
        assert_eq!(to, vec![Some(1), Some(0), Some(5), Some(3), Some(6), None, Some(7)]);
        assert_eq!(c.headers[5..], row(&["身份证号", "", "问题"]));
        let cells = arrange(row(&["张某", "2025-03-16", "", "x", "y", "", "q"]), &to);
        assert_eq!(cells, row(&["2025-03-16", "张某", "", "x", "", "", "y", "q"]));
        // A third sheet with 身份证号码 finds the column the second added.
        let to = c.place(&row(&["身份证号码", "登记日期"]), &BTreeSet::new());
        assert_eq!(to, vec![Some(5), Some(0)]);
    }
}
