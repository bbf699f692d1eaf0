//! 设置 · 记录校验 (`#settings-checkpoints`): the record's checkpoint code
//! now (`#checkpoint-current`), the points of its history the office
//! printed or exported (`#checkpoint-list`: date, what, code, and whether
//! the log still passes through each, ✔/✘), and a form to check a code
//! typed from a paper copy (`#checkpoint-code`, `#checkpoint-verify`,
//! answered in `#checkpoint-result`). Reads only; see `persist::heads` and
//! `xinfang_core::log::checkpoint` for what a checkpoint proves.

use xinfang_core::log::Checkpoint;
use xinfang_core::EventLog;
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{dates, tr, Lang};
use crate::persist::browser::BrowserKv;
use crate::persist::heads;
use crate::persist::kv::prefix_of;
use crate::ui::case_query::group_thousands;

/// What a typed code says about the open log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Not a code: the core's reason.
    NotACode(String),
    /// The log passes through it.
    Passes {
        /// The code as read.
        code: String,
    },
    /// It does not: the history before it was changed (or the code is
    /// of another record).
    Diverged {
        /// The code as read.
        code: String,
    },
    /// The log is shorter than the code's count.
    Shorter {
        /// The code as read.
        code: String,
        /// Entries the log has.
        has: u64,
    },
}

/// Checks a typed code against `log`.
pub fn verdict(log: &EventLog, typed: &str) -> Verdict {
    match Checkpoint::parse_code(typed) {
        Err(e) => Verdict::NotACode(e.to_string()),
        Ok(code) if code.entries > log.len() as u64 => {
            Verdict::Shorter { code: code.to_string(), has: log.len() as u64 }
        }
        Ok(code) if log.matches_code(&code) => Verdict::Passes { code: code.to_string() },
        Ok(code) => Verdict::Diverged { code: code.to_string() },
    }
}

impl Verdict {
    /// `ok`, `diverged`, `shorter` or `error` (`data-verdict`).
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::NotACode(_) => "error",
            Verdict::Passes { .. } => "ok",
            Verdict::Diverged { .. } => "diverged",
            Verdict::Shorter { .. } => "shorter",
        }
    }

    /// The answer for the clerk.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Verdict::NotACode(why), Lang::ZhCn) => format!("无法核对：{why}"),
            (Verdict::NotACode(why), Lang::En) => format!("Not a checkpoint code: {why}"),
            (Verdict::Passes { code }, Lang::ZhCn) => format!(
                "✔ 本记录经过校验码 {code} 所记的节点：打印或导出时的历史记录至今未被改动。"
            ),
            (Verdict::Passes { code }, Lang::En) => format!(
                "✔ This record passes through {code}: its history up to that point is unchanged \
                 since it was printed or exported."
            ),
            (Verdict::Diverged { code }, Lang::ZhCn) => format!(
                "✘ 本记录不经过校验码 {code} 所记的节点：该节点之前的历史记录已被改动，或此码属于另一份记录。请核对纸质件，必要时用当时的备份恢复。"
            ),
            (Verdict::Diverged { code }, Lang::En) => format!(
                "✘ This record does not pass through {code}: its history before that point was \
                 changed, or the code belongs to another record. Check the paper copy and, if \
                 need be, restore the backup made then."
            ),
            (Verdict::Shorter { code, has }, Lang::ZhCn) => format!(
                "✘ 本记录只有{}条历史记录，少于校验码 {code} 所记的条数：记录可能被删减，或此码属于另一份记录。",
                group_thousands(*has as usize)
            ),
            (Verdict::Shorter { code, has }, Lang::En) => format!(
                "✘ This record has only {} history entries, fewer than {code} counts: entries may \
                 have been removed, or the code belongs to another record.",
                group_thousands(*has as usize)
            ),
        }
    }
}

/// 记录校验.
#[component]
pub fn SettingsCheckpoints() -> Html {
    let app = use_app();
    let lang = app.lang();
    let typed = use_state(String::new);
    let input = use_node_ref();
    let result = use_state(|| None::<Verdict>);
    let current = app.checkpoint();
    let check = heads::check(&BrowserKv, prefix_of(app.space), app.office.get().log());

    let oninput = {
        let typed = typed.clone();
        let result = result.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            result.set(None);
        })
    };
    let onsubmit = {
        let app = app.clone();
        let input = input.clone();
        let result = result.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The field as it is now (not as of the last render).
            let text =
                input.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            result.set(Some(verdict(app.office.get().log(), &text)));
        })
    };

    let rows = check.rows.iter().map(|row| {
        let r = &row.recorded;
        let (mark, title) = match (row.passes, row.current) {
            (true, _) => ("✔", tr(lang, "仍经过此节点", "still passes through")),
            (false, true) => ("✘", tr(lang, "不再经过此节点", "no longer passes through")),
            (false, false) => ("✘", tr(lang, "恢复前的另一份历史", "another history, before a restore")),
        };
        html! {
            <tr class={classes!("checkpoint-row", (!row.current).then_some("checkpoint-before-restore"))}
                data-code={r.point().code().to_string()}
                data-passes={row.passes.to_string()}>
                <td>{ dates::display(lang, r.at.date()) }{ " " }{ r.at.format("%H:%M").to_string() }</td>
                <td>{ r.what.describe(lang) }</td>
                <td><code>{ r.point().code().to_string() }</code></td>
                <td>{ group_thousands(r.entries as usize) }</td>
                <td class="checkpoint-mark" {title}>{ mark }</td>
            </tr>
        }
    });

    html! {
        <section id="settings-checkpoints" class="settings-section">
            <h3>{ tr(lang, "记录校验", "Checkpoints") }</h3>
            <p class="settings-note">
                { tr(lang,
                    "每次打印报表或下载备份时，记录的校验码（记录条数-校验值前8位）印在纸上或写入文件，并记入下表。打开记录时逐一核对：若记录不再经过某个节点，说明该节点之前的历史在打印或导出后被改动过。校验码可防手工或意外改动，不能防止有意伪造者（其可反复试算凑出相同的8位校验值）；下表保存完整校验值，最可靠的依据是存放在本机以外的备份文件。",
                    "Each printed report and each backup carries the record's checkpoint code (the entry count and the first 8 hex digits of the head), noted in the list below. Opening the record checks each: a record that no longer passes through a point had its history before it changed after printing or export. The short code catches hand edits and accidents, not a determined forger (who can try variations until 8 digits match); the list keeps the full hash, and the surest reference is a backup file kept off this machine.") }
            </p>
            <p id="checkpoint-current" data-code={current.code().to_string()}>
                { tr(lang, "当前记录校验码：", "Current checkpoint code: ") }
                <code>{ current.code().to_string() }</code>
                { match lang {
                    Lang::ZhCn => format!("（共{}条记录）", group_thousands(current.entries as usize)),
                    Lang::En => format!(" ({} entries)", group_thousands(current.entries as usize)),
                } }
            </p>
            if let Some(problem) = &check.problem {
                <p class="field-error" role="alert">{ problem.message(lang) }</p>
            }
            if check.rows.is_empty() {
                <p id="checkpoint-list-empty">{ tr(lang, "尚未打印报表或下载备份。", "No report printed and no backup downloaded yet.") }</p>
            } else {
                <table id="checkpoint-list" class="settings-table">
                    <thead><tr>
                        <th>{ tr(lang, "时间", "When") }</th>
                        <th>{ tr(lang, "事由", "What") }</th>
                        <th>{ tr(lang, "校验码", "Code") }</th>
                        <th>{ tr(lang, "记录条数", "Entries") }</th>
                        <th>{ tr(lang, "核对", "Check") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <form class="checkpoint-form" {onsubmit}>
                <label>
                    { tr(lang, "核对纸质件上的校验码：", "Check a code from a paper copy: ") }
                    <input id="checkpoint-code" type="text" ref={input} value={(*typed).clone()} {oninput}
                        placeholder="1234-9f3a2c7e" autocomplete="off" spellcheck="false" />
                </label>
                <button id="checkpoint-verify" type="submit">{ tr(lang, "核对", "Check") }</button>
                if let Some(v) = &*result {
                    <p id="checkpoint-result" data-verdict={v.key()} role="status"
                       class={classes!(if matches!(v, Verdict::Passes { .. }) { "field-ok" } else { "field-error" })}>
                        { v.message(lang) }
                    </p>
                }
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use xinfang_core::Office;

    fn office() -> Office {
        let day = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        crate::persist::sandbox::sample_office(7, day, 10).unwrap()
    }

    #[test]
    fn a_typed_code_is_checked_against_the_log() {
        let office = office();
        let log = office.log();
        let code = log.checkpoint().code().to_string();
        assert_eq!(verdict(log, &code), Verdict::Passes { code: code.clone() });
        assert_eq!(verdict(log, &code.to_uppercase().replace('-', "－")).key(), "ok");
        let earlier = Checkpoint { entries: 2, hash: log.entries()[1].hash }.code().to_string();
        assert_eq!(verdict(log, &earlier).key(), "ok");
        let wrong = format!("{}-00000000", log.len());
        assert_eq!(verdict(log, &wrong).key(), "diverged");
        let beyond = format!("{}-{}", log.len() + 5, &code[code.len() - 8..]);
        assert_eq!(verdict(log, &beyond).key(), "shorter");
        let garbage = verdict(log, "hello");
        assert_eq!(garbage.key(), "error");
        assert!(garbage.message(Lang::ZhCn).starts_with("无法核对："));
        assert!(verdict(log, &wrong).message(Lang::ZhCn).contains('✘'));
        assert!(verdict(log, &code).message(Lang::En).contains('✔'));
    }
}
