//! The reducer's tests: commands, undo and redo, the log, storage, lessons.

use super::*;
use crate::lesson_store;
use crate::lessons::Progress;

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
    // The terminal says what was taken back: the command stays above, as typed.
    let note = |s: &Session| s.log.last().and_then(|e| e.note.clone()).map(|n| (n.en, n.zh));
    assert_eq!(
        note(&s),
        Some(("Undone: docker rmi myubuntu:latest".into(), "已撤销：docker rmi myubuntu:latest".into()))
    );
    let s = run(&s, "redo");
    assert_eq!(s.engine.store.references.len(), refs_after);
    assert_eq!(s.log[s.log.len() - 2].command, "redo");
    assert_eq!(note(&s).map(|n| n.0), Some("Redone: docker rmi myubuntu:latest".into()));
    assert!(s.can_undo() && !s.can_redo());
}

/// A scenario switch and a reset empty the terminal; undoing them brings it back with the
/// daemon, and redoing them empties it again (keeping what was typed there meanwhile).
#[test]
fn undoing_a_switch_or_a_reset_brings_the_terminal_back() {
    let s = run(&run(&Session::new("rmi-tutorial", 1, NOW), "docker rmi myubuntu"), "docker images");
    let typed: Vec<String> = s.log.iter().map(|e| e.command.clone()).collect();
    let switched = s.apply(Action::Scenario { name: "shared-layers".into(), now: NOW + 5_000_000 });
    assert!(switched.log.iter().all(|e| e.note.is_some()), "only the note of where the reader is");
    let switched = run(&switched, "docker ps -a");
    let back = switched.apply(Action::Undo);
    assert_eq!(back.scenario(), "rmi-tutorial");
    let commands: Vec<String> = back.log.iter().filter(|e| e.note.is_none()).map(|e| e.command.clone()).collect();
    assert_eq!(commands, typed, "the terminal as the reader left it");
    let last = back.log.last().and_then(|e| e.note.clone()).expect("a note");
    assert_eq!(
        (last.en.as_str(), last.zh.as_str()),
        ("Undone: the switch to \u{201c}Shared layers\u{201d}", "已撤销：切换到\u{201c}共享镜像层\u{201d}")
    );
    let again = back.apply(Action::Redo);
    assert_eq!(again.scenario(), "shared-layers");
    assert_eq!(again.log[1].command, "docker ps -a", "the new scenario's terminal, as it was");
    // A reset, the same way.
    let reset = back.apply(Action::Reset { now: NOW + 9_000_000 });
    let only_note = reset.log.iter().map(|e| e.note.as_ref().map(|n| n.en.as_str())).collect::<Vec<_>>();
    assert_eq!(only_note, [Some("Back to the start of \u{201c}The book's machine\u{201d}.")]);
    let undone = reset.apply(Action::Undo);
    assert!(undone.engine.store.same_objects(&back.engine.store));
    assert!(undone.log.iter().any(|e| e.command == "docker rmi myubuntu"));
    assert_eq!(undone.log.last().and_then(|e| e.note.clone()).map(|n| n.en), Some("Undone: the reset".into()));
    // What the link replays is the same terminal.
    let link = crate::share::decode(&undone.share_link().expect("a journal")).expect("decodes");
    let replayed = Session::from_link(&link, None).expect("replays");
    let shown = |s: &Session| s.log.iter().map(|e| (e.command.clone(), e.note.clone())).collect::<Vec<_>>();
    assert_eq!(shown(&replayed), shown(&undone));
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
    assert!(s.notice.as_ref().is_some_and(|n| n.kind.is_under_the_terminal()), "not in the page's banner");
    // The notice answers that one request: the next line moves on without it.
    let s = run(&s, "docker images");
    assert_eq!(s.notice, None);
    let s = run(&s, "redo");
    assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::NothingToRedo));
    let s = Session { notice: Some(Notice { kind: NoticeKind::UnknownScenario, detail: "x".into() }), ..s };
    let s = run(&s, "docker images");
    assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::UnknownScenario), "other notices stay");
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
    let removed = s.engine.clone();
    let s = s.apply(Action::Reset { now: NOW });
    assert_eq!(s.engine.store.images.len(), 2);
    assert!(s.log.len() == 1 && s.log[0].note.is_some(), "an empty terminal but for the note of the reset");
    // One undo step back to the work the reset left; a reset of an untouched start adds none.
    assert!(s.apply(Action::Undo).engine == removed);
    let again = s.apply(Action::Reset { now: NOW + 7_000_000_123 });
    assert_eq!(again.undo.len(), s.undo.len());
    let s = s.apply(Action::Scenario { name: "nope".into(), now: NOW });
    assert_eq!(s.scenario(), "empty");
    assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::UnknownScenario));
}

/// Issue 9: choosing a scenario is a step the reader can take back, and a link replays it.
#[test]
fn a_scenario_switch_is_an_undo_step_and_a_link_replays_it() {
    let s = run(&Session::new("rmi-tutorial", 1, NOW), "docker rmi myubuntu");
    let switched = s.apply(Action::Scenario { name: "shared-layers".into(), now: NOW + 5_000_000 });
    assert_eq!(switched.scenario(), "shared-layers");
    assert_eq!(switched.log.len(), 1, "a new scenario starts with an empty terminal but for a note");
    let note = switched.log[0].note.clone().expect("a note");
    assert!(
        note.en.starts_with("Now on \u{201c}Shared layers\u{201d}: nginx")
            && note.zh.starts_with("现在是\u{201c}共享镜像层\u{201d}"),
        "{note:?}"
    );
    assert_eq!(switched.undo.len(), s.undo.len() + 1);
    let back = switched.apply(Action::Undo);
    assert_eq!(back.scenario(), "rmi-tutorial");
    assert!(back.engine == s.engine, "undo gives back the daemon the reader left");
    assert_eq!(back.apply(Action::Redo).scenario(), "shared-layers");
    // The journal goes on through the switch: the link gives the same session back.
    let link = crate::share::decode(&back.share_link().expect("a journal")).expect("decodes");
    let replayed = Session::from_link(&link, None).expect("replays");
    assert!(replayed.engine == back.engine && replayed.can_redo());
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
    assert_eq!(undone.log.len(), changed.log.len(), "the note of what was undone takes the oldest entry's place");
    assert!(undone.revision > changed.revision);
    let cleared = undone.apply(Action::ClearLog);
    assert!(cleared.revision > undone.revision);
    // A notice is neither log nor state: nothing to save or redraw.
    let noticed = cleared.apply(Action::Notify(Notice { kind: NoticeKind::LinkRefused, detail: String::new() }));
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
    let saved = include_str!("../../tests/fixtures/session-v1-full.json");
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
    let saved = include_str!("../../tests/fixtures/session-v1.json");
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

const BOOK: &str = include_str!("../../lessons/book-rmi.json");

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
    let chapter = crate::lessons::BOOK_CHAPTER;
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

/// The terminal as shown: entry ids are the view's keys, counted afresh by a replay.
fn shown(session: &Session) -> Vec<(String, Vec<rmi_engine::Line>, i32, Option<Texts>)> {
    session.log.iter().map(|e| (e.command.clone(), e.lines.clone(), e.exit, e.note.clone())).collect()
}

/// A link made after a reload (the undo history gone) still gives back the session: an `undo`
/// that found nothing is not in the journal, one that undid something is.
#[test]
fn a_share_link_survives_a_reload_and_undo_that_finds_nothing() {
    const S: i64 = 1_000_000_000;
    let mut session = Session::new("rmi-tutorial", 7, NOW);
    for (i, line) in ["docker rmi myubuntu:latest", "docker run ubuntu:14.04 true", "docker images"].iter().enumerate()
    {
        session = session.apply(Action::Run { line: line.to_string(), now: NOW + (i as i64 + 1) * S });
    }
    session = session.apply(Action::Undo);
    let mut session = Session::from_storage(&session.to_storage(), "empty", 7, NOW + 10 * S);
    session = session.apply(Action::Run { line: "undo".into(), now: NOW + 11 * S });
    session = session.apply(Action::Undo);
    assert!(session.notice.is_some(), "nothing to undo after the reload");
    session = session.apply(Action::Run { line: "docker tag ubuntu:16.04 mine:1".into(), now: NOW + 12 * S });
    session = session.apply(Action::Undo);
    session = session.apply(Action::ClearLog);
    session = session.apply(Action::Run { line: "docker rmi ubuntu:14.04".into(), now: NOW + 13 * S });
    let link = session.share_link().expect("the journal was kept with the session");
    let reopened = Session::from_link(&crate::share::decode(&link).expect("decodes"), None).expect("replays");
    assert_eq!(reopened.engine.to_json(), session.engine.to_json());
    assert_eq!(shown(&reopened), shown(&session));
    // A session saved before links has no journal, so no link, until it starts again.
    let mut old: serde_json::Value = serde_json::from_str(&session.to_storage()).unwrap();
    old.as_object_mut().unwrap().remove("journal");
    let old = Session::from_storage(&old.to_string(), "empty", 7, NOW);
    assert_eq!(old.share_link(), None);
    assert!(old.apply(Action::Reset { now: NOW }).share_link().is_some());
}

#[test]
fn a_lesson_link_replays_solutions_and_restarts_with_the_lesson() {
    let lesson = book();
    let mut session =
        Session::new("empty", 1, NOW).apply(Action::OpenLesson { lesson: lesson.clone(), stored: None, now: NOW });
    let s = 1_000_000_000;
    session = session.apply(Action::Run { line: "docker rmi myubuntu:latest".into(), now: NOW + s });
    session = session.apply(Action::ShowSolution { now: NOW + 2 * s });
    while session.lesson.as_ref().is_some_and(|l| !l.replay.is_empty()) {
        session = session.apply(Action::ReplayNext { now: NOW + 3 * s });
    }
    session = session.apply(Action::Reset { now: NOW + 4 * s });
    session = session.apply(Action::Run { line: "docker images".into(), now: NOW + 5 * s });
    let link = crate::share::decode(&session.share_link().expect("a fresh lesson has a journal")).unwrap();
    assert!(matches!(Session::from_link(&link, None), Err(ReplayError::LessonNeeded(_))));
    let reopened = Session::from_link(&link, Some(lesson)).expect("replays with the lesson");
    assert_eq!(reopened.engine.to_json(), session.engine.to_json());
    assert_eq!(shown(&reopened), shown(&session));
    let (a, b) = (reopened.lesson.unwrap(), session.lesson.unwrap());
    assert_eq!(a.progress, b.progress);
}

#[test]
fn a_link_with_a_clock_out_of_range_is_refused_not_replayed() {
    let mut link = Session::new("rmi-tutorial", 1, NOW).journal.expect("a journal");
    for started_ms in [i64::MAX, i64::MIN, -1, 8_000_000_000_000] {
        link.started_ms = started_ms;
        assert_eq!(Session::from_link(&link, None).err(), Some(ReplayError::BadClock(started_ms)));
    }
    link.started_ms = NOW / 1_000_000;
    assert!(Session::from_link(&link, None).is_ok());
}

#[test]
fn choosing_a_scenario_or_a_lesson_makes_a_shared_session_the_readers_own() {
    let link = Session::new("rmi-tutorial", 1, NOW).journal.expect("a journal");
    let shared = Session::from_link(&link, None).expect("replays");
    assert!(shared.shared);
    assert!(shared.apply(Action::Run { line: "docker images".into(), now: NOW }).shared, "still looked at");
    assert!(!shared.apply(Action::Scenario { name: "empty".into(), now: NOW }).shared);
    assert!(!shared.apply(Action::OpenLesson { lesson: book(), stored: None, now: NOW }).shared);
}

/// An embedding page's requests go through the reducer as the reader's actions do: a run
/// answers with its exact output and events and enters the journal (so a link keeps it);
/// every reply has a serial number that only grows.
#[test]
fn requests_of_an_embedding_page_are_carried_out_and_answered_in_order() {
    use crate::embed::{Message, Request};
    use serde_json::json;
    let session = Session::new("rmi-tutorial", 1, NOW);
    let run = |s: &Session, id: i64, command: &str| {
        s.apply(Action::Request {
            request: Request::Run { id: json!(id), command: command.into() },
            now: NOW + 1_000_000_000,
        })
    };
    let session = run(&session, 1, "docker rmi myubuntu:latest");
    let session = run(&session, 2, "docker rmi 2fa927b5cdd3");
    let Message::Result { id, exit, stdout, stderr, events } = &*session.replies[0].1 else { panic!("a result") };
    assert_eq!((id, *exit, stdout.as_str(), stderr.as_str()), (&json!(1), 0, "Untagged: myubuntu:latest\n", ""));
    assert!(!events.is_empty());
    let Message::Result { exit, stderr, .. } = &*session.replies[1].1 else { panic!("a result") };
    assert_eq!(*exit, 1);
    assert!(stderr.contains("image is referenced in multiple repositories"), "{stderr}");
    let session = session.apply(Action::Request { request: Request::GetState { id: json!("s") }, now: NOW });
    let Message::State { images, .. } = &*session.replies[2].1 else { panic!("a state") };
    assert_eq!(images.len(), 2);
    let bad = json!({"id": "x"});
    let session =
        session.apply(Action::Request { request: Request::LoadLesson { id: json!(9), lesson: bad }, now: NOW });
    assert!(matches!(&*session.replies[3].1, Message::Error { id: Some(id), .. } if *id == json!(9)));
    assert_eq!(session.replies.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 2, 3, 4]);
    // The requested commands are in the link.
    let link = session.journal.clone().expect("a journal");
    let reopened = Session::from_link(&link, None).expect("replays");
    assert_eq!(reopened.engine.to_json(), session.engine.to_json());
    let session = session.apply(Action::Request { request: Request::Reset { id: json!(5) }, now: NOW });
    assert!(matches!(&*session.replies[4].1, Message::State { images, .. } if images.len() == 2));
    assert_eq!(session.engine.store.references.len(), 4, "the book's machine again");
}

#[test]
fn a_requested_lesson_that_cannot_start_is_refused_and_the_session_stays() {
    use crate::embed::{Message, Request};
    use serde_json::json;
    let session =
        Session::new("rmi-tutorial", 1, NOW).apply(Action::Run { line: "docker rmi myubuntu:latest".into(), now: NOW });
    let mut lesson: serde_json::Value = serde_json::from_str(include_str!("../../lessons/book-rmi.json")).unwrap();
    lesson["steps"][0]["start"]["scenario"] = json!("no-such-machine");
    let refused = session.apply(Action::Request { request: Request::LoadLesson { id: json!(3), lesson }, now: NOW });
    let Message::Error { id, message } = &*refused.replies[0].1 else { panic!("an error: {:?}", refused.replies) };
    assert_eq!(id, &Some(json!(3)));
    assert!(message.starts_with("the lesson cannot start: unknown scenario \"no-such-machine\""), "{message}");
    assert!(refused.lesson.is_none());
    assert_eq!(refused.engine.to_json(), session.engine.to_json(), "the session as it was");
    assert_eq!(refused.can_undo(), session.can_undo(), "its undo history too");
}

#[test]
fn a_reply_alone_moves_the_revision_so_the_frame_posts_it() {
    let session = Session::new("rmi-tutorial", 1, NOW);
    let request = crate::embed::Request::GetState { id: serde_json::json!(1) };
    let next = session.apply(Action::Request { request, now: NOW });
    assert_eq!(next.replies.len(), 1);
    assert_ne!(next.revision, session.revision);
}

/// Issue 9: every problem of the address is said, not only the last; other notices replace.
#[test]
fn every_problem_of_the_address_stays_in_view_until_dismissed() {
    let notice = |kind, detail: &str| Action::Notify(Notice { kind, detail: detail.to_string() });
    let s = Session::new("nope", 1, NOW);
    assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::UnknownScenario));
    let s = s.apply(notice(NoticeKind::UnknownLanguage, "xx"));
    let s = s.apply(notice(NoticeKind::EmbedParameter, "storage=cloud: expected none, session or local"));
    assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::EmbedParameter));
    let kinds: Vec<NoticeKind> = s.earlier_notices.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NoticeKind::UnknownScenario, NoticeKind::UnknownLanguage]);
    // Saying the same problem again does not repeat it.
    let again = s.apply(notice(NoticeKind::EmbedParameter, "storage=cloud: expected none, session or local"));
    assert_eq!(again.earlier_notices.len(), 2);
    // A notice about something else replaces them; dismissing clears everything.
    let other = s.apply(notice(NoticeKind::LessonBroken, "a step that cannot start"));
    assert!(other.earlier_notices.is_empty());
    let dismissed = s.apply(Action::DismissNotice);
    assert!(dismissed.notice.is_none() && dismissed.earlier_notices.is_empty());
}

/// Issue 9: the reducer makes a new session per action without copying the log or the undo
/// history: an action that leaves them alone hands on the very same vectors.
#[test]
fn an_action_shares_the_log_and_the_history_instead_of_copying_them() {
    let mut s = Session::new("rmi-tutorial", 1, NOW);
    for i in 0..80 {
        s = run(&s, &format!("docker tag ubuntu:14.04 t:{i}"));
    }
    let noticed = s.apply(Action::Notify(Notice { kind: NoticeKind::LinkRefused, detail: String::new() }));
    let shared = |a: &Session, b: &Session| a.log.iter().zip(&b.log).all(|(x, y)| Rc::ptr_eq(x, y));
    assert!(shared(&noticed, &s), "the log's entries are shared");
    assert!(
        noticed.undo.iter().zip(&s.undo).all(|(a, b)| a.engine.store.is_same_state(&b.engine.store)),
        "undo steps share stores"
    );
    let undone = s.apply(Action::Undo);
    assert!(shared(&undone, &s), "undo leaves the log's entries as they are");
    assert_eq!(undone.undo.len(), s.undo.len() - 1);
}

#[test]
fn a_restored_session_gets_its_undo_history_back_from_its_journal() {
    // Times between milliseconds, as a browser's clock gives them (the journal keeps whole ms,
    // so its replay stamps the scenario's images and the tag a fraction apart).
    let s = Session::new("rmi-tutorial", 1, NOW + 128);
    let s = s.apply(Action::Run { line: "docker rmi myubuntu".into(), now: NOW + 213_456_789 });
    let s = s.apply(Action::Run { line: "docker tag ubuntu:14.04 kept:1".into(), now: NOW + 559_123_456 });
    let s = s.apply(Action::Undo);
    let restored = Session::from_storage(&s.to_storage(), "empty", 1, NOW + 1);
    assert!(!restored.can_undo() && !restored.can_redo(), "storage keeps the daemon only");
    let (undo, redo) = restored.history_from_journal().expect("the journal replays");
    let back = restored.apply(Action::RestoreHistory { revision: restored.revision, undo, redo });
    assert!(back.can_undo() && back.can_redo());
    let undone = back.apply(Action::Undo);
    assert!(undone.engine.store.same_contents(&Session::new("rmi-tutorial", 1, NOW).engine.store));
    let redone = back.apply(Action::Redo);
    assert_eq!(redone.engine.dry_run("docker image inspect kept:1").exit, 0);
    // Too late once the reader has moved on: the history would not be theirs.
    let (undo, redo) = restored.history_from_journal().unwrap();
    let moved = run(&restored, "docker images");
    let kept = moved.apply(Action::RestoreHistory { revision: restored.revision, undo, redo });
    assert!(!kept.can_undo());
    // A journal that does not lead to the restored daemon gives no history.
    let mut other = restored.clone();
    other.engine = Session::new("shared-layers", 1, NOW).engine;
    assert!(other.history_from_journal().is_none());
}
