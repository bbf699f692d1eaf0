//! What the check of an import found: the problems grouped by kind and
//! column with their counts (`#import-errors`, `.import-group` with
//! `data-kind`, `data-column`, `data-count`; each `.import-error` opens to
//! the row's cells), or the preview (`#import-preview`): the summary
//! (`#import-summary`), the first rows as they will be imported, the rows
//! set aside with why (`#import-set-aside`) and those already recorded
//! (`#import-skipped`).

use xinfang_core::import::{grouped, Plan, ProblemKind, RowError, Table};
use xinfang_core::Settings;
use yew::prelude::*;

use crate::features::import::ledger_file::Loaded;
use crate::i18n::{tr, Lang};

/// How many rows the preview shows.
const PREVIEW_ROWS: usize = 20;
/// How many rows of one problem group are listed.
const GROUP_ROWS: usize = 50;

fn kind_key(k: ProblemKind) -> String {
    match k {
        ProblemKind::Unrecognised(f) => format!("unrecognised-{f:?}").to_lowercase(),
        k => format!("{k:?}").to_lowercase(),
    }
}

/// The cells of the row an error names, header by header.
fn row_cells(table: &Table, core_row: usize) -> Html {
    let Some(cells) = core_row.checked_sub(2).and_then(|i| table.rows.get(i)) else {
        return html! {};
    };
    html! {
        <dl class="import-row-cells">
            { for table.headers.iter().zip(cells).filter(|(_, c)| !c.trim().is_empty()).map(|(h, c)| html! {
                <><dt>{ h.clone() }</dt><dd>{ c.clone() }</dd></>
            }) }
        </dl>
    }
}

/// The problems, grouped.
pub fn errors_view(lang: Lang, loaded: &Loaded, errors: &[RowError]) -> Html {
    let groups = grouped(errors);
    html! {
        <section id="import-errors" class="import-errors" data-count={errors.len().to_string()}>
            <h2>{ match lang {
                Lang::ZhCn => format!("发现{}处问题，分{}类：有问题时不能导入，请改正文件或在上方选择对应后再试", errors.len(), groups.len()),
                Lang::En => format!("Found {} problems of {} kinds: nothing can be imported while any remains; correct the file or choose above", errors.len(), groups.len()),
            } }</h2>
            { for groups.iter().map(|(kind, column, list)| {
                let title = match (lang, column.is_empty()) {
                    (Lang::ZhCn, false) => format!("{}（{}）：{}处", kind.label(), column, list.len()),
                    (Lang::ZhCn, true) => format!("{}：{}处", kind.label(), list.len()),
                    (Lang::En, _) => format!("{} {}: {}", kind.label(), column, list.len()),
                };
                html! {
                    <details class="import-group" open={groups.len() <= 3}
                             data-kind={kind_key(*kind)} data-column={column.clone()} data-count={list.len().to_string()}>
                        <summary class="import-group-title">{ title }</summary>
                        <ul>
                        { for list.iter().take(GROUP_ROWS).map(|e| html! {
                            <li class="import-error" data-row={loaded.sheet_row(e.row).to_string()}
                                data-column={e.column.clone()}>
                                <details>
                                    <summary>
                                        <span class="import-error-place">{ loaded.place(e.row, lang) }</span>{ "：" }
                                        <span class="import-error-message">{ e.message.clone() }</span>
                                    </summary>
                                    { row_cells(&loaded.table, e.row) }
                                </details>
                            </li>
                        }) }
                        </ul>
                        if list.len() > GROUP_ROWS {
                            <p>{ match lang {
                                Lang::ZhCn => format!("（只列出前{GROUP_ROWS}处）"),
                                Lang::En => format!("(the first {GROUP_ROWS} are listed)"),
                            } }</p>
                        }
                    </details>
                }
            }) }
        </section>
    }
}

/// The summary line: rows read, to import, already there, set aside by
/// reason, values mapped.
fn summary(lang: Lang, loaded: &Loaded, plan: &Plan) -> String {
    let read = loaded.table.rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).count();
    let mut reasons: Vec<(String, usize)> = Vec::new();
    for a in &plan.set_aside {
        let reason = a.reason.split('（').next().unwrap_or(&a.reason).to_string();
        match reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => reasons.push((reason, 1)),
        }
    }
    let aside: Vec<String> = reasons.iter().map(|(r, n)| format!("{r}：{n}行")).collect();
    match lang {
        Lang::ZhCn => format!(
            "读取{read}行：将导入{}件；已导入过、跳过{}行；不作为信访件{}行{}；按对应识别的值{}处。",
            plan.rows.len(),
            plan.skipped.len(),
            plan.set_aside.len(),
            if aside.is_empty() { String::new() } else { format!("（{}）", aside.join("；")) },
            plan.mapped_values,
        ),
        Lang::En => format!(
            "{read} rows read: {} cases to import; {} already recorded, skipped; {} rows are no case{}; {} values mapped.",
            plan.rows.len(),
            plan.skipped.len(),
            plan.set_aside.len(),
            if aside.is_empty() { String::new() } else { format!(" ({})", aside.join(", ")) },
            plan.mapped_values,
        ),
    }
}

/// The preview of a plan without problems.
pub fn preview_view(lang: Lang, settings: &Settings, loaded: &Loaded, plan: &Plan) -> Html {
    let n = plan.rows.len();
    let archived = plan.rows.iter().filter(|r| r.ledger.closed.is_some()).count();
    html! {
        <section id="import-preview" class="import-preview">
            <h2 id="import-count" data-count={n.to_string()}>
                { format!("{}{n}{}", tr(lang, "将导入", "To import: "), tr(lang, "件", " cases")) }
            </h2>
            <p id="import-summary" data-set-aside={plan.set_aside.len().to_string()}
               data-skipped={plan.skipped.len().to_string()} data-archived={archived.to_string()}>
                { summary(lang, loaded, plan) }
            </p>
            <p class="import-note">{ tr(lang,
                "每行登记为一件，按收件年份编号，原编号和未导入为字段的各列原文随案保存。台账写明的步骤按其日期记录：有责任单位的记为转送（信访部门本身为直办），有受理时间的记为受理，受理时间、答复时间和答复结果（予以支持、解释说明或不予支持）齐全的记为答复并记录满意度。台账记载已办结但缺少这些日期或结果的，记为“已办结（台账）”，不计超期；台账未载的日期不作判断，各指标注明未计入的件数。",
                "Each row is registered as a case, numbered in the year it was received; its own number and every column not imported as a field are kept with it. Steps the ledger dates are recorded on those dates: a unit as the routing, an acceptance day as the acceptance, and with a reply day and an outcome the reply and its rating. A row the ledger states concluded without those dates is recorded as concluded per the ledger and never counted overdue; what the ledger does not date is not judged, and the indicators say how many they left out.") }</p>
            if n > PREVIEW_ROWS {
                <p>{ format!("{}{PREVIEW_ROWS}{}", tr(lang, "下表显示前", "The first "), tr(lang, "行", " rows are shown")) }</p>
            }
            <div class="table-scroll">
            <table class="import-table">
                <thead><tr>
                    <th>{ tr(lang, "行", "Row") }</th>
                    <th>{ tr(lang, "登记日期", "Received") }</th>
                    <th>{ tr(lang, "信访人", "Petitioners") }</th>
                    <th>{ tr(lang, "信访形式", "Channel") }</th>
                    <th>{ tr(lang, "反映问题", "Summary") }</th>
                    <th>{ tr(lang, "问题类别", "Category") }</th>
                    <th>{ tr(lang, "责任单位", "Unit") }</th>
                    <th>{ tr(lang, "导入为", "Imported as") }</th>
                    <th>{ tr(lang, "说明", "Notes") }</th>
                </tr></thead>
                <tbody>
                { for plan.rows.iter().take(PREVIEW_ROWS).map(|r| {
                    let names: Vec<&str> = r.intake.petitioners.iter().map(|p| p.name.as_str()).collect();
                    html! {
                        <tr class="import-row" data-row={loaded.sheet_row(r.row).to_string()}>
                            <td>{ loaded.place(r.row, lang) }</td>
                            <td>{ crate::i18n::dates::display(lang, r.intake.received_on) }</td>
                            <td>{ names.join("、") }</td>
                            <td>{ r.intake.channel.to_string() }</td>
                            <td class="import-summary-cell">{ r.intake.summary.clone() }</td>
                            <td>{ settings.categories.path(r.intake.category) }</td>
                            <td>{ r.routing.as_ref().map(|x| settings.org.unit_name(x.lead)).unwrap_or_default() }</td>
                            <td class="import-as">{ r.imported_as() }</td>
                            <td class="import-notes">{ r.notes.join("；") }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            if !plan.set_aside.is_empty() {
                <details id="import-set-aside" data-count={plan.set_aside.len().to_string()}>
                    <summary>{ format!("{}{}{}", tr(lang, "不作为信访件的行：", "Rows that are no case: "),
                        plan.set_aside.len(), tr(lang, "行", "")) }</summary>
                    <ul>
                    { for plan.set_aside.iter().take(200).map(|a| html! {
                        <li class="import-aside" data-row={loaded.sheet_row(a.row).to_string()}>
                            { format!("{}：{}", loaded.place(a.row, lang), a.reason) }
                        </li>
                    }) }
                    </ul>
                </details>
            }
            if !plan.skipped.is_empty() {
                <div id="import-skipped" data-count={plan.skipped.len().to_string()}>
                    <h3>{ format!("{}{}{}", tr(lang, "已存在、跳过", "Already recorded, skipped: "),
                        plan.skipped.len(), tr(lang, "行", " rows")) }</h3>
                    <ul>
                    { for plan.skipped.iter().take(200).map(|k| html! {
                        <li class="import-skip" data-row={loaded.sheet_row(k.row).to_string()}>
                            { format!("{}：{}（{}）", loaded.place(k.row, lang), k.case_number, k.reason) }
                        </li>
                    }) }
                    </ul>
                </div>
            }
        </section>
    }
}
