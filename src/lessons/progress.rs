//! The step machine: which step is current, its goals evaluated after every command and after
//! undo/redo, the move to the next step when all of them hold at once after a command (with a
//! fresh daemon when that step says so), commands used against par, and bytes freed.
//!
//! The page's session owns the engine; this machine only reads it and, at a fresh start, hands
//! the session a new one. It mirrors the session's undo rule (only a command that changed the
//! daemon can be undone) so that "printed" and "not used" goals follow undo too.

use rmi_engine::{scenarios, Engine, Outcome};
use serde::{Deserialize, Serialize};

use super::facts::Facts;
use super::goals::{self, Record};
use super::schema::{Lesson, Start, Texts};

/// Why a step's starting daemon could not be built (a mistake in the lesson file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartError {
    UnknownScenario(String),
    /// A fresh start is needed here (the lesson's first step cannot continue anything).
    NothingToContinue,
    SetupFailed {
        command: String,
        exit: i32,
        output: String,
    },
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            StartError::UnknownScenario(name) => {
                write!(f, "unknown scenario {name:?}, expected one of {}", scenarios::SCENARIO_NAMES.join(", "))
            }
            StartError::NothingToContinue => f.write_str("the first step must start from a scenario, not continue"),
            StartError::SetupFailed { command, exit, output } => {
                write!(f, "setup command `{command}` failed with exit status {exit}: {output}")
            }
        }
    }
}

/// The daemon a fresh start describes: the scenario, then the setup commands run silently.
/// On a variant, the scenario is built in the variant's world (the setup is already rewritten).
pub fn fresh_engine(start: &Start, now: i64, variant: u32) -> Result<Engine, StartError> {
    let Start::Fresh { scenario, seed, setup } = start else {
        return Err(StartError::NothingToContinue);
    };
    let world = rmi_engine::variant::Variant::new(variant);
    let mut engine = scenarios::build_variant(scenario, *seed, now, &world)
        .ok_or_else(|| StartError::UnknownScenario(scenario.clone()))?;
    for command in setup {
        let outcome = engine.run_line(command);
        if outcome.exit != 0 {
            return Err(StartError::SetupFailed {
                command: command.clone(),
                exit: outcome.exit,
                output: outcome.text(),
            });
        }
    }
    Ok(engine)
}

/// One goal of the current step as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalStatus {
    pub text: Texts,
    pub met: bool,
}

/// What a command did to the lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum Advance {
    /// The current step goes on.
    Stay,
    /// Step `step` (0-based) is now current. With `fresh`, the session must replace its
    /// engine by this one (and drop its undo history: the old state belongs to another step).
    Next { step: usize, fresh: Option<Box<Engine>> },
    /// The last step is done.
    Complete,
    /// Step `step` is current but its start could not be built; the lesson file is wrong.
    StartFailed { step: usize, error: StartError },
}

/// A learner's way through one lesson; serde makes it storable between visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub lesson: String,
    /// The current step, 0-based; the number of steps once the lesson is complete.
    pub step: usize,
    /// Commands run in each step so far (undo does not give one back).
    pub used: Vec<usize>,
    /// Bytes of disk usage freed in each finished step (negative when it grew).
    pub freed: Vec<i64>,
    /// The disk usage when the current step started.
    pub step_start_usage: u64,
    /// The current step's commands that still count (undo takes them back).
    pub records: Vec<Record>,
    /// Groups of records taken back by undo, for redo; an empty group stands for an undo that
    /// went back past this step's start.
    pub undone: Vec<Vec<Record>>,
    /// The completion code, derived from the final state when the last step was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Progress {
    /// The lesson's start: its first step's daemon, built fresh.
    pub fn begin(lesson: &Lesson, now: i64) -> Result<(Progress, Engine), StartError> {
        let first = lesson.steps.first().ok_or(StartError::NothingToContinue)?;
        let engine = fresh_engine(&first.start, now, lesson.variant)?;
        let progress = Progress {
            lesson: lesson.id.clone(),
            step: 0,
            used: vec![0; lesson.steps.len()],
            freed: vec![0; lesson.steps.len()],
            step_start_usage: Facts::of(&engine).disk_usage,
            records: Vec::new(),
            undone: Vec::new(),
            code: None,
        };
        Ok((progress, engine))
    }

    pub fn is_complete(&self, lesson: &Lesson) -> bool {
        self.step >= lesson.steps.len()
    }

    /// The current step's goals on `engine`, in the file's order; empty once complete.
    pub fn goals(&self, lesson: &Lesson, engine: &Engine) -> Vec<GoalStatus> {
        let Some(step) = lesson.steps.get(self.step) else {
            return Vec::new();
        };
        let facts = Facts::of(engine);
        step.goals
            .iter()
            .map(|goal| GoalStatus { text: goals::describe(goal), met: goals::holds(goal, &facts, &self.records) })
            .collect()
    }

    /// After the session ran `line` and got `outcome`; `engine` is the session's engine now.
    /// Whether the command changed the daemon is read from its events; a session that knows
    /// better calls [`Progress::after_command_that_changed`].
    pub fn after_command(&mut self, lesson: &Lesson, line: &str, outcome: &Outcome, engine: &Engine) -> Advance {
        self.after_command_that_changed(lesson, line, outcome, engine, !outcome.events.is_empty())
    }

    /// As [`Progress::after_command`], with `changed_state` exactly when the session made an
    /// undo step of the command. Events alone do not say it: a refused `rmi` emits a conflict
    /// and changes nothing, and re-tagging changes the store without an event; undo must take
    /// back the same command here as in the session.
    pub fn after_command_that_changed(
        &mut self,
        lesson: &Lesson,
        line: &str,
        outcome: &Outcome,
        engine: &Engine,
        changed_state: bool,
    ) -> Advance {
        let Some(step) = lesson.steps.get(self.step) else {
            return Advance::Complete;
        };
        // The session clears its redo history only when a command changed the daemon.
        if changed_state {
            self.undone.clear();
        }
        self.records.push(Record {
            command: line.to_string(),
            printed: outcome.invocations.iter().flat_map(|i| i.printed.iter().cloned()).collect(),
            invocations: outcome.invocations.clone(),
            changed_state,
        });
        if let Some(used) = self.used.get_mut(self.step) {
            *used += 1;
        }
        let facts = Facts::of(engine);
        let done = !step.goals.is_empty() && step.goals.iter().all(|g| goals::holds(g, &facts, &self.records));
        if !done {
            return Advance::Stay;
        }
        if let Some(freed) = self.freed.get_mut(self.step) {
            *freed = self.step_start_usage as i64 - facts.disk_usage as i64;
        }
        if self.step + 1 == lesson.steps.len() {
            self.code = super::code::completion_code(lesson, engine, &self.records);
        }
        self.step += 1;
        self.records.clear();
        self.undone.clear();
        let Some(next) = lesson.steps.get(self.step) else {
            return Advance::Complete;
        };
        match &next.start {
            Start::Continue => {
                self.step_start_usage = facts.disk_usage;
                Advance::Next { step: self.step, fresh: None }
            }
            fresh => match fresh_engine(fresh, engine.now, lesson.variant) {
                Ok(engine) => {
                    self.step_start_usage = Facts::of(&engine).disk_usage;
                    Advance::Next { step: self.step, fresh: Some(Box::new(engine)) }
                }
                Err(error) => Advance::StartFailed { step: self.step, error },
            },
        }
    }

    /// After the session undid one change: the command that made it (and any read-only
    /// commands typed after it) no longer count for "printed" and "not used".
    pub fn after_undo(&mut self) {
        let group = match self.records.iter().rposition(|r| r.changed_state) {
            Some(at) => self.records.split_off(at),
            None => Vec::new(),
        };
        self.undone.push(group);
    }

    /// After the session redid one change.
    pub fn after_redo(&mut self) {
        if let Some(group) = self.undone.pop() {
            self.records.extend(group);
        }
    }

    /// Commands run in the whole lesson.
    pub fn commands_used(&self) -> usize {
        self.used.iter().sum()
    }

    /// Starts the current step again from its reference start (see [`reference_start`]), for
    /// the solution button or a learner who wants a clean slate: this step's commands no
    /// longer count for its goals (they stay counted as used). The session adopts the engine.
    pub fn restart_step(&mut self, lesson: &Lesson, now: i64) -> Result<Engine, StartError> {
        let engine = reference_start(lesson, self.step, now)?;
        self.records.clear();
        self.undone.clear();
        self.step_start_usage = Facts::of(&engine).disk_usage;
        Ok(engine)
    }

    /// Bytes freed since the lesson began: finished steps plus the current one so far.
    pub fn bytes_freed(&self, lesson: &Lesson, engine: &Engine) -> i64 {
        let finished: i64 = self.freed.iter().take(self.step).sum();
        if self.is_complete(lesson) {
            finished
        } else {
            finished + self.step_start_usage as i64 - Facts::of(engine).disk_usage as i64
        }
    }
}

/// The daemon at the start of step `step` (0-based) as the lesson itself gets there: the last
/// fresh start at or before it, then the reference solutions of the steps in between. The
/// check proves that the step's solution meets its goals from exactly this state.
pub fn reference_start(lesson: &Lesson, step: usize, now: i64) -> Result<Engine, StartError> {
    let steps = lesson.steps.get(..=step).ok_or(StartError::NothingToContinue)?;
    let fresh =
        steps.iter().rposition(|s| matches!(s.start, Start::Fresh { .. })).ok_or(StartError::NothingToContinue)?;
    let mut engine = fresh_engine(&steps[fresh].start, now, lesson.variant)?;
    for earlier in &steps[fresh..step] {
        for command in &earlier.solution {
            engine.run_line(command);
        }
    }
    Ok(engine)
}

/// What the terminal says before a step's fresh start replaces the daemon; `None` for a step
/// that continues.
pub fn start_notice(lesson: &Lesson, step: usize) -> Option<Texts> {
    let Start::Fresh { scenario, setup, .. } = &lesson.steps.get(step)?.start else {
        return None;
    };
    let number = step + 1;
    Some(match setup.len() {
        0 => Texts {
            en: format!("Step {number} starts on a fresh machine ({scenario})."),
            zh: format!("第 {number} 步从一台新的机器开始（{scenario}）。"),
        },
        n => Texts {
            en: format!(
                "Step {number} starts on a fresh machine ({scenario}, then {n} setup command{}).",
                if n == 1 { "" } else { "s" }
            ),
            zh: format!("第 {number} 步从一台新的机器开始（{scenario}，再运行 {n} 条准备命令）。"),
        },
    })
}

/// The lesson's par: the sum of its steps' pars.
pub fn lesson_par(lesson: &Lesson) -> usize {
    lesson.steps.iter().map(|s| s.par).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::schema::parse_lesson;

    const NOW: i64 = 1_767_225_600_000_000_000;

    /// Two steps on the book's machine: untag myubuntu:latest, then (fresh, with a container)
    /// delete ubuntu:14.04's image by force.
    fn two_steps(second_start: &str) -> Lesson {
        let texts = r#"{"en": "t", "zh": "t"}"#;
        parse_lesson(&format!(
            r#"{{"id": "t", "level": "beginner", "title": {texts}, "brief": {texts}, "steps": [
              {{"title": {texts}, "brief": {texts}, "start": {{"scenario": "rmi-tutorial"}},
                "goals": [{{"reference_absent": "myubuntu:latest"}}], "hints": [{texts}],
                "solution": ["docker rmi myubuntu:latest"], "par": 1}},
              {{"title": {texts}, "brief": {texts}, "start": {second_start},
                "goals": [{{"image_absent": "8f1bd21bd25c"}}], "hints": [{texts}],
                "solution": ["docker rmi -f ubuntu:14.04"], "par": 1}}]}}"#
        ))
        .expect("the test lesson parses")
    }

    fn run(progress: &mut Progress, lesson: &Lesson, engine: &mut Engine, line: &str) -> Advance {
        let outcome = engine.run_line(line);
        progress.after_command(lesson, line, &outcome, engine)
    }

    #[test]
    fn a_fresh_start_hands_the_session_its_new_engine_with_the_setup_done() {
        let lesson = two_steps(r#"{"scenario": "rmi-tutorial", "setup": ["docker run ubuntu:14.04 true"]}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        assert_eq!(run(&mut progress, &lesson, &mut engine, "docker images"), Advance::Stay);
        let Advance::Next { step: 1, fresh: Some(fresh) } =
            run(&mut progress, &lesson, &mut engine, "docker rmi myubuntu:latest")
        else {
            panic!("step 2 did not start fresh");
        };
        let facts = Facts::of(&fresh);
        assert_eq!(facts.references.len(), 4, "the fresh machine has myubuntu:latest back");
        assert_eq!(facts.containers.len(), 1, "the setup ran");
        assert!(progress.records.is_empty());
        assert_eq!(progress.used, [2, 0]);
    }

    #[test]
    fn a_continued_step_keeps_the_engine_and_completes_the_lesson() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        assert_eq!(
            run(&mut progress, &lesson, &mut engine, "docker rmi myubuntu:latest"),
            Advance::Next { step: 1, fresh: None }
        );
        assert!(!progress.is_complete(&lesson));
        assert_eq!(run(&mut progress, &lesson, &mut engine, "docker rmi -f ubuntu:14.04"), Advance::Complete);
        assert!(progress.is_complete(&lesson));
        assert!(progress.goals(&lesson, &engine).is_empty());
        assert_eq!((progress.commands_used(), lesson_par(&lesson)), (2, 2));
        // 187,921,878 bytes: ubuntu:14.04's five layers.
        assert_eq!(progress.bytes_freed(&lesson, &engine), 187_921_878);
    }

    #[test]
    fn bytes_freed_counts_the_current_step_so_far() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        run(&mut progress, &lesson, &mut engine, "docker rmi ubuntu:14.04");
        assert_eq!(progress.step, 0);
        assert_eq!(progress.bytes_freed(&lesson, &engine), 187_921_878);
    }

    #[test]
    fn undo_takes_back_the_last_change_and_the_reads_after_it_and_redo_restores_them() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        for line in ["docker images", "docker rmi 2fa927b5cdd3", "docker ps -a"] {
            run(&mut progress, &lesson, &mut engine, line);
        }
        let commands = |p: &Progress| p.records.iter().map(|r| r.command.clone()).collect::<Vec<_>>();
        progress.after_undo();
        assert_eq!(commands(&progress), ["docker images"]);
        // A read-only command does not clear what redo can bring back, as in the session.
        run(&mut progress, &lesson, &mut engine, "docker images");
        progress.after_redo();
        assert_eq!(commands(&progress), ["docker images", "docker images", "docker rmi 2fa927b5cdd3", "docker ps -a"]);
        assert_eq!(progress.used[0], 4, "undo does not give commands back");
    }

    #[test]
    fn undo_past_the_steps_start_changes_nothing_here_and_its_redo_neither() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        run(&mut progress, &lesson, &mut engine, "docker images");
        progress.after_undo();
        progress.after_undo();
        assert_eq!(progress.records.len(), 1);
        progress.after_redo();
        progress.after_redo();
        assert_eq!(progress.records.len(), 1);
    }

    #[test]
    fn a_change_clears_what_redo_could_bring_back() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        run(&mut progress, &lesson, &mut engine, "docker rmi 2fa927b5cdd3");
        progress.after_undo();
        run(&mut progress, &lesson, &mut engine, "docker tag ubuntu:14.04 mine:1");
        progress.after_redo();
        let commands: Vec<&str> = progress.records.iter().map(|r| r.command.as_str()).collect();
        assert_eq!(commands, ["docker tag ubuntu:14.04 mine:1"]);
    }

    #[test]
    fn a_lesson_cannot_begin_by_continuing_or_from_an_unknown_scenario() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let mut continuing = lesson.clone();
        continuing.steps[0].start = Start::Continue;
        assert_eq!(Progress::begin(&continuing, NOW).err(), Some(StartError::NothingToContinue));
        let mut unknown = lesson;
        unknown.steps[0].start = Start::Fresh { scenario: "nosuch".into(), seed: 1, setup: Vec::new() };
        assert_eq!(Progress::begin(&unknown, NOW).err(), Some(StartError::UnknownScenario("nosuch".into())));
    }

    #[test]
    fn a_broken_fresh_start_is_reported_not_panicked() {
        let lesson = two_steps(r#"{"scenario": "rmi-tutorial", "setup": ["docker rmi nosuch"]}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        let advance = run(&mut progress, &lesson, &mut engine, "docker rmi myubuntu:latest");
        let Advance::StartFailed { step: 1, error: StartError::SetupFailed { exit: 1, .. } } = advance else {
            panic!("expected a failed start, got {advance:?}");
        };
    }

    #[test]
    fn a_restarted_step_starts_where_the_lessons_own_solutions_lead() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        run(&mut progress, &lesson, &mut engine, "docker tag ubuntu:14.04 mine:1");
        run(&mut progress, &lesson, &mut engine, "docker rmi myubuntu:latest");
        assert_eq!(progress.step, 1);
        run(&mut progress, &lesson, &mut engine, "docker rmi 8f1bd21bd25c");
        let restarted = progress.restart_step(&lesson, NOW).expect("the start builds");
        assert!(progress.records.is_empty());
        assert_eq!(progress.used, [2, 1]);
        // The step's reference start: the scenario after step 1's solution, not the learner's
        // extra tag (mine:1 would make the solution's `rmi -f ubuntu:14.04` only untag).
        let references: Vec<String> = Facts::of(&restarted).references.into_iter().map(|r| r.familiar).collect();
        assert_eq!(references, ["ubuntu:14.04", "ubuntu:16.04", "ubuntu:latest"]);
        let mut engine = restarted;
        assert_eq!(run(&mut progress, &lesson, &mut engine, "docker rmi -f ubuntu:14.04"), Advance::Complete);
    }

    #[test]
    fn a_fresh_start_is_announced_and_a_continued_one_is_not() {
        let lesson = two_steps(r#"{"scenario": "rmi-tutorial", "setup": ["docker run ubuntu:14.04 true"]}"#);
        let notice = start_notice(&lesson, 1).expect("step 2 starts fresh");
        assert_eq!(notice.en, "Step 2 starts on a fresh machine (rmi-tutorial, then 1 setup command).");
        assert_eq!(notice.zh, "第 2 步从一台新的机器开始（rmi-tutorial，再运行 1 条准备命令）。");
        assert_eq!(
            start_notice(&lesson, 0).map(|t| t.en),
            Some("Step 1 starts on a fresh machine (rmi-tutorial).".into())
        );
        assert_eq!(start_notice(&two_steps(r#"{"continue": true}"#), 1), None);
        assert_eq!(start_notice(&lesson, 2), None);
    }

    #[test]
    fn progress_survives_a_round_trip_through_storage() {
        let lesson = two_steps(r#"{"continue": true}"#);
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("starts");
        run(&mut progress, &lesson, &mut engine, "docker rmi 2fa927b5cdd3");
        progress.after_undo();
        let stored = serde_json::to_string(&progress).expect("serialisable");
        assert_eq!(serde_json::from_str::<Progress>(&stored).expect("readable"), progress);
    }
}
