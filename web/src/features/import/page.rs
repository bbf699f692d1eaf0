//! 导入台账 (`#/import`): an .xlsx/.xls/.csv ledger is read
//! (`crate::features::import::ledger_file`), its columns mapped (recognised headers
//! preselected), every row checked by the core (`xinfang_core::import`),
//! and, only when no row has an error, imported whole on confirmation.
//!
//! Ids: `#import-file`, `#import-read-error`, `#import-sheet` (several
//! sheets), `#import-mapping` with `#map-<i>` per column, `#import-errors`
//! with `.import-error` items (`data-row`, `data-column`),
//! `#import-preview` (`#import-count`, the first 20 rows, `#import-skipped`
//! with `.import-skip`), `#import-confirm`, `#import-done` with
//! `#import-to-cases`.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use xinfang_core::import::{plan, Field, Mapping, Plan, RowError};
use yew::prelude::*;

use crate::context::{go, use_app};
use crate::features::import::ledger_file::{self, Loaded, ReadError, MAX_BYTES};
use crate::i18n::{tr, Lang};

use crate::route::Route;
use crate::state::Msg;

/// How many rows the preview shows.
const PREVIEW_ROWS: usize = 20;

/// The chosen file, read.
#[derive(Debug, PartialEq)]
struct Chosen {
    name: String,
    bytes: Rc<Vec<u8>>,
    loaded: Loaded,
    /// Bumped per file or sheet read, so the plan is redone.
    generation: u32,
}

/// Hands the chosen file's bytes (or the browser's error) on.
fn read_bytes(file: web_sys::File, done: Callback<Result<Vec<u8>, String>>) {
    let ok = {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |buf: JsValue| {
            done.emit(Ok(js_sys::Uint8Array::new(&buf).to_vec()));
        })
    };
    let err =
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| done.emit(Err(format!("{e:?}"))));
    let _ = file.array_buffer().then2(&ok, &err);
    // Called once by the browser after this returns.
    ok.forget();
    err.forget();
}

fn field_name(lang: Lang, f: Field) -> String {
    match lang {
        Lang::ZhCn => f.label().to_string(),
        Lang::En => format!("{} ({})", f.english(), f.label()),
    }
}

/// The row errors, by the spreadsheet's row numbers.
fn errors_view(lang: Lang, loaded: &Loaded, errors: &[RowError]) -> Html {
    html! {
        <section id="import-errors" class="import-errors">
            <h2>{ format!("{}{}{}", tr(lang, "发现", "Found "), errors.len(),
                tr(lang, "处问题：有错误时不能导入，请改正文件后重新选择",
                   " problems: nothing can be imported while any remains; correct the file and choose it again")) }</h2>
            <ul>
            { for errors.iter().take(500).map(|e| {
                let row = loaded.sheet_row(e.row);
                let place = match (row, e.column.is_empty()) {
                    (0, _) => tr(lang, "整个表格", "The sheet").to_string(),
                    (r, true) => format!("{}{r}{}", tr(lang, "第", "Row "), tr(lang, "行", "")),
                    (r, false) => format!("{}{r}{} · {}", tr(lang, "第", "Row "), tr(lang, "行", ""), e.column),
                };
                html! {
                    <li class="import-error" data-row={row.to_string()} data-column={e.column.clone()}>
                        <span class="import-error-place">{ place }</span>{ "：" }
                        <span class="import-error-message">{ e.message.clone() }</span>
                    </li>
                }
            }) }
            </ul>
            if errors.len() > 500 {
                <p>{ tr(lang, "（只列出前500处）", "(the first 500 are listed)") }</p>
            }
        </section>
    }
}

fn preview_view(lang: Lang, app: &crate::context::AppHandle, loaded: &Loaded, plan: &Plan) -> Html {
    let office = app.office.get();
    let s = office.settings();
    let n = plan.rows.len();
    html! {
        <section id="import-preview" class="import-preview">
            <h2 id="import-count" data-count={n.to_string()}>
                { format!("{}{n}{}", tr(lang, "将导入", "To import: "), tr(lang, "件", " cases")) }
            </h2>
            <p class="import-note">{ tr(lang,
                "每行登记为一件；有责任单位的按登记日期转送（信访部门本身为直办）；写明予以支持、解释说明或不予支持且有答复日期（或已过的办理时限）的，记为受理和答复，并记录满意度；其余办理结果、满意度、原编号记入内容。导入的案件按本系统重新编号。",
                "Each row is registered as a case; a responsible unit becomes a transfer on the received day (direct handling for the petition office itself); a result naming 予以支持/解释说明/不予支持 with a reply date (or a passed deadline) is recorded as acceptance and reply, with the rating; other results, ratings and old numbers are kept in the content. Imported cases get new numbers.") }</p>
            if n > PREVIEW_ROWS {
                <p>{ format!("{}{PREVIEW_ROWS}{}", tr(lang, "下表显示前", "The first "), tr(lang, "行", " rows are shown")) }</p>
            }
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
                            <td>{ loaded.sheet_row(r.row) }</td>
                            <td>{ r.intake.received_on.to_string() }</td>
                            <td>{ names.join("、") }</td>
                            <td>{ r.intake.channel.to_string() }</td>
                            <td class="import-summary">{ r.intake.summary.clone() }</td>
                            <td>{ s.categories.path(r.intake.category) }</td>
                            <td>{ r.routing.as_ref().map(|x| s.org.unit_name(x.lead)).unwrap_or_default() }</td>
                            <td class="import-as">{ r.imported_as() }</td>
                            <td class="import-notes">{ r.notes.join("；") }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            if !plan.skipped.is_empty() {
                <div id="import-skipped" data-count={plan.skipped.len().to_string()}>
                    <h3>{ format!("{}{}{}", tr(lang, "已存在、跳过", "Already recorded, skipped: "),
                        plan.skipped.len(), tr(lang, "行", " rows")) }</h3>
                    <ul>
                    { for plan.skipped.iter().take(200).map(|k| html! {
                        <li class="import-skip" data-row={loaded.sheet_row(k.row).to_string()}>
                            { format!("{}{}{}：{}（{}）", tr(lang, "第", "Row "), loaded.sheet_row(k.row),
                                tr(lang, "行", ""), k.case_number, k.reason) }
                        </li>
                    }) }
                    </ul>
                </div>
            }
        </section>
    }
}

/// 导入台账.
#[component]
pub fn ImportPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let chosen = use_state(|| None::<Rc<Chosen>>);
    let read_error = use_state(|| None::<ReadError>);
    let mapping = use_state(Mapping::default);
    let done = use_state(|| None::<usize>);
    let failure = use_state(|| None::<String>);
    let generation = use_mut_ref(|| 0u32);

    let load = {
        let (chosen, read_error, mapping, generation) =
            (chosen.clone(), read_error.clone(), mapping.clone(), generation.clone());
        move |name: String, bytes: Rc<Vec<u8>>, sheet: usize| match ledger_file::read(
            &name, &bytes, sheet,
        ) {
            Ok(loaded) => {
                *generation.borrow_mut() += 1;
                mapping.set(Mapping::recognise(&loaded.table.headers));
                read_error.set(None);
                chosen.set(Some(Rc::new(Chosen {
                    name,
                    bytes,
                    loaded,
                    generation: *generation.borrow(),
                })));
            }
            Err(e) => {
                read_error.set(Some(e));
                chosen.set(None);
            }
        }
    };

    let on_file = {
        let (load, read_error, chosen, done, failure) =
            (load.clone(), read_error.clone(), chosen.clone(), done.clone(), failure.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            done.set(None);
            failure.set(None);
            let name = file.name();
            if file.size() > MAX_BYTES as f64 {
                read_error.set(Some(ReadError::TooLarge(file.size() as usize)));
                chosen.set(None);
                return;
            }
            let (load, read_error, chosen) = (load.clone(), read_error.clone(), chosen.clone());
            read_bytes(
                file,
                Callback::from(move |bytes: Result<Vec<u8>, String>| match bytes {
                    Ok(b) => load(name.clone(), Rc::new(b), 0),
                    Err(why) => {
                        read_error.set(Some(ReadError::Unreadable(why)));
                        chosen.set(None);
                    }
                }),
            );
        })
    };

    let on_sheet = {
        let (load, chosen) = (load.clone(), chosen.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let (Some(c), Ok(i)) = ((*chosen).clone(), select.value().parse::<usize>()) {
                load(c.name.clone(), c.bytes.clone(), i);
            }
        })
    };

    // The plan, redone when the file, the mapping or the record changes.
    let checked = use_memo(
        ((*chosen).clone(), (*mapping).clone(), app.office.clone()),
        |(chosen, mapping, office)| {
            chosen.as_ref().map(|c| {
                let now = crate::clock::now();
                plan(&office.get(), &c.loaded.table, mapping, now)
            })
        },
    );

    let on_confirm = {
        let (app, chosen, mapping, done, failure) =
            (app.clone(), chosen.clone(), mapping.clone(), done.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(c) = (*chosen).clone() else { return };
            // Checked again at this moment, then run on a copy: either
            // every command goes in or none is sent.
            let now = crate::clock::now();
            let dry = {
                let office = app.office.get();
                match plan(&office, &c.loaded.table, &mapping, now) {
                    Ok(p) => p.dry_run(&office).map_err(|e| e.to_string()),
                    Err(errors) => Err(errors.first().map(|e| e.to_string()).unwrap_or_default()),
                }
            };
            match dry {
                Ok((_, commands, ids)) => {
                    app.dispatch(Msg::ExecuteAll { commands, now });
                    app.dispatch(Msg::Navigate(Route::Import));
                    failure.set(None);
                    done.set(Some(ids.len()));
                    chosen.set(None);
                }
                Err(why) => failure.set(Some(why)),
            }
        })
    };

    let choose = html! {
        <p class="import-choose">
            <label for="import-file">{ tr(lang, "选择台账文件（.xlsx、.xls或.csv，最多20 MB、20000行）：",
                "Choose a ledger file (.xlsx, .xls or .csv; at most 20 MB, 20,000 rows): ") }</label>
            <input id="import-file" type="file" accept=".xlsx,.xls,.csv,.txt" onchange={on_file} />
        </p>
    };

    let body = match ((*chosen).as_ref(), (*checked).as_ref()) {
        (Some(c), Some(result)) => {
            let loaded = &c.loaded;
            let columns = loaded.table.headers.iter().enumerate().map(|(i, h)| {
                let current = mapping.columns.get(i).copied().flatten();
                let onchange = {
                    let mapping = mapping.clone();
                    Callback::from(move |e: Event| {
                        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                        let mut next = (*mapping).clone();
                        if next.columns.len() <= i {
                            next.columns.resize(i + 1, None);
                        }
                        let field = Field::from_key(&select.value());
                        // A field goes to one column only.
                        if let Some(f) = field {
                            for c in next.columns.iter_mut() {
                                if *c == Some(f) {
                                    *c = None;
                                }
                            }
                        }
                        next.columns[i] = field;
                        mapping.set(next);
                    })
                };
                let sample = loaded.table.rows.iter().find_map(|r| r.get(i).filter(|c| !c.trim().is_empty())).cloned().unwrap_or_default();
                html! {
                    <tr>
                        <td class="import-header">{ h.clone() }</td>
                        <td>
                            <select id={format!("map-{i}")} data-field={current.map(|f| f.key()).unwrap_or("")} {onchange}>
                                <option value="" selected={current.is_none()}>{ tr(lang, "不导入", "Not imported") }</option>
                                { for Field::ALL.iter().map(|f| html! {
                                    <option value={f.key()} selected={current == Some(*f)}>{ field_name(lang, *f) }</option>
                                }) }
                            </select>
                        </td>
                        <td class="import-sample">{ sample }</td>
                    </tr>
                }
            });
            let count = result.as_ref().map_or(0, |p| p.rows.len());
            html! {
                <>
                    <p id="import-file-name">{ format!("{}{}（{}{}{}）", tr(lang, "文件：", "File: "), c.name,
                        loaded.table.rows.len(), tr(lang, "行数据，表头在第", " data rows, header on row "),
                        format!("{}{}", loaded.header_row, tr(lang, "行", ""))) }</p>
                    if loaded.sheets.len() > 1 {
                        <p>
                            <label for="import-sheet">{ tr(lang, "工作表：", "Sheet: ") }</label>
                            <select id="import-sheet" onchange={on_sheet}>
                                { for loaded.sheets.iter().enumerate().map(|(i, n)| html! {
                                    <option value={i.to_string()} selected={i == loaded.sheet}>{ n.clone() }</option>
                                }) }
                            </select>
                        </p>
                    }
                    <section id="import-mapping" class="import-mapping">
                        <h2>{ tr(lang, "列对应", "Columns") }</h2>
                        <table>
                            <thead><tr>
                                <th>{ tr(lang, "表格中的列", "Column in the file") }</th>
                                <th>{ tr(lang, "导入为", "Import as") }</th>
                                <th>{ tr(lang, "示例", "Example") }</th>
                            </tr></thead>
                            <tbody>{ for columns }</tbody>
                        </table>
                    </section>
                    { match result {
                        Err(errors) => errors_view(lang, loaded, errors),
                        Ok(p) => preview_view(lang, &app, loaded, p),
                    } }
                    if let Some(why) = (*failure).clone() {
                        <p id="import-failure" class="notice error">{ why }</p>
                    }
                    <p>
                        <button id="import-confirm" class="primary" disabled={result.is_err() || count == 0}
                                onclick={on_confirm}>
                            { format!("{}{count}{}", tr(lang, "导入", "Import "), tr(lang, "件", " cases")) }
                        </button>
                    </p>
                </>
            }
        }
        _ => html! {},
    };

    html! {
        <section id="page-import">
            <h1>{ tr(lang, "导入台账", "Import a ledger") }</h1>
            <p class="import-intro">{ tr(lang,
                "从Excel或CSV台账导入历年信访件。能识别常见列名（登记日期、信访人、身份证号、联系电话、信访形式、人数、反映问题、问题类别、责任单位、办理时限、办理结果、满意度等）以及本系统导出的台账。先检查每一行，全部无误才能导入，导入时要么全部导入，要么一件也不导入；已导入过的行会跳过。",
                "Import past petitions from an Excel or CSV ledger. Common Chinese column names and this system's own export are recognised. Every row is checked first; only a file without errors can be imported, and it goes in whole or not at all; rows already imported are skipped.") }</p>
            if let Some(n) = *done {
                <div id="import-done" class="notice ok">
                    { format!("{}{n}{}", tr(lang, "已导入", "Imported "), tr(lang, "件", " cases")) }
                    { " " }
                    <a id="import-to-cases" href={crate::route::to_hash(Route::Cases)} onclick={go(&app, Route::Cases)}>
                        { tr(lang, "查看案件列表", "Open the case list") }
                    </a>
                </div>
            }
            { choose }
            if let Some(e) = &*read_error {
                <p id="import-read-error" class="notice error">{ e.text(lang) }</p>
            }
            { body }
        </section>
    }
}
