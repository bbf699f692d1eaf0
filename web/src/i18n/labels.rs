//! The English names and the form/URL keys of the core's enums, in one place.
//!
//! Every enum the pages show implements [`Named`]: its values in display
//! order ([`Named::OPTIONS`]), the key each one has in `<select>` values, `data-*`
//! attributes, element ids and stored presets ([`Named::key`], the core's own
//! snake_case serde name wherever the core serialises the enum), and its
//! name in either language ([`Named::name`]): the Chinese always comes from
//! the core's `label()`, the English is written here once.
//!
//! Names are standalone (capitalised, as in a select or a table); running
//! English text uses [`lower`] on them.
//!
//! The one exception to “key = serde name” is [`Channel`] (serialised as a
//! tagged object): its keys are the register form's agreed `#reg-channel`
//! values, which name a letter by its postage (`letter`, `letter_green`) and
//! write `hotline_12345` (serde: `hotline12345`). The case list's channel
//! filter (`case_query::ChannelFilter`) reuses these keys, `letter` there
//! meaning any letter.

use std::sync::OnceLock;

use xinfang_core::case::{
    ContactMethod, DeclineKind, DeliveryMethod, ReplyOutcome, ReviewLevel, ReviewOutcome,
    Satisfaction, SupervisionKind,
};
use xinfang_core::goals::IndicatorKind;
use xinfang_core::work::backlog::BacklogStatus;
use xinfang_core::{Channel, Disposal, DueAction, Escalation, Fix, Purpose, Role, Stage, UnitKind};

use crate::i18n::{tr, Lang};

/// A core enum as the interface shows it: key and names.
pub trait Named: Copy + PartialEq + 'static {
    /// Every value, in display order (the selects' options; named apart
    /// from the core's `ALL`, which lists letters once).
    const OPTIONS: &'static [Self];

    /// The stable key (select value, `data-*`, preset): the core's
    /// snake_case serde name where it has one.
    fn key(self) -> &'static str;

    /// The Chinese name (the core's `label()`).
    fn zh(self) -> &'static str;

    /// The English name.
    fn en(self) -> &'static str;

    /// The name in `lang`.
    fn name(self, lang: Lang) -> &'static str {
        tr(lang, self.zh(), self.en())
    }

    /// The value of a key (`None` for an unknown key or `""`).
    fn from_key(key: &str) -> Option<Self> {
        let key = key.trim();
        Self::OPTIONS.iter().copied().find(|v| v.key() == key)
    }
}

/// A name for running English text: its first letter lowered unless the
/// name starts with an acronym (`Supported` → `supported`, `SMS` stays).
pub fn lower(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(name[first.len_utf8()..].chars()).collect()
        }
        _ => name.to_string(),
    }
}

/// Implements [`Named`] for a field-less core enum with a `label()`:
/// `Enum { Variant => "key", "English", … }` in display order.
macro_rules! named {
    ($ty:ident { $($variant:ident => $key:literal, $en:literal,)+ }) => {
        impl Named for $ty {
            const OPTIONS: &'static [$ty] = &[$($ty::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => $key,)+
                }
            }

            fn zh(self) -> &'static str {
                self.label()
            }

            fn en(self) -> &'static str {
                match self {
                    $($ty::$variant => $en,)+
                }
            }
        }
    };
}

named!(Stage {
    Registered => "registered", "Awaiting routing",
    Routed => "routed", "Awaiting acceptance",
    Handling => "handling", "Being handled",
    Replied => "replied", "Replied",
    UnderReview => "under_review", "Under review",
    Reviewed => "reviewed", "Reviewed",
    UnderReReview => "under_re_review", "Under re-review",
    Terminated => "terminated", "Concluded (final)",
    Declined => "declined", "Not accepted",
    Directed => "directed", "Directed to a statutory procedure",
    Archived => "archived", "Concluded (per the old ledger)",
});

named!(DueAction {
    Route => "route", "Route the case",
    DecideAcceptance => "decide_acceptance", "Decide acceptance",
    Reply => "reply", "Reply in writing",
    DecideReview => "decide_review", "Decide the review",
    DecideReReview => "decide_re_review", "Decide the re-review",
});

named!(IndicatorKind {
    TimelyAcceptance => "timely_acceptance", "Timely acceptance",
    OnTimeReply => "on_time_reply", "Replies on time",
    RatingParticipation => "rating_participation", "Rating participation",
    Satisfaction => "satisfaction", "Satisfaction",
    AssignedSatisfaction => "assigned_satisfaction", "Satisfaction (assigned cases)",
    RepeatVisits => "repeat_visits", "Repeat visits",
    EscalatedRepeatVisits => "escalated_repeat_visits", "Escalated repeat visits",
    RepeatLetters => "repeat_letters", "Repeat letters",
    GreenPost => "green_post", "Green-post letters",
    BacklogConcluded => "backlog_concluded", "Backlog concluded",
    BacklogSettled => "backlog_settled", "Backlog settled",
    ThreeNoTownships => "three_no_townships", "“Three-no” townships",
    FirstPetitionResolved => "first_petition_resolved", "First petitions resolved at once",
});

named!(Purpose {
    Request => "request", "Request",
    Appeal => "appeal", "Appeal",
    Accusation => "accusation", "Accusation",
    Suggestion => "suggestion", "Suggestion",
    Enquiry => "enquiry", "Enquiry",
});

named!(Escalation {
    City => "city", "To the city",
    Province => "province", "To the province",
    Capital => "capital", "To Beijing",
});

named!(Disposal {
    Transfer => "transfer", "Transfer",
    Assign => "assign", "Assign (five fixes)",
    Direct => "direct", "Handle directly",
});

named!(Fix {
    Unit => "unit", "Responsible unit",
    Leader => "leader", "Leader in charge",
    Handler => "handler", "Case handler",
    Deadline => "deadline", "Deadline",
    Standard => "standard", "Quality standard",
});

named!(UnitKind {
    PetitionOffice => "petition_office", "Petition office",
    Township => "township", "Township",
    Department => "department", "County department",
    Higher => "higher", "Higher body",
});

named!(Role {
    Leader => "leader", "Leader in charge",
    Handler => "handler", "Case handler",
    Clerk => "clerk", "Petition clerk",
});

named!(DeclineKind {
    NotAccepted => "not_accepted", "Not accepted",
    NoLongerAccepted => "no_longer_accepted", "No longer accepted",
});

named!(ReplyOutcome {
    Support => "support", "Supported",
    Explain => "explain", "Explained",
    Reject => "reject", "Not supported",
});

named!(ReviewLevel {
    Review => "review", "Review",
    ReReview => "re_review", "Re-review",
});

named!(ReviewOutcome {
    Uphold => "uphold", "Upheld",
    Change => "change", "Changed",
    Redo => "redo", "Set aside (handle again)",
});

named!(SupervisionKind {
    Reminder => "reminder", "Reminder",
    Written => "written", "Written supervision notice",
    Phone => "phone", "Supervision by phone",
    Interview => "interview", "Supervision interview",
    OnSite => "on_site", "On-site supervision",
});

named!(DeliveryMethod {
    HandedOver => "handed_over", "Handed over",
    Post => "post", "By post",
    Online => "online", "Online",
});

named!(ContactMethod {
    Phone => "phone", "By phone",
    Visit => "visit", "Home visit",
    Sms => "sms", "Text message",
    Letter => "letter", "Letter",
});

named!(Satisfaction {
    Satisfied => "satisfied", "Satisfied",
    Basically => "basically", "Basically satisfied",
    Dissatisfied => "dissatisfied", "Dissatisfied",
});

/// The Chinese name of a green-post letter: the core's `Display`
/// (`来信（绿色邮政）`), made once.
fn green_post_zh() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| Channel::Letter { green_post: true }.to_string())
}

/// Channels, letters by postage: the register form's `#reg-channel` values.
impl Named for Channel {
    const OPTIONS: &'static [Channel] = &[
        Channel::Letter { green_post: false },
        Channel::Letter { green_post: true },
        Channel::Visit,
        Channel::Phone,
        Channel::Online,
        Channel::LeaderMailbox,
        Channel::Email,
        Channel::Fax,
        Channel::FromAbove,
        Channel::Hotline12345,
    ];

    fn key(self) -> &'static str {
        match self {
            Channel::Letter { green_post: false } => "letter",
            Channel::Letter { green_post: true } => "letter_green",
            Channel::Visit => "visit",
            Channel::Phone => "phone",
            Channel::Online => "online",
            Channel::LeaderMailbox => "leader_mailbox",
            Channel::Email => "email",
            Channel::Fax => "fax",
            Channel::FromAbove => "from_above",
            Channel::Hotline12345 => "hotline_12345",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Channel::Letter { green_post: true } => green_post_zh(),
            c => c.label(),
        }
    }

    fn en(self) -> &'static str {
        match self {
            Channel::Letter { green_post: false } => "Letter",
            Channel::Letter { green_post: true } => "Letter (free green post)",
            Channel::Visit => "Visit in person",
            Channel::Phone => "Phone call",
            Channel::Online => "Online petition",
            Channel::LeaderMailbox => "Leader's mailbox",
            Channel::Email => "Email",
            Channel::Fax => "Fax",
            Channel::FromAbove => "Handed down from above",
            Channel::Hotline12345 => "12345 hotline",
        }
    }
}

/// The key of a backlog status (`open`, `resolved`, `filed`).
pub fn backlog_status_key(status: BacklogStatus) -> &'static str {
    match status {
        BacklogStatus::Open => "open",
        BacklogStatus::Resolved { .. } => "resolved",
        BacklogStatus::Filed { .. } => "filed",
    }
}

/// A backlog status in the interface language.
pub fn backlog_status_label(lang: Lang, status: BacklogStatus) -> &'static str {
    match lang {
        Lang::ZhCn => status.label(),
        Lang::En => match status {
            BacklogStatus::Open => "Open",
            BacklogStatus::Resolved { .. } => "Resolved",
            BacklogStatus::Filed { .. } => "Filed as final",
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fmt::Debug;

    use serde::Serialize;

    use super::*;

    /// Keys are unique, parse back, and names exist in both languages.
    fn check<T: Named + Debug>() {
        let mut keys = HashSet::new();
        for &v in T::OPTIONS {
            assert!(keys.insert(v.key()), "{v:?}: duplicate key");
            assert_eq!(T::from_key(v.key()), Some(v), "{v:?}");
            assert!(!v.en().is_empty() && !v.zh().is_empty(), "{v:?}");
            assert_ne!(v.name(Lang::En), v.name(Lang::ZhCn), "{v:?}");
        }
        assert_eq!(T::from_key(""), None);
        assert_eq!(T::from_key("no_such_key"), None);
    }

    /// As [`check`], and every key is the core's serde name.
    fn check_serde<T: Named + Debug + Serialize>() {
        check::<T>();
        for &v in T::OPTIONS {
            assert_eq!(serde_json::to_value(v).unwrap(), v.key(), "{v:?}: the core's own name");
        }
    }

    #[test]
    fn keys_are_the_cores_serde_names_and_parse_back() {
        check_serde::<Stage>();
        check_serde::<DueAction>();
        check_serde::<IndicatorKind>();
        check_serde::<Purpose>();
        check_serde::<Escalation>();
        check_serde::<Disposal>();
        check_serde::<Fix>();
        check_serde::<UnitKind>();
        check_serde::<Role>();
        check_serde::<DeclineKind>();
        check_serde::<ReplyOutcome>();
        check_serde::<ReviewLevel>();
        check_serde::<ReviewOutcome>();
        check_serde::<SupervisionKind>();
        check_serde::<ContactMethod>();
        check_serde::<DeliveryMethod>();
        check_serde::<Satisfaction>();
    }

    #[test]
    fn every_value_is_listed_in_the_cores_order() {
        assert_eq!(Stage::OPTIONS, &Stage::ALL[..]);
        assert_eq!(IndicatorKind::OPTIONS, &IndicatorKind::ALL[..]);
        assert_eq!(Purpose::OPTIONS, &Purpose::ALL[..]);
        assert_eq!(Disposal::OPTIONS, &Disposal::ALL[..]);
        assert_eq!(UnitKind::OPTIONS, &UnitKind::ALL[..]);
        assert_eq!(Role::OPTIONS, &Role::ALL[..]);
        assert_eq!(SupervisionKind::OPTIONS, &SupervisionKind::ALL[..]);
        // Channels: the core's, with the green-post letter after the plain one.
        let plain: Vec<Channel> = Channel::OPTIONS
            .iter()
            .copied()
            .filter(|c| *c != Channel::Letter { green_post: true })
            .collect();
        assert_eq!(plain, Channel::ALL);
    }

    #[test]
    fn channel_keys_follow_the_cores_kind_with_letters_by_postage() {
        check::<Channel>();
        for &c in Channel::OPTIONS {
            let json = serde_json::to_value(c).unwrap();
            let kind = json["kind"].as_str().unwrap().to_string();
            match c {
                Channel::Letter { green_post: true } => assert_eq!(c.key(), "letter_green"),
                // The register form's agreed value predates this module.
                Channel::Hotline12345 => {
                    assert_eq!((c.key(), kind.as_str()), ("hotline_12345", "hotline12345"))
                }
                _ => assert_eq!(c.key(), kind, "{c:?}"),
            }
        }
        assert_eq!(Channel::Letter { green_post: true }.zh(), "来信（绿色邮政）");
        assert_eq!(Channel::Visit.name(Lang::ZhCn), Channel::Visit.label());
    }

    #[test]
    fn chinese_names_are_the_cores() {
        assert_eq!(SupervisionKind::Phone.name(Lang::ZhCn), "电话督办");
        assert_eq!(Stage::Registered.name(Lang::ZhCn), Stage::Registered.label());
        assert_eq!(Stage::Registered.name(Lang::En), "Awaiting routing");
    }

    #[test]
    fn lower_keeps_acronyms() {
        assert_eq!(lower("Supported"), "supported");
        assert_eq!(lower("Re-review"), "re-review");
        assert_eq!(lower("SMS"), "SMS");
        assert_eq!(lower("12345 hotline"), "12345 hotline");
        assert_eq!(lower(""), "");
    }
}
