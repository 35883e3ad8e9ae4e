//! The page's whole state and its one reducer: engine, undo/redo history, terminal log, the last
//! command's events (what the graph animates) and any notice. Pure and natively tested; the
//! components only dispatch [`Action`]s.

use std::rc::Rc;

use rmi_engine::{scenarios, Engine, Event, Line, Outcome};
use serde::{Deserialize, Serialize};

use crate::lesson_store;
use crate::lessons::{start_notice, Advance, Lesson, Progress, Texts};

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
    NothingToUndo,
    NothingToRedo,
    /// The lesson asked for does not exist or its file does not parse (detail: why, where).
    LessonUnavailable,
    /// A lesson step's start could not be built: a mistake in the lesson file.
    LessonBroken,
    /// The lesson's saved progress could not be read, so it starts again.
    LessonProgressCorrupt,
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
    pub undo: Vec<Engine>,
    pub redo: Vec<Engine>,
    pub log: Vec<Entry>,
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
    /// Seed of the scenario's generator, kept so a reset is the same start again.
    pub seed: u64,
    /// The lesson being played, if any.
    pub lesson: Option<LessonState>,
}

/// A lesson in play: the file, the learner's way through it, and what the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonState {
    pub lesson: Rc<Lesson>,
    pub progress: Progress,
    /// How many of the current step's hints are shown.
    pub hints_shown: usize,
    /// The solution's commands still to replay, one per [`Action::ReplayNext`]; any other
    /// action of the reader cancels them.
    pub replay: Vec<String>,
}

impl LessonState {
    pub fn is_complete(&self) -> bool {
        self.progress.is_complete(&self.lesson)
    }
}

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
            seed,
            lesson: None,
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
        self.log.push(Entry { id: self.next_id, command, lines, exit, awaiting_answer, note: None });
        self.trim_log();
    }

    fn push_note(&mut self, note: Texts) {
        self.log.push(Entry {
            id: self.next_id,
            command: String::new(),
            lines: Vec::new(),
            exit: 0,
            awaiting_answer: false,
            note: Some(note),
        });
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
        if log_changed || !next.engine.is_same_state(&self.engine) {
            next.revision = self.revision + 1;
        }
        next
    }

    fn reduce_in_place(&mut self, action: Action) {
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
                self.restart(&name, now);
            }
            Action::ClearLog => self.log.clear(),
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::OpenLesson { lesson, stored, now } => self.open_lesson(lesson, stored.as_deref(), now),
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
                    self.open_lesson(lesson.lesson, None, now);
                }
            }
            Action::CloseLesson => self.lesson = None,
        }
    }

    /// Opens `lesson`, resuming its `stored` progress when there is one that fits the file.
    /// Either way the daemon is replaced and the undo history dropped: it belongs to another
    /// machine.
    fn open_lesson(&mut self, lesson: Rc<Lesson>, stored: Option<&str>, now: i64) {
        let resumed = stored.map(|text| lesson_store::from_storage(text, &lesson, now));
        let (progress, hints_shown, engine) = match resumed {
            Some(Ok(resumed)) => (resumed.progress, resumed.hints_shown, resumed.engine),
            other => {
                if let Some(Err(why)) = other {
                    self.notice = Some(Notice { kind: NoticeKind::LessonProgressCorrupt, detail: why });
                }
                match Progress::begin(&lesson, now) {
                    Ok((progress, engine)) => {
                        if let Some(note) = start_notice(&lesson, 0) {
                            self.push_note(note);
                        }
                        (progress, 0, engine)
                    }
                    Err(error) => {
                        self.notice = Some(Notice { kind: NoticeKind::LessonBroken, detail: error.to_string() });
                        self.lesson = None;
                        return;
                    }
                }
            }
        };
        self.undo.clear();
        self.redo.clear();
        self.change_to(engine, Vec::new());
        self.lesson = Some(LessonState { lesson, progress, hints_shown, replay: Vec::new() });
    }

    /// The current step from its reference start, as one undoable change (the reader can undo
    /// back to where they were), with `replay` queued to run from there.
    fn restart_lesson_step(&mut self, now: i64, replay: Vec<String>) {
        let Some(state) = &mut self.lesson else {
            return;
        };
        if state.is_complete() {
            return;
        }
        match state.progress.restart_step(&state.lesson, now) {
            Ok(engine) => {
                state.replay = replay;
                self.undo.push(self.engine.clone());
                if self.undo.len() > MAX_UNDO {
                    self.undo.remove(0);
                }
                self.redo.clear();
                self.change_to(engine, Vec::new());
            }
            Err(error) => self.notice = Some(Notice { kind: NoticeKind::LessonBroken, detail: error.to_string() }),
        }
    }

    /// Tells the lesson about a command the session just ran and follows where it leads.
    /// `store_changed` is whether this command made an undo step, so that the lesson's undo
    /// takes back the same command as the session's.
    fn lesson_after_command(&mut self, line: &str, outcome: &Outcome, store_changed: bool) {
        let Some(state) = &mut self.lesson else {
            return;
        };
        match state.progress.after_command_that_changed(&state.lesson, line, outcome, &self.engine, store_changed) {
            Advance::Stay => {}
            Advance::Complete => {
                state.replay.clear();
                state.hints_shown = 0;
            }
            Advance::Next { step, fresh } => {
                state.replay.clear();
                state.hints_shown = 0;
                if let Some(engine) = fresh {
                    if let Some(note) = start_notice(&state.lesson, step) {
                        self.push_note(note);
                    }
                    self.undo.clear();
                    self.redo.clear();
                    self.change_to(*engine, Vec::new());
                }
            }
            Advance::StartFailed { error, .. } => {
                state.replay.clear();
                self.notice = Some(Notice { kind: NoticeKind::LessonBroken, detail: error.to_string() });
            }
        }
    }

    fn run(&mut self, line: String, now: i64) {
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
        if let Some(tags) = crate::guide::available_tags(&outcome) {
            self.push_note(tags);
        }
        if store_changed {
            self.undo.push(self.engine.clone());
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
            self.redo.clear();
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

    fn undo_once(&mut self) {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(self.engine.clone());
                self.change_to(previous, Vec::new());
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
                let current = self.engine.clone();
                self.undo.push(current);
                self.change_to(next, Vec::new());
                if let Some(state) = &mut self.lesson {
                    state.progress.after_redo();
                }
            }
            None => self.notice = Some(Notice { kind: NoticeKind::NothingToRedo, detail: String::new() }),
        }
    }

    fn restart(&mut self, scenario: &str, now: i64) {
        let fresh = Session::new(scenario, self.seed, now);
        self.notice = fresh.notice;
        self.undo.clear();
        self.redo.clear();
        self.log.clear();
        self.change_to(fresh.engine, Vec::new());
    }

    /// What the page stores between visits.
    pub fn to_storage(&self) -> String {
        let saved =
            SavedRef { version: STORAGE_VERSION, seed: self.seed, engine: self.engine.to_json(), log: &self.log };
        // Plain data with string keys: serialising it cannot fail.
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Restores a stored session; anything unreadable gives a clean start and a notice that
    /// says why, never a panic.
    pub fn from_storage(text: &str, fallback_scenario: &str, seed: u64, now: i64) -> Session {
        let saved = serde_json::from_str::<Saved>(text).map_err(|e| e.to_string());
        let problem = match saved {
            Ok(saved) if saved.version != STORAGE_VERSION => Notice {
                kind: NoticeKind::OlderStorage,
                detail: format!("stored version {}, expected {STORAGE_VERSION}", saved.version),
            },
            Ok(saved) => match Engine::from_json(&saved.engine) {
                Ok(mut engine) => {
                    engine.set_now(now);
                    let mut session = Session::new(&engine.scenario.clone(), saved.seed, now);
                    session.engine = engine;
                    session.notice = None;
                    session.next_id = saved.log.iter().map(|e| e.id).max().unwrap_or(0) + 1;
                    session.log = saved.log;
                    return session;
                }
                Err(e) => Notice { kind: NoticeKind::CorruptStorage, detail: e.to_string() },
            },
            Err(e) => Notice { kind: NoticeKind::CorruptStorage, detail: e },
        };
        let mut session = Session::new(fallback_scenario, seed, now);
        session.notice = Some(problem);
        session
    }
}

/// What the page stores: `{"version", "seed", "engine" (the engine's own saved text), "log"}`.
#[derive(Serialize)]
struct SavedRef<'a> {
    version: u32,
    seed: u64,
    engine: String,
    log: &'a [Entry],
}

#[derive(Deserialize)]
struct Saved {
    version: u32,
    seed: u64,
    engine: String,
    log: Vec<Entry>,
}

/// yew's `use_reducer` glue: the reducer above on an `Rc`.
impl yew_reducible::Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// On the web the trait is yew's; natively a stand-in keeps the reducer testable without yew.
#[cfg(target_arch = "wasm32")]
mod yew_reducible {
    pub use yew::Reducible;
}

#[cfg(not(target_arch = "wasm32"))]
mod yew_reducible {
    use std::rc::Rc;

    #[allow(dead_code)] // implemented above so the reducer has one shape on every target
    pub trait Reducible {
        type Action;
        fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self>;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_767_225_600_000_000_000;

    fn run(session: &Session, line: &str) -> Session {
        session.apply(Action::Run { line: line.to_string(), now: NOW + 1_000_000_000 })
    }

    #[test]
    fn commands_log_and_change_state_with_undo_and_redo() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker rmi myubuntu:latest");
        assert_eq!(s.log.len(), 1);
        assert_eq!(s.log[0].lines[0].text, "Untagged: myubuntu:latest");
        assert!(s.can_undo());
        assert_eq!(s.generation, 1);
        let refs_after = s.engine.store.references.len();
        let s = s.apply(Action::Undo);
        assert_eq!(s.engine.store.references.len(), refs_after + 1);
        assert!(s.can_redo());
        let s = run(&s, "redo");
        assert_eq!(s.engine.store.references.len(), refs_after);
        assert_eq!(s.log.last().map(|e| e.command.as_str()), Some("redo"));
        assert!(s.can_undo() && !s.can_redo());
    }

    /// `help` is the playground's (Docker's own help stays `docker --help`), and a pull of a
    /// tag the catalogue lacks is followed by a note of the tags it has; both are notes, not
    /// Docker's lines, and neither is an undo step.
    #[test]
    fn help_and_missing_tags_are_answered_in_notes() {
        let s = run(&Session::new("empty", 1, NOW), "help");
        assert_eq!(s.log.len(), 2);
        assert_eq!(s.log[0].command, "help");
        assert!(s.log[0].lines.is_empty() && s.log[0].exit == 0);
        assert!(s.log[1].note.as_ref().is_some_and(|n| n.en.contains("undo, redo, clear")));
        let s = run(&s, "docker pull nginx:9");
        assert_eq!(s.log[2].exit, 1);
        assert!(s.log[2].lines.iter().any(|l| l.text.contains("manifest unknown")));
        assert!(s.log[3].note.as_ref().is_some_and(|n| n.en.contains("nginx with these tags: 1.25, latest")));
        assert!(!s.can_undo());
        let s = run(&s, "docker --help");
        assert!(s.log.last().is_some_and(|e| e.note.is_none() && e.lines.iter().any(|l| l.text.contains("Usage:"))));
    }

    #[test]
    fn read_only_commands_are_not_undo_steps() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker images");
        let s = run(&s, "docker rmi nosuch");
        assert!(!s.can_undo());
        assert_eq!(s.log[1].exit, 1);
        let s = s.apply(Action::Undo);
        assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::NothingToUndo));
    }

    #[test]
    fn a_new_command_after_undo_drops_the_redo_branch() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker rmi myubuntu");
        let s = s.apply(Action::Undo);
        assert!(s.can_redo());
        let s = run(&s, "docker tag ubuntu:14.04 mine");
        assert!(!s.can_redo());
    }

    /// The book's refusal: the container made from ubuntu:14.04 blocks its removal. The store
    /// is unchanged, so no undo step, yet the refusal still animates (the blocker pulses).
    #[test]
    fn a_refused_rmi_is_not_an_undo_step() {
        let s = run(&Session::new("rmi-tutorial", 1, NOW), "docker run ubuntu:14.04 echo hi");
        assert_eq!(s.undo.len(), 1);
        let refused = run(&s, "docker rmi ubuntu:14.04");
        assert_eq!(refused.log[1].exit, 1, "{:?}", refused.log[1].lines);
        assert!(refused.last_events.iter().any(|e| matches!(e, Event::Conflict { .. })));
        assert_eq!(refused.undo.len(), 1);
        assert!(refused.generation > s.generation, "the conflict is still shown");
        let undone = refused.apply(Action::Undo);
        assert!(undone.engine.store.containers.is_empty(), "the one undo step is the run");
    }

    /// Re-tagging an image with a reference it already has prints and emits nothing, but
    /// Docker moves the image's `LastTagTime`: the store changed, so it is an undo step.
    #[test]
    fn a_change_without_events_is_an_undo_step() {
        let start = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&start, "docker tag ubuntu:14.04 ubuntu:14.04");
        assert_eq!(s.log[0].exit, 0, "{:?}", s.log[0].lines);
        assert!(s.last_events.is_empty());
        assert!(s.can_undo());
        assert!(s.apply(Action::Undo).engine.store == start.engine.store);
    }

    /// Stopping a stopped container rewrites it with the same values: a new map root, equal
    /// contents. "Changed" compares contents, so this is not an undo step.
    #[test]
    fn rewriting_equal_contents_is_not_an_undo_step() {
        let s = run(&Session::new("shared-layers", 1, NOW), "docker stop web");
        assert_eq!(s.undo.len(), 1);
        let again = run(&s, "docker stop web");
        assert!(!again.engine.store.is_same_state(&s.engine.store), "the engine rewrote the container");
        assert_eq!(again.undo.len(), 1);
    }

    #[test]
    fn undo_and_redo_both_remember_the_store_shown_before_them() {
        let removed = run(&Session::new("rmi-tutorial", 1, NOW), "docker rmi myubuntu");
        assert!(removed.before_last == Session::new("rmi-tutorial", 1, NOW).engine.store);
        let undone = removed.apply(Action::Undo);
        assert!(undone.before_last == removed.engine.store, "undo");
        let redone = undone.apply(Action::Redo);
        assert!(redone.before_last == undone.engine.store, "redo");
        let undone_by_command = run(&redone, "undo");
        assert!(undone_by_command.before_last == redone.engine.store, "the undo command");
    }

    #[test]
    fn prompts_take_the_next_line_even_if_it_says_undo() {
        let s = Session::new("commit-chain", 1, NOW);
        let s = run(&s, "docker image prune");
        assert!(s.log[0].awaiting_answer);
        let s = run(&s, "undo");
        assert!(s.engine.pending.is_none());
        assert_eq!(s.log.len(), 2);
    }

    #[test]
    fn reset_and_scenario_switch_start_over() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker rmi ubuntu:14.04");
        let s = s.apply(Action::Reset { now: NOW });
        assert_eq!(s.engine.store.images.len(), 2);
        assert!(s.log.is_empty() && !s.can_undo());
        let s = s.apply(Action::Scenario { name: "nope".into(), now: NOW });
        assert_eq!(s.scenario(), "empty");
        assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::UnknownScenario));
    }

    /// Once the log holds [`MAX_LOG`] entries its length stops moving, and the effects keyed on
    /// it (saving, scrolling, the tables) stopped firing; the revision keeps moving.
    #[test]
    fn the_revision_moves_with_every_entry_after_the_log_is_full() {
        let mut s = Session::new("rmi-tutorial", 1, NOW);
        for i in 0..MAX_LOG + 5 {
            let next = run(&s, "docker images");
            assert_eq!(next.revision, s.revision + 1, "entry {i}");
            s = next;
        }
        assert_eq!(s.log.len(), MAX_LOG);
        let next = run(&s, "docker ps -a");
        assert_eq!((next.generation, next.log.len()), (s.generation, s.log.len()), "the old key stood still");
        assert!(next.revision > s.revision);
        // Changes of the state alone (no entry) and of the log alone move it too.
        let changed = run(&next, "docker rmi myubuntu");
        let undone = changed.apply(Action::Undo);
        assert_eq!(undone.log.len(), changed.log.len());
        assert!(undone.revision > changed.revision);
        let cleared = undone.apply(Action::ClearLog);
        assert!(cleared.revision > undone.revision);
        // A notice is neither log nor state: nothing to save or redraw.
        let noticed = cleared.apply(Action::Notify(Notice { kind: NoticeKind::NothingToRedo, detail: String::new() }));
        assert_eq!(noticed.revision, cleared.revision);
    }

    /// A session saved by earlier builds still loads, and saving it again writes the same data
    /// (records now come out in ID order, so the text may order them differently; JSON objects
    /// compare without regard to member order).
    /// A session saved by the build before serde (`f64bd9d`) with containers (one labelled, one
    /// running), a moved tag, a removal, a prune question waiting for its answer and a log:
    /// everything comes back, and the waiting question is answered by the next line.
    #[test]
    fn a_full_session_saved_by_the_hand_written_json_build_loads() {
        let saved = include_str!("../tests/fixtures/session-v1-full.json");
        let session = Session::from_storage(saved, "empty", 1, 0);
        assert!(session.notice.is_none(), "{:?}", session.notice);
        assert_eq!(session.log.len(), 5);
        assert!(session.log[4].awaiting_answer);
        assert_eq!(
            session.engine.pending,
            Some(rmi_engine::PendingQuestion::ImagePrune { all: false, filters: Vec::new() })
        );
        let containers: Vec<_> = session.engine.store.containers.values().collect();
        assert_eq!(containers.len(), 2);
        assert!(containers.iter().any(|c| c.labels == [("app".into(), "web".into()), ("tier".into(), "front".into())]));
        assert!(containers.iter().any(|c| c.name == "sleeper" && c.is_running()));
        assert!(session.engine.store.references.contains_key("docker.io/library/mine:1"));
        assert!(!session.engine.store.references.contains_key("docker.io/library/ubuntu:16.04"));
        let answered = run(&session, "y");
        assert_eq!(answered.log.last().map(|e| e.lines[0].text.as_str()), Some("Total reclaimed space: 0B"));
        assert!(answered.engine.pending.is_none());
        let resaved = session.to_storage();
        assert_eq!(Session::from_storage(&resaved, "empty", 1, 0).to_storage(), resaved, "saving is stable");
    }

    #[test]
    fn sessions_saved_by_earlier_builds_load_unchanged() {
        let saved = include_str!("../tests/fixtures/session-v1.json");
        let session = Session::from_storage(saved, "empty", 1, 0);
        assert!(session.notice.is_none(), "{:?}", session.notice);
        assert_eq!(session.engine.store.images.len(), 30);
        let as_data = |text: &str| {
            let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
            let engine: serde_json::Value = serde_json::from_str(value["engine"].as_str().unwrap()).unwrap();
            value["engine"] = engine;
            value
        };
        let resaved = session.to_storage();
        assert_eq!(as_data(&resaved), as_data(saved));
        let again = Session::from_storage(&resaved, "empty", 1, 0);
        assert_eq!(again.to_storage(), resaved, "saving is stable");
    }

    #[test]
    fn storage_round_trip_and_corruption() {
        let s = run(&Session::new("rmi-tutorial", 1, NOW), "docker rmi myubuntu");
        let restored = Session::from_storage(&s.to_storage(), "empty", 1, NOW);
        assert_eq!(restored.engine, s.engine.clone());
        assert_eq!(restored.log, s.log);
        assert!(restored.notice.is_none());
        for bad in ["", "{", "{\"version\":1}", "[1,2]", "{\"version\":0,\"seed\":1,\"engine\":\"\",\"log\":[]}"] {
            let session = Session::from_storage(bad, "rmi-tutorial", 1, NOW);
            assert!(session.notice.is_some(), "{bad:?} gave no notice");
            assert_eq!(session.scenario(), "rmi-tutorial");
        }
        let mut stored: serde_json::Value = serde_json::from_str(&s.to_storage()).unwrap();
        let engine_text = stored["engine"].as_str().unwrap().replace("\"references\":", "\"references_x\":");
        stored["engine"] = engine_text.into();
        let session = Session::from_storage(&stored.to_string(), "empty", 1, NOW);
        assert_eq!(session.notice.map(|n| n.kind), Some(NoticeKind::CorruptStorage));
    }

    // ---- lessons ----

    const BOOK: &str = include_str!("../lessons/book-rmi.json");

    fn book() -> Rc<Lesson> {
        Rc::new(crate::lessons::parse_lesson(BOOK).expect("book-rmi parses"))
    }

    fn open(session: &Session, stored: Option<String>) -> Session {
        session.apply(Action::OpenLesson { lesson: book(), stored, now: NOW })
    }

    fn step_of(session: &Session) -> usize {
        session.lesson.as_ref().map(|l| l.progress.step).expect("a lesson is open")
    }

    #[test]
    fn opening_a_lesson_replaces_the_daemon_drops_undo_and_says_so_in_the_terminal() {
        let sandbox = run(&Session::new("empty", 1, NOW), "docker pull busybox");
        assert!(sandbox.can_undo());
        let s = open(&sandbox, None);
        assert_eq!(s.scenario(), "rmi-tutorial");
        assert!(!s.can_undo() && !s.can_redo());
        let note = s.log.last().and_then(|e| e.note.clone()).expect("a note in the terminal");
        assert_eq!(note.en, "Step 1 starts on a fresh machine (rmi-tutorial).");
        assert!(s.revision > sandbox.revision, "the page saves and redraws");
        assert_eq!(step_of(&s), 0);
    }

    #[test]
    fn the_chapters_commands_in_order_finish_the_book_lesson_with_fresh_starts_announced() {
        let mut s = open(&Session::new("empty", 1, NOW), None);
        let chapter = [
            "docker rmi myubuntu:latest",
            "docker images",
            "docker rmi ubuntu:14.04",
            "docker rmi 2fa927b5cdd3",
            "docker run ubuntu:14.04 echo 'hello! I am here!'",
            "docker ps -a",
            "docker rmi ubuntu:14.04",
            "docker rm a21c0840213e",
            "docker rmi 8f1bd21bd25c",
            "docker rmi -f ubuntu:14.04",
            "docker rm a21c0840213e",
        ];
        let mut steps = Vec::new();
        for line in chapter {
            s = run(&s, line);
            steps.push(step_of(&s));
        }
        assert_eq!(steps, [1, 1, 2, 3, 3, 3, 4, 4, 5, 6, 7]);
        let state = s.lesson.as_ref().expect("open");
        assert!(state.is_complete());
        assert_eq!(state.progress.commands_used(), chapter.len());
        let notes: Vec<&str> = s.log.iter().filter_map(|e| e.note.as_ref()).map(|n| n.en.as_str()).collect();
        assert_eq!(
            notes,
            [
                "Step 1 starts on a fresh machine (rmi-tutorial).",
                "Step 4 starts on a fresh machine (rmi-tutorial).",
                "Step 6 starts on a fresh machine (rmi-tutorial, then 1 setup command).",
            ]
        );
    }

    #[test]
    fn a_fresh_step_start_clears_undo_and_redo() {
        let mut s = open(&Session::new("empty", 1, NOW), None);
        for line in ["docker rmi myubuntu:latest", "docker rmi ubuntu:14.04"] {
            s = run(&s, line);
        }
        assert!(s.can_undo(), "a continued step keeps the history");
        s = run(&s, "docker rmi 2fa927b5cdd3");
        assert_eq!(step_of(&s), 3);
        assert!(!s.can_undo() && !s.can_redo());
        assert_eq!(s.engine.store.references.len(), 4, "the book's machine again");
    }

    #[test]
    fn undo_takes_a_met_goal_back_and_the_printed_goal_follows_it() {
        let s = run(&open(&Session::new("empty", 1, NOW), None), "docker rmi myubuntu:latest");
        let s = run(&s, "docker rmi ubuntu:14.04");
        assert_eq!(step_of(&s), 2);
        let s = run(&s, "docker tag ubuntu:16.04 spare:1");
        let s = s.apply(Action::Undo);
        let state = s.lesson.as_ref().expect("open");
        let goals = state.progress.goals(&state.lesson, &s.engine);
        assert!(goals.iter().any(|g| !g.met), "step 3's printed goal is not met yet");
        assert_eq!(state.progress.records.len(), 0, "the undone tag no longer counts");
        let s = s.apply(Action::Redo);
        assert_eq!(s.lesson.as_ref().map(|l| l.progress.records.len()), Some(1));
    }

    #[test]
    fn hints_show_one_more_per_press_up_to_the_steps_hints_and_reset_on_the_next_step() {
        let mut s = open(&Session::new("empty", 1, NOW), None);
        for _ in 0..5 {
            s = s.apply(Action::Hint);
        }
        assert_eq!(s.lesson.as_ref().map(|l| l.hints_shown), Some(2));
        s = run(&s, "docker rmi myubuntu:latest");
        assert_eq!(s.lesson.as_ref().map(|l| l.hints_shown), Some(0));
    }

    #[test]
    fn show_solution_restarts_the_step_undoably_and_replays_it_command_by_command() {
        let s = run(&open(&Session::new("empty", 1, NOW), None), "docker rmi myubuntu:latest");
        let s = run(&s, "docker tag ubuntu:14.04 mine:1");
        let s = s.apply(Action::ShowSolution { now: NOW });
        assert_eq!(s.lesson.as_ref().map(|l| l.replay.clone()), Some(vec!["docker rmi ubuntu:14.04".to_string()]));
        assert!(s.engine.store.references.len() == 3, "the step's start: mine:1 is gone");
        // The reader can undo back to their own state.
        assert!(s.apply(Action::Undo).engine.store.references.len() == 4);
        let done = s.apply(Action::ReplayNext { now: NOW });
        assert_eq!(done.log.last().map(|e| e.command.as_str()), Some("docker rmi ubuntu:14.04"));
        assert_eq!(step_of(&done), 2);
        assert!(done.lesson.as_ref().is_some_and(|l| l.replay.is_empty()));
    }

    #[test]
    fn anything_the_reader_does_cancels_a_replay() {
        let s = open(&Session::new("empty", 1, NOW), None);
        let s = run(&s, "docker rmi myubuntu:latest");
        let s = run(&s, "docker rmi ubuntu:14.04");
        let s = run(&s, "docker rmi 2fa927b5cdd3");
        let replaying = s.apply(Action::ShowSolution { now: NOW });
        assert_eq!(replaying.lesson.as_ref().map(|l| l.replay.len()), Some(2));
        let hinted = replaying.apply(Action::Hint);
        assert_eq!(hinted.lesson.as_ref().map(|l| l.replay.len()), Some(2), "a hint does not cancel");
        let typed = hinted.apply(Action::Run { line: "docker images".into(), now: NOW });
        assert_eq!(typed.lesson.as_ref().map(|l| l.replay.len()), Some(0));
        let after = typed.apply(Action::ReplayNext { now: NOW });
        assert_eq!(after.log.len(), typed.log.len(), "nothing left to replay");
    }

    #[test]
    fn restart_lesson_and_close() {
        let s = run(&open(&Session::new("empty", 1, NOW), None), "docker rmi myubuntu:latest");
        let restarted = s.apply(Action::RestartLesson { now: NOW });
        assert_eq!(step_of(&restarted), 0);
        assert_eq!(restarted.lesson.as_ref().map(|l| l.progress.commands_used()), Some(0));
        assert_eq!(restarted.engine.store.references.len(), 4);
        let closed = restarted.apply(Action::CloseLesson);
        assert!(closed.lesson.is_none());
        assert!(closed.engine == restarted.engine, "the sandbox keeps the lesson's daemon");
    }

    #[test]
    fn progress_is_resumed_from_storage_with_its_daemon() {
        let s = run(&open(&Session::new("empty", 1, NOW), None), "docker rmi myubuntu:latest");
        let s = run(&s.apply(Action::Hint), "docker images");
        let stored = lesson_store::to_storage(s.lesson.as_ref().expect("open"), &s.engine);
        let resumed = open(&Session::new("empty", 1, NOW), Some(stored));
        assert_eq!(step_of(&resumed), 1);
        assert_eq!(
            resumed.lesson.as_ref().map(|l| (l.hints_shown, l.progress.commands_used())),
            Some((1, 2)),
            "the hint shown in step 2 stays shown"
        );
        assert_eq!(resumed.engine.store.references.len(), 3);
        assert!(resumed.notice.is_none());
    }

    #[test]
    fn corrupt_or_foreign_stored_progress_gives_a_notice_and_a_fresh_lesson() {
        let other = Progress { lesson: "other".into(), ..Progress::begin(&book(), NOW).expect("starts").0 };
        let foreign = serde_json::json!({"version": 1, "progress": other, "hints_shown": 0, "engine": "{}"});
        for stored in ["{not json".to_string(), r#"{"version": 99}"#.to_string(), foreign.to_string()] {
            let s = open(&Session::new("empty", 1, NOW), Some(stored.clone()));
            assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::LessonProgressCorrupt), "{stored}");
            assert_eq!(step_of(&s), 0);
        }
    }

    #[test]
    fn the_list_reads_how_far_each_lesson_got() {
        use lesson_store::{list_status, ListStatus};
        let s = run(&open(&Session::new("empty", 1, NOW), None), "docker rmi myubuntu:latest");
        let stored = lesson_store::to_storage(s.lesson.as_ref().expect("open"), &s.engine);
        assert_eq!(list_status(Some(&stored), 7), ListStatus::AtStep(2));
        assert_eq!(list_status(Some(&stored), 1), ListStatus::Done);
        assert_eq!(list_status(Some("garbage"), 7), ListStatus::NotStarted);
        assert_eq!(list_status(None, 7), ListStatus::NotStarted);
    }

    #[test]
    fn a_lesson_that_cannot_start_gives_a_notice_and_leaves_the_sandbox() {
        let mut broken = (*book()).clone();
        if let Some(first) = broken.steps.first_mut() {
            first.start = crate::lessons::schema::Start::Fresh { scenario: "nosuch".into(), seed: 1, setup: vec![] };
        }
        let sandbox = run(&Session::new("rmi-tutorial", 1, NOW), "docker rmi myubuntu");
        let s = sandbox.apply(Action::OpenLesson { lesson: Rc::new(broken), stored: None, now: NOW });
        assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::LessonBroken));
        assert!(s.lesson.is_none());
        assert!(s.engine == sandbox.engine && s.can_undo());
    }

    #[test]
    fn reset_in_a_lesson_restarts_the_step_undoably_and_a_scenario_switch_leaves_the_lesson() {
        let s = run(&open(&Session::new("empty", 1, NOW), None), "docker rmi myubuntu:latest");
        let s = run(&s, "docker tag ubuntu:14.04 mine:1");
        let reset = s.apply(Action::Reset { now: NOW });
        assert_eq!(step_of(&reset), 1);
        assert_eq!(reset.engine.store.references.len(), 3, "step 2's start, without mine:1");
        assert!(reset.apply(Action::Undo).engine == s.engine, "undo brings the reader's state back");
        let switched = reset.apply(Action::Scenario { name: "shared-layers".into(), now: NOW });
        assert!(switched.lesson.is_none());
        assert_eq!(switched.scenario(), "shared-layers");
    }

    /// A refused `rmi` emits a conflict but is no undo step: undo after it takes back the
    /// change before it (and the refusal typed after that), exactly as the session does.
    #[test]
    fn the_lessons_undo_takes_back_the_same_command_as_the_sessions() {
        let mut s = open(&Session::new("empty", 1, NOW), None);
        for line in ["docker rmi myubuntu:latest", "docker rmi ubuntu:14.04", "docker rmi 2fa927b5cdd3"] {
            s = run(&s, line);
        }
        assert_eq!(step_of(&s), 3);
        let s = run(&s, "docker tag ubuntu:14.04 extra:1");
        let refused = run(&s, "docker rmi 2fa927b5cdd3");
        assert_eq!(refused.log.last().map(|e| e.exit), Some(1));
        let undone = refused.apply(Action::Undo);
        assert!(undone.engine.store.references.len() == 4, "the session took the tag back");
        let records = undone.lesson.as_ref().map(|l| l.progress.records.len());
        assert_eq!(records, Some(0), "the tag and the refusal after it no longer count");
    }
}
