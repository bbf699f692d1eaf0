//! 导入台账 (`#/import`): an .xlsx/.xls/.csv ledger is read
//! (`crate::features::import::ledger_file`: every sheet with a header
//! chosen at first, two-row headers, hidden rows, the year a sheet
//! states), its columns mapped (recognised headers preselected; any other
//! column kept as written with each case), its unrecognised values mapped
//! (`values_view`), every row checked by the core (`xinfang_core::import`),
//! and, only when no row has a problem, imported whole on confirmation
//! with the settings the mapping needs (new units, remembered spellings).
//!
//! Ids: `#import-file`, `#import-read-error`, `#import-sheets` with
//! `#import-sheet-<i>` checkboxes, `#import-file-name`, `#import-mapping`
//! with `#map-<i>` per column, `#import-leave-hidden`, `#import-values`
//! (see `values_view`), `#import-errors` / `#import-preview` (see
//! `check_view`), `#import-failure`, `#import-confirm`, `#import-done` with
//! `#import-done-summary` and `#import-to-cases`.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use xinfang_core::import::values::Choices;
use xinfang_core::import::{plan, unknown_values, Field, Mapping, Options, Plan};
use yew::prelude::*;

use crate::context::{go, use_app};
use crate::features::import::check_view::{errors_view, preview_view};
use crate::features::import::ledger_file::{self, Loaded, ReadError, SheetInfo, MAX_BYTES};
use crate::features::import::values_view::values_view;
use crate::i18n::{tr, Lang};

use crate::route::Route;
use crate::state::Msg;

/// The chosen file, read.
#[derive(Debug, PartialEq)]
struct Chosen {
    name: String,
    bytes: Rc<Vec<u8>>,
    sheets: Vec<SheetInfo>,
    loaded: Loaded,
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

/// The options of the check: where each row came from, hidden rows left
/// out if asked, the value choices.
fn options(c: &Chosen, leave_hidden: bool, choices: &Choices, lang: Lang) -> Options {
    let loaded = &c.loaded;
    Options {
        source: c.name.clone(),
        origins: (0..loaded.table.rows.len()).map(|i| loaded.place(i + 2, lang)).collect(),
        leave_out: if leave_hidden {
            loaded.origins.iter().enumerate().filter(|(_, o)| o.hidden).map(|(i, _)| i).collect()
        } else {
            Default::default()
        },
        choices: choices.clone(),
    }
}

/// What the import did, for the notice after it.
#[derive(Debug, Clone, PartialEq)]
struct Done {
    imported: usize,
    set_aside: usize,
    skipped: usize,
    mapped: usize,
}

/// 导入台账.
#[component]
pub fn ImportPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let chosen = use_state(|| None::<Rc<Chosen>>);
    let read_error = use_state(|| None::<ReadError>);
    let mapping = use_state(Mapping::default);
    let choices = use_state(Choices::new);
    let leave_hidden = use_state(|| false);
    let done = use_state(|| None::<Done>);
    let failure = use_state(|| None::<String>);

    // Reads the chosen sheets of a file (all with a header, at first).
    let load = {
        let (chosen, read_error, mapping) = (chosen.clone(), read_error.clone(), mapping.clone());
        move |name: String, bytes: Rc<Vec<u8>>, selected: Option<Vec<usize>>| {
            let read = ledger_file::ledger_sheets(&name, &bytes).and_then(|sheets| {
                let pick = selected.unwrap_or_else(|| ledger_file::preselect(&sheets));
                ledger_file::read_sheets(&name, &bytes, &pick).map(|loaded| (sheets, loaded))
            });
            match read {
                Ok((sheets, loaded)) => {
                    mapping.set(Mapping::recognise(&loaded.table.headers));
                    read_error.set(None);
                    chosen.set(Some(Rc::new(Chosen { name, bytes, sheets, loaded })));
                }
                Err(e) => {
                    read_error.set(Some(e));
                    chosen.set(None);
                }
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
            // The choices stay: a corrected file of the same ledger keeps
            // its mapping (only the values this file has are used).
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
                    Ok(b) => load(name.clone(), Rc::new(b), None),
                    Err(why) => {
                        read_error.set(Some(ReadError::Unreadable(why)));
                        chosen.set(None);
                    }
                }),
            );
        })
    };

    // The file's unknown values before any choice (so a chosen one stays
    // listed, to be changed), redone when the file, the mapping or the
    // record change.
    let unknown = use_memo(
        ((*chosen).clone(), (*mapping).clone(), *leave_hidden, app.office.clone()),
        move |(chosen, mapping, leave_hidden, office)| {
            let Some(c) = chosen.as_ref() else { return Vec::new() };
            let o = options(c, *leave_hidden, &Choices::new(), lang);
            unknown_values(&office.get(), &c.loaded.table, mapping, &o, crate::clock::now())
        },
    );
    // The choices for this file's values only.
    let file_choices: Choices = choices
        .iter()
        .filter(|((f, v), _)| unknown.iter().any(|u| u.field == *f && u.value == *v))
        .map(|(k, c)| (k.clone(), *c))
        .collect();
    // The plan, redone when the file, the mapping, the choices or the record change.
    let checked = use_memo(
        (
            (*chosen).clone(),
            (*mapping).clone(),
            file_choices.clone(),
            *leave_hidden,
            app.office.clone(),
        ),
        move |(chosen, mapping, choices, leave_hidden, office)| {
            chosen.as_ref().map(|c| {
                let now = crate::clock::now();
                let o = options(c, *leave_hidden, choices, lang);
                plan(&office.get(), &c.loaded.table, mapping, &o, now)
            })
        },
    );

    let on_confirm = {
        let (app, chosen, mapping, choices, leave_hidden, done, failure) = (
            app.clone(),
            chosen.clone(),
            mapping.clone(),
            file_choices.clone(),
            leave_hidden.clone(),
            done.clone(),
            failure.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(c) = (*chosen).clone() else { return };
            // Checked again at this moment, then run on a copy: either
            // every row goes in or none is sent.
            let now = crate::clock::now();
            let o = options(&c, *leave_hidden, &choices, lang);
            let checked: Result<(Plan, usize), String> = {
                let office = app.office.get();
                match plan(&office, &c.loaded.table, &mapping, &o, now) {
                    Ok(p) => p
                        .dry_run(&office)
                        .map(|(_, _, ids)| (p, ids.len()))
                        .map_err(|e| e.to_string()),
                    Err(errors) => Err(errors.first().map(|e| e.to_string()).unwrap_or_default()),
                }
            };
            match checked {
                Ok((p, imported)) => {
                    app.dispatch(Msg::ExecuteAll {
                        commands: p.command_list(),
                        now,
                        settings: p.settings.clone().map(Box::new),
                    });
                    app.dispatch(Msg::Navigate(Route::Import));
                    failure.set(None);
                    done.set(Some(Done {
                        imported,
                        set_aside: p.set_aside.len(),
                        skipped: p.skipped.len(),
                        mapped: p.mapped_values,
                    }));
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
            let office = app.office.get();
            let settings = office.settings();
            let sheets = (c.sheets.len() > 1).then(|| {
                let boxes = c.sheets.iter().enumerate().map(|(i, info)| {
                    let checked = loaded.chosen.contains(&i);
                    let onchange = {
                        let (load, c) = (load.clone(), c.clone());
                        Callback::from(move |_: Event| {
                            let mut pick = c.loaded.chosen.clone();
                            if let Some(at) = pick.iter().position(|x| *x == i) {
                                pick.remove(at);
                            } else {
                                pick.push(i);
                                pick.sort_unstable();
                            }
                            if !pick.is_empty() {
                                load(c.name.clone(), c.bytes.clone(), Some(pick));
                            }
                        })
                    };
                    let note = if info.has_header() {
                        match lang {
                            Lang::ZhCn => format!("{}行", info.rows),
                            Lang::En => format!("{} rows", info.rows),
                        }
                    } else {
                        tr(lang, "无可识别的表头（如汇总表），不能导入", "no header (a summary sheet?): cannot be imported").into()
                    };
                    html! {
                        <label class="import-sheet">
                            <input type="checkbox" id={format!("import-sheet-{i}")} checked={checked}
                                   disabled={!info.has_header()} {onchange} />
                            { format!(" {}（{}）", info.name, note) }
                        </label>
                    }
                });
                html! {
                    <fieldset id="import-sheets" class="import-sheets">
                        <legend>{ tr(lang, "工作表（可同时导入多张）", "Sheets (several can be imported at once)") }</legend>
                        { for boxes }
                    </fieldset>
                }
            });
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
                                <option value="" selected={current.is_none()}>{ tr(lang, "保留原文（不作为字段导入）", "Kept as written (not a field)") }</option>
                                { for Field::ALL.iter().map(|f| html! {
                                    <option value={f.key()} selected={current == Some(*f)}>{ field_name(lang, *f) }</option>
                                }) }
                            </select>
                        </td>
                        <td class="import-sample">{ sample }</td>
                    </tr>
                }
            });
            let hidden = loaded.hidden_rows();
            let on_hidden = {
                let leave_hidden = leave_hidden.clone();
                Callback::from(move |e: Event| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    leave_hidden.set(input.checked());
                })
            };
            let on_choose = {
                let choices = choices.clone();
                Callback::from(move |next: Choices| choices.set(next))
            };
            let count = result.as_ref().map_or(0, |p| p.rows.len());
            let rows_read = loaded.table.rows.len();
            html! {
                <>
                    { sheets.unwrap_or_default() }
                    <p id="import-file-name">{ match lang {
                        Lang::ZhCn => format!("文件：{}（{}行数据，表头在第{}行）", c.name, rows_read, loaded.header_row),
                        Lang::En => format!("File: {} ({} data rows, header on row {})", c.name, rows_read, loaded.header_row),
                    } }</p>
                    <section id="import-mapping" class="import-mapping">
                        <h2>{ tr(lang, "列对应", "Columns") }</h2>
                        <div class="table-scroll">
                        <table>
                            <thead><tr>
                                <th>{ tr(lang, "表格中的列", "Column in the file") }</th>
                                <th>{ tr(lang, "导入为", "Import as") }</th>
                                <th>{ tr(lang, "示例", "Example") }</th>
                            </tr></thead>
                            <tbody>{ for columns }</tbody>
                        </table>
                        </div>
                    </section>
                    if hidden > 0 {
                        <p class="import-hidden">
                            <label>
                                <input type="checkbox" id="import-leave-hidden" checked={*leave_hidden} onchange={on_hidden} />
                                { match lang {
                                    Lang::ZhCn => format!(" 表格中有{hidden}行隐藏行：不导入隐藏行"),
                                    Lang::En => format!(" The file has {hidden} hidden rows: leave them out"),
                                } }
                            </label>
                        </p>
                    }
                    if !unknown.is_empty() {
                        { values_view(lang, settings, &unknown, &file_choices, on_choose) }
                    }
                    { match result {
                        Err(errors) => errors_view(lang, loaded, errors),
                        Ok(p) => preview_view(lang, p.settings.as_ref().unwrap_or(settings), loaded, p),
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
                "从Excel或CSV台账导入历年信访件：可同时导入按月分表的多张工作表，能识别常见列名（登记日期、信访人、身份证号、联系电话、住址、信访形式、人数、反映问题、问题类别、责任单位、受理时间、答复时间、办理结果、是否办结、满意度等）、两行表头、合计行、说明行和接续行。不认识的信访形式、类别、单位可逐一对应或新建，对应会记住。先检查每一行，全部无误才能导入，导入时要么全部导入，要么一件也不导入；已导入过的行会跳过。",
                "Import past petitions from an Excel or CSV ledger: several month sheets at once, common Chinese column names, two-row headers, total, note and continuation rows. Channels, categories and units not known here can be mapped or created, and the mapping is remembered. Every row is checked first; only a file without problems can be imported, and it goes in whole or not at all; rows already imported are skipped.") }</p>
            if let Some(d) = &*done {
                <div id="import-done" class="notice ok">
                    <span id="import-done-summary" data-imported={d.imported.to_string()}>{ match lang {
                        Lang::ZhCn => format!("已导入{}件（不作为信访件{}行，已导入过跳过{}行，按对应识别的值{}处）", d.imported, d.set_aside, d.skipped, d.mapped),
                        Lang::En => format!("Imported {} cases ({} rows no case, {} already recorded, {} values mapped)", d.imported, d.set_aside, d.skipped, d.mapped),
                    } }</span>
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
