//! The app state: one [`Store`], changed only by [`Msg`]s through the
//! pure reducer (`impl Reducible`). Every change to the record — a case's
//! or the work ledgers' — is a core `Command` decided and applied here and
//! kept as unsaved until `app::sync` saves it, keyed on
//! [`Store::revision`] (the preferences) and [`SharedOffice::version`]
//! (the record).

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use chrono::NaiveDateTime;
use xinfang_core::ids::Added;
use xinfang_core::ids::{HotspotId, ReceptionId};
use xinfang_core::office::Done;
use xinfang_core::rebase::Pending;
use xinfang_core::remap::IdMap;
use xinfang_core::work::change::WorkChange;
use xinfang_core::{CaseId, Command, Office, Settings as OfficeSettings, WorkLedgers};
use yew::Reducible;

use crate::i18n::{tr, Lang};
use crate::persist::heads::HeadsCheck;
use crate::persist::kv::Space;
use crate::persist::open::Opened;
use crate::persist::prefs::{Loaded, Prefs, StorageProblem};
use crate::persist::record::{LoadProblem, Saved, Unsaved};
use crate::persist::sandbox::SampleBase;
use crate::persist::work::WorkProblem;
use crate::route::Route;
use xinfang_core::log::Checkpoint;

/// Where a registration started from, so the new case is linked back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkSource {
    /// Registered at a reception (linked as created there).
    Reception(ReceptionId),
    /// A hotspot of the screening ledger that became a case.
    Hotspot(HotspotId),
}

/// A registration started from the work ledgers: the form filled in
/// advance, and the record to link the new case to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterFrom {
    /// The record.
    pub source: WorkSource,
    /// The registration form as prefilled (date, channel, place, summary…).
    pub form: crate::forms::IntakeForm,
}

/// A record shared between renders and mutated only by the reducer.
/// Cloning a store of 20,000 cases on every action would cost more than
/// the action itself, so the data lives behind an `Rc<RefCell>` and
/// `version` tells renders (and the save effect) that it changed.
#[derive(Debug)]
pub struct Shared<T> {
    inner: Rc<RefCell<T>>,
    /// Bumped on every change.
    pub version: u64,
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared { inner: self.inner.clone(), version: self.version }
    }
}

impl<T> Shared<T> {
    /// Wraps loaded data.
    pub fn new(data: T) -> Self {
        Shared { inner: Rc::new(RefCell::new(data)), version: 0 }
    }

    /// Other data in its place (after another tab saved): the version
    /// goes on counting, so the save effect runs (and finds little to do).
    fn replaced(&self, data: T) -> Self {
        Shared { inner: Rc::new(RefCell::new(data)), version: self.version + 1 }
    }

    /// Which data this is: a new value each time other data is opened
    /// (not when it changes in place), for work worth redoing only then.
    pub fn data_id(&self) -> usize {
        Rc::as_ptr(&self.inner).addr()
    }

    /// The data, to read. Do not hold it across a dispatch.
    pub fn get(&self) -> Ref<'_, T> {
        self.inner.borrow()
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner) && self.version == other.version
    }
}

/// The office's case record.
pub type SharedOffice = Shared<Office>;

/// A message after an action: what was done, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Whether the action succeeded.
    pub ok: bool,
    /// The message, in the interface language where the app wrote it
    /// (the core's refusals are in Chinese).
    pub text: String,
}

/// A problem with the open record's storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeProblem {
    /// The stored record cannot be read: it is left as it is and saving
    /// this record waits until the user chooses (set it aside / reset).
    Unreadable(LoadProblem),
    /// A write failed (a full quota, storage blocked): the changes are
    /// kept in this tab and saving is tried again on the next change.
    WriteFailed {
        /// The browser's message.
        detail: String,
    },
}

/// What the footer shows about storage, and what the benchmark reads.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StorageUsage {
    /// Bytes `localStorage` holds for this site (UTF-16, as Chromium counts).
    pub bytes: usize,
    /// How long loading the open record took, in milliseconds.
    pub load_ms: f64,
    /// How long the last save took, in milliseconds.
    pub save_ms: f64,
}

/// The app-wide state. Cheap to clone: small values and `Rc`s.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    /// The preferences that are saved (the interface language).
    pub prefs: Prefs,
    /// A storage problem to show, if any.
    pub problem: Option<Rc<StorageProblem>>,
    /// Bumped whenever `settings` should be saved; 0 until the first change,
    /// so merely loading the page writes nothing.
    pub revision: u64,
    /// Which record is open.
    pub space: Space,
    /// The open record.
    pub office: SharedOffice,
    /// How many log entries of the open record are known to be stored.
    pub saved_entries: usize,
    /// What of the open record is committed in storage (`None`: nothing).
    pub saved: Option<Saved>,
    /// Commands applied here and not yet saved, oldest first (redone on
    /// top of another tab's save with `Office::rebase`).
    pub unsaved: Rc<Vec<Unsaved>>,
    /// Whether the open record's settings changed since the last save.
    pub settings_dirty: bool,
    /// The sample the sandbox was generated from (sandbox only).
    pub sample: Option<Rc<SampleBase>>,
    /// A problem with the open record's storage.
    pub office_problem: Option<Rc<OfficeProblem>>,
    /// The record's history is damaged part-way and what reads before the
    /// damage is shown, read-only until the clerk decides: (entries read,
    /// entries the head counts).
    pub read_only: Option<(usize, usize)>,
    /// Storage use and timings.
    pub usage: StorageUsage,
    /// The page shown.
    pub route: Route,
    /// The message of the last action, if any.
    pub notice: Option<Notice>,
    /// Work ledgers stored by an earlier version beside the record that
    /// could not be read (kept as they are; see `persist::work`).
    pub work_problem: Option<Rc<WorkProblem>>,
    /// The record's past heads (printed or exported) checked against its
    /// log when it was opened (`persist::heads`).
    pub heads: Rc<HeadsCheck>,
    /// The record the last work change added, if it added one.
    pub last_added: Option<Added>,
    /// A registration started from a reception or a hotspot.
    pub register_from: Option<Rc<RegisterFrom>>,
}

/// The stored record after another tab's save, with this tab's commands
/// redone (see [`Msg::CaughtUp`]).
#[derive(Debug, Clone)]
pub struct CaughtUp {
    /// Which record.
    pub space: Space,
    /// The record.
    pub office: Office,
    /// What of it is committed.
    pub saved: Option<Saved>,
    /// This tab's commands still not saved (redone on `office`).
    pub unsaved: Vec<Unsaved>,
    /// The sandbox's sample.
    pub sample: Option<SampleBase>,
    /// Whether this tab's settings change is still unsaved.
    pub settings_dirty: bool,
    /// The commands that no longer applied, described (Chinese).
    pub refused: Vec<String>,
    /// Cases and work records of this tab that got another id there.
    pub moved: IdMap,
    /// How many of this tab's commands were redone (and saved if
    /// `unsaved` is empty).
    pub redone: usize,
    /// Bytes in use.
    pub bytes: usize,
    /// Why the new save failed, if it did.
    pub save_failed: Option<String>,
}

/// What can happen to the [`Store`].
#[derive(Debug, Clone)]
pub enum Msg {
    /// The user picked an interface language.
    SetLang(Lang),
    /// Saving the preferences succeeded.
    Saved,
    /// Saving failed with the browser's message.
    SaveFailed(String),
    /// The user gave up saved data that could not be read: save again
    /// (over it).
    DiscardUnreadable,
    /// Show another page.
    Navigate(Route),
    /// Decide and apply a command to the open record at `now`; on success
    /// a registration opens the new case.
    Execute {
        /// What to do.
        command: Box<Command>,
        /// The browser's clock when the user asked.
        now: NaiveDateTime,
    },
    /// Decide and apply several commands at `now`, all or none (a ledger
    /// import): one reducer step however many there are.
    ExecuteAll {
        /// What to do, in order.
        commands: Vec<Command>,
        /// The browser's clock when the user asked.
        now: NaiveDateTime,
        /// Settings to put in place first, kept only if every command
        /// goes in (an import's new units and remembered spellings).
        settings: Option<Box<OfficeSettings>>,
    },
    /// Replace the open record's settings (units, people, categories,
    /// rules, targets, calendar), already validated by the settings page.
    UpdateSettings(Box<OfficeSettings>),
    /// The open record's log is stored up to `entries`.
    OfficeSaved {
        /// Entries stored.
        entries: usize,
    },
    /// A record was opened with everything known about its storage (at
    /// start, entering or resetting the sandbox, going back).
    Opened(Box<Opened>),
    /// The open record was committed to storage.
    Committed {
        /// Which record (ignored if another is open by now).
        space: Space,
        /// What is committed.
        saved: Saved,
        /// Whether the settings were written.
        settings: bool,
        /// Bytes in use after it, and how long it took.
        bytes: usize,
        /// Milliseconds the save took.
        save_ms: f64,
    },
    /// Saving the open record failed: shown, tried again on the next change.
    OfficeSaveFailed {
        /// Which record.
        space: Space,
        /// The browser's message.
        detail: String,
        /// Bytes in use, measured afresh (something else may have filled
        /// the storage).
        bytes: usize,
    },
    /// The stored record cannot be read: saving it waits for the user.
    OfficeUnreadable {
        /// Which record.
        space: Space,
        /// Why.
        problem: LoadProblem,
    },
    /// Another tab saved the open record: here is the stored record with
    /// this tab's unsaved commands redone on top.
    CaughtUp(Box<CaughtUp>),
    /// Another tab appended to the open record (and this tab has nothing
    /// unsaved): apply its events.
    Appended {
        /// Which record.
        space: Space,
        /// What it appended.
        appended: Box<crate::persist::record::Appended>,
    },
    /// Open the registration form prefilled from a reception or hotspot;
    /// the new case is linked back to it.
    RegisterFrom(Box<RegisterFrom>),
    /// Forget where the registration started from.
    ClearRegisterFrom,
    /// The old work ledgers beside the record were moved aside.
    WorkProblemCleared,
    /// Show a message (e.g. from storage: a failed save, another tab).
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
    /// 以单位身份查看: show the app as this unit's workspace (`None`: the
    /// petition office's view of every case); saved with the preferences.
    SetViewAs(Option<xinfang_core::UnitId>),
}

impl Store {
    /// The state after loading the preferences and a record.
    pub fn new(loaded: Loaded, space: Space, office: Office, stored: usize) -> Store {
        Store {
            prefs: loaded.prefs,
            problem: loaded.problem.map(Rc::new),
            revision: 0,
            space,
            saved: saved_at(&office, stored),
            office: SharedOffice::new(office),
            saved_entries: stored,
            unsaved: Rc::default(),
            settings_dirty: false,
            sample: None,
            office_problem: None,
            read_only: None,
            usage: StorageUsage::default(),
            route: Route::default(),
            notice: None,
            work_problem: None,
            heads: Rc::default(),
            last_added: None,
            register_from: None,
        }
    }

    /// The state for a record just opened (see [`Msg::Opened`]).
    pub fn opened(loaded: Loaded, opened: Opened) -> Store {
        let mut store =
            Store::new(loaded, opened.space, Office::new(OfficeSettings::sample_county()), 0);
        store.open(opened);
        store
    }

    fn open(&mut self, o: Opened) {
        self.space = o.space;
        self.office = SharedOffice::new(o.office);
        self.saved = o.saved;
        self.saved_entries = o.saved.map_or(0, |s| s.entries);
        self.unsaved = Rc::new(o.unsaved);
        self.settings_dirty = false;
        self.sample = o.sample.map(Rc::new);
        self.office_problem = o.problem.map(|p| Rc::new(OfficeProblem::Unreadable(p)));
        self.read_only = o.readable;
        self.usage = StorageUsage { bytes: o.bytes, load_ms: o.load_ms, save_ms: 0.0 };
        self.work_problem = o.work_problem.map(Rc::new);
        if let Some(r) = o.recovery {
            let ok = !matches!(r, crate::persist::record::journal::Recovery::Failed(_));
            self.notice = Some(Notice { ok, text: r.message(self.lang()) });
        }
        self.heads = Rc::new(o.heads);
        self.last_added = None;
        self.register_from = None;
    }

    /// The open record's work ledgers (part of the record: changed by
    /// `Command::Work`, kept in its log). Do not hold it across a dispatch.
    pub fn work(&self) -> Ref<'_, WorkLedgers> {
        Ref::map(self.office.get(), Office::work)
    }

    /// Every command, all or none (`Office::execute_all`): one refusal and
    /// nothing changes (the notice names it); else all are kept as
    /// unsaved commands.
    /// Runs `commands` all or none, with `settings` in place first when
    /// given (a ledger import's new units and remembered spellings): on a
    /// refusal the settings are put back too.
    fn execute_all(
        &self,
        commands: Vec<Command>,
        now: NaiveDateTime,
        settings: Option<OfficeSettings>,
    ) -> Rc<Store> {
        let changes_settings = settings.is_some();
        let before =
            settings.map(|s| std::mem::replace(self.office.inner.borrow_mut().settings_mut(), s));
        let result = self.office.inner.borrow_mut().execute_all(commands.iter().cloned(), now);
        if result.is_err() {
            if let Some(before) = before {
                *self.office.inner.borrow_mut().settings_mut() = before;
            }
        }
        match result {
            Ok(done) => {
                let end = self.office.get().log().len();
                let unsaved = commands.into_iter().zip(done).map(|(command, done)| Unsaved {
                    pending: Pending { command, at: now, done },
                    end,
                });
                self.with(|s| {
                    s.office.version += 1;
                    Rc::make_mut(&mut s.unsaved).extend(unsaved);
                    s.notice = None;
                    s.settings_dirty |= changes_settings;
                })
            }
            Err(err) => {
                let text = format!("第{}项未能办理，全部未导入：{}", err.index + 1, err.error);
                self.with(|s| s.notice = Some(Notice { ok: false, text }))
            }
        }
    }

    /// After a registration from a reception or hotspot: the link back,
    /// a work command of its own (so it is saved, and redone on another
    /// tab's save, like any other).
    fn link_registered(&mut self, case: CaseId, now: NaiveDateTime) {
        let Some(from) = self.register_from.take() else { return };
        let change = match from.source {
            WorkSource::Reception(id) => WorkChange::LinkReceptionCase(
                id,
                xinfang_core::work::reception::CaseLink {
                    case,
                    how: xinfang_core::work::reception::CaseLinkKind::Created,
                },
            ),
            WorkSource::Hotspot(id) => WorkChange::LinkHotspotCase(id, Some(case)),
        };
        let what = change.describe();
        let command = Command::Work(change);
        let result = self.office.inner.borrow_mut().execute(command.clone(), now);
        match result {
            Ok(done) => {
                let end = self.office.get().log().len();
                Rc::make_mut(&mut self.unsaved)
                    .push(Unsaved { pending: Pending { command, at: now, done }, end });
            }
            Err(err) => {
                self.notice = Some(Notice {
                    ok: false,
                    text: format!("案件已登记，但未能关联到{what}：{err}"),
                })
            }
        }
    }

    /// Whether saving the open record waits for the user (it could not be
    /// read).
    pub fn office_saving_paused(&self) -> bool {
        matches!(self.office_problem.as_deref(), Some(OfficeProblem::Unreadable(_)))
    }

    /// Whether a printed or exported point may be noted in the record's
    /// list: not while the stored record could not be read whole (the tab
    /// shows another history than the stored one, whose list it is).
    pub fn notes_checkpoints(&self) -> bool {
        !matches!(self.office_problem.as_deref(), Some(OfficeProblem::Unreadable(_)))
    }

    /// The point of the open record's history to print or export: what
    /// is committed in storage (so a tab closed before a save cannot leave
    /// a point the stored record never reaches), or the log's head when
    /// nothing is.
    pub fn checkpoint(&self) -> Checkpoint {
        match self.saved {
            Some(saved) => Checkpoint { entries: saved.entries as u64, hash: saved.head },
            None => self.office.get().log().checkpoint(),
        }
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    /// Whether saving waits for the user (see [`StorageProblem::pauses_saving`]).
    pub fn saving_paused(&self) -> bool {
        self.problem.as_deref().is_some_and(StorageProblem::pauses_saving)
    }

    fn with(&self, f: impl FnOnce(&mut Store)) -> Rc<Store> {
        let mut next = self.clone();
        f(&mut next);
        Rc::new(next)
    }

    fn execute(&self, command: &Command, now: NaiveDateTime) -> Rc<Store> {
        let result = self.office.inner.borrow_mut().execute(command.clone(), now);
        match result {
            Ok(done) => {
                let end = self.office.get().log().len();
                self.with(|s| {
                    s.office.version += 1;
                    let pending = Pending { command: command.clone(), at: now, done };
                    Rc::make_mut(&mut s.unsaved).push(Unsaved { pending, end });
                    s.notice = None;
                    s.last_added = match done {
                        Done::Added(added) => Some(added),
                        _ => None,
                    };
                    if let Done::Registered(case) = done {
                        s.route = Route::Case(case);
                        s.link_registered(case, now);
                    }
                })
            }
            Err(err) => self.with(|s| s.notice = Some(Notice { ok: false, text: err.to_string() })),
        }
    }
}

/// What is committed when the first `entries` entries of `office` are.
pub fn saved_at(office: &Office, entries: usize) -> Option<Saved> {
    if entries == 0 {
        return None;
    }
    let entry = office.log().entries().get(entries - 1)?;
    Some(Saved { entries, head: entry.hash })
}

impl Reducible for Store {
    type Action = Msg;

    fn reduce(self: Rc<Self>, action: Msg) -> Rc<Self> {
        match action {
            Msg::SetLang(lang) if lang == self.prefs.lang => self,
            Msg::SetLang(lang) => self.with(|s| {
                s.prefs.lang = lang;
                s.revision += 1;
            }),
            Msg::Saved => match self.problem.as_deref() {
                Some(StorageProblem::WriteFailed { .. }) => self.with(|s| s.problem = None),
                _ => self,
            },
            Msg::SaveFailed(detail) => self.with(|s| {
                s.problem = Some(Rc::new(StorageProblem::WriteFailed { detail }));
            }),
            Msg::DiscardUnreadable if self.saving_paused() => self.with(|s| {
                s.problem = None;
                s.revision += 1;
            }),
            Msg::DiscardUnreadable => self,
            Msg::Navigate(route) if route == self.route => self,
            Msg::Navigate(route) => self.with(|s| {
                s.route = route;
                s.notice = None;
                if route != Route::Register {
                    s.register_from = None;
                }
            }),
            Msg::RegisterFrom(from) => self.with(|s| {
                s.register_from = Some(Rc::new(*from));
                s.route = Route::Register;
                s.notice = None;
            }),
            Msg::ClearRegisterFrom => self.with(|s| s.register_from = None),
            Msg::Execute { .. } | Msg::ExecuteAll { .. } | Msg::UpdateSettings(_)
                if self.read_only.is_some() =>
            {
                let text = tr(
                    self.lang(),
                    "本记录的历史有损坏，目前只读显示损坏之前的部分，修改不会生效。请先在页面上方选择处理方式。",
                    "The record's history is damaged: what reads before the damage is shown read-only and changes are not taken. Choose what to do at the top of the page first.",
                );
                self.with(|s| s.notice = Some(Notice { ok: false, text: text.to_owned() }))
            }
            Msg::Execute { command, now } => self.execute(&command, now),
            Msg::ExecuteAll { commands, now, settings } => {
                self.execute_all(commands, now, settings.map(|s| *s))
            }
            Msg::UpdateSettings(settings) => {
                *self.office.inner.borrow_mut().settings_mut() = *settings;
                self.with(|s| {
                    s.office.version += 1;
                    s.settings_dirty = true;
                })
            }
            Msg::Opened(opened) => self.with(|s| {
                if s.space != opened.space {
                    s.route = Route::Dashboard;
                }
                s.open(*opened);
            }),
            Msg::OfficeSaved { entries } => {
                if entries == self.saved_entries {
                    self
                } else {
                    self.with(|s| {
                        s.saved = saved_at(&s.office.get(), entries);
                        s.saved_entries = entries;
                        Rc::make_mut(&mut s.unsaved).retain(|p| p.end > entries);
                    })
                }
            }
            Msg::Committed { space, .. } if space != self.space => self,
            Msg::Committed { saved, settings, bytes, save_ms, .. } => self.with(|s| {
                s.saved = Some(saved);
                s.saved_entries = saved.entries;
                Rc::make_mut(&mut s.unsaved).retain(|p| p.end > saved.entries);
                if settings {
                    s.settings_dirty = false;
                }
                if matches!(s.office_problem.as_deref(), Some(OfficeProblem::WriteFailed { .. })) {
                    s.office_problem = None;
                }
                s.usage.bytes = bytes;
                s.usage.save_ms = save_ms;
            }),
            Msg::OfficeSaveFailed { space, .. } if space != self.space => self,
            Msg::OfficeSaveFailed { detail, bytes, .. } => self.with(|s| {
                s.office_problem = Some(Rc::new(OfficeProblem::WriteFailed { detail }));
                s.usage.bytes = bytes;
            }),
            Msg::OfficeUnreadable { space, .. } if space != self.space => self,
            Msg::OfficeUnreadable { problem, .. } => self.with(|s| {
                s.office_problem = Some(Rc::new(OfficeProblem::Unreadable(problem)));
            }),
            Msg::Appended { space, .. } if space != self.space => self,
            Msg::Appended { appended, .. } => {
                let a = *appended;
                let expected = self.saved.map_or(0, |x| x.entries);
                let applied = {
                    let mut office = self.office.inner.borrow_mut();
                    // If the record moved on meanwhile, the next save catches up.
                    let current = office.log().len() == expected;
                    if current {
                        for event in a.events {
                            office.apply(event);
                        }
                        if let Some(settings) = a.settings {
                            *office.settings_mut() = settings;
                        }
                    }
                    current
                };
                if !applied {
                    return self;
                }
                self.with(|s| {
                    s.office.version += 1;
                    s.saved = Some(a.saved);
                    s.saved_entries = a.saved.entries;
                })
            }
            Msg::CaughtUp(c) if c.space != self.space => self,
            Msg::CaughtUp(c) => self.with(|s| {
                let c = *c;
                s.office = s.office.replaced(c.office);
                s.saved = c.saved;
                s.saved_entries = c.saved.map_or(0, |x| x.entries);
                s.unsaved = Rc::new(c.unsaved);
                s.settings_dirty = c.settings_dirty;
                s.sample = c.sample.map(Rc::new);
                s.usage.bytes = c.bytes;
                s.office_problem = c
                    .save_failed
                    .map(|detail| Rc::new(OfficeProblem::WriteFailed { detail }));
                // The page follows its case or meeting to the id it got
                // there; one that is gone (its command left out) goes to
                // the list.
                let case = |id: CaseId| c.moved.case(id).ok();
                s.route = match s.route {
                    Route::Case(id) => case(id).map_or(Route::Cases, Route::Case),
                    Route::Print(id, doc) => {
                        case(id).map_or(Route::Cases, |id| Route::Print(id, doc))
                    }
                    Route::Meeting(id) => {
                        c.moved.record(id).ok().map_or(Route::Meetings, Route::Meeting)
                    }
                    route => route,
                };
                let office = s.office.get();
                let gone = match s.route {
                    Route::Case(id) | Route::Print(id, _) => office.case(id).is_none(),
                    Route::Meeting(id) => office.work().meetings.get(id).is_none(),
                    _ => false,
                };
                drop(office);
                if gone {
                    s.route = match s.route {
                        Route::Meeting(_) => Route::Meetings,
                        _ => Route::Cases,
                    };
                }
                if c.redone > 0 || !c.refused.is_empty() {
                    let mut text = format!(
                        "另一个标签页刚保存了同一记录：已载入其内容，并在其基础上重新办理了本页未保存的{}项操作。",
                        c.redone
                    );
                    if !c.refused.is_empty() {
                        text.push_str("以下操作已不再适用，未办理：");
                        text.push_str(&c.refused.join("；"));
                    }
                    s.notice = Some(Notice { ok: c.refused.is_empty(), text });
                }
            }),
            Msg::WorkProblemCleared => self.with(|s| s.work_problem = None),
            Msg::Notify(notice) => self.with(|s| s.notice = Some(notice)),
            Msg::DismissNotice if self.notice.is_none() => self,
            Msg::DismissNotice => self.with(|s| s.notice = None),
            Msg::SetViewAs(view) if view == self.prefs.view_as => self,
            Msg::SetViewAs(view) => self.with(|s| {
                s.prefs.view_as = view;
                s.revision += 1;
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::prefs::Unreadable;
    use chrono::NaiveDate;
    use xinfang_core::CaseId;
    use xinfang_core::{Channel, Intake, Petitioner, Purpose};

    fn fresh() -> Rc<Store> {
        let loaded = Loaded { prefs: Prefs::default(), problem: None };
        Rc::new(Store::new(loaded, Space::Real, Office::new(OfficeSettings::sample_county()), 0))
    }

    fn unreadable() -> Rc<Store> {
        let problem = StorageProblem::Unreadable {
            reason: Unreadable::Invalid { detail: "x".into() },
            backed_up: true,
        };
        let loaded = Loaded { prefs: Prefs::default(), problem: Some(problem) };
        Rc::new(Store::new(loaded, Space::Real, Office::new(OfficeSettings::sample_county()), 0))
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(9, 30, 0).unwrap()
    }

    fn register(store: &Store, summary: &str) -> Command {
        let office = store.office.get();
        let category = office.settings().categories.find("拖欠工资").unwrap().id();
        Command::Register {
            intake: Intake {
                received_on: now().date(),
                channel: Channel::Visit,
                petitioners: vec![Petitioner::named("王某某")],
                head_count: 1,
                category,
                purpose: Purpose::Request,
                township: office.settings().org.find_unit("河口乡").map(|u| u.id()),
                village: "东岗村".into(),
                summary: summary.into(),
                content: String::new(),
                escalation: None,
                accused_unit: None,
                repeat_of: None,
            },
        }
    }

    #[test]
    fn changing_the_language_asks_for_a_save() {
        let store = fresh().reduce(Msg::SetLang(Lang::En));
        assert_eq!(store.lang(), Lang::En);
        assert_eq!(store.revision, 1);
    }

    #[test]
    fn no_op_actions_return_the_same_state() {
        let store = fresh();
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Msg::SetLang(Lang::ZhCn))));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Msg::Saved)));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Msg::DiscardUnreadable)));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Msg::Navigate(Route::Dashboard))));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Msg::DismissNotice)));
    }

    #[test]
    fn a_failed_save_is_shown_until_a_save_succeeds() {
        let store = fresh().reduce(Msg::SaveFailed("QuotaExceededError".into()));
        assert!(matches!(store.problem.as_deref(), Some(StorageProblem::WriteFailed { .. })));
        assert!(!store.saving_paused());
        let store = store.reduce(Msg::Saved);
        assert_eq!(store.problem, None);
    }

    #[test]
    fn unreadable_data_pauses_saving_until_discarded() {
        let store = unreadable().reduce(Msg::SetLang(Lang::En));
        assert!(store.saving_paused());
        assert_eq!(store.lang(), Lang::En);
        let store = store.reduce(Msg::DiscardUnreadable);
        assert!(!store.saving_paused());
        assert_eq!(store.problem, None);
        assert_eq!(store.revision, 2);
        assert_eq!(store.lang(), Lang::En);
    }

    #[test]
    fn registering_a_case_changes_the_record_and_opens_the_case() {
        let store = fresh();
        let command = register(&store, "反映某公司拖欠工资");
        let after = store.clone().reduce(Msg::Execute { command: Box::new(command), now: now() });
        assert_eq!(after.office.version, 1);
        assert_ne!(after.office, store.office, "renders see the change");
        assert_eq!(after.office.get().cases().len(), 1);
        let id = after.office.get().cases().next().unwrap().id();
        assert_eq!(after.route, Route::Case(id));
        assert_eq!(after.notice, None);
    }

    #[test]
    fn a_refused_command_changes_nothing_and_says_why() {
        let store = fresh();
        let command = register(&store, "");
        let after = store.clone().reduce(Msg::Execute { command: Box::new(command), now: now() });
        assert_eq!(after.office.version, 0);
        assert_eq!(after.office.get().cases().len(), 0);
        let notice = after.notice.clone().expect("a message");
        assert!(!notice.ok);
        assert!(!notice.text.is_empty());
        assert_eq!(after.route, Route::Dashboard);
    }

    #[test]
    fn switching_space_replaces_the_record_and_goes_home() {
        let store = fresh().reduce(Msg::Navigate(Route::Cases));
        let office = Office::new(OfficeSettings::sample_county());
        let saved = Saved { entries: 0, head: xinfang_core::Hash::GENESIS };
        let opened = Opened::written(Space::Sandbox, office, saved, 0);
        let after = store.reduce(Msg::Opened(Box::new(opened)));
        assert_eq!(after.space, Space::Sandbox);
        assert_eq!(after.route, Route::Dashboard);
    }

    #[test]
    fn points_are_not_noted_for_a_record_that_could_not_be_read_whole() {
        let mut store = (*fresh()).clone();
        assert!(store.notes_checkpoints());
        let damaged = LoadProblem::MissingChunk(2);
        store.office_problem = Some(Rc::new(OfficeProblem::Unreadable(damaged)));
        assert!(!store.notes_checkpoints());
        let full = OfficeProblem::WriteFailed { detail: "QuotaExceededError".into() };
        store.office_problem = Some(Rc::new(full));
        assert!(store.notes_checkpoints(), "a full quota: the stored record is the tab's");
    }

    #[test]
    fn a_read_only_record_takes_no_change() {
        let mut store = (*fresh()).clone();
        store.read_only = Some((256, 700));
        let store = Rc::new(store);
        let before = store.office.get().log().len();
        let command = register(&store, "只读时登记");
        let after = store.clone().reduce(Msg::Execute { command: Box::new(command), now: now() });
        assert_eq!(after.office.get().log().len(), before);
        assert!(after.unsaved.is_empty());
        let notice = after.notice.as_ref().expect("told why");
        assert!(!notice.ok && notice.text.contains("只读"), "{}", notice.text);
        let settings = after.office.get().settings().clone();
        let after = after.reduce(Msg::UpdateSettings(Box::new(settings)));
        assert!(!after.settings_dirty);
    }

    #[test]
    fn executed_commands_wait_as_unsaved_until_committed() {
        let store = fresh();
        let command = register(&store, "反映某公司拖欠工资");
        let store = store.reduce(Msg::Execute { command: Box::new(command.clone()), now: now() });
        assert_eq!(store.unsaved.len(), 1);
        assert_eq!(store.unsaved[0].pending.command, command);
        assert_eq!(store.unsaved[0].end, 1);
        let head = store.office.get().log().head();
        let saved = Saved { entries: 1, head };
        let failed = store.clone().reduce(Msg::OfficeSaveFailed {
            space: Space::Real,
            detail: "QuotaExceededError".into(),
            bytes: 10,
        });
        assert!(matches!(
            failed.office_problem.as_deref(),
            Some(OfficeProblem::WriteFailed { .. })
        ));
        assert!(!failed.office_saving_paused(), "a failed write retries on the next change");
        assert_eq!(failed.unsaved.len(), 1, "nothing is dropped");
        let done = failed.reduce(Msg::Committed {
            space: Space::Real,
            saved,
            settings: false,
            bytes: 20,
            save_ms: 1.0,
        });
        assert!(done.unsaved.is_empty());
        assert_eq!(done.office_problem, None);
        assert_eq!(done.saved, Some(saved));
        assert_eq!(done.saved_entries, 1);
        // A save of another space arriving late changes nothing.
        let other = done.clone().reduce(Msg::OfficeSaveFailed {
            space: Space::Sandbox,
            detail: "x".into(),
            bytes: 0,
        });
        assert!(Rc::ptr_eq(&other, &done));
    }

    #[test]
    fn an_unreadable_record_pauses_its_saving_and_settings_changes_are_marked() {
        let store = fresh().reduce(Msg::OfficeUnreadable {
            space: Space::Real,
            problem: LoadProblem::MissingChunk(0),
        });
        assert!(store.office_saving_paused());
        let settings = store.office.get().settings().clone();
        let store = store.reduce(Msg::UpdateSettings(Box::new(settings)));
        assert!(store.settings_dirty);
        assert_eq!(store.office.version, 1);
    }

    #[test]
    fn catching_up_follows_a_case_to_its_new_id_and_says_what_happened() {
        let store = fresh();
        let command = register(&store, "本页登记");
        let store = store.reduce(Msg::Execute { command: Box::new(command), now: now() });
        assert_eq!(store.route, Route::Case(CaseId::new(1)));
        let mut other = Office::new(OfficeSettings::sample_county());
        other.execute(register(&store, "另一页登记"), now()).unwrap();
        other.execute(register(&store, "本页登记"), now()).unwrap();
        let saved = Some(Saved { entries: 2, head: other.log().head() });
        let mut moved = IdMap::new();
        moved.note(Done::Registered(CaseId::new(1)), Some(Done::Registered(CaseId::new(2))));
        let after = store.reduce(Msg::CaughtUp(Box::new(CaughtUp {
            space: Space::Real,
            office: other,
            saved,
            unsaved: Vec::new(),
            sample: None,
            settings_dirty: false,
            refused: vec!["XF2025-00001 受理：案件当前为“已办结”，不能受理".into()],
            moved,
            redone: 1,
            bytes: 0,
            save_failed: None,
        })));
        assert_eq!(after.route, Route::Case(CaseId::new(2)));
        assert_eq!(after.office.get().cases().len(), 2);
        assert_eq!(after.saved, saved);
        assert!(after.unsaved.is_empty());
        let notice = after.notice.clone().expect("a notice");
        assert!(!notice.ok);
        assert!(notice.text.contains("另一个标签页"), "{}", notice.text);
        assert!(notice.text.contains("不能受理"), "{}", notice.text);
    }

    #[test]
    fn commands_executed_together_go_in_all_or_none() {
        let store = fresh();
        let good = register(&store, "一起导入的第一件");
        let bad = Command::Act {
            case: CaseId::new(99),
            action: xinfang_core::Action::Amend {
                intake: match &good {
                    Command::Register { intake } => intake.clone(),
                    _ => unreachable!(),
                },
            },
        };
        let refused = store.clone().reduce(Msg::ExecuteAll {
            commands: vec![good.clone(), bad],
            now: now(),
            settings: None,
        });
        assert_eq!(refused.office.get().cases().len(), 0, "nothing of a refused batch");
        assert!(refused.notice.as_ref().is_some_and(|n| !n.ok && n.text.contains("第2项")));
        let second = register(&store, "一起导入的第二件");
        let done = store.reduce(Msg::ExecuteAll {
            commands: vec![good, second],
            now: now(),
            settings: None,
        });
        assert_eq!(done.office.get().cases().len(), 2);
        assert_eq!(done.unsaved.len(), 2);
        assert_eq!(done.unsaved[1].end, done.office.get().log().len());
    }

    #[test]
    fn an_imports_settings_stay_only_if_every_command_goes_in() {
        let store = fresh();
        let good = register(&store, "导入时新建单位");
        let bad = Command::Act {
            case: CaseId::new(99),
            action: xinfang_core::Action::Sign { on: now().date() },
        };
        let mut settings = store.office.get().settings().clone();
        let gov = settings.org.find_unit("县人民政府").map(|u| u.id());
        settings.org.add_unit("县国资办", xinfang_core::UnitKind::Department, gov).unwrap();
        let with = |commands| Msg::ExecuteAll {
            commands,
            now: now(),
            settings: Some(Box::new(settings.clone())),
        };
        let refused = store.clone().reduce(with(vec![good.clone(), bad]));
        assert!(refused.office.get().settings().org.find_unit("县国资办").is_none(), "put back");
        assert!(!refused.settings_dirty);
        let done = store.reduce(with(vec![good]));
        assert!(done.office.get().settings().org.find_unit("县国资办").is_some());
        assert!(done.settings_dirty, "saved with the record");
        assert_eq!(done.office.get().cases().len(), 1);
    }
}
