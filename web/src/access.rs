//! 以单位身份查看: the preference `view_as` as the core's
//! [`Viewer`]. The rule itself (which cases a unit sees, which accusations
//! are withheld from it, and what a withheld case shows) is the core's
//! ([`xinfang_core::access`]); every page asks it through [`viewer`].
//!
//! In this page the whole record is in the browser: a unit's view is a
//! convenience, not a security boundary ([`HONEST_NOTE`]).

pub use xinfang_core::access::{Access, Viewer, PLACEHOLDER};

use crate::i18n::Bilingual;
use crate::persist::prefs::Prefs;

/// The viewer the preferences choose: the petition office's view, or the
/// unit of `view_as`.
pub fn viewer(prefs: &Prefs) -> Viewer {
    Viewer::of(prefs.view_as)
}

/// What a unit's view says in place of a case it does not handle.
pub fn refused() -> Bilingual {
    Bilingual::new(xinfang_core::access::REFUSED, "This unit may not view this case.")
}

/// The honest note shown with a unit's view.
pub const HONEST_NOTE: (&str, &str) = (
    "单位视图只是本机页面的便利，不是安全边界：整份记录都在这台电脑的浏览器里。真正的分隔需要各单位使用单独的账号（信访部门服务器）。",
    "A unit's view is a convenience of this page, not a security boundary: the whole record is in this browser. Real separation needs separate accounts (the office server).",
);
