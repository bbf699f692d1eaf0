//! The browser entry point: renders [`xinfang_web::App`] into the page body.

#![forbid(unsafe_code)]

fn main() {
    yew::Renderer::<xinfang_web::App>::new().render();
}
