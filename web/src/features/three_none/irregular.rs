//! The 三无 page's record of irregular visits (非正常上访): a count per
//! township and period (`#irregular-form`), and the counts recorded that
//! overlap the period shown (`#irregular-list`), each removable. Only
//! counts are kept, never people.

use chrono::NaiveDate;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::three_none::IrregularVisits;
use xinfang_core::{Office, UnitId};
use yew::prelude::*;

use crate::context::{change_work, use_app, would_apply};
use crate::i18n::{dates, tr, Bilingual, Lang};

/// What the form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrregularDraft {
    /// A township's unit id number, `""` for none.
    pub township: String,
    /// The first day.
    pub from: String,
    /// The last day.
    pub to: String,
    /// The count.
    pub count: String,
}

impl IrregularDraft {
    /// An empty form for the period `from..=to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        IrregularDraft {
            township: String::new(),
            from: dates::input_value(from),
            to: dates::input_value(to),
            count: String::new(),
        }
    }

    /// The record the form describes (the core checks the dates' order).
    pub fn record(&self) -> Result<IrregularVisits, Bilingual> {
        let township = self
            .township
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(UnitId::new)
            .ok_or_else(|| Bilingual::new("请选择乡镇（街道）。", "Choose a township."))?;
        let (Some(from), Some(to)) = (dates::parse_input(&self.from), dates::parse_input(&self.to))
        else {
            return Err(Bilingual::new("请填写起止日期。", "Enter the first and the last day."));
        };
        let count = self.count.trim().parse::<u32>().map_err(|_| {
            Bilingual::new("次数应为非负整数。", "The count is a whole number (0 or more).")
        })?;
        Ok(IrregularVisits { township, from, to, count })
    }
}

/// The recorded counts overlapping `from..=to`.
pub fn overlapping(
    records: impl Iterator<Item = IrregularVisits>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<IrregularVisits> {
    records.filter(|r| r.from <= to && from <= r.to).collect()
}

/// Props of [`IrregularVisitsSection`].
#[derive(Debug, PartialEq, Properties)]
pub struct IrregularVisitsProps {
    /// The period shown: its first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
}

fn township_name(office: &Office, id: UnitId) -> String {
    office.settings().org.unit_name(id)
}

/// The form and the list.
#[component]
pub fn IrregularVisitsSection(props: &IrregularVisitsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let (from, to) = (props.from, props.to);
    let draft = use_state_eq(|| IrregularDraft::new(from, to));
    let error = use_state_eq(|| None::<Bilingual>);
    let edit = |f: fn(&mut IrregularDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            f(&mut next, e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            draft.set(next);
        })
    };
    let on_count = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let count = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            draft.set(IrregularDraft { count, ..(*draft).clone() });
        })
    };
    let on_submit = {
        let (app, draft, error) = (app.clone(), draft.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match draft.record() {
                Err(msg) => error.set(Some(msg)),
                Ok(record) => {
                    error.set(None);
                    let change = WorkChange::RecordIrregularVisits(record);
                    let ok = would_apply(&app.office.get(), &change, crate::clock::now());
                    change_work(&app, change);
                    if ok {
                        draft.set(IrregularDraft { count: String::new(), ..(*draft).clone() });
                    }
                }
            }
        })
    };

    let office = app.office.get();
    let townships: Vec<(UnitId, String)> =
        office.settings().org.townships().map(|u| (u.id(), u.name().to_string())).collect();
    let records = overlapping(app.work().irregular_visits.iter().copied(), from, to);
    let items = records.iter().map(|r| {
        let r = *r;
        let remove = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                change_work(&app, WorkChange::RemoveIrregularVisits(r.township, r.from, r.to))
            })
        };
        let name = township_name(&office, r.township);
        let text = match lang {
            Lang::ZhCn => format!(
                "{name}：{}至{}，非正常上访{}次",
                dates::display(lang, r.from),
                dates::display(lang, r.to),
                r.count
            ),
            Lang::En => format!(
                "{name}: {} to {}, {} irregular visits",
                dates::display(lang, r.from),
                dates::display(lang, r.to),
                r.count
            ),
        };
        html! {
            <li class="irregular-record" data-unit={r.township.get().to_string()} data-name={name}
                data-from={dates::input_value(r.from)} data-to={dates::input_value(r.to)}
                data-count={r.count.to_string()}>
                <span class="irregular-text">{ text }</span>
                <button type="button" class="irregular-remove no-print" onclick={remove}>
                    { tr(lang, "删除", "Remove") }
                </button>
            </li>
        }
    });
    html! {
        <section id="irregular-visits" class="case-section">
            <h3>{ tr(lang, "非正常上访登记", "Irregular visits") }</h3>
            <p class="muted">
                { tr(lang, "按乡镇和期间登记次数（只记次数，不记人员）；与统计期间有交叠的记录全额计入。",
                    "Record a count per township and period (counts only, never people); a record overlapping the period counts in full.") }
            </p>
            <form id="irregular-form" class="inline-form" onsubmit={on_submit} novalidate=true>
                <label for="irregular-township">{ tr(lang, "乡镇（街道）", "Township") }</label>
                <select id="irregular-township" onchange={edit(|d, v| d.township = v)}>
                    <option value="" selected={draft.township.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                    { for townships.iter().map(|(id, name)| {
                        let value = id.get().to_string();
                        html! { <option value={value.clone()} selected={value == draft.township}>{ name.clone() }</option> }
                    }) }
                </select>
                <label for="irregular-from">{ tr(lang, "自", "From") }</label>
                <input id="irregular-from" type="date" value={draft.from.clone()} onchange={edit(|d, v| d.from = v)} />
                <label for="irregular-to">{ tr(lang, "至", "To") }</label>
                <input id="irregular-to" type="date" value={draft.to.clone()} onchange={edit(|d, v| d.to = v)} />
                <label for="irregular-count">{ tr(lang, "次数", "Count") }</label>
                <input id="irregular-count" type="number" min="0" value={draft.count.clone()} oninput={on_count} />
                <button id="irregular-submit" type="submit">{ tr(lang, "登记", "Record") }</button>
                if let Some(msg) = &*error {
                    <span id="irregular-error" class="field-error" role="alert">{ msg.get(lang).to_string() }</span>
                }
            </form>
            if records.is_empty() {
                <p id="irregular-none" class="muted">{ tr(lang, "本期间没有登记。", "Nothing recorded for this period.") }</p>
            } else {
                <ul id="irregular-list">{ for items }</ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_draft_becomes_a_record() {
        let mut draft = IrregularDraft::new(d(1, 1), d(12, 31));
        assert_eq!(draft.record().unwrap_err().zh, "请选择乡镇（街道）。");
        draft.township = "5".into();
        assert!(draft.record().is_err(), "no count");
        draft.count = "2".into();
        let r = draft.record().unwrap();
        assert_eq!((r.township, r.from, r.to, r.count), (UnitId::new(5), d(1, 1), d(12, 31), 2));
        draft.count = "-1".into();
        assert!(draft.record().is_err());
        draft.count = "0".into();
        draft.to = String::new();
        assert_eq!(draft.record().unwrap_err().en, "Enter the first and the last day.");
    }

    #[test]
    fn records_overlapping_the_period() {
        let r = |from, to| IrregularVisits { township: UnitId::new(1), from, to, count: 1 };
        let all = [r(d(1, 1), d(1, 31)), r(d(3, 1), d(3, 31)), r(d(2, 20), d(3, 5))];
        let got = overlapping(all.iter().copied(), d(2, 1), d(2, 28));
        assert_eq!(got, vec![all[2]]);
    }
}
