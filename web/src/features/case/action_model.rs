//! The actions on a case after routing, as forms: which ones the case allows
//! now (the core's [`Office::allowed_actions`]), the fields of each form,
//! their defaults, and the conversion of a filled-in form into a core
//! [`Action`] with errors per field. Pure, so it is unit-tested natively;
//! the components `case_actions` and `action_form` only render it.
//!
//! Form checks are about the form only (a date that is not a date, a number
//! out of range, a required text left empty, a reply without a claim); the
//! rules of the proceedings (stage, the order of dates, the statutory
//! windows) are the core's, which refuses with its own message.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use xinfang_core::case::{
    ContactMethod, DeclineKind, Delivery, DeliveryMethod, Proceeding, ReplyItem, ReplyOutcome,
    ReviewLevel, ReviewOutcome, Satisfaction, Served, SupervisionKind,
};
use xinfang_core::routing::Disposal;
use xinfang_core::statute::Procedure;
use xinfang_core::{
    Action, ActionKind, Case, CaseId, Office, Opening, PersonId, Role, UnitId, UnitKind,
};

use crate::forms::too_long;
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Lang};
use xinfang_core::limits::Limit;

/// An action offered on the case page, after routing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 签收: the lead unit's receipt of a 转送/交办 matter (第二十三条第三款).
    Sign,
    /// 提出异议: the lead unit objects that the matter is outside its
    /// competence, within 5 working days of receipt (第二十三条第三款).
    Object,
    /// 受理.
    Accept,
    /// 不予受理 (告知) / 不再受理.
    Decline,
    /// 导入法定途径: a 申诉求决类 matter directed into litigation,
    /// arbitration or another statutory procedure (第三十一条第一项至第五项).
    Direct,
    /// 延长办理期限.
    Extend,
    /// 答复 (处理意见书).
    Reply,
    /// 退回重办.
    SendBack,
    /// 申请复查 / 申请复核.
    RequestReview,
    /// 听证 (during a 复核).
    Hearing,
    /// 复查意见 / 复核意见.
    DecideReview,
    /// 催办 / 督办.
    Supervise,
    /// 办结督办.
    CloseSupervision,
    /// 回访.
    FollowUp,
    /// 满意度评价.
    Rate,
    /// 息诉罢访.
    Settle,
    /// 登记送达 (of the reply or a review decision, arts. 35, 36).
    Deliver,
}

impl Kind {
    /// Every action, in the order the buttons show.
    pub const ALL: [Kind; 17] = [
        Kind::Sign,
        Kind::Object,
        Kind::Accept,
        Kind::Decline,
        Kind::Direct,
        Kind::Extend,
        Kind::Reply,
        Kind::SendBack,
        Kind::RequestReview,
        Kind::Hearing,
        Kind::DecideReview,
        Kind::Supervise,
        Kind::CloseSupervision,
        Kind::FollowUp,
        Kind::Rate,
        Kind::Settle,
        Kind::Deliver,
    ];

    /// The name in element ids: `#act-<name>`, `#form-<name>`, `#<name>-<field>`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Accept => "accept",
            Kind::Decline => "decline",
            Kind::Direct => "direct",
            Kind::Extend => "extend",
            Kind::Reply => "reply",
            Kind::SendBack => "send-back",
            Kind::RequestReview => "request-review",
            Kind::Hearing => "hearing",
            Kind::DecideReview => "decide-review",
            Kind::Supervise => "supervise",
            Kind::CloseSupervision => "close-supervision",
            Kind::FollowUp => "follow-up",
            Kind::Rate => "rate",
            Kind::Settle => "settle",
            Kind::Deliver => "deliver",
            Kind::Sign => "sign",
            Kind::Object => "object",
        }
    }

    /// The button's label; `level` names the review for the review actions.
    pub fn label(self, level: Option<ReviewLevel>, lang: Lang) -> &'static str {
        match (self, level) {
            (Kind::Accept, _) => tr(lang, "受理", "Accept"),
            (Kind::Decline, _) => tr(lang, "不予受理", "Decline"),
            (Kind::Direct, _) => {
                tr(lang, "导入法定途径（第三十一条）", "Direct to a statutory procedure")
            }
            (Kind::Extend, _) => tr(lang, "延长办理期限", "Extend the period"),
            (Kind::Reply, _) => tr(lang, "答复（处理意见书）", "Reply in writing"),
            (Kind::SendBack, _) => tr(lang, "退回重办", "Send back to redo"),
            (Kind::RequestReview, Some(ReviewLevel::ReReview)) => {
                tr(lang, "申请复核", "Request a re-review")
            }
            (Kind::RequestReview, _) => tr(lang, "申请复查", "Request a review"),
            (Kind::Hearing, _) => tr(lang, "记录听证", "Record a hearing"),
            (Kind::DecideReview, Some(ReviewLevel::ReReview)) => {
                tr(lang, "作出复核意见", "Decide the re-review")
            }
            (Kind::DecideReview, _) => tr(lang, "作出复查意见", "Decide the review"),
            (Kind::Supervise, _) => tr(lang, "催办／督办", "Remind / supervise"),
            (Kind::CloseSupervision, _) => tr(lang, "办结督办", "Close a supervision notice"),
            (Kind::FollowUp, _) => tr(lang, "回访", "Follow up"),
            (Kind::Rate, _) => tr(lang, "满意度评价", "Record the rating"),
            (Kind::Settle, _) => tr(lang, "息诉罢访", "Record the settlement"),
            (Kind::Deliver, _) => tr(lang, "登记送达", "Record the delivery"),
            (Kind::Sign, _) => tr(lang, "登记签收", "Record the receipt"),
            (Kind::Object, _) => tr(lang, "提出异议（非本单位职责）", "Object: not ours"),
        }
    }

    /// The case page's action for a kind of core action, if it offers one
    /// there (registration, routing and repeats have their own forms).
    pub fn of(kind: ActionKind) -> Option<Kind> {
        Some(match kind {
            ActionKind::Accept => Kind::Accept,
            ActionKind::Decline => Kind::Decline,
            ActionKind::Extend => Kind::Extend,
            ActionKind::Reply => Kind::Reply,
            ActionKind::SendBack => Kind::SendBack,
            ActionKind::RequestReview => Kind::RequestReview,
            ActionKind::RecordHearing => Kind::Hearing,
            ActionKind::DecideReview => Kind::DecideReview,
            ActionKind::Supervise => Kind::Supervise,
            ActionKind::CloseSupervision => Kind::CloseSupervision,
            ActionKind::FollowUp => Kind::FollowUp,
            ActionKind::Rate => Kind::Rate,
            ActionKind::Settle => Kind::Settle,
            ActionKind::Deliver => Kind::Deliver,
            ActionKind::Sign => Kind::Sign,
            ActionKind::Object => Kind::Object,
            ActionKind::Direct => Kind::Direct,
            // Registration corrections, repeats and routing have their own
            // forms on the case page.
            ActionKind::Amend | ActionKind::LinkRepeat | ActionKind::Route => return None,
        })
    }
}

/// An action the case allows now, as the core answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// Which action.
    pub kind: Kind,
    /// From which day to which it may be dated, and the review level.
    pub opening: Opening,
}

impl Offer {
    /// The review level the action concerns, for the review actions.
    pub fn level(&self) -> Option<ReviewLevel> {
        self.opening.level
    }

    /// The button's label.
    pub fn label(&self, lang: Lang) -> &'static str {
        self.kind.label(self.level(), lang)
    }
}

/// The body whose decision a review of `level` would examine.
fn decided_by(case: &Case, level: ReviewLevel) -> Option<UnitId> {
    match level {
        ReviewLevel::Review => case.last_handling().map(|h| h.body),
        ReviewLevel::ReReview => case.review(ReviewLevel::Review).map(|r| r.body),
    }
}

/// The review level the petitioner may ask for now, if any.
fn requestable(office: &Office, case: &Case) -> Option<ReviewLevel> {
    let s = office.settings();
    case.review_request_until(&s.clock, &s.calendar).map(|(level, _)| level)
}

/// The reviewing body to propose: the body one level up from the one whose
/// decision is reviewed, else the first other active unit above or beside it.
fn proposed_review_body(office: &Office, case: &Case, level: ReviewLevel) -> Option<UnitId> {
    let org = &office.settings().org;
    let from = decided_by(case, level);
    from.and_then(|u| org.review_body(u))
        .filter(|u| org.unit(*u).is_some_and(|u| u.is_active()))
        .or_else(|| {
            let mut units: Vec<_> = org.units().filter(|u| u.is_active()).collect();
            units.sort_by_key(|u| u.kind() != UnitKind::Higher);
            units.into_iter().map(|u| u.id()).find(|u| Some(*u) != from)
        })
}

/// The unit a reminder presses by default: the body responsible now.
fn pressed_unit(office: &Office, case: &Case) -> Option<UnitId> {
    let org = &office.settings().org;
    case.responsible_body()
        .or_else(|| case.routing().map(|r| r.lead))
        .or_else(|| org.petition_office())
        .or_else(|| org.units().next().map(|u| u.id()))
}

/// The body that handles the current round, if the case is being handled.
fn handling_body(case: &Case) -> Option<UnitId> {
    case.current_handling().map(|h| h.body)
}

/// The actions case `id` allows at `now`, in button order, as the core
/// answers ([`Office::allowed_actions`]).
pub fn available(office: &Office, id: CaseId, now: NaiveDateTime) -> Vec<Offer> {
    let mut offers: Vec<Offer> = office
        .allowed_actions(id, now)
        .into_iter()
        .filter_map(|opening| Some(Offer { kind: Kind::of(opening.kind)?, opening }))
        .collect();
    offers.sort_by_key(|o| o.kind);
    offers
}

/// One option of a select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The option's value.
    pub value: String,
    /// What it shows.
    pub label: String,
}

impl Choice {
    fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice { value: value.into(), label: label.into() }
    }
}

/// How a field is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `<input type="date">`.
    Date,
    /// A one-line text.
    Text,
    /// A longer text.
    Area,
    /// A whole number.
    Number,
    /// A choice among options.
    Select(Vec<Choice>),
}

/// One field of a form (the reply's claims are rows of their own, see
/// [`ItemForm`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The name: the element id is `<kind name>-<name>`.
    pub name: &'static str,
    /// The label.
    pub label: &'static str,
    /// How it is entered.
    pub input: Input,
    /// Whether it must be filled in.
    pub required: bool,
    /// A hint under the field, if any.
    pub hint: Option<&'static str>,
}

fn field(name: &'static str, label: &'static str, input: Input, required: bool) -> Field {
    Field { name, label, input, required, hint: None }
}

fn date_field(name: &'static str, label: &'static str) -> Field {
    field(name, label, Input::Date, true)
}

/// One claim of a reply being written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemForm {
    /// 诉求.
    pub claim: String,
    /// The outcome's code (`support`, `explain`, `reject`).
    pub outcome: String,
    /// 事实和依据.
    pub basis: String,
}

impl ItemForm {
    fn new() -> ItemForm {
        ItemForm { outcome: ReplyOutcome::Support.key().to_string(), ..ItemForm::default() }
    }
}

/// Which part of a reply item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPart {
    /// 诉求.
    Claim,
    /// The outcome.
    Outcome,
    /// 事实和依据.
    Basis,
}

/// A form being filled in: raw values by field name, and the reply's claims.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Form {
    /// Field name → the input's value.
    pub values: BTreeMap<&'static str, String>,
    /// The reply's claims, in order.
    pub items: Vec<ItemForm>,
}

/// A change to a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Set a field.
    Set(&'static str, String),
    /// Set a part of a reply item.
    SetItem(usize, ItemPart, String),
    /// Add a reply item.
    AddItem,
    /// Remove a reply item.
    RemoveItem(usize),
}

impl Form {
    /// The value of a field ("" when unset).
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// Applies an edit.
    pub fn edit(&mut self, edit: Edit) {
        match edit {
            Edit::Set(name, value) => {
                self.values.insert(name, value);
            }
            Edit::SetItem(i, part, value) => {
                if let Some(item) = self.items.get_mut(i) {
                    match part {
                        ItemPart::Claim => item.claim = value,
                        ItemPart::Outcome => item.outcome = value,
                        ItemPart::Basis => item.basis = value,
                    }
                }
            }
            Edit::AddItem => self.items.push(ItemForm::new()),
            Edit::RemoveItem(i) => {
                if i < self.items.len() {
                    self.items.remove(i);
                }
            }
        }
    }
}

/// Errors by field name (`days`, `claim-0`, `items`…), in the interface language.
pub type Errors = BTreeMap<String, String>;

fn choices<T: Named>(all: &[T], lang: Lang) -> Vec<Choice> {
    all.iter().map(|v| Choice::new(v.key(), v.name(lang))).collect()
}

/// The refusals as the decline form offers them: the name and what it
/// means (`不予受理（告知向有权机关提出）`).
fn decline_choices(kinds: &[DeclineKind], lang: Lang) -> Vec<Choice> {
    let meaning = |k| match k {
        DeclineKind::NotAccepted => tr(lang, "告知向有权机关提出", "told where to go"),
        DeclineKind::NoLongerAccepted => tr(lang, "已复核终结事项", "concluded by re-review"),
    };
    kinds
        .iter()
        .map(|&k| {
            let label = match lang {
                Lang::ZhCn => format!("{}（{}）", k.zh(), meaning(k)),
                Lang::En => format!("{} ({})", k.en(), meaning(k)),
            };
            Choice::new(k.key(), label)
        })
        .collect()
}

/// The key of a procedure in the form's select.
fn procedure_key(p: Procedure) -> &'static str {
    match p {
        Procedure::Judicial => "judicial",
        Procedure::Arbitration => "arbitration",
        Procedure::PartyAppeal => "party_appeal",
        Procedure::Administrative => "administrative",
        Procedure::DutyToAct => "duty_to_act",
    }
}

/// The procedures of 第三十一条第一项至第五项, for the direction form: the
/// item and its name (`第三十一条第二项：仲裁`).
fn procedure_choices(lang: Lang) -> Vec<Choice> {
    Procedure::ALL
        .into_iter()
        .zip(1..)
        .map(|(p, item)| {
            let en = match p {
                Procedure::Judicial => "litigation, reconsideration or other legal procedure",
                Procedure::Arbitration => "arbitration",
                Procedure::PartyAppeal => "party member's appeal",
                Procedure::Administrative => "administrative procedure",
                Procedure::DutyToAct => "the competent body acts on its duty",
            };
            let label = match lang {
                Lang::ZhCn => format!("{}：{}", p.article(), p.label()),
                Lang::En => format!("Art. 31({item}): {en}"),
            };
            Choice::new(procedure_key(p), label)
        })
        .collect()
}

/// The outcomes of a reply item, for its select.
pub fn reply_outcome_choices(lang: Lang) -> Vec<Choice> {
    choices(ReplyOutcome::OPTIONS, lang)
}

/// The people who may approve an extension: the heads (leaders) of the
/// handling body (第三十四条; the core refuses anyone else), or its other
/// people when it has no leader, for the core to say why not.
fn approvers(office: &Office, case: &Case) -> Vec<Choice> {
    let org = &office.settings().org;
    let body = handling_body(case);
    let mut people: Vec<_> =
        org.people().filter(|p| p.is_active() && Some(p.unit()) == body).collect();
    if people.iter().any(|p| p.role() == Role::Leader) {
        people.retain(|p| p.role() == Role::Leader);
    }
    people.sort_by_key(|p| p.role() != Role::Leader);
    people
        .into_iter()
        .map(|p| {
            let label = if p.title().is_empty() {
                p.name().to_string()
            } else {
                format!("{}（{}）", p.name(), p.title())
            };
            Choice::new(p.id().get().to_string(), label)
        })
        .collect()
}

/// Active units as choices, the petition office and bodies above first.
fn unit_choices(office: &Office, except: Option<UnitId>) -> Vec<Choice> {
    let org = &office.settings().org;
    let mut units: Vec<_> =
        org.units().filter(|u| u.is_active() && Some(u.id()) != except).collect();
    units.sort_by_key(|u| match u.kind() {
        UnitKind::Higher => 0,
        UnitKind::PetitionOffice => 1,
        UnitKind::Township => 2,
        UnitKind::Department => 3,
    });
    units.into_iter().map(|u| Choice::new(u.id().get().to_string(), u.name())).collect()
}

/// The fields of the form of `kind` for `case`, labelled in `lang`.
pub fn fields(kind: Kind, office: &Office, case: &Case, lang: Lang) -> Vec<Field> {
    let on = |label| date_field("on", label);
    match kind {
        Kind::Accept => vec![on(tr(lang, "受理日期", "Accepted on"))],
        Kind::Decline => {
            let kinds = if office.terminated_matter(case.intake()).is_some() {
                vec![DeclineKind::NoLongerAccepted, DeclineKind::NotAccepted]
            } else {
                vec![DeclineKind::NotAccepted]
            };
            vec![
                on(tr(lang, "告知日期", "Notice dated")),
                field(
                    "kind",
                    tr(lang, "告知类别", "Kind of refusal"),
                    Input::Select(decline_choices(&kinds, lang)),
                    true,
                ),
                field("reason", tr(lang, "不予受理理由", "Reason"), Input::Area, true),
                Field {
                    hint: Some(tr(
                        lang,
                        "例如：人民法院、劳动人事争议仲裁委员会",
                        "e.g. the court",
                    )),
                    ..field(
                        "redirect",
                        tr(lang, "告知向何处提出", "Where to go instead"),
                        Input::Text,
                        false,
                    )
                },
            ]
        }
        Kind::Direct => vec![
            on(tr(lang, "告知日期", "Notice dated")),
            field(
                "procedure",
                tr(lang, "导入途径（第三十一条）", "Procedure (art. 31)"),
                Input::Select(procedure_choices(lang)),
                true,
            ),
            field(
                "reason",
                tr(lang, "理由（为何属于该途径）", "Why it belongs there"),
                Input::Area,
                true,
            ),
            Field {
                hint: Some(tr(
                    lang,
                    "例如：县劳动人事争议仲裁委员会、县人民法院",
                    "e.g. the county labour arbitration committee",
                )),
                ..field(
                    "redirect",
                    tr(lang, "告知向何处提出", "Where to go"),
                    Input::Text,
                    false,
                )
            },
        ],
        Kind::Extend => vec![
            on(tr(lang, "批准日期", "Approved on")),
            Field {
                hint: Some(tr(lang, "最多延长一次", "Once only")),
                ..field("days", tr(lang, "延长天数", "Days added"), Input::Number, true)
            },
            field(
                "reason",
                tr(lang, "延期理由（告知信访人）", "Reason told to the petitioner"),
                Input::Area,
                true,
            ),
            field(
                "approver",
                tr(lang, "批准人（本机关负责人）", "Approved by (head of the body)"),
                Input::Select(approvers(office, case)),
                true,
            ),
        ],
        Kind::Reply => {
            let assigned = case.routing().is_some_and(|r| r.disposal == Disposal::Assign);
            vec![
                on(tr(lang, "答复日期", "Replied on")),
                Field {
                    hint: assigned.then_some(tr(
                        lang,
                        "交办件须附办结报告",
                        "Required for an assigned case",
                    )),
                    ..field(
                        "report",
                        tr(lang, "办结报告", "Report on the handling"),
                        Input::Area,
                        assigned,
                    )
                },
            ]
        }
        Kind::SendBack => vec![
            on(tr(lang, "退回日期", "Sent back on")),
            field("reason", tr(lang, "退回理由", "What was unclear or evasive"), Input::Area, true),
            date_field("redo-by", tr(lang, "重新办结期限", "Redo by")),
        ],
        Kind::RequestReview => vec![
            field(
                "level",
                tr(lang, "申请事项", "Review level"),
                Input::Select(choices(ReviewLevel::OPTIONS, lang)),
                true,
            ),
            on(tr(lang, "申请日期", "Requested on")),
            field(
                "body",
                tr(lang, "复查（复核）机关", "Reviewing body"),
                Input::Select(unit_choices(
                    office,
                    requestable(office, case).and_then(|l| decided_by(case, l)),
                )),
                true,
            ),
        ],
        Kind::Hearing => vec![
            date_field("from", tr(lang, "听证开始日期", "Hearing from")),
            date_field("to", tr(lang, "听证结束日期", "Hearing to")),
        ],
        Kind::DecideReview => vec![
            field(
                "level",
                tr(lang, "决定事项", "Review level"),
                Input::Select(choices(ReviewLevel::OPTIONS, lang)),
                true,
            ),
            on(tr(lang, "决定日期", "Decided on")),
            field(
                "outcome",
                tr(lang, "决定结果", "Outcome"),
                Input::Select(choices(ReviewOutcome::OPTIONS, lang)),
                true,
            ),
            field("reasons", tr(lang, "理由", "Reasons"), Input::Area, true),
            Field {
                hint: Some(tr(
                    lang,
                    "仅“责令重新办理”填写；不填则按办理期限计算",
                    "Only for a redo order; empty: the reply period",
                )),
                ..field("redo-by", tr(lang, "重新办理期限", "Redo by"), Input::Date, false)
            },
        ],
        Kind::Supervise => vec![
            on(tr(lang, "督办日期", "Issued on")),
            field(
                "kind",
                tr(lang, "督办方式", "How"),
                Input::Select(choices(SupervisionKind::OPTIONS, lang)),
                true,
            ),
            field(
                "unit",
                tr(lang, "被督办单位", "Unit pressed"),
                Input::Select(unit_choices(office, None)),
                true,
            ),
            field("note", tr(lang, "督办事项", "What is required"), Input::Area, true),
            field("respond-by", tr(lang, "反馈期限", "Respond by"), Input::Date, false),
        ],
        Kind::CloseSupervision => {
            let org = &office.settings().org;
            let open = case
                .open_supervision()
                .map(|s| {
                    let label = match lang {
                        Lang::ZhCn => format!(
                            "第{}号 {}（{}，{}）",
                            s.no,
                            s.kind.label(),
                            org.unit_name(s.unit),
                            dates::display(lang, s.on)
                        ),
                        Lang::En => format!(
                            "No. {}: {} ({}, {})",
                            s.no,
                            s.kind.en(),
                            org.unit_name(s.unit),
                            dates::display(lang, s.on)
                        ),
                    };
                    Choice::new(s.no.to_string(), label)
                })
                .collect();
            vec![
                field("no", tr(lang, "督办件", "Notice"), Input::Select(open), true),
                on(tr(lang, "办结日期", "Closed on")),
                field("note", tr(lang, "反馈情况", "The unit's response"), Input::Area, true),
            ]
        }
        Kind::FollowUp => {
            let methods = [
                ContactMethod::Phone,
                ContactMethod::Visit,
                ContactMethod::Sms,
                ContactMethod::Letter,
            ];
            vec![
                on(tr(lang, "回访日期", "Contacted on")),
                field(
                    "method",
                    tr(lang, "回访方式", "How"),
                    Input::Select(choices(&methods, lang)),
                    true,
                ),
                field("note", tr(lang, "回访情况", "What the petitioner said"), Input::Area, true),
            ]
        }
        Kind::Rate => {
            let levels =
                [Satisfaction::Satisfied, Satisfaction::Basically, Satisfaction::Dissatisfied];
            vec![
                on(tr(lang, "评价日期", "Rated on")),
                field(
                    "level",
                    tr(lang, "满意度", "Rating"),
                    Input::Select(choices(&levels, lang)),
                    true,
                ),
            ]
        }
        Kind::Settle => vec![
            on(tr(lang, "记录日期", "Recorded on")),
            field("note", tr(lang, "息诉罢访情况", "How it was established"), Input::Area, true),
        ],
        Kind::Sign => vec![Field {
            hint: Some(tr(
                lang,
                "受理期限自签收之日起计算（第二十三条第三款）；未登记签收的，自转送（交办）之日起计算",
                "Art. 23(3): acceptance counts from the receipt; without one, from the sending day",
            )),
            ..on(tr(lang, "签收日期", "Received on"))
        }],
        Kind::Object => vec![
            Field {
                hint: Some(tr(
                    lang,
                    "自收到之日起5个工作日内提出（第二十三条第三款），案件退回信访部门重新交转",
                    "Within 5 working days of receipt (art. 23(3)); the case goes back to the office",
                )),
                ..on(tr(lang, "异议日期", "Objected on"))
            },
            field(
                "reason",
                tr(lang, "异议理由（为何不属本单位职责）", "Why it is not this unit's matter"),
                Input::Area,
                true,
            ),
        ],
        Kind::Deliver => vec![
            field(
                "document",
                tr(lang, "送达文书", "Document"),
                Input::Select(served_choices(case, lang)),
                true,
            ),
            field(
                "method",
                tr(lang, "送达方式", "How"),
                Input::Select(choices(DeliveryMethod::OPTIONS, lang)),
                true,
            ),
            on(tr(lang, "送达（寄出）日期", "Sent on")),
            Field {
                hint: Some(tr(
                    lang,
                    "复查、复核申请期限自收到之日起计算（第三十五条、第三十六条）；不清楚可先不填，期限届满后的申请不会因期限被拒绝",
                    "Arts. 35, 36 count from the receipt; leave it empty if unknown: a late request is then not refused on the window alone",
                )),
                ..field("received", tr(lang, "信访人收到日期", "Received on"), Input::Date, false)
            },
        ],
    }
}

/// Days a send-back gives by default to redo the handling.
pub const REDO_DEFAULT_DAYS: u32 = 15;

/// The form of `kind` as it opens: dates today, the choices the case
/// suggests (the level of review now open, the body one level up, the body
/// responsible, the head of the handling body, the oldest open notice).
pub fn initial(kind: Kind, office: &Office, case: &Case, today: NaiveDate) -> Form {
    let mut form = Form::default();
    let day = dates::input_value(today);
    let mut set = |name: &'static str, value: String| {
        form.values.insert(name, value);
    };
    let first = |fields: Vec<Field>, name: &str| {
        fields.into_iter().find(|f| f.name == name).and_then(|f| match f.input {
            Input::Select(c) => c.into_iter().next().map(|c| c.value),
            _ => None,
        })
    };
    match kind {
        Kind::Hearing => {
            set("from", day.clone());
            set("to", day);
        }
        _ => set("on", day),
    }
    let s = office.settings();
    match kind {
        Kind::Decline => {
            set("kind", first(fields(kind, office, case, Lang::ZhCn), "kind").unwrap_or_default())
        }
        Kind::Direct => set("procedure", procedure_key(Procedure::Judicial).to_string()),
        Kind::Extend => {
            set("days", s.clock.max_extension_days.to_string());
            set(
                "approver",
                first(fields(kind, office, case, Lang::ZhCn), "approver").unwrap_or_default(),
            );
        }
        Kind::Reply => {}
        Kind::SendBack => {
            let by = s.clock.period_end(&s.calendar, today, REDO_DEFAULT_DAYS);
            set("redo-by", dates::input_value(by));
        }
        Kind::RequestReview => {
            let level = requestable(office, case).unwrap_or(ReviewLevel::Review);
            set("level", level.key().to_string());
            let body = proposed_review_body(office, case, level);
            set("body", body.map(|b| b.get().to_string()).unwrap_or_default());
        }
        Kind::DecideReview => {
            let level = match case.proceedings().last() {
                Some(Proceeding::Review(r)) => r.level,
                _ => ReviewLevel::Review,
            };
            set("level", level.key().to_string());
            set("outcome", ReviewOutcome::Uphold.key().to_string());
        }
        Kind::Supervise => {
            set("kind", SupervisionKind::Written.key().to_string());
            let unit = pressed_unit(office, case);
            set("unit", unit.map(|u| u.get().to_string()).unwrap_or_default());
        }
        Kind::CloseSupervision => {
            let no = case.open_supervision().next().map(|s| s.no.to_string());
            set("no", no.unwrap_or_default());
        }
        Kind::FollowUp => set("method", ContactMethod::Phone.key().to_string()),
        Kind::Rate => set("level", Satisfaction::Satisfied.key().to_string()),
        Kind::Deliver => {
            let latest = served_choices(case, Lang::ZhCn).pop().map(|c| c.value);
            set("document", latest.unwrap_or_default());
            set("method", DeliveryMethod::HandedOver.key().to_string());
        }
        Kind::Accept | Kind::Hearing | Kind::Settle | Kind::Sign | Kind::Object => {}
    }
    if kind == Kind::Reply {
        form.items.push(ItemForm::new());
    }
    form
}

/// The written documents of the case that can be delivered, oldest first:
/// the latest 处理意见书, 复查意见书, 复核意见书.
fn served_choices(case: &Case, lang: Lang) -> Vec<Choice> {
    let choice = |document| match document {
        Served::Reply => Choice::new("reply", tr(lang, "处理意见书", "Written reply")),
        Served::Review { level: ReviewLevel::Review } => {
            Choice::new("review", tr(lang, document.label(), "Review decision"))
        }
        Served::Review { level: ReviewLevel::ReReview } => {
            Choice::new("re_review", tr(lang, document.label(), "Re-review decision"))
        }
    };
    Served::ALL.into_iter().filter(|d| case.issued(*d).is_some()).map(choice).collect()
}

/// The document a `served_choices` value names.
fn served_of(key: &str) -> Option<Served> {
    match key {
        "reply" => Some(Served::Reply),
        "review" => Some(Served::Review { level: ReviewLevel::Review }),
        "re_review" => Some(Served::Review { level: ReviewLevel::ReReview }),
        _ => None,
    }
}

/// The core's limit of a text field of the form of `kind` (its
/// `maxlength`, its counter and its refusal), by the field's name; `None`
/// for a field that is no text. A text field without one fails the sample
/// test below.
pub fn limit(kind: Kind, name: &str) -> Option<Limit> {
    use xinfang_core::limits as l;
    Some(match (kind, name) {
        (Kind::Decline, "reason") => l::DECLINE_REASON,
        (Kind::Decline | Kind::Direct, "redirect") => l::REDIRECT_TO,
        (Kind::Direct, "reason") => l::DIRECTION_REASON,
        (Kind::Extend, "reason") => l::EXTENSION_REASON,
        (Kind::Reply, "report") => l::REPORT,
        (Kind::Reply, n) if n.starts_with("claim") => l::CLAIM,
        (Kind::Reply, n) if n.starts_with("basis") => l::BASIS,
        (Kind::SendBack, "reason") => l::SEND_BACK_REASON,
        (Kind::DecideReview, "reasons") => l::REVIEW_REASONS,
        (Kind::Supervise, "note") => l::SUPERVISION_NOTE,
        (Kind::CloseSupervision, "note") => l::SUPERVISION_RESPONSE,
        (Kind::FollowUp, "note") => l::FOLLOW_UP_NOTE,
        (Kind::Object, "reason") => l::OBJECTION_REASON,
        (Kind::Settle, "note") => l::SETTLEMENT_NOTE,
        _ => return None,
    })
}

/// Reads a form's values into an action, collecting every error.
struct Reader<'a> {
    form: &'a Form,
    lang: Lang,
    errors: Errors,
}

impl Reader<'_> {
    fn fail(&mut self, name: impl Into<String>, zh: &str, en: &str) {
        self.errors.entry(name.into()).or_insert_with(|| tr(self.lang, zh, en).to_string());
    }

    fn date(&mut self, name: &'static str) -> Option<NaiveDate> {
        let raw = self.form.get(name);
        let parsed = dates::parse_input(raw);
        if parsed.is_none() {
            if raw.trim().is_empty() {
                self.fail(name, "请填写日期", "Enter a date");
            } else {
                self.fail(name, "日期格式不正确", "Not a valid date");
            }
        }
        parsed
    }

    fn optional_date(&mut self, name: &'static str) -> Option<Option<NaiveDate>> {
        if self.form.get(name).trim().is_empty() {
            Some(None)
        } else {
            self.date(name).map(Some)
        }
    }

    fn text(&mut self, name: &'static str) -> String {
        let value = self.form.get(name).trim().to_string();
        if value.is_empty() {
            self.fail(name, "此项必填", "Required");
        }
        value
    }

    fn optional_text(&self, name: &'static str) -> String {
        self.form.get(name).trim().to_string()
    }

    fn pick<T: Named>(&mut self, name: &'static str) -> Option<T> {
        let value = T::from_key(self.form.get(name));
        if value.is_none() {
            self.fail(name, "请选择", "Choose one");
        }
        value
    }

    fn id(&mut self, name: &'static str) -> Option<u32> {
        let value = self.form.get(name).trim().parse::<u32>().ok().filter(|n| *n > 0);
        if value.is_none() {
            self.fail(name, "请选择", "Choose one");
        }
        value
    }
}

/// The action a filled-in form asks for, or the errors to show by field.
/// Checks the form (dates, numbers, required texts, at least one claim,
/// the 办结报告 of a 交办 case); the proceedings' rules are the core's.
pub fn to_action(
    kind: Kind,
    form: &Form,
    office: &Office,
    case: &Case,
    lang: Lang,
) -> Result<Action, Errors> {
    let mut r = Reader { form, lang, errors: Errors::new() };
    let action = match kind {
        Kind::Accept => r.date("on").map(|on| Action::Accept { on }),
        Kind::Decline => {
            let on = r.date("on");
            let decline: Option<DeclineKind> = r.pick("kind");
            let reason = r.text("reason");
            let redirect_to = r.optional_text("redirect");
            on.zip(decline).map(|(on, kind)| Action::Decline { on, kind, reason, redirect_to })
        }
        Kind::Direct => {
            let on = r.date("on");
            let procedure =
                Procedure::ALL.into_iter().find(|p| procedure_key(*p) == form.get("procedure"));
            if procedure.is_none() {
                r.fail("procedure", "请选择", "Choose one");
            }
            let reason = r.text("reason");
            let redirect_to = r.optional_text("redirect");
            on.zip(procedure).map(|(on, procedure)| Action::Direct {
                on,
                procedure,
                reason,
                redirect_to,
            })
        }
        Kind::Extend => {
            let on = r.date("on");
            let max = office.settings().clock.max_extension_days;
            let days =
                form.get("days").trim().parse::<u32>().ok().filter(|d| (1..=max).contains(d));
            if days.is_none() {
                let (zh, en) = (
                    format!("延长天数应为1至{max}之间的整数"),
                    format!("Enter a whole number of days from 1 to {max}"),
                );
                r.fail("days", &zh, &en);
            }
            let reason = r.text("reason");
            let approved_by = r.id("approver").map(PersonId::new);
            match (on, days, approved_by) {
                (Some(on), Some(days), Some(approved_by)) => {
                    Some(Action::Extend { on, days, reason, approved_by })
                }
                _ => None,
            }
        }
        Kind::Reply => {
            let on = r.date("on");
            if form.items.is_empty() {
                r.fail("items", "至少答复一项诉求", "Answer at least one claim");
            }
            let mut items = Vec::new();
            for (i, item) in form.items.iter().enumerate() {
                if item.claim.trim().is_empty() {
                    r.fail(format!("claim-{i}"), "请填写诉求", "Enter the claim");
                }
                let outcome = ReplyOutcome::from_key(&item.outcome);
                if outcome.is_none() {
                    r.fail(format!("outcome-{i}"), "请选择", "Choose one");
                }
                if item.basis.trim().is_empty() {
                    r.fail(
                        format!("basis-{i}"),
                        "请填写本项处理意见的法律法规依据（《信访工作条例》第三十二条）",
                        "State the legal basis of this decision (art. 32)",
                    );
                }
                if let Some(outcome) = outcome {
                    items.push(ReplyItem {
                        claim: item.claim.trim().to_string(),
                        outcome,
                        basis: item.basis.trim().to_string(),
                    });
                }
            }
            let assigned = case.routing().is_some_and(|r| r.disposal == Disposal::Assign);
            let report = r.optional_text("report");
            if assigned && report.is_empty() {
                r.fail("report", "交办件答复时须附办结报告", "An assigned case needs the report");
            }
            let report = (!report.is_empty()).then_some(report);
            on.map(|on| Action::Reply { on, items, report })
        }
        Kind::SendBack => {
            let on = r.date("on");
            let reason = r.text("reason");
            let redo_by = r.date("redo-by");
            if let (Some(on), Some(by)) = (on, redo_by) {
                if by <= on {
                    r.fail("redo-by", "重新办结期限应晚于退回日期", "Must be after the send-back");
                }
            }
            on.zip(redo_by).map(|(on, redo_by)| Action::SendBack { on, reason, redo_by })
        }
        Kind::RequestReview => {
            let level = r.pick("level");
            let on = r.date("on");
            let body = r.id("body").map(UnitId::new);
            match (level, on, body) {
                (Some(level), Some(on), Some(body)) => {
                    Some(Action::RequestReview { level, on, body })
                }
                _ => None,
            }
        }
        Kind::Hearing => {
            let from = r.date("from");
            let to = r.date("to");
            if let (Some(from), Some(to)) = (from, to) {
                if to < from {
                    r.fail("to", "结束日期不能早于开始日期", "Ends before it starts");
                }
            }
            from.zip(to).map(|(from, to)| Action::RecordHearing { from, to })
        }
        Kind::DecideReview => {
            let level = r.pick("level");
            let on = r.date("on");
            let outcome: Option<ReviewOutcome> = r.pick("outcome");
            let reasons = r.text("reasons");
            let redo_by = if outcome == Some(ReviewOutcome::Redo) {
                r.optional_date("redo-by")
            } else {
                Some(None)
            };
            if let (Some(on), Some(Some(by))) = (on, redo_by) {
                if by <= on {
                    r.fail("redo-by", "重新办理期限应晚于决定日期", "Must be after the decision");
                }
            }
            match (level, on, outcome, redo_by) {
                (Some(level), Some(on), Some(outcome), Some(redo_by)) => {
                    Some(Action::DecideReview { level, on, outcome, reasons, redo_by })
                }
                _ => None,
            }
        }
        Kind::Supervise => {
            let on = r.date("on");
            let kind = r.pick("kind");
            let unit = r.id("unit").map(UnitId::new);
            let note = r.text("note");
            let respond_by = r.optional_date("respond-by");
            if let (Some(on), Some(Some(by))) = (on, respond_by) {
                if by < on {
                    r.fail("respond-by", "反馈期限不能早于督办日期", "Before the notice");
                }
            }
            match (on, kind, unit, respond_by) {
                (Some(on), Some(kind), Some(unit), Some(respond_by)) => {
                    Some(Action::Supervise { on, kind, unit, note, respond_by })
                }
                _ => None,
            }
        }
        Kind::CloseSupervision => {
            let no = r.id("no");
            let on = r.date("on");
            let note = r.text("note");
            no.zip(on).map(|(no, on)| Action::CloseSupervision { no, on, note })
        }
        Kind::FollowUp => {
            let on = r.date("on");
            let method = r.pick("method");
            let note = r.text("note");
            on.zip(method).map(|(on, method)| Action::FollowUp { on, method, note })
        }
        Kind::Rate => {
            let on = r.date("on");
            let level = r.pick("level");
            on.zip(level).map(|(on, level)| Action::Rate { on, level })
        }
        Kind::Settle => {
            let on = r.date("on");
            let note = r.text("note");
            on.map(|on| Action::Settle { on, note })
        }
        Kind::Sign => r.date("on").map(|on| Action::Sign { on }),
        Kind::Object => {
            let on = r.date("on");
            let reason = r.text("reason");
            on.map(|on| Action::Object { on, reason })
        }
        Kind::Deliver => {
            let document = served_of(form.get("document"));
            if document.is_none() {
                r.fail("document", "请选择送达的文书", "Choose the document");
            }
            let method: Option<DeliveryMethod> = r.pick("method");
            let sent_on = r.date("on");
            let received_on = r.optional_date("received");
            match (document, method, sent_on, received_on) {
                (Some(document), Some(method), Some(sent_on), Some(received_on)) => {
                    Some(Action::Deliver {
                        document,
                        delivery: Delivery { method, sent_on, received_on },
                    })
                }
                _ => None,
            }
        }
    };
    // A text past its limit (set by a script: `maxlength` stops typing and
    // pasting), refused beside its field with the core's words.
    let texts = fields(kind, office, case, lang)
        .into_iter()
        .filter(|f| matches!(f.input, Input::Text | Input::Area))
        .map(|f| (f.name.to_string(), form.get(f.name).to_string()));
    let items = form.items.iter().enumerate().flat_map(|(i, item)| {
        [(format!("claim-{i}"), item.claim.clone()), (format!("basis-{i}"), item.basis.clone())]
    });
    for (name, text) in texts.chain(items) {
        if let Some(e) = limit(kind, &name).and_then(|l| too_long(l, text.trim())) {
            r.errors.insert(name, e.get(lang).to_string());
        }
    }
    match action {
        Some(action) if r.errors.is_empty() => Ok(action),
        _ => {
            if r.errors.is_empty() {
                r.fail("form", "请检查填写内容", "Check the form");
            }
            Err(r.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Days, NaiveTime};
    use xinfang_core::assignment::FiveFixes;
    use xinfang_core::case::Routing;
    use xinfang_core::{Channel, Command, Intake, Petitioner, Purpose, Settings, Stage};
    use xinfang_sample::{generate, SampleConfig};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(date: NaiveDate) -> NaiveDateTime {
        date.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap())
    }

    /// An office with one case registered on 2025-03-03, routed (交办 when
    /// `assign`) to the 住建局 the same day.
    fn routed(assign: bool) -> (Office, CaseId) {
        let mut office = Office::new(Settings::sample_county());
        let s = office.settings();
        let lead = s.org.find_unit("县住建局").unwrap().id();
        let intake = Intake {
            received_on: d(2025, 3, 3),
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("王某某")],
            head_count: 1,
            category: s.categories.find("集中供热").unwrap().id(),
            purpose: Purpose::Request,
            township: s.org.find_unit("城关镇").map(|u| u.id()),
            village: String::new(),
            summary: "小区供暖不达标".into(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        let assignment = assign.then(|| {
            let leader = s.org.people_of(lead, Role::Leader).next().unwrap().id();
            let handler = s.org.people_of(lead, Role::Handler).next().unwrap().id();
            FiveFixes {
                unit: Some(lead),
                leader: Some(leader),
                handler: Some(handler),
                deadline: Some(d(2025, 4, 15)),
                standard: "查清事实，依法答复".into(),
            }
            .complete()
            .unwrap()
        });
        let now = at(d(2025, 3, 3));
        let id = office.execute(Command::Register { intake }, now).unwrap().case().unwrap();
        let routing = Routing {
            on: d(2025, 3, 3),
            disposal: if assign { Disposal::Assign } else { Disposal::Transfer },
            lead,
            co_units: vec![],
            assignment,
            explanation: String::new(),
        };
        office.execute(Command::Act { case: id, action: Action::Route { routing } }, now).unwrap();
        (office, id)
    }

    fn kinds(office: &Office, id: CaseId, today: NaiveDate) -> Vec<Kind> {
        available(office, id, at(today)).into_iter().map(|o| o.kind).collect()
    }

    /// Fills the form of `kind` as it opens with text in every required
    /// text field, then converts it.
    fn filled(kind: Kind, office: &Office, id: CaseId, today: NaiveDate) -> Result<Action, Errors> {
        let case = office.case(id).unwrap();
        let mut form = initial(kind, office, case, today);
        for f in fields(kind, office, case, Lang::ZhCn) {
            if matches!(f.input, Input::Text | Input::Area) && f.required {
                form.edit(Edit::Set(f.name, "已核实".into()));
            }
        }
        for i in 0..form.items.len() {
            form.edit(Edit::SetItem(i, ItemPart::Claim, "要求供暖达标".into()));
            form.edit(Edit::SetItem(i, ItemPart::Basis, "《供热管理办法》".into()));
        }
        to_action(kind, &form, office, case, Lang::ZhCn)
    }

    /// Converts the filled form of `kind` and executes it on `today`.
    fn act(office: &mut Office, id: CaseId, kind: Kind, today: NaiveDate) {
        let action = filled(kind, office, id, today).unwrap();
        office.execute(Command::Act { case: id, action }, at(today)).unwrap();
    }

    #[test]
    fn names_are_the_agreed_element_ids() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(
            names,
            [
                "sign",
                "object",
                "accept",
                "decline",
                "direct",
                "extend",
                "reply",
                "send-back",
                "request-review",
                "hearing",
                "decide-review",
                "supervise",
                "close-supervision",
                "follow-up",
                "rate",
                "settle",
                "deliver"
            ]
        );
    }

    #[test]
    fn choices_are_keyed_for_the_selects() {
        let values = |c: Vec<Choice>| c.into_iter().map(|c| c.value).collect::<Vec<_>>();
        assert_eq!(values(reply_outcome_choices(Lang::En)), ["support", "explain", "reject"]);
        assert_eq!(values(choices(ReviewLevel::OPTIONS, Lang::En)), ["review", "re_review"]);
        let decline = decline_choices(&[DeclineKind::NotAccepted], Lang::ZhCn);
        assert_eq!(decline[0].value, "not_accepted");
        assert_eq!(decline[0].label, "不予受理（告知向有权机关提出）");
        assert_eq!(Satisfaction::from_key("basically"), Some(Satisfaction::Basically));
    }

    #[test]
    fn the_whole_chain_offers_what_each_stage_allows() {
        use Kind::*;
        let (mut office, id) = routed(true);
        let mut day = d(2025, 3, 4);
        assert_eq!(kinds(&office, id, day), [Sign, Object, Accept, Decline, Direct, Supervise]);
        // 签收 once; the objection stays open for 5 working days of it.
        act(&mut office, id, Sign, day);
        assert_eq!(office.case(id).unwrap().signed_on(), Some(day));
        assert_eq!(kinds(&office, id, day), [Object, Accept, Decline, Direct, Supervise]);
        // Still offered later (to record an objection made in time), but
        // only up to the fifth working day: 11 March.
        let late = available(&office, id, at(d(2025, 3, 12)));
        assert_eq!(late[0].kind, Object);
        assert_eq!(late[0].opening.latest, Some(d(2025, 3, 11)));
        let action = filled(Object, &office, id, d(2025, 3, 12)).unwrap();
        let command = Command::Act { case: id, action };
        assert!(office.decide(&command, at(d(2025, 3, 12))).is_err());

        act(&mut office, id, Accept, day);
        assert_eq!(office.case(id).unwrap().stage(), Stage::Handling);
        assert_eq!(kinds(&office, id, day), [Direct, Extend, Reply, Supervise]);

        day = d(2025, 3, 10);
        act(&mut office, id, Extend, day);
        // Extended once: no second extension.
        assert_eq!(kinds(&office, id, day), [Direct, Reply, Supervise]);

        act(&mut office, id, Supervise, day);
        assert_eq!(kinds(&office, id, day), [Direct, Reply, Supervise, CloseSupervision]);
        act(&mut office, id, CloseSupervision, day);

        day = d(2025, 4, 1);
        act(&mut office, id, Reply, day);
        assert_eq!(office.case(id).unwrap().stage(), Stage::Replied);
        assert_eq!(
            kinds(&office, id, day),
            [SendBack, RequestReview, FollowUp, Rate, Settle, Deliver]
        );
        act(&mut office, id, Rate, day);
        assert_eq!(kinds(&office, id, day), [SendBack, RequestReview, FollowUp, Settle, Deliver]);

        day = d(2025, 4, 10);
        act(&mut office, id, RequestReview, day);
        let case = office.case(id).unwrap();
        assert_eq!(case.stage(), Stage::UnderReview);
        // The form proposed the body one level up from the 住建局.
        let body = case.review(ReviewLevel::Review).unwrap().body;
        let lead = case.routing().unwrap().lead;
        assert_eq!(Some(body), office.settings().org.review_body(lead));
        let offers = available(&office, id, at(day));
        assert_eq!(
            offers.iter().map(|o| o.kind).collect::<Vec<_>>(),
            [DecideReview, Supervise, FollowUp, Settle, Deliver]
        );
        assert_eq!(offers[0].label(Lang::ZhCn), "作出复查意见");

        day = d(2025, 4, 20);
        act(&mut office, id, DecideReview, day);
        assert_eq!(office.case(id).unwrap().stage(), Stage::Reviewed);
        let offers = available(&office, id, at(day));
        assert_eq!(offers[0].kind, RequestReview);
        assert_eq!(offers[0].label(Lang::ZhCn), "申请复核");

        act(&mut office, id, RequestReview, day);
        assert_eq!(office.case(id).unwrap().stage(), Stage::UnderReReview);
        assert_eq!(
            kinds(&office, id, day),
            [Hearing, DecideReview, Supervise, FollowUp, Settle, Deliver]
        );
        act(&mut office, id, Hearing, day);

        day = d(2025, 5, 6);
        act(&mut office, id, DecideReview, day);
        assert_eq!(office.case(id).unwrap().stage(), Stage::Terminated);
        // 终结: no review of any level, no send-back, no hearing.
        assert_eq!(kinds(&office, id, day), [FollowUp, Settle, Deliver]);
        act(&mut office, id, Settle, day);
        assert_eq!(kinds(&office, id, day), [FollowUp, Deliver]);
    }

    #[test]
    fn a_send_back_and_a_redo_order_reopen_the_handling() {
        use Kind::*;
        let (mut office, id) = routed(false);
        let day = d(2025, 3, 5);
        act(&mut office, id, Accept, day);
        act(&mut office, id, Reply, day);
        let mut form = initial(SendBack, &office, office.case(id).unwrap(), day);
        form.edit(Edit::Set("reason", "答复避重就轻".into()));
        form.edit(Edit::Set("redo-by", "2025-03-25".into()));
        // A reason past its limit (a script-set value) is refused beside it.
        let mut long = form.clone();
        long.edit(Edit::Set("reason", "字".repeat(2001)));
        let refused = to_action(SendBack, &long, &office, office.case(id).unwrap(), Lang::ZhCn);
        assert_eq!(refused.unwrap_err()["reason"], "退回理由最多2000字，现为2001字");
        let action = to_action(SendBack, &form, &office, office.case(id).unwrap(), Lang::ZhCn);
        office.execute(Command::Act { case: id, action: action.unwrap() }, at(day)).unwrap();
        let case = office.case(id).unwrap();
        assert_eq!(case.stage(), Stage::Handling);
        assert_eq!(office.next_due(case).unwrap().by, d(2025, 3, 25));
        // A new round may be extended again.
        assert_eq!(kinds(&office, id, day), [Extend, Reply, Supervise, FollowUp, Rate, Settle]);
    }

    #[test]
    fn a_declined_case_offers_nothing_but_a_refused_routed_one_could_be() {
        let (mut office, id) = routed(false);
        let day = d(2025, 3, 4);
        act(&mut office, id, Kind::Decline, day);
        let case = office.case(id).unwrap();
        assert_eq!(case.stage(), Stage::Declined);
        assert_eq!(case.decline().unwrap().reason, "已核实");
        assert!(kinds(&office, id, day).is_empty());
    }

    #[test]
    fn form_errors_are_per_field() {
        let (mut office, id) = routed(true);
        let day = d(2025, 3, 4);
        act(&mut office, id, Kind::Accept, day);
        let case = office.case(id).unwrap();

        let mut form = initial(Kind::Extend, &office, case, day);
        assert_eq!(form.get("days"), "30");
        assert_eq!(form.get("on"), "2025-03-04");
        // The approver proposed is a leader of the handling body.
        let approver = office
            .settings()
            .org
            .person(PersonId::new(form.get("approver").parse().unwrap()))
            .unwrap();
        assert_eq!(
            (approver.unit(), approver.role()),
            (case.routing().unwrap().lead, Role::Leader)
        );
        for bad in ["0", "31", "abc", ""] {
            form.edit(Edit::Set("days", bad.into()));
            let errors = to_action(Kind::Extend, &form, &office, case, Lang::ZhCn).unwrap_err();
            assert_eq!(errors["days"], "延长天数应为1至30之间的整数", "{bad}");
            assert_eq!(errors["reason"], "此项必填");
        }
        form.edit(Edit::Set("on", "".into()));
        let errors = to_action(Kind::Extend, &form, &office, case, Lang::En).unwrap_err();
        assert_eq!(errors["on"], "Enter a date");

        // A reply without a claim; an empty claim; no report on a 交办 case.
        let mut form = initial(Kind::Reply, &office, case, day);
        form.edit(Edit::RemoveItem(0));
        let errors = to_action(Kind::Reply, &form, &office, case, Lang::ZhCn).unwrap_err();
        assert_eq!(errors["items"], "至少答复一项诉求");
        assert_eq!(errors["report"], "交办件答复时须附办结报告");
        form.edit(Edit::AddItem);
        form.edit(Edit::AddItem);
        form.edit(Edit::SetItem(1, ItemPart::Claim, "退还费用".into()));
        form.edit(Edit::SetItem(1, ItemPart::Outcome, "reject".into()));
        form.edit(Edit::Set("report", "已办结".into()));
        let errors = to_action(Kind::Reply, &form, &office, case, Lang::ZhCn).unwrap_err();
        // Art. 32: every item states its basis, not just one of them.
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["basis-0", "basis-1", "claim-0"]);
        assert_eq!(
            errors["basis-1"],
            "请填写本项处理意见的法律法规依据（《信访工作条例》第三十二条）"
        );
        form.edit(Edit::SetItem(1, ItemPart::Basis, "《行政事业性收费管理办法》".into()));
        let errors = to_action(Kind::Reply, &form, &office, case, Lang::ZhCn).unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["basis-0", "claim-0"]);
        form.edit(Edit::RemoveItem(0));
        let Action::Reply { items, report, .. } =
            to_action(Kind::Reply, &form, &office, case, Lang::ZhCn).unwrap()
        else {
            panic!("a reply")
        };
        assert_eq!((items.len(), items[0].outcome), (1, ReplyOutcome::Reject));
        assert_eq!(report.as_deref(), Some("已办结"));

        // Dates in the wrong order within the form.
        let mut form = initial(Kind::Hearing, &office, case, day);
        form.edit(Edit::Set("to", "2025-03-01".into()));
        assert!(to_action(Kind::Hearing, &form, &office, case, Lang::ZhCn)
            .unwrap_err()
            .contains_key("to"));
        let mut form = initial(Kind::Supervise, &office, case, day);
        form.edit(Edit::Set("note", "尽快答复".into()));
        form.edit(Edit::Set("respond-by", "2025-03-01".into()));
        assert!(to_action(Kind::Supervise, &form, &office, case, Lang::ZhCn)
            .unwrap_err()
            .contains_key("respond-by"));
        form.edit(Edit::Set("respond-by", "2025-03-11".into()));
        let Action::Supervise { kind, unit, respond_by, .. } =
            to_action(Kind::Supervise, &form, &office, case, Lang::ZhCn).unwrap()
        else {
            panic!("a supervision")
        };
        assert_eq!((kind, unit), (SupervisionKind::Written, case.routing().unwrap().lead));
        assert_eq!(respond_by, Some(d(2025, 3, 11)));
        form.edit(Edit::Set("on", "2025-02-30".into()));
        assert_eq!(
            to_action(Kind::Supervise, &form, &office, case, Lang::ZhCn).unwrap_err()["on"],
            "日期格式不正确"
        );
    }

    #[test]
    fn a_date_before_the_registration_is_left_to_the_core() {
        let (office, id) = routed(false);
        let case = office.case(id).unwrap();
        let mut form = initial(Kind::Supervise, &office, case, d(2025, 3, 4));
        form.edit(Edit::Set("note", "尽快受理".into()));
        form.edit(Edit::Set("on", "2025-03-01".into()));
        let action = to_action(Kind::Supervise, &form, &office, case, Lang::ZhCn).unwrap();
        let err = office.decide(&Command::Act { case: id, action }, at(d(2025, 3, 4))).unwrap_err();
        assert_eq!(err.to_string(), "督办日期2025-03-01早于收件日期2025-03-03");
    }

    /// The stages the domain allows each action in (domain.md and the
    /// regulations), written independently of the probes.
    fn stages(kind: Kind) -> &'static [Stage] {
        use Stage::*;
        match kind {
            Kind::Accept | Kind::Sign | Kind::Object => &[Routed],
            Kind::Decline => &[Registered, Routed],
            Kind::Direct => &[Routed, Handling],
            Kind::Extend | Kind::Reply => &[Handling],
            Kind::SendBack => &[Replied],
            Kind::RequestReview => &[Replied, Reviewed],
            Kind::Hearing => &[UnderReReview],
            Kind::DecideReview => &[UnderReview, UnderReReview],
            Kind::Supervise => &[Routed, Handling, UnderReview, UnderReReview],
            Kind::CloseSupervision => &Stage::ALL,
            Kind::FollowUp | Kind::Rate | Kind::Settle | Kind::Deliver => {
                &[Handling, Replied, UnderReview, Reviewed, UnderReReview, Terminated]
            }
        }
    }

    /// Over a sample year: every offer fits its stage, and every offered
    /// form, filled in and dated as the probe, is accepted by the core; an
    /// action not offered is refused by the core whatever its date.
    #[test]
    fn offers_agree_with_the_core_on_a_sample_year() {
        let today = d(2025, 12, 1);
        let office =
            generate(Settings::sample_county(), &SampleConfig::year(2026, today, 3000)).unwrap();
        let now = at(today);
        let mut offered = BTreeMap::<Kind, usize>::new();
        for case in office.cases() {
            let id = case.id();
            let offers = available(&office, id, now);
            for kind in Kind::ALL {
                let offer = offers.iter().find(|o| o.kind == kind);
                let built = filled(kind, &office, id, today);
                match offer {
                    Some(offer) => {
                        *offered.entry(kind).or_default() += 1;
                        for f in fields(kind, &office, case, Lang::ZhCn) {
                            let text = matches!(f.input, Input::Text | Input::Area);
                            assert!(!text || limit(kind, f.name).is_some(), "{kind:?} {}", f.name);
                        }
                        assert!(
                            stages(kind).contains(&case.stage()),
                            "{kind:?} in {}",
                            case.stage()
                        );
                        let mut action = built.unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
                        redate(&mut action, offer.opening.earliest);
                        let command = Command::Act { case: id, action: action.clone() };
                        if let Err(err) = office.decide(&command, now) {
                            panic!(
                                "{kind:?} on {} ({}): {err}: {action:?}",
                                case.number(),
                                case.stage()
                            );
                        }
                    }
                    None => {
                        if let Ok(action) = built {
                            let command = Command::Act { case: id, action };
                            assert!(office.decide(&command, now).is_err(), "{kind:?} not offered");
                        }
                        // Not offered: the core refuses it, or nothing up to
                        // today lies in its opening.
                        let core_kind =
                            ActionKind::ALL.into_iter().find(|k| Kind::of(*k) == Some(kind));
                        let opening = office.opening(id, core_kind.unwrap());
                        assert!(
                            !opening.as_ref().is_ok_and(|o| o.open_on(today)),
                            "{kind:?}: {opening:?}"
                        );
                    }
                }
            }
        }
        // The sample covers every action.
        for kind in Kind::ALL {
            assert!(offered.get(&kind).copied().unwrap_or(0) > 0, "{kind:?} never offered");
        }
    }

    /// Dates `action` on `earliest` (the earliest the case allows).
    fn redate(action: &mut Action, earliest: NaiveDate) {
        match action {
            Action::Accept { on }
            | Action::Decline { on, .. }
            | Action::Direct { on, .. }
            | Action::Extend { on, .. }
            | Action::Reply { on, .. }
            | Action::RequestReview { on, .. }
            | Action::DecideReview { on, .. }
            | Action::Supervise { on, .. }
            | Action::CloseSupervision { on, .. }
            | Action::FollowUp { on, .. }
            | Action::Rate { on, .. }
            | Action::Sign { on }
            | Action::Object { on, .. }
            | Action::Settle { on, .. } => *on = earliest,
            Action::SendBack { on, redo_by, .. } => {
                *on = earliest;
                *redo_by = earliest.checked_add_days(Days::new(15)).unwrap();
            }
            Action::RecordHearing { from, to } => {
                *from = earliest;
                *to = earliest;
            }
            Action::Deliver { delivery, .. } => delivery.sent_on = earliest,
            a => panic!("not a case page action: {a:?}"),
        }
    }
}
