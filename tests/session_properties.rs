//! Property tests of the session reducer: random sequences of real commands on the scenarios'
//! objects, pipelines, `$(…)`, typed and clicked undo/redo, resets, scenario switches and
//! garbage lines, all through `Session::apply`. After every step the session's engine must equal
//! a replay from the start of the lines still in effect, kept by a model that knows nothing of
//! the reducer's snapshots: an undo step is a line that changed the store's contents. After
//! every action `before_last` is the store shown before it, the revision moved if the log or
//! the engine did, and the history stays within [`MAX_UNDO`] (the second test goes past it).
//!
//! `PROPTEST_CASES` sets the number of sequences (default [`DEFAULT_CASES`], and a 32nd of it
//! for the long sequences); a failure is shrunk to a short sequence, printed, and its seed
//! kept in `tests/session_properties.proptest-regressions` so later runs try it first.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError};

use rmi_playground::engine::{scenarios, Engine};
use rmi_playground::session::{Action, Session, MAX_LOG, MAX_UNDO};

/// About 5 s in `cargo test --release` (25 s in the dev profile): well under a minute on two busy cores.
const DEFAULT_CASES: u32 = 1024;
const MAX_STEPS: usize = 48;
const START: i64 = 1_767_225_600_000_000_000;
/// The deterministic clock: every step is one second after the one before.
const STEP_NS: i64 = 1_000_000_000;

/// Every scenario's references, ID prefixes, a digest reference and names that match nothing.
const IMAGES: &[&str] = &[
    "ubuntu:14.04",
    "myubuntu",
    "ubuntu",
    "ubuntu:16.04",
    "8f1bd21bd25c",
    "2fa927b5",
    "sha256:8f1bd21bd25c3fb1d4b00b7936a73a0664f932e11406c48a0ef19d82fd0b7342",
    "debian:bookworm",
    "nginx:1.25",
    "python:3.12-slim",
    "alpine:3.20",
    "node:20-alpine",
    "busybox",
    "app:v1",
    "app:v2",
    "app:latest",
    "mine:1",
    "$(docker images -q | head -1)",
    "$(docker images -aq | sort | head -1)",
    "nosuch",
    "alpine:9.99",
];
const PULLABLE: &[&str] = &["busybox", "alpine:3.19", "alpine", "ubuntu:14.04", "nginx:1.25", "hello-world", "nosuch"];
const TAGS: &[&str] = &["mine:1", "mine:2", "app", "localhost:5000/x:y", "ubuntu:14.04", "myubuntu", "Bad:Tag"];
const CONTAINERS: &[&str] = &["web", "c1", "c2", "step1", "$(docker ps -aq | head -1)", "$(docker ps -lq)"];
const PROGRAMS: &[&str] = &["", "echo hi", "true", "false", "touch /x", "sleep 100"];
const SCENARIOS: &[&str] = &["empty", "rmi-tutorial", "shared-layers", "commit-chain", "no-such-scenario"];

/// One thing the reader does; the clock is added when the sequence runs.
#[derive(Debug, Clone)]
enum Step {
    Run(String),
    Undo,
    Redo,
    Reset,
    Scenario(&'static str),
    ClearLog,
    /// More state changes in a row than the undo history keeps: busybox is pulled, then tagged
    /// `burst:0`, `burst:1`… Checked once at its end, as replaying every prefix would be slow.
    Burst(usize),
}

impl Step {
    fn actions(&self, now: i64) -> Vec<Action> {
        vec![match self {
            Step::Run(line) => Action::Run { line: line.clone(), now },
            Step::Undo => Action::Undo,
            Step::Redo => Action::Redo,
            Step::Reset => Action::Reset { now },
            Step::Scenario(name) => Action::Scenario { name: name.to_string(), now },
            Step::ClearLog => Action::ClearLog,
            Step::Burst(tags) => return burst(*tags).map(|line| Action::Run { line, now }).collect(),
        }]
    }
}

fn burst(tags: usize) -> impl Iterator<Item = String> {
    std::iter::once("docker pull -q busybox".to_string())
        .chain((0..tags).map(|i| format!("docker tag busybox burst:{i}")))
}

/// The flag's text or nothing.
fn flag(text: &'static str) -> impl Strategy<Value = &'static str> {
    select(vec!["", text])
}

fn image() -> impl Strategy<Value = &'static str> {
    select(IMAGES)
}

fn container() -> impl Strategy<Value = &'static str> {
    select(CONTAINERS)
}

fn command() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (flag("-f "), flag("--no-prune "), image(), prop_oneof![Just(""), image()])
            .prop_map(|(f, n, a, b)| format!("docker rmi {f}{n}{a} {b}")),
        3 => (image(), select(TAGS)).prop_map(|(i, t)| format!("docker tag {i} {t}")),
        3 => (flag("-d "), flag("--rm "), select(vec!["", "--name c1 ", "--name c2 "]), image(), select(PROGRAMS))
            .prop_map(|(d, rm, name, i, p)| format!("docker run {d}{rm}{name}{i} {p}")),
        1 => image().prop_map(|i| format!("docker create {i}")),
        2 => (flag("-f "), container()).prop_map(|(f, c)| format!("docker rm {f}{c}")),
        1 => (select(vec!["start", "stop", "kill", "restart"]), container())
            .prop_map(|(verb, c)| format!("docker {verb} {c}")),
        2 => (flag("-q "), select(PULLABLE)).prop_map(|(q, p)| format!("docker pull {q}{p}")),
        1 => (container(), select(TAGS)).prop_map(|(c, t)| format!("docker commit {c} {t}")),
        // Without -f these ask; the answer is whatever line comes next.
        2 => (select(vec!["image", "container", "system"]), flag("-a "), flag("-f"))
            .prop_map(|(kind, a, f)| format!("docker {kind} prune {a}{f}")),
        2 => select(vec![
            "docker rmi $(docker images -q)",
            "docker rmi -f $(docker images -aq ubuntu)",
            "docker images -q | xargs docker rmi",
            "docker ps -aq | xargs docker rm -f",
            "docker rm $(docker ps -aq); docker rmi busybox",
            "docker tag busybox a && docker rmi a || docker rmi busybox",
        ])
        .prop_map(String::from),
        1 => select(vec!["docker images", "docker images -a --digests", "docker ps -a --no-trunc", "docker system df"])
            .prop_map(String::from),
        1 => (select(vec!["history", "inspect", "image inspect -f {{.Id}}"]), image())
            .prop_map(|(cmd, i)| format!("docker {cmd} {i}")),
        2 => select(vec!["y", "N", "yes", "undo", "redo", " undo ", "clear"]).prop_map(String::from),
        2 => garbage(),
    ]
}

/// Lines a reader might mistype: shell metacharacters, unclosed quotes and substitutions.
fn garbage() -> impl Strategy<Value = String> {
    "(docker (rmi|tag|run|rm|images|pull|image prune) )?(\\$\\(|[a-z0-9:./ *\\[\\]'\"`|;&#$()-]){0,24}"
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        14 => command().prop_map(Step::Run),
        2 => Just(Step::Undo),
        2 => Just(Step::Redo),
        1 => Just(Step::Reset),
        1 => select(SCENARIOS).prop_map(Step::Scenario),
        1 => Just(Step::ClearLog),
    ]
}

type Lines = Vec<(String, i64)>;

/// One undo or redo step: the scenario and its start, and the lines in effect since then (a
/// scenario switch is an undo step too).
type Snapshot = (String, i64, Lines);

/// What the session should be, as lines: the lines in effect since the last (re)start, and the
/// same for each undo and redo step. It decides "changed" by comparing replayed stores.
struct Model {
    scenario: String,
    seed: u64,
    start: i64,
    lines: Lines,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The replay of `lines`.
    engine: Engine,
}

impl Model {
    fn new(scenario: &str, seed: u64, start: i64) -> Model {
        let mut model = Model {
            scenario: scenario.to_string(),
            seed,
            start,
            lines: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            engine: Engine::new(seed, start),
        };
        model.engine = model.replay();
        model
    }

    /// A fresh session's engine with every line in effect run again, each at the time it first ran.
    fn replay(&self) -> Engine {
        let mut engine = Session::new(&self.scenario, self.seed, self.start).engine;
        for (line, now) in &self.lines {
            engine.set_now(*now);
            engine.run_line(line);
        }
        engine
    }

    fn step(&mut self, step: &Step, now: i64) {
        match step {
            Step::Run(line) => {
                let session_command = self.engine.pending.is_none();
                match line.trim() {
                    "undo" if session_command => self.undo_once(),
                    "redo" if session_command => self.redo_once(),
                    "clear" if session_command => {}
                    _ => self.run(line, now),
                }
            }
            Step::Undo => self.undo_once(),
            Step::Redo => self.redo_once(),
            Step::Reset => self.restart(now),
            Step::Scenario(name) => {
                self.push_undo();
                self.scenario = name.to_string();
                self.start = now;
                self.lines.clear();
            }
            Step::ClearLog => {}
            Step::Burst(tags) => burst(*tags).for_each(|line| self.run(&line, now)),
        }
        self.engine = self.replay();
    }

    fn run(&mut self, line: &str, now: i64) {
        let mut after = self.engine.clone();
        after.set_now(now);
        after.run_line(line);
        if after.store != self.engine.store {
            self.push_undo();
        }
        self.lines.push((line.to_string(), now));
        self.engine = after;
    }

    fn snapshot(&self) -> Snapshot {
        (self.scenario.clone(), self.start, self.lines.clone())
    }

    fn restore(&mut self, (scenario, start, lines): Snapshot) {
        self.scenario = scenario;
        self.start = start;
        self.lines = lines;
    }

    fn push_undo(&mut self) {
        self.undo.push(self.snapshot());
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn undo_once(&mut self) {
        if let Some(previous) = self.undo.pop() {
            self.redo.push(self.snapshot());
            self.restore(previous);
        }
    }

    fn redo_once(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(self.snapshot());
            self.restore(next);
        }
    }

    /// A reset is one undo step back to the work it left, when it left any (the sessions here
    /// always have a journal).
    fn restart(&mut self, now: i64) {
        if !Session::new(&self.scenario, self.seed, now).engine.store.same_objects(&self.engine.store) {
            self.push_undo();
        }
        self.start = now;
        self.lines.clear();
    }
}

/// What must hold after any one action took the session from `before` to `after`.
fn check_action(action: &Action, before: &Session, after: &Session) -> Result<(), TestCaseError> {
    prop_assert!(after.undo.len() <= MAX_UNDO);
    prop_assert!(after.log.len() <= MAX_LOG);
    if after.generation != before.generation {
        prop_assert!(
            after.before_last == before.engine.store,
            "before_last after {action:?} is not the store shown before"
        );
    }
    prop_assert!(after.revision >= before.revision);
    if after.log != before.log || after.engine != before.engine {
        prop_assert!(after.revision > before.revision, "{action:?} changed the session but not its revision");
    }
    Ok(())
}

/// After each step the session is what the model's lines give when replayed.
fn check_model(step: &Step, session: &Session, model: &Model) -> Result<(), TestCaseError> {
    let shown = session.engine.to_json();
    let replayed = model.engine.to_json();
    prop_assert!(shown == replayed, "after {step:?} the session's engine is not the replay of {:#?}", model.lines);
    prop_assert_eq!(session.undo.len(), model.undo.len(), "undo steps after {:?}", step);
    prop_assert_eq!(session.redo.len(), model.redo.len(), "redo steps after {:?}", step);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_CASES)
}

/// Runs `steps` through the reducer and the model side by side, checking after each step.
fn run_sequence(scenario: &str, seed: u64, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut session = Session::new(scenario, seed, START);
    let mut model = Model::new(scenario, seed, START);
    for (i, step) in steps.iter().enumerate() {
        let now = START + (i as i64 + 1) * STEP_NS;
        for action in step.actions(now) {
            let next = session.apply(action.clone());
            check_action(&action, &session, &next)?;
            session = next;
        }
        model.step(step, now);
        check_model(step, &session, &model)?;
    }
    // The share link of the session gives it back: the same daemon, terminal and journal.
    let link = session.share_link().expect("a session started here has a journal");
    let shared = rmi_playground::share::decode(&link).expect("its own link decodes");
    let reopened = Session::from_link(&shared, None).expect("its own link replays");
    prop_assert!(reopened.engine.to_json() == session.engine.to_json(), "the link's daemon differs");
    // The terminal's entries, as shown (their ids are keys for the view, counted from the link).
    let shown = |s: &Session| {
        s.log.iter().map(|e| (e.command.clone(), e.lines.clone(), e.exit, e.note.clone())).collect::<Vec<_>>()
    };
    prop_assert_eq!(shown(&reopened), shown(&session));
    prop_assert_eq!(&reopened.journal, &session.journal);
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: cases(), ..Config::default() })]

    #[test]
    fn undo_and_redo_always_agree_with_a_replay_from_the_start(
        scenario in select(scenarios::SCENARIO_NAMES),
        seed in 0u64..4,
        steps in prop::collection::vec(step(), 1..MAX_STEPS),
    ) {
        run_sequence(scenario, seed, &steps)?;
    }
}

proptest! {
    // Each case replays over a hundred lines per step: fewer of them.
    #![proptest_config(Config { cases: cases().div_ceil(32), ..Config::default() })]

    /// Past [`MAX_UNDO`] state changes the oldest undo steps go, and undoing all that is left
    /// stops exactly there.
    #[test]
    fn the_undo_history_keeps_the_newest_steps(
        scenario in select(scenarios::SCENARIO_NAMES),
        tags in MAX_UNDO - 5..MAX_UNDO + 15,
        undos in MAX_UNDO - 5..MAX_UNDO + 5,
        steps in prop::collection::vec(step(), 0..12),
    ) {
        let mut all = vec![Step::Burst(tags)];
        all.extend(std::iter::repeat_n(Step::Undo, undos));
        all.extend(steps);
        run_sequence(scenario, 0, &all)?;
    }
}
