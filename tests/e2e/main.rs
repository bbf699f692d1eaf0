//! Browser end-to-end tests: the built web app (`dist/`) in headless
//! Chromium, driven through ChromeDriver with fantoccini.
//!
//! `cargo xtask test` builds `dist/` and runs these; run alone, they fail
//! (they never skip) when `dist/` or the browser is missing. Each test has
//! its own static server, ChromeDriver, Chromium and profile, so they run
//! in parallel safely.

// Starting the server, ChromeDriver and a browser; waiting for the page.
mod harness;

// The page loads, and the language switch relabels it and is remembered.
mod page;

// The 期限计算器 gives the statutory deadlines.
mod deadline;

// Saved data that cannot be read is reported and never overwritten.
mod storage;

// The office's record in localStorage: reload, damage, full quota, two tabs.
mod office_storage;

// The training sandbox: one click, marked, kept, reset, separate.
mod sandbox;

// The single-file page works opened from disk.
mod offline;

// The proceedings chain through the case page's action forms: 受理, 延期,
// 答复, 评价, 复查, 复核 (听证), 终结, 不予受理, 退回重办, form errors.
mod proceedings;

// 督办 issued and closed, 回访, and an action dated too early refused.
mod supervision;

// 登记 through the form: validation, repeat hints, the new case's page.
mod register;

// 案件详情: routing with the 五定, repeat links, reload, English labels.
mod case_page;

// The printed documents: 处理意见书, 受理告知书 (60 days, against the
// calculator), not-yet-issued message, privacy, print button, English.
mod print;

// 设置: units and people, refused names, targets, the 2026 calendar.
mod settings;

// 工作台: stage counts, due and overdue lists, indicators, links to the list.
mod dashboard;

// 案件查询: filters, search, sorting, paging, opening a case.
mod cases;

// 报表统计: indicators, month vs year, charts, ranking, briefing and its
// print view, the ledger downloaded as CSV and xlsx, English.
mod reports;

// 督办 board: open notices by unit add up, overdue filter, links to cases,
// a notice issued and closed on a new case, closed ones, English.
mod supervision_board;

// Backup and restore: a sandbox backup restored into the real record (the
// previous one kept aside), after a reload; foreign, corrupt and newer files refused.
mod backup;

// Checkpoints: a backup's checkpoint code shown, noted and verified in
// 设置 · 记录校验 (✔, ✘, not a code); a history rewritten in localStorage
// with its chain recomputed raises #chain-warning on reload.
mod checkpoints;

// 会议 and 会议纪要: a meeting created and edited (attendees, a case, decisions),
// refused forms, decisions done and counts, minutes generated against the
// reports page, edited and kept, printed, removed; list filters and counts.
mod meetings;

// 信访积案: listing by number and from the candidates, editing, refusals,
// conclusion and 息诉罢访 with the rates, the case page, reload, print.
mod backlog;

// 三无: escalated visits, irregular visits and backlog per township, the
// share against the target, reload, removal, the printed table.
mod three_none;

// 领导接访: the rota (turns, days off, held days, print, stop), receptions
// recorded, corrected, refused, linked and registered from, printed; counts.
mod reception;

// 领导包案: a case owned with the 五个一, the rate, refusals, filter, print.
mod ownership;

// 矛盾纠纷排查: coverage against the slots created and the core, sensitive
// periods, rounds edited and removed; hotspots added, refused, edited,
// resolved, linked to a case and registered as one, reloaded, printed.
mod screening;

// The work ledgers' storage: unreadable and newer ledgers kept and set
// aside, two tabs, a full quota, the sandbox's packed sample ledgers and
// the dashboard's overdue counts.
mod work_storage;

// 以单位身份查看: an accusation's content kept from the accused unit's view
// (list, search, case page, printed 交办函, ledger CSV); the handling unit
// sees it; the choice survives a reload.
mod unit_view;

// Hostile text (markup, script, formulas, bidi, huge, emoji) in every text
// field of registration, case actions, settings and the work ledgers: shown
// literally, never run, neutralised in the CSV export.
mod hostile;

// 导入台账: an Excel ledger's row errors by row and column, the corrected
// file previewed and imported whole, kept, not imported twice; a GBK CSV;
// a non-spreadsheet refused with storage unchanged; a generated county
// ledger mapped value by value, corrected, imported in one pass with no
// phantom overdue case and the indicators saying what they left out.
mod import;

// Messy, realistic ledgers with the truth of every row (shared with the
// `ledgers` test target).
#[path = "../ledgers/gen.rs"]
mod gen;

// The passphrase lock: the record and the sandbox sealed in localStorage,
// a reload locked (a wrong passphrase refused), a second tab, the
// passphrase changed and removed; prints Argon2id's time in Chromium.
mod encryption;
