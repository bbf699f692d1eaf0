//! Reading and showing form fields: the value of an input, select or
//! textarea (from its event or by id), the error line under a form, and the
//! length counter (`123/200`) beside every text field the core limits.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use xinfang_core::limits::{length, Limit};
use yew::prelude::*;

/// The value of the `<input>` an event came from.
pub fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

/// The value of the `<select>` an event came from.
pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
}

/// The value of the `<textarea>` an event came from.
pub fn area_value(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()
}

/// The current value of the input, select or textarea with this id ("" if
/// there is none). Forms read their text fields when submitted, so what
/// the browser holds (typed, pasted, filled in or cleared) is what counts.
pub fn read_value(id: &str) -> String {
    let Some(element) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
    else {
        return String::new();
    };
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// Empties the input with this id (after a successful add).
pub fn clear_value(id: &str) {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        input.set_value("");
    }
}

/// The error message under a form, if any.
pub fn field_error(id: &'static str, error: &Option<String>) -> Html {
    match error {
        Some(message) => html! { <p {id} class="field-error" role="alert">{ message.clone() }</p> },
        None => html! {},
    }
}

/// The `maxlength` of a text field the core limits ([`xinfang_core::limits`]):
/// typing and pasting stop there. (The browser counts UTF-16 units, the
/// core characters: a rare character outside the basic plane counts twice
/// here, so the browser never lets through what the core refuses.)
pub fn maxlength(limit: Limit) -> AttrValue {
    AttrValue::from(limit.max.to_string())
}

/// How much of its limit a text takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// The characters typed.
    pub len: usize,
    /// The most allowed.
    pub max: usize,
}

impl Count {
    /// The count of `text` against `limit`.
    pub fn of(text: &str, limit: Limit) -> Count {
        Count { len: length(text), max: limit.max }
    }

    /// `123/200`.
    pub fn label(self) -> String {
        format!("{}/{}", self.len, self.max)
    }

    /// At 90 % of the limit or more: the counter warns.
    pub fn near(self) -> bool {
        self.len * 10 >= self.max * 9
    }

    /// Past the limit (a value set by a script; typing stops at it).
    pub fn over(self) -> bool {
        self.len > self.max
    }

    /// The counter's classes: `char-count`, plus `near` or `over`.
    pub fn class(self) -> &'static str {
        if self.over() {
            "char-count over"
        } else if self.near() {
            "char-count near"
        } else {
            "char-count"
        }
    }
}

/// The counter's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CharCountProps {
    /// The id of the input or textarea counted; the counter's id is
    /// `{target}-count`.
    pub target: AttrValue,
    /// Its limit.
    pub limit: Limit,
    /// The text, when the form holds it; otherwise the counter reads the
    /// element when shown and follows its `input` events (typed, pasted,
    /// or set by a script that fires them).
    #[prop_or_default]
    pub value: Option<AttrValue>,
}

/// The live counter beside a limited text field: `123/200`, warning near
/// the limit. Put `maxlength={maxlength(limit)}` on the field itself.
#[component]
pub fn CharCount(props: &CharCountProps) -> Html {
    let typed = use_state_eq(|| None::<usize>);
    {
        let typed = typed.clone();
        use_effect_with(props.target.clone(), move |target| {
            typed.set(Some(length(&read_value(target))));
            let target = target.to_string();
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                let id = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                if id.is_some_and(|el| el.id() == target) {
                    typed.set(Some(length(&read_value(&target))));
                }
            });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(d) = &document {
                let _ =
                    d.add_event_listener_with_callback("input", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = document {
                    let _ = d.remove_event_listener_with_callback(
                        "input",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let len = match &props.value {
        Some(text) => length(text),
        None => typed.unwrap_or(0),
    };
    let count = Count { len, max: props.limit.max };
    html! {
        <span id={format!("{}-count", props.target)} class={count.class()} aria-live="polite">
            { count.label() }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::limits::SUMMARY;

    #[test]
    fn the_counter_counts_characters_and_warns_near_and_past_the_limit() {
        let empty = Count::of("", SUMMARY);
        assert_eq!((empty.label(), empty.class()), ("0/200".to_string(), "char-count"));
        let some = Count::of(&"字".repeat(123), SUMMARY);
        assert_eq!((some.label(), some.class()), ("123/200".to_string(), "char-count"));
        let near = Count::of(&"字".repeat(180), SUMMARY);
        assert!(near.near() && !near.over());
        assert_eq!(near.class(), "char-count near");
        let full = Count::of(&"字".repeat(200), SUMMARY);
        assert_eq!((full.label(), full.class()), ("200/200".to_string(), "char-count near"));
        let over = Count::of(&"字".repeat(201), SUMMARY);
        assert_eq!((over.label(), over.class()), ("201/200".to_string(), "char-count over"));
        assert_eq!(maxlength(SUMMARY).as_str(), "200");
    }
}
