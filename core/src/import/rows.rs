//! What a ledger row is before it is read as a case: data, a blank row, a
//! total row (`合计`, a count of the rows above), a note row (one long text:
//! `注：本台账由…`, `制表人：…`), or a continuation line carrying on the
//! text of the row above (only text columns filled).

use super::{Field, Mapping};

/// What a row of the sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A case.
    Data,
    /// Nothing in it.
    Blank,
    /// A total (合计/总计/小计).
    Total,
    /// A note, a signature line or a title repeated below the data.
    Note,
    /// The text of the row above, carried on.
    Continuation,
}

impl RowKind {
    /// Why a row of this kind is not imported as a case, in Chinese.
    pub fn reason(self) -> &'static str {
        match self {
            RowKind::Data => "",
            RowKind::Blank => "空行",
            RowKind::Total => "合计行，不是信访件",
            RowKind::Note => "说明行：只有一段文字，不是信访件",
            RowKind::Continuation => "接续上一行的文字，已并入上一行",
        }
    }
}

/// The fields whose text may run over into the next row.
const TEXT_FIELDS: [Field; 5] =
    [Field::Summary, Field::Content, Field::Result, Field::Address, Field::Names];

const TOTAL_WORDS: [&str; 5] = ["合计", "总计", "小计", "共计", "累计"];
const NOTE_STARTS: [&str; 9] =
    ["注", "说明", "备注：", "填表人", "制表", "审核", "填报", "统计时间", "数据截至"];

/// What `cells` is, given the mapping; `previous_data` is whether a data
/// row came before it (only then can a row continue one).
pub fn classify(cells: &[String], mapping: &Mapping, previous_data: bool) -> RowKind {
    let filled: Vec<(usize, &str)> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.trim()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let Some(&(first_col, first)) = filled.first() else { return RowKind::Blank };
    let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // A total: its first filled cells say so, and it names no petitioner.
    let says_total = filled.iter().take(3).any(|(_, c)| {
        let c = squeezed(c);
        TOTAL_WORDS.iter().any(|w| c.starts_with(w)) && c.chars().count() <= 12
    });
    let names = mapping.column(Field::Names).and_then(|c| cells.get(c)).map_or("", |s| s.trim());
    let counts = names.chars().any(|c| c.is_ascii_digit());
    if says_total && (names.is_empty() || counts || TOTAL_WORDS.iter().any(|w| names.contains(w))) {
        return RowKind::Total;
    }
    if filled.len() == 1 {
        let field = mapping.columns.get(first_col).copied().flatten();
        let is_text = field.is_some_and(|f| TEXT_FIELDS.contains(&f));
        if NOTE_STARTS.iter().any(|w| first.starts_with(w)) || !is_text {
            return RowKind::Note;
        }
    }
    // A continuation: only text columns filled, no date, name or channel.
    let only_text = filled.iter().all(|(i, _)| {
        mapping.columns.get(*i).copied().flatten().is_some_and(|f| TEXT_FIELDS.contains(&f))
    });
    let has_key = [Field::ReceivedOn, Field::Channel, Field::Names].iter().any(|f| {
        mapping.column(*f).and_then(|c| cells.get(c)).is_some_and(|s| !s.trim().is_empty())
    });
    if previous_data && only_text && !has_key {
        return RowKind::Continuation;
    }
    RowKind::Data
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn mapping() -> (Mapping, Vec<String>) {
        let headers: Vec<String> =
            ["序号", "登记日期", "信访人", "信访形式", "反映问题", "问题类别", "备注"]
                .map(String::from)
                .to_vec();
        (Mapping::recognise(&headers), headers)
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn tells_totals_notes_and_continuations_from_cases() {
        let (m, _) = mapping();
        let data = row(&["1", "2025-03-16", "张三", "来信", "欠薪", "拖欠工资", ""]);
        assert_eq!(classify(&data, &m, false), RowKind::Data);
        assert_eq!(classify(&row(&["", "", "", ""]), &m, true), RowKind::Blank);
        assert_eq!(classify(&row(&["合计", "", "", "", "", "", ""]), &m, true), RowKind::Total);
        assert_eq!(
            classify(&row(&["合 计", "", "238件", "", "", "", ""]), &m, true),
            RowKind::Total
        );
        assert_eq!(
            classify(&row(&["注：本台账由县信访局办信科登记，数据截至2025年12月31日。"]), &m, true),
            RowKind::Note
        );
        assert_eq!(
            classify(&row(&["", "", "", "", "", "", "制表人：安静"]), &m, true),
            RowKind::Note
        );
        let more = row(&["", "", "", "", "另反映村干部态度粗暴。", "", ""]);
        assert_eq!(classify(&more, &m, true), RowKind::Continuation);
        assert_eq!(classify(&more, &m, false), RowKind::Data, "nothing above to continue");
        // A summary that merely mentions a total is a case.
        let case = row(&["3", "2025-03-18", "李四", "来访", "合计三个月工资未发", "拖欠工资", ""]);
        assert_eq!(classify(&case, &m, true), RowKind::Data);
    }
}
