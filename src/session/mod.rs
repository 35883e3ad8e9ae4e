//! The page's whole state and its one reducer: engine, undo/redo history, terminal log, the last
//! command's events (what the graph animates) and any notice. Pure and natively tested; the
//! components only dispatch [`Action`]s. `lesson.rs` is the part that plays lessons, `storage.rs`
//! what the page keeps between visits.

mod journal;
mod lesson;
mod storage;
#[cfg(test)]
mod tests;

pub use journal::{ReplayError, MAX_STEPS};
pub use lesson::LessonState;

use std::rc::Rc;

use rmi_engine::{scenarios, Engine, Event, Line};
use serde::{Deserialize, Serialize};

use crate::lessons::{Lesson, Texts};

/// How many undo steps are kept; the oldest go first.
pub const MAX_UNDO: usize = 100;
/// How many log entries are kept; the oldest go first.
pub const MAX_LOG: usize = 400;
/// Bumped when the stored shape changes; other versions are refused with a notice.
pub const STORAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub command: String,
    pub lines: Vec<Line>,
    pub exit: i32,
    /// The command asked a question; the next line answers it.
    pub awaiting_answer: bool,
    /// A line the page itself writes into the terminal (a lesson step's fresh start), in both
    /// languages; such an entry has no command. Absent from sessions saved before lessons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Texts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    CorruptStorage,
    OlderStorage,
    UnknownScenario,
    UnknownLanguage,
    /// Undo or redo with nothing to take back or do again: said under the terminal, in the room
    /// kept for the preview (a banner above the page moved the prompt off a laptop's screen).
    NothingToUndo,
    NothingToRedo,
    /// The lesson asked for does not exist or its file does not parse (detail: why, where).
    LessonUnavailable,
    /// A lesson step's start could not be built: a mistake in the lesson file.
    LessonBroken,
    /// The lesson's saved progress could not be read, so it starts again.
    LessonProgressCorrupt,
    /// `?variant=` is not a number from 0 to 9999 (detail: the value).
    UnknownVariant,
    /// `?check=CODE`: the code is genuine, or not, for the lesson and variant (detail: the code).
    CodeGenuine,
    CodeNotGenuine,
    /// `?check=CODE` on a lesson whose own solution does not finish it (detail: why).
    CodeUncheckable,
    /// `?s=LINK` opened: a replayed session that is not saved.
    SharedSession,
    /// `?s=LINK` could not be opened (detail: why); the reader's own session is shown.
    LinkRefused,
    /// An embed parameter was malformed and fell back (detail: `name=value: why`, each).
    EmbedParameter,
}

impl NoticeKind {
    /// A problem of the page's address (a parameter, a lesson, a link): the page says every one
    /// of them, not only the last.
    /// Said under the terminal, where the reader looks, not in the page's banner.
    pub fn is_under_the_terminal(self) -> bool {
        matches!(self, NoticeKind::NothingToUndo | NoticeKind::NothingToRedo)
    }

    pub fn is_about_the_address(self) -> bool {
        matches!(
            self,
            NoticeKind::UnknownScenario
                | NoticeKind::UnknownLanguage
                | NoticeKind::UnknownVariant
                | NoticeKind::EmbedParameter
                | NoticeKind::LessonUnavailable
                | NoticeKind::LinkRefused
        )
    }
}

/// How many earlier problems of the address are kept beside the current notice.
pub const MAX_EARLIER_NOTICES: usize = 8;

/// One step of the undo or redo history: the daemon as it was, what the change was (the terminal
/// says what an undo or redo took back), and, for a change that emptied the terminal (a scenario
/// switch, a reset), the terminal as it was, which comes back with the daemon.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryStep {
    pub engine: Engine,
    pub change: Change,
    pub log: Option<Vec<Rc<Entry>>>,
}

/// What made an undo step.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A command line that changed the store.
    Command(String),
    /// A switch to this scenario.
    Scenario(String),
    /// The reset to the scenario's start.
    Reset,
    /// A lesson step started again from its reference start.
    LessonStepRestart,
}

impl Change {
    /// The terminal's note when the change is undone (`undone`) or redone, in both languages.
    fn note(&self, undone: bool) -> Texts {
        let (en_verb, zh_verb) = if undone { ("Undone", "已撤销") } else { ("Redone", "已重做") };
        let (en, zh) = match self {
            Change::Command(line) => (line.clone(), line.clone()),
            Change::Scenario(name) => (
                format!("the switch to \u{201c}{}\u{201d}", crate::i18n::scenario_text(crate::i18n::Lang::En, name).0),
                format!("切换到\u{201c}{}\u{201d}", crate::i18n::scenario_text(crate::i18n::Lang::Zh, name).0),
            ),
            Change::Reset => ("the reset".to_string(), "重置".to_string()),
            Change::LessonStepRestart => ("the step's fresh start".to_string(), "本步的重新开始".to_string()),
        };
        Texts { en: format!("{en_verb}: {en}"), zh: format!("{zh_verb}：{zh}") }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    /// Detail in the engine's words (not translated).
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub engine: Engine,
    /// Engines share their stores (persistent maps): a copy of these is reference counts too.
    pub undo: Vec<HistoryStep>,
    pub redo: Vec<HistoryStep>,
    /// Entries behind `Rc`: the reducer makes a new session per action, and its log shares every
    /// entry with the one before it (a copy of the log is reference counts, not text).
    pub log: Vec<Rc<Entry>>,
    pub next_id: u64,
    /// Events of the last state change, in output order (the graph animates them).
    pub last_events: Vec<Event>,
    /// Increases with every state change, so views know when to animate.
    pub generation: u64,
    /// Increases whenever the log or the engine (store, clock, question) changes: the key for
    /// effects that save or redraw. The log's length is no key, as it stops at [`MAX_LOG`].
    pub revision: u64,
    /// The store before the last change (it still knows what the events removed).
    pub before_last: rmi_engine::Store,
    pub notice: Option<Notice>,
    /// Earlier problems of the address still shown with [`Session::notice`] (when it is one
    /// too), oldest first; dismissed together with it.
    pub earlier_notices: Vec<Notice>,
    /// Seed of the scenario's generator, kept so a reset is the same start again.
    pub seed: u64,
    /// The lesson being played, if any.
    pub lesson: Option<LessonState>,
    /// Where the session started and what the reader did since (the share link); `None` when
    /// not known (a session saved before links, a lesson resumed from storage).
    pub journal: Option<crate::share::SharedSession>,
    /// Opened from a share link: the page does not save it over the reader's own session.
    pub shared: bool,
    /// Replies to an embedding page's requests, newest last, each with a serial number that
    /// only grows (the frame posts those it has not posted yet); at most [`MAX_REPLIES`] kept.
    pub replies: Vec<(u64, Rc<crate::embed::Message>)>,
}

/// How many replies to an embedding page's requests are kept until posted.
pub const MAX_REPLIES: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A line typed at the prompt, with the wall clock in nanoseconds.
    Run {
        line: String,
        now: i64,
    },
    Undo,
    Redo,
    Reset {
        now: i64,
    },
    Scenario {
        name: String,
        now: i64,
    },
    ClearLog,
    Notify(Notice),
    DismissNotice,
    /// Opens a parsed lesson file; `stored` is its saved progress, if any (see
    /// [`lesson_store`]), which resumes where the learner left off.
    OpenLesson {
        lesson: Rc<Lesson>,
        stored: Option<String>,
        now: i64,
    },
    /// Shows one more hint of the current step.
    Hint,
    /// Starts the current step again from its reference start and queues its solution.
    ShowSolution {
        now: i64,
    },
    /// Runs the next command of the queued solution, as if typed.
    ReplayNext {
        now: i64,
    },
    /// The lesson from its first step again.
    RestartLesson {
        now: i64,
    },
    /// Leaves the lesson; the daemon stays as it is, a sandbox again.
    CloseLesson,
    /// A request of the embedding page (`embed.md`): carried out like the reader's own action,
    /// its reply kept in [`Session::replies`] for the frame to post.
    Request {
        request: crate::embed::Request,
        now: i64,
    },
    /// Replaces the session by the one a share link describes (a lesson link with its lesson);
    /// a link that cannot be replayed leaves the session as it is, with a notice.
    OpenLink {
        link: Box<crate::share::SharedSession>,
        lesson: Option<Rc<Lesson>>,
    },
    /// The undo and redo history of a session restored from storage (see
    /// [`Session::history_from_journal`]), made after the page is ready; taken only while the
    /// session is still at `revision` with no history of its own.
    RestoreHistory {
        revision: u64,
        undo: Vec<HistoryStep>,
        redo: Vec<HistoryStep>,
    },
}

impl Session {
    pub fn new(scenario: &str, seed: u64, now: i64) -> Session {
        let (engine, notice) = match scenarios::build(scenario, seed, now) {
            Some(engine) => (engine, None),
            None => (
                scenarios::build("empty", seed, now).unwrap_or_else(|| Engine::new(seed, now)),
                Some(Notice { kind: NoticeKind::UnknownScenario, detail: scenario.to_string() }),
            ),
        };
        let engine_scenario = engine.scenario.clone();
        Session {
            engine,
            undo: Vec::new(),
            redo: Vec::new(),
            log: Vec::new(),
            next_id: 1,
            last_events: Vec::new(),
            generation: 0,
            revision: 0,
            before_last: rmi_engine::Store::default(),
            notice,
            earlier_notices: Vec::new(),
            seed,
            lesson: None,
            journal: Some(journal::fresh(crate::share::Start::Scenario(engine_scenario), seed, now)),
            shared: false,
            replies: Vec::new(),
        }
    }

    pub fn scenario(&self) -> &str {
        &self.engine.scenario
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn push_entry(&mut self, command: String, lines: Vec<Line>, exit: i32, awaiting_answer: bool) {
        self.log.push(Rc::new(Entry { id: self.next_id, command, lines, exit, awaiting_answer, note: None }));
        self.trim_log();
    }

    fn push_note(&mut self, note: Texts) {
        self.log.push(Rc::new(Entry {
            id: self.next_id,
            command: String::new(),
            lines: Vec::new(),
            exit: 0,
            awaiting_answer: false,
            note: Some(note),
        }));
        self.trim_log();
    }

    fn trim_log(&mut self) {
        self.next_id += 1;
        if self.log.len() > MAX_LOG {
            let excess = self.log.len() - MAX_LOG;
            self.log.drain(..excess);
        }
    }

    fn change_to(&mut self, engine: Engine, events: Vec<Event>) {
        self.before_last = std::mem::replace(&mut self.engine, engine).daemon.store;
        self.last_events = events;
        self.generation += 1;
    }

    /// The reducer: a new session from this one and an action. Never panics, whatever the line.
    pub fn apply(&self, action: Action) -> Session {
        let mut next = self.clone();
        next.reduce_in_place(action);
        // Decided here, after the fact, so no path that changes the log or the engine can
        // forget it. Every log change adds an entry (a new `next_id`) or empties the log.
        let log_changed = next.next_id != self.next_id || next.log.len() != self.log.len();
        // A reply to post (a `get-state` changes nothing else) is a change the frame must see.
        let replied = next.replies.last().map(|(n, _)| *n) != self.replies.last().map(|(n, _)| *n);
        if log_changed || replied || !next.engine.is_same_state(&self.engine) {
            next.revision = self.revision + 1;
        }
        next
    }

    fn reduce_in_place(&mut self, action: Action) {
        self.record(&action);
        // Whatever the reader does stops a solution being replayed; the replay's own steps,
        // a hint and notices do not.
        if !matches!(action, Action::ReplayNext { .. } | Action::Hint | Action::Notify(_) | Action::DismissNotice) {
            if let Some(lesson) = &mut self.lesson {
                lesson.replay.clear();
            }
        }
        match action {
            Action::Run { line, now } => self.run(line, now),
            Action::Undo => self.undo_once(),
            Action::Redo => self.redo_once(),
            Action::Reset { now } if self.lesson.is_some() => self.restart_lesson_step(now, Vec::new()),
            Action::Reset { now } => {
                let scenario = self.scenario().to_string();
                self.restart(&scenario, now);
            }
            Action::Scenario { name, now } => {
                self.lesson = None;
                // The reader chose a scenario: their own session again, saved as usual.
                self.shared = false;
                self.switch_scenario(&name, now);
            }
            Action::ClearLog => self.log.clear(),
            Action::Notify(notice) => self.notify(notice),
            Action::DismissNotice => {
                self.notice = None;
                self.earlier_notices.clear();
            }
            // A lesson that cannot start says why in the notice and leaves the session as it was.
            Action::OpenLesson { lesson, stored, now } => drop(self.open_lesson(lesson, stored.as_deref(), now)),
            Action::Hint => {
                if let Some(state) = &mut self.lesson {
                    let available = state.lesson.steps.get(state.progress.step).map_or(0, |s| s.hints.len());
                    state.hints_shown = (state.hints_shown + 1).min(available);
                }
            }
            Action::ShowSolution { now } => {
                let solution = self
                    .lesson
                    .as_ref()
                    .and_then(|state| state.lesson.steps.get(state.progress.step))
                    .map(|step| step.solution.clone());
                if let Some(solution) = solution {
                    self.restart_lesson_step(now, solution);
                }
            }
            Action::ReplayNext { now } => {
                let next = self.lesson.as_mut().filter(|s| !s.replay.is_empty()).map(|s| s.replay.remove(0));
                if let Some(line) = next {
                    self.run(line, now);
                }
            }
            Action::RestartLesson { now } => {
                if let Some(lesson) = self.lesson.take() {
                    // The restart is a step of the journal that goes on, not a new start.
                    let journal = self.journal.take();
                    if self.open_lesson(lesson.lesson.clone(), None, now).is_err() {
                        self.lesson = Some(lesson);
                    }
                    self.journal = journal;
                }
            }
            Action::CloseLesson => self.lesson = None,
            Action::Request { request, now } => self.answer(request, now),
            Action::OpenLink { link, lesson } => match Session::from_link(&link, lesson) {
                Ok(mut opened) => {
                    opened.notice = Some(Notice { kind: NoticeKind::SharedSession, detail: String::new() });
                    opened.generation = self.generation + 1;
                    opened.before_last = self.engine.store.clone();
                    *self = opened;
                }
                Err(why) => self.notice = Some(Notice { kind: NoticeKind::LinkRefused, detail: why.to_string() }),
            },
            Action::RestoreHistory { revision, undo, redo } => {
                if self.revision == revision && self.undo.is_empty() && self.redo.is_empty() {
                    self.undo = undo;
                    self.redo = redo;
                }
            }
        }
    }

    /// Shows `notice`; a problem of the address keeps the ones said before it in view.
    fn notify(&mut self, notice: Notice) {
        if let Some(current) = self.notice.take() {
            let both_address = current.kind.is_about_the_address() && notice.kind.is_about_the_address();
            if both_address && current != notice && !self.earlier_notices.contains(&current) {
                self.earlier_notices.push(current);
                if self.earlier_notices.len() > MAX_EARLIER_NOTICES {
                    self.earlier_notices.remove(0);
                }
            } else if !both_address {
                self.earlier_notices.clear();
            }
        }
        self.notice = Some(notice);
    }

    fn answer(&mut self, request: crate::embed::Request, now: i64) {
        use crate::embed::{Message, Request};
        let reply = match request {
            Request::Run { id, command } => {
                let before = self.next_id;
                // As if typed: the journal, undo and the lesson see it the same way.
                self.reduce_in_place(Action::Run { line: command, now });
                // The entry the command wrote (none for `clear`): its lines, exit and events.
                let entry = self.log.iter().rev().find(|e| e.id >= before && e.note.is_none());
                let (lines, exit) = entry.map_or((Vec::new(), 0), |e| (e.lines.clone(), e.exit));
                let outcome =
                    rmi_engine::Outcome { lines, exit, events: self.last_events.clone(), ..Default::default() };
                crate::embed::result(id, &outcome)
            }
            Request::Reset { id } => {
                self.reduce_in_place(Action::Reset { now });
                crate::embed::state(id, &self.engine)
            }
            Request::GetState { id } => crate::embed::state(id, &self.engine),
            Request::LoadLesson { id, lesson } => {
                let text = match &lesson {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                match crate::lessons::parse_lesson(&text) {
                    Ok(mut parsed) => {
                        // Not in the lessons folder: a link could not fetch it back.
                        parsed.shareable = false;
                        match self.open_lesson(Rc::new(parsed), None, now) {
                            Ok(()) => crate::embed::state(id, &self.engine),
                            Err(why) => {
                                Message::Error { id: Some(id), message: format!("the lesson cannot start: {why}") }
                            }
                        }
                    }
                    Err(why) => Message::Error { id: Some(id), message: format!("the lesson does not parse: {why}") },
                }
            }
        };
        let serial = self.replies.last().map_or(1, |(n, _)| n + 1);
        self.replies.push((serial, Rc::new(reply)));
        if self.replies.len() > MAX_REPLIES {
            self.replies.remove(0);
        }
    }

    fn run(&mut self, line: String, now: i64) {
        // "Nothing to undo" answers the keypress or the line that asked; the next line moves on.
        if self.notice.as_ref().is_some_and(|n| n.kind.is_under_the_terminal()) {
            self.notice = None;
        }
        let trimmed = line.trim();
        if self.engine.pending.is_none() {
            match trimmed {
                "undo" => {
                    self.push_entry(line.clone(), Vec::new(), 0, false);
                    return self.undo_once();
                }
                "redo" => {
                    self.push_entry(line.clone(), Vec::new(), 0, false);
                    return self.redo_once();
                }
                "clear" => return self.log.clear(),
                "help" => {
                    self.push_entry(line.clone(), Vec::new(), 0, false);
                    return self.push_note(crate::guide::help());
                }
                _ => {}
            }
        }
        let mut engine = self.engine.clone();
        engine.set_now(now);
        let outcome = engine.run_line(&line);
        // An undo step exists exactly when the store changed: events say what a command tried
        // (a refused `rmi` emits a conflict and changes nothing; re-tagging changes
        // `LastTagTime` and emits nothing).
        let store_changed = !engine.store.same_contents(&self.engine.store);
        // What the graph must show: a change, a refusal to pulse, or a question asked or answered.
        let shown = store_changed || !outcome.events.is_empty() || engine.pending != self.engine.pending;
        let awaiting_answer = outcome.awaiting_answer();
        self.push_entry(line.clone(), outcome.lines.clone(), outcome.exit, awaiting_answer);
        if let Some(tags) = crate::guide::available_tags(&outcome, engine.world.registry()) {
            self.push_note(tags);
        }
        if store_changed {
            self.push_undo(Change::Command(line.clone()), None);
        }
        if shown {
            self.change_to(engine, outcome.events.clone());
        } else {
            // Read-only commands still move the clock and any pending question.
            self.engine = engine;
            self.last_events = outcome.events.clone();
        }
        self.lesson_after_command(&line, &outcome, store_changed);
    }

    /// The current engine becomes an undo step (the oldest go past [`MAX_UNDO`]); redo is gone.
    /// `log` is the terminal to bring back with it, for a change that empties the terminal.
    pub(super) fn push_undo(&mut self, change: Change, log: Option<Vec<Rc<Entry>>>) {
        self.undo.push(HistoryStep { engine: self.engine.clone(), change, log });
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn undo_once(&mut self) {
        match self.undo.pop() {
            Some(previous) => {
                let here = self.step_back_to(previous, true);
                self.redo.push(here);
                if let Some(state) = &mut self.lesson {
                    state.progress.after_undo();
                }
            }
            None => self.notice = Some(Notice { kind: NoticeKind::NothingToUndo, detail: String::new() }),
        }
    }

    fn redo_once(&mut self) {
        match self.redo.pop() {
            Some(next) => {
                let here = self.step_back_to(next, false);
                self.undo.push(here);
                if let Some(state) = &mut self.lesson {
                    state.progress.after_redo();
                }
            }
            None => self.notice = Some(Notice { kind: NoticeKind::NothingToRedo, detail: String::new() }),
        }
    }

    /// Goes to a step of the history (undoing it, or redoing it): its daemon, its terminal when
    /// it kept one, and a note of what was taken back or done again. Returns the step to go back
    /// to where the session was.
    fn step_back_to(&mut self, step: HistoryStep, undoing: bool) -> HistoryStep {
        let HistoryStep { engine, change, log } = step;
        let here = HistoryStep {
            engine: self.engine.clone(),
            change: change.clone(),
            log: log.as_ref().map(|_| self.log.clone()),
        };
        if let Some(log) = log {
            self.log = log;
        }
        self.push_note(change.note(undoing));
        self.change_to(engine, Vec::new());
        here
    }

    /// Another scenario, as one undo step: undo brings back the daemon the reader left (the
    /// journal goes on, so a link replays the switch and any undo across it).
    fn switch_scenario(&mut self, scenario: &str, now: i64) {
        let fresh = Session::new(scenario, self.seed, now);
        // The empty terminal says where the reader now is.
        let note = scenario_note(fresh.scenario(), false);
        self.push_undo(Change::Scenario(fresh.scenario().to_string()), Some(self.log.clone()));
        self.notice = fresh.notice;
        self.log.clear();
        self.push_note(note);
        self.change_to(fresh.engine, Vec::new());
    }

    /// Back to the scenario's start, as one undo step (a click beside Undo must not lose the
    /// reader's work), which the link replays. A session without a journal (saved before links,
    /// or past the link's limit) starts one here instead, with no history before it: a link
    /// could not bring that back.
    fn restart(&mut self, scenario: &str, now: i64) {
        let fresh = Session::new(scenario, self.seed, now);
        let note = scenario_note(fresh.scenario(), true);
        self.notice = fresh.notice;
        if self.journal.is_none() {
            self.journal = fresh.journal;
            self.undo.clear();
            self.redo.clear();
        } else if !self.engine.store.same_objects(&fresh.engine.store) {
            self.push_undo(Change::Reset, Some(self.log.clone()));
        }
        self.log.clear();
        self.push_note(note);
        self.change_to(fresh.engine, Vec::new());
    }
}

/// The terminal's first line after a scenario switch (what the machine holds) or a reset.
fn scenario_note(scenario: &str, reset: bool) -> Texts {
    use crate::i18n::{scenario_text, Lang};
    let ((en, en_about), (zh, zh_about)) = (scenario_text(Lang::En, scenario), scenario_text(Lang::Zh, scenario));
    if reset {
        Texts {
            en: format!("Back to the start of \u{201c}{en}\u{201d}."),
            zh: format!("回到\u{201c}{zh}\u{201d}的开始。"),
        }
    } else {
        Texts {
            en: format!("Now on \u{201c}{en}\u{201d}: {en_about}"),
            zh: format!("现在是\u{201c}{zh}\u{201d}：{zh_about}"),
        }
    }
}

/// yew's `use_reducer` glue: the reducer above on an `Rc`.
impl yew_reducible::Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// On the web the trait is yew's; natively a stand-in keeps the reducer testable without yew.
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod yew_reducible {
    pub use yew::Reducible;
}

#[cfg(not(any(target_arch = "wasm32", feature = "ssr")))]
mod yew_reducible {
    use std::rc::Rc;

    #[allow(dead_code)] // implemented above so the reducer has one shape on every target
    pub trait Reducible {
        type Action;
        fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self>;
    }
}
