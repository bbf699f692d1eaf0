//! Reading and showing form fields: the value of an input, select or
//! textarea (from its event or by id), and the error line under a form.

use wasm_bindgen::JsCast;
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
