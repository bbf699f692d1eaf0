//! The shape of one sheet read as text: where its header is (one row, or
//! two when a merged group title such as 办理情况 stands above the real
//! headers 受理时间 | 答复时间 | 办理结果), and which year the sheet states
//! (in its name, `2025年1月`, `2025.1`, or else in a title row above the
//! header, `安和县信访局2025年信访事项登记台账`).

use xinfang_core::import::Mapping;

/// Where a sheet's header is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Header {
    /// The first header row (0-based): the group titles' row of a two-row
    /// header, else the header row.
    pub top: usize,
    /// The last header row (0-based): the data starts below it.
    pub last: usize,
    /// One header per column: the lower row's cell where it is not empty,
    /// else the upper's.
    pub cells: Vec<String>,
    /// How many columns the core recognises.
    pub recognised: usize,
}

fn recognised(row: &[String]) -> usize {
    Mapping::recognise(row).recognised()
}

/// The two header rows as one: per column the lower cell when it is not
/// empty, else the upper (a merged title is stored in its first cell
/// only, so the other columns it spans are empty above).
fn combine(upper: &[String], lower: &[String]) -> Vec<String> {
    (0..upper.len().max(lower.len()))
        .map(|c| match lower.get(c) {
            Some(l) if !l.trim().is_empty() => l.clone(),
            _ => upper.get(c).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The header among the first `search` rows: the row that names the most
/// importable columns (the first of equals), combined with the row below
/// or above it when the two together name more (a header over two rows).
/// `None` when no row names one.
pub(super) fn find_header(grid: &[Vec<String>], search: usize) -> Option<Header> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.iter().enumerate().take(search) {
        let n = recognised(row);
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((i, n));
        }
    }
    let (at, n) = best?;
    let mut header = Header { top: at, last: at, cells: grid[at].clone(), recognised: n };
    let pairs = [(Some(at), at + 1), (at.checked_sub(1), at)];
    for (upper, lower) in pairs {
        let (Some(upper), Some(low)) = (upper, grid.get(lower)) else { continue };
        let cells = combine(&grid[upper], low);
        let m = recognised(&cells);
        if m > header.recognised {
            header = Header { top: upper, last: lower, cells, recognised: m };
        }
    }
    Some(header)
}

/// The years written in a text as a run of exactly four digits (ASCII or
/// full-width) from 1990 to 2100, each with whether `年` follows it.
fn years(text: &str) -> Vec<(i32, bool)> {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| digit(**c).is_some()).count();
        if run == 4 {
            let y = chars[i..i + 4].iter().filter_map(|c| digit(*c)).fold(0, |y, d| y * 10 + d);
            let y = i32::try_from(y).unwrap_or(0);
            if (1990..=2100).contains(&y) {
                found.push((y, chars.get(i + 4) == Some(&'年')));
            }
        }
        i += run.max(1);
    }
    found
}

/// The one year among `found`; none when there is none or several differ.
fn one(found: impl IntoIterator<Item = i32>) -> Option<i32> {
    let mut found = found.into_iter();
    let first = found.next()?;
    found.all(|y| y == first).then_some(first)
}

/// The year a sheet's name states (`2025年1月`, `2025.1`, `2025-01`,
/// `2025`); none for `1月` or a name with two different years.
pub(super) fn year_of_name(name: &str) -> Option<i32> {
    one(years(name).into_iter().map(|(y, _)| y))
}

/// The year title rows state, written as `2025年` (a bare number in a
/// title may be anything); none when they state two different years.
pub(super) fn year_of_titles(rows: &[Vec<String>]) -> Option<i32> {
    one(rows.iter().flatten().flat_map(|c| years(c)).filter(|(_, nian)| *nian).map(|(y, _)| y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_header_over_two_rows_is_combined_and_a_title_row_is_not() {
        let grid = vec![
            row(&["安和县信访局2025年信访事项登记台账"]),
            row(&[]),
            row(&["序号", "登记日期", "信访人", "反映问题", "办理情况", "", "", "备注"]),
            row(&["", "", "", "", "受理时间", "答复时间", "办理结果", ""]),
            row(&["1", "2025-03-16", "张某", "欠薪", "2025-03-17", "2025-04-01", "予以支持", ""]),
        ];
        let h = find_header(&grid, 10).unwrap();
        assert_eq!((h.top, h.last), (2, 3));
        assert_eq!(
            h.cells,
            row(&[
                "序号",
                "登记日期",
                "信访人",
                "反映问题",
                "受理时间",
                "答复时间",
                "办理结果",
                "备注"
            ])
        );
        // The lower row alone names fewer; it is found from above too.
        let lower_first = vec![grid[2].clone(), grid[3].clone(), grid[4].clone()];
        assert_eq!(find_header(&lower_first, 10).unwrap().cells, h.cells);
        // One header row: the data row below is never taken into it.
        let one = vec![grid[0].clone(), grid[2].clone(), grid[4].clone()];
        let h = find_header(&one, 10).unwrap();
        assert_eq!((h.top, h.last), (1, 1));
        assert_eq!(find_header(&[row(&["甲", "乙"])], 10), None);
    }

    #[test]
    fn years_come_from_four_digits_in_range() {
        assert_eq!(year_of_name("2025年1月"), Some(2025));
        assert_eq!(year_of_name("2025.1"), Some(2025));
        assert_eq!(year_of_name("２０２４年第一季度"), Some(2024));
        assert_eq!(year_of_name("1月"), None);
        assert_eq!(year_of_name("20250101"), None, "eight digits are no year");
        assert_eq!(year_of_name("2024-2025"), None, "two years: neither");
        assert_eq!(year_of_name("1989"), None);
        assert_eq!(year_of_name("Sheet1"), None);
        let titles = [row(&["安和县信访局2025年信访事项登记台账"]), row(&["填报：2024-12-30"])];
        assert_eq!(year_of_titles(&titles), Some(2025), "only a year written with 年");
        assert_eq!(year_of_titles(&[row(&["二〇二五年信访台账"])]), None);
        assert_eq!(year_of_titles(&[row(&["2024年12月至2025年2月"])]), None);
    }
}
