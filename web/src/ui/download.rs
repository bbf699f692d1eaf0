//! Saving bytes made in the page (CSV, xlsx) as a file: a `Blob`, an object
//! URL and a temporary `<a download>` that is clicked and removed; the URL
//! is revoked a little later (revoking at once can cancel the download).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// The MIME type of CSV files.
pub const CSV: &str = "text/csv;charset=utf-8";

/// The MIME type of .xlsx workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Offers `bytes` to the user as a file named `filename`. Fails only when
/// the browser refuses (no document, a blocked object URL).
pub fn save(bytes: &[u8], filename: &str, mime: &str) -> Result<(), String> {
    save_js(bytes, filename, mime).map_err(|e| format!("{e:?}"))
}

fn save_js(bytes: &[u8], filename: &str, mime: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let body = document.body().ok_or("no body")?;

    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;

    let a: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("hidden", "")?;
    body.append_child(&a)?;
    a.click();
    a.remove();

    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}
