//! What `lesson-check` verifies in a lesson file beyond its shape: every text in both
//! languages, valid goal arguments, and each step's solution replayed through the same step
//! machine the page uses (goals unmet at the step's start, all met exactly at its end, par
//! equal to the solution's length).

use super::goals::{id_prefix, normalize_reference};
use super::progress::{Advance, Progress};
use super::schema::{Goal, Lesson, Predicate, Texts};

/// One thing wrong with a lesson; `step` is 0-based and shown as `steps[i]`, as the parser
/// names fields; `None` for the lesson as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub step: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.step {
            Some(step) => write!(f, "steps[{step}]: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Every problem of `lesson`; `file_stem` (the file's name without `.json`) must equal its id.
pub fn check(lesson: &Lesson, file_stem: Option<&str>, now: i64) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |step: Option<usize>, message: String| problems.push(Problem { step, message });
    if lesson.id.is_empty() || !lesson.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        report(None, format!("id {:?} must be lowercase letters, digits and '-'", lesson.id));
    }
    if let Some(stem) = file_stem.filter(|stem| *stem != lesson.id) {
        report(None, format!("id {:?} differs from the file name {stem:?}", lesson.id));
    }
    texts_present(&lesson.title, "title", None, &mut report);
    texts_present(&lesson.brief, "brief", None, &mut report);
    if lesson.steps.is_empty() {
        report(None, "a lesson needs at least one step".to_string());
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        let at = Some(i);
        texts_present(&step.title, "title", at, &mut report);
        texts_present(&step.brief, "brief", at, &mut report);
        for (h, hint) in step.hints.iter().enumerate() {
            texts_present(hint, &format!("hints[{h}]"), at, &mut report);
        }
        if step.hints.is_empty() {
            report(at, "a step needs at least one hint".to_string());
        }
        if step.goals.is_empty() {
            report(at, "a step needs at least one goal".to_string());
        }
        for (g, goal) in step.goals.iter().enumerate() {
            goal_arguments(goal, &format!("goals[{g}]"), at, &mut report);
        }
        if step.solution.is_empty() {
            report(at, "the solution needs at least one command".to_string());
        }
        if step.par != step.solution.len() {
            let n = step.solution.len();
            report(
                at,
                format!("par is {} but the solution has {n} command{}", step.par, if n == 1 { "" } else { "s" }),
            );
        }
    }
    if problems.is_empty() {
        replay(lesson, now, &mut problems);
    }
    problems
}

fn texts_present(texts: &Texts, field: &str, step: Option<usize>, report: &mut impl FnMut(Option<usize>, String)) {
    for (lang, text) in [("en", &texts.en), ("zh", &texts.zh)] {
        if text.trim().is_empty() {
            report(step, format!("{field}.{lang} is empty"));
        }
    }
}

fn goal_arguments(goal: &Goal, field: &str, step: Option<usize>, report: &mut impl FnMut(Option<usize>, String)) {
    if let Some(text) = &goal.text {
        texts_present(text, &format!("{field}.text"), step, report);
    }
    let mut bad = |what: &str, value: &str| report(step, format!("{field}: {value:?} is not {what}"));
    match &goal.predicate {
        Predicate::ReferencePresent(r) | Predicate::ReferenceAbsent(r) if normalize_reference(r).is_none() => {
            bad("a valid reference", r)
        }
        Predicate::ImagePresent(id)
        | Predicate::ImageAbsent(id)
        | Predicate::LayerPresent(id)
        | Predicate::LayerAbsent(id)
            if id_prefix(id).is_none() =>
        {
            bad("an ID or ID prefix (hex digits, optionally after sha256:)", id)
        }
        Predicate::ContainerFrom(image) if normalize_reference(image).is_none() && id_prefix(image).is_none() => {
            bad("a reference or an image ID prefix", image)
        }
        Predicate::ContainerPresent(c) | Predicate::ContainerAbsent(c) | Predicate::ContainerRunning(c)
            if c.trim().is_empty() =>
        {
            bad("a container name or ID prefix", c)
        }
        Predicate::Printed(text) if text.is_empty() => bad("a text to look for", text),
        Predicate::NotUsed(rule) => {
            if rule.command.is_none() && rule.flags.is_empty() {
                report(step, format!("{field}: not_used needs a command, flags, or both"));
            }
            for flag in rule.flags.iter().filter(|f| !f.starts_with('-') || f.len() < 2) {
                report(step, format!("{field}: {flag:?} is not a flag (-x or --name)"));
            }
            if let Some(name) = &rule.command {
                match rmi_engine::cli::resolve_command(name) {
                    None => report(step, format!("{field}: {name:?} is not a docker command the playground knows")),
                    Some(command) => {
                        let flags = rule.flags.iter().filter(|f| f.starts_with('-') && f.len() >= 2);
                        for flag in flags.filter(|f| rmi_engine::cli::flag_name(command, f).is_none()) {
                            report(step, format!("{field}: docker {name} has no flag {flag}"));
                        }
                    }
                }
            }
        }
        Predicate::All(goals) | Predicate::Any(goals) => {
            if goals.is_empty() {
                report(step, format!("{field}: an empty list of goals"));
            }
            for (i, inner) in goals.iter().enumerate() {
                goal_arguments(inner, &format!("{field}[{i}]"), step, report);
            }
        }
        Predicate::Not(inner) => goal_arguments(inner, &format!("{field}.not"), step, report),
        _ => {}
    }
}

/// Plays every step's solution through the step machine, as a learner typing it would.
fn replay(lesson: &Lesson, now: i64, problems: &mut Vec<Problem>) {
    let mut report = |step: usize, message: String| problems.push(Problem { step: Some(step), message });
    let (mut progress, mut engine) = match Progress::begin(lesson, now) {
        Ok(started) => started,
        Err(error) => return report(0, error.to_string()),
    };
    for (i, step) in lesson.steps.iter().enumerate() {
        if progress.goals(lesson, &engine).iter().all(|g| g.met) {
            report(i, "the goals are already met at the step's start".to_string());
            return;
        }
        let mut advanced = None;
        for (n, command) in step.solution.iter().enumerate() {
            let outcome = engine.run_line(command);
            let advance = progress.after_command(lesson, command, &outcome, &engine);
            if advance == Advance::Stay {
                continue;
            }
            if n + 1 < step.solution.len() {
                report(
                    i,
                    format!(
                        "the goals are met after command {} of {}: the solution is longer than needed",
                        n + 1,
                        step.solution.len()
                    ),
                );
                return;
            }
            advanced = Some(advance);
        }
        match advanced {
            None => {
                let unmet: Vec<String> =
                    progress.goals(lesson, &engine).into_iter().filter(|g| !g.met).map(|g| g.text.en).collect();
                report(i, format!("after the solution these goals are unmet: {}", unmet.join("; ")));
                return;
            }
            Some(Advance::StartFailed { step, error }) => return report(step, error.to_string()),
            Some(Advance::Next { fresh: Some(fresh), .. }) => engine = *fresh,
            Some(_) => {}
        }
    }
}
