//! The notice shown when the browser's storage could not be read or
//! written: the preferences (`persist::prefs`) and the open record
//! (`persist::record`), each detail cut to one line, the raw data of an
//! unreadable record downloadable.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tr, Key, Lang};
use crate::persist::kv::{brief, is_quota_error, prefix_of, Space};
use crate::persist::prefs::{problem_message, StorageProblem};
use crate::shell::asides::download_raw;
use crate::state::OfficeProblem;

/// Props of [`StorageNotice`].
#[derive(Debug, PartialEq, Properties)]
pub struct StorageNoticeProps {
    /// The interface language.
    pub lang: Lang,
    /// The problem with the preferences, if any.
    pub problem: Option<Rc<StorageProblem>>,
    /// Called when the user gives up unreadable saved preferences.
    pub on_discard: Callback<()>,
    /// The problem with the open record, if any.
    #[prop_or_default]
    pub office_problem: Option<Rc<OfficeProblem>>,
    /// Which record is open.
    #[prop_or_default]
    pub space: Space,
    /// Called when the user sets an unreadable record aside.
    #[prop_or_default]
    pub on_set_aside: Callback<()>,
    /// The entries read before the damage and the entries the head counts,
    /// when the readable part is shown read-only.
    #[prop_or_default]
    pub read_only: Option<(usize, usize)>,
}

/// The message of an office record problem.
pub fn office_problem_text(lang: Lang, problem: &OfficeProblem) -> String {
    match problem {
        OfficeProblem::Unreadable(p) => p.message(lang),
        OfficeProblem::WriteFailed { detail } if is_quota_error(detail) => tr(
            lang,
            "本机存储空间已满，刚才的修改保留在本页中，但尚未保存到本机：关闭或刷新本页会丢失这些修改。\
             请先用页脚的“备份”导出本记录，再释放空间（例如重置或不再使用培训沙盒、清除浏览器中其他网站的数据），\
             下次修改时会自动重试，一并保存全部未保存的修改。",
            "Browser storage is full. Your latest changes are kept in this tab but are NOT saved in \
             this browser: closing or reloading the tab would lose them. Back the record up first \
             (Backup, in the footer), then free some space (e.g. reset or stop using the training \
             sandbox, clear other sites' data); the next change retries and saves everything still unsaved.",
        )
        .to_owned(),
        OfficeProblem::WriteFailed { detail } => match (lang, brief(detail)) {
            (Lang::ZhCn, detail) => format!(
                "保存失败（{detail}）：修改保留在本页中，但尚未保存到本机，下次修改时会自动重试。"
            ),
            (Lang::En, detail) => format!(
                "Saving failed ({detail}): the changes are kept in this tab but not saved in this \
                 browser; the next change retries."
            ),
        },
    }
}

/// Downloads every stored value of the record, as stored
/// (`#office-download-raw`): what cannot be read stays in the user's hands.
fn on_download_raw(space: Space) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        let prefix = prefix_of(space);
        download_raw(prefix, &format!("信访记录原始数据-{prefix}.json"));
    })
}

/// The message (`id="storage-problem"`) and, when saved preferences could
/// not be read and a backup of them exists, the button to start saving
/// again (`id="storage-discard"`); for the record (`#office-problem`), the
/// way to set an unreadable real record aside (`#office-set-aside`).
#[component]
pub fn StorageNotice(props: &StorageNoticeProps) -> Html {
    if props.problem.is_none() && props.office_problem.is_none() {
        return Html::default();
    }
    let lang = props.lang;
    let prefs = props.problem.as_deref().map(|problem| {
        let can_discard = matches!(problem, StorageProblem::Unreadable { backed_up: true, .. });
        html! {
            <>
                <p>{ problem_message(lang, problem) }</p>
                if can_discard {
                    <button type="button" id="storage-discard"
                            onclick={props.on_discard.reform(|_| ())}>
                        { t(lang, Key::DiscardSaved) }
                    </button>
                }
            </>
        }
    });
    let office = props.office_problem.as_deref().map(|problem| {
        let unreadable = matches!(problem, OfficeProblem::Unreadable(_));
        let kind = if unreadable { "unreadable" } else { "write-failed" };
        html! {
            <div id="office-problem" data-kind={kind}>
                <p>{ office_problem_text(lang, problem) }</p>
                if let (true, Some((read, total))) = (unreadable, props.read_only) {
                    <p id="office-readable" data-read={read.to_string()} data-total={total.to_string()}>
                        { match lang {
                            Lang::ZhCn => format!(
                                "损坏之前的第1至{read}条历史记录（共{total}条）可以读取，已以只读方式打开：其中的案件可以查看、打印和备份，修改暂不生效；第{}至{total}条未能读取。",
                                read + 1
                            ),
                            Lang::En => format!(
                                "Entries 1 to {read} of {total}, everything before the damage, read and are open read-only: their cases can be viewed, printed and backed up, changes are not taken; entries {} to {total} could not be read.",
                                read + 1
                            ),
                        } }
                    </p>
                }
                if unreadable {
                    <button type="button" id="office-download-raw" onclick={on_download_raw(props.space)}>
                        { tr(lang, "下载原始数据（原样保存，可交技术人员检查）",
                             "Download the raw data (as stored, for a technician to examine)") }
                    </button>
                }
                if unreadable && props.space == Space::Real {
                    <button type="button" id="office-set-aside"
                            onclick={props.on_set_aside.reform(|_| ())}>
                        { if props.read_only.is_some() {
                            tr(lang, "将损坏的原记录原样另存一旁，以可读部分继续工作",
                               "Keep the damaged record aside, unchanged, and go on with the part that reads")
                        } else {
                            tr(lang, "将无法读取的记录原样另存一旁，从空记录开始",
                               "Keep the unreadable record aside, unchanged, and start an empty one")
                        } }
                    </button>
                }
                if unreadable && props.space == Space::Sandbox {
                    <p>{ tr(lang, "可用上方的“重置沙盒”重新生成样例数据。",
                            "Use “Reset the sandbox” above to generate fresh sample data.") }</p>
                }
            </div>
        }
    });
    html! {
        <section class="notice" id="storage-problem" role="alert">
            { for prefs }
            { for office }
        </section>
    }
}
