//! An editable generated document on the reports page: the quarterly
//! briefing (情况通报, `#briefing-text`) or the art. 39 analysis
//! (`#analysis-text`), pre-filled from `xinfang_core::briefing` and edited
//! in a textarea; the edit (held by the page, so it outlives the print
//! view) is kept while the same quarter is shown and set aside (back to
//! the generated text) when the quarter changes or on `#<id>-reset`. `#<id>-print` hands the text to the page's print view.
//! Also the print view itself ([`print_sheet`]).

use std::rc::Rc;

use xinfang_core::Period;
use yew::prelude::*;

use crate::i18n::{tr, Lang};

/// Props of [`ReportDocument`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReportDocumentProps {
    /// The interface language.
    pub lang: Lang,
    /// `briefing` or `analysis`: the prefix of the element ids.
    pub id: &'static str,
    /// The heading.
    pub heading: AttrValue,
    /// The period the text is about; an edit belongs to it.
    pub period: Period,
    /// The generated text.
    pub text: Rc<String>,
    /// The edit, with the period it was made for.
    pub edit: Option<(Period, String)>,
    /// Called with a new edit, or `None` to restore the generated text.
    pub on_edit: Callback<Option<(Period, String)>>,
    /// Called with the (edited) text to print it.
    pub on_print: Callback<String>,
}

/// The shown text: the edit if it belongs to `period`, else the generated one.
pub fn shown_text(edit: Option<&(Period, String)>, period: Period, generated: &str) -> String {
    match edit {
        Some((p, text)) if *p == period => text.clone(),
        _ => generated.to_string(),
    }
}

/// An editable document with its print and reset buttons.
#[component]
pub fn ReportDocument(props: &ReportDocumentProps) -> Html {
    let lang = props.lang;
    let text = shown_text(props.edit.as_ref(), props.period, &props.text);
    let edited = props.edit.as_ref().is_some_and(|(p, _)| *p == props.period);
    let oninput = {
        let on_edit = props.on_edit.clone();
        let period = props.period;
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
            on_edit.emit(Some((period, value)));
        })
    };
    let reset = props.on_edit.reform(|_: MouseEvent| None);
    let print = {
        let on_print = props.on_print.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| on_print.emit(text.clone()))
    };
    let id = props.id;
    html! {
        <section class="report-block report-document" aria-labelledby={format!("{id}-title")}>
            <h3 id={format!("{id}-title")}>{ props.heading.clone() }</h3>
            <p class="report-note">
                { tr(lang,
                    "以下为根据登记数据自动生成的草稿，可直接修改；不含信访人个人信息和检举控告内容。",
                    "A draft generated from the recorded cases, to edit here; it holds no personal data \
                     and no accusation content. The document itself is in Chinese.") }
            </p>
            <textarea id={format!("{id}-text")} class="report-text" lang="zh-CN" rows="18"
                value={text} {oninput}
                aria-label={props.heading.clone()} />
            <div class="report-actions">
                <button id={format!("{id}-print")} type="button" onclick={print}>
                    { tr(lang, "打印预览", "Print view") }
                </button>
                <button id={format!("{id}-reset")} type="button" onclick={reset} disabled={!edited}>
                    { tr(lang, "恢复自动生成的文本", "Restore the generated text") }
                </button>
                if edited {
                    <span class="edited-mark">{ tr(lang, "（已修改）", "(edited)") }</span>
                }
            </div>
        </section>
    }
}

/// The print view: a toolbar (print, back) and the text as a sheet — the
/// first line the title, the rest paragraphs, the record's checkpoint
/// (`#print-view-checkpoint`) at the foot. The page hides the app's
/// chrome while it is shown (`body.print-view`).
pub fn print_sheet(
    lang: Lang,
    text: &str,
    checkpoint: &str,
    on_print: Callback<MouseEvent>,
    on_close: Callback<MouseEvent>,
) -> Html {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default().to_string();
    html! {
        <div id="print-view" class="report-print">
            <div class="print-toolbar no-print">
                <button id="print-view-close" type="button" onclick={on_close}>
                    { tr(lang, "返回报表", "Back to the reports") }
                </button>
                <button id="print-view-print" type="button" onclick={on_print}>
                    { tr(lang, "打印", "Print") }
                </button>
            </div>
            <article id="print-view-text" class="print-sheet" lang="zh-CN">
                <h1 class="print-title">{ title }</h1>
                { for lines.map(|l| if l.trim().is_empty() {
                    html! { <p class="blank" aria-hidden="true">{ "\u{a0}" }</p> }
                } else {
                    html! { <p>{ l.to_string() }</p> }
                }) }
                <p id="print-view-checkpoint" class="print-checkpoint">{ checkpoint.to_string() }</p>
            </article>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_belongs_to_its_quarter() {
        let q3 = Period::quarter(2026, 3).unwrap();
        let q4 = Period::quarter(2026, 4).unwrap();
        let edit = (q3, "改过的".to_string());
        assert_eq!(shown_text(Some(&edit), q3, "生成的"), "改过的");
        assert_eq!(shown_text(Some(&edit), q4, "生成的"), "生成的");
        assert_eq!(shown_text(None, q3, "生成的"), "生成的");
    }
}
