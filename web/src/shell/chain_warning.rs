//! The warning shown when the open record's history no longer passes
//! through a point the office printed or exported (`#chain-warning`), and
//! the note when the list of those points cannot be read
//! (`#heads-problem`). Both only inform: work goes on and nothing is
//! changed (see `persist::heads`).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{dates, tr, Lang};
use crate::persist::heads::Row;
use crate::ui::case_query::group_thousands;

/// One broken point, as the warning names it.
fn point_text(lang: Lang, row: &Row) -> String {
    let r = &row.recorded;
    let day = dates::display(lang, r.at.date());
    let code = r.point().code();
    let n = group_thousands(r.entries as usize);
    match lang {
        Lang::ZhCn => {
            format!("{day}{}时的记录校验码 {code}（当时共{n}条记录）", r.what.describe(lang))
        }
        Lang::En => {
            format!("checkpoint {code} of {day}, {} ({n} entries then)", r.what.describe(lang))
        }
    }
}

/// `#chain-warning` (with `.chain-warning-point` items) and `#heads-problem`.
#[component]
pub fn ChainWarning() -> Html {
    let app = use_app();
    let lang = app.lang();
    let broken: Vec<&Row> = app.heads.broken().collect();
    let problem = app.heads.problem.as_ref().map(|p| p.message(lang));
    html! {
        <>
            if !broken.is_empty() {
                <div id="chain-warning" class="notice notice-error storage-notice" role="alert">
                    <p id="chain-warning-text">
                        { tr(lang,
                            "记录校验警告：本机记录的历史已不再经过以下已打印或导出的节点。这表示该节点之前的记录在打印或导出之后被改动或删除过（即使每条记录的校验值已被重新计算）。",
                            "Checkpoint warning: the history of this record no longer passes through the points below, which were printed or exported. The entries before such a point were changed or removed after it was printed or exported (even if every entry's checksum was recomputed).") }
                    </p>
                    <ul>
                        { for broken.iter().map(|row| html! {
                            <li class="chain-warning-point" data-code={row.recorded.point().code().to_string()}>
                                { point_text(lang, row) }
                            </li>
                        }) }
                    </ul>
                    <p id="chain-warning-advice">
                        { tr(lang,
                            "请将纸质报表或备份文件上的校验码与“设置 · 记录校验”核对，查明改动；如需找回当时的记录，可用当时下载的备份恢复（当前记录会原样另存于本机）。本提示不影响继续工作，数据未作任何改动。",
                            "Compare the code on the printed report or in the backup file in Settings · Checkpoints and find out what changed; to get the record back as it was, restore the backup downloaded then (the current record is kept aside in this browser). You can keep working; nothing was changed.") }
                    </p>
                </div>
            }
            if let Some(text) = problem {
                <div id="heads-problem" class="notice notice-error storage-notice" role="status">
                    <p>{ text }</p>
                </div>
            }
        </>
    }
}
