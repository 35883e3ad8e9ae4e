//! The page's whole state and its one reducer: engine, undo/redo history, terminal log, the last
//! command's events (what the graph animates) and any notice. Pure and natively tested; the
//! components only dispatch [`Action`]s.

use std::rc::Rc;

use rmi_engine::{scenarios, Engine, Event, Line};
use serde::{Deserialize, Serialize};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    CorruptStorage,
    OlderStorage,
    UnknownScenario,
    UnknownLanguage,
    NothingToUndo,
    NothingToRedo,
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
        self.log.push(Entry { id: self.next_id, command, lines, exit, awaiting_answer });
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
        match action {
            Action::Run { line, now } => self.run(line, now),
            Action::Undo => self.undo_once(),
            Action::Redo => self.redo_once(),
            Action::Reset { now } => {
                let scenario = self.scenario().to_string();
                self.restart(&scenario, now);
            }
            Action::Scenario { name, now } => self.restart(&name, now),
            Action::ClearLog => self.log.clear(),
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
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
        self.push_entry(line, outcome.lines, outcome.exit, awaiting_answer);
        if store_changed {
            self.undo.push(self.engine.clone());
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        if shown {
            self.change_to(engine, outcome.events);
        } else {
            // Read-only commands still move the clock and any pending question.
            self.engine = engine;
            self.last_events = outcome.events;
        }
    }

    fn undo_once(&mut self) {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(self.engine.clone());
                self.change_to(previous, Vec::new());
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
        assert_eq!(session.engine.pending, Some(rmi_engine::PendingQuestion::ImagePrune { all: false }));
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
}
