//! Completion codes (for teachers): a short code shown when a lesson is finished, derived from
//! the lesson, its variant and the final state, and checked offline with `?check=CODE`.
//!
//! The code hashes, for each goal of the last step, the goal as the variant states it and what
//! the final state shows for it: that it holds, and the full digest of every image or layer an
//! `image_present` or `layer_present` goal names by prefix, where the variant's world knows it
//! (a learner who never played that variant has not seen them). These are the same in every
//! state that meets the goals, so a teacher's page checks a code by playing the lesson's own
//! solution and comparing. (Evidence that could differ between two finishes is left out: which
//! image a required tag points to, which branch of an `any` holds.) A code is evidence that the
//! page saw the goals met on that variant, not a cryptographic proof: the page's code is public.

use rmi_engine::digest::sha256_of;
use rmi_engine::Engine;

use super::facts::Facts;
use super::goals::{self, Record};
use super::progress::{Advance, Progress};
use super::schema::{Goal, Lesson, Predicate};
use super::variant::world;

/// The code for `lesson` finished in `engine`'s state with the last step's `records`; `None`
/// unless every goal of the last step holds there.
pub fn completion_code(lesson: &Lesson, engine: &Engine, records: &[Record]) -> Option<String> {
    let last = lesson.steps.last()?;
    let facts = Facts::of(engine);
    if !last.goals.iter().all(|g| goals::holds(g, &facts, records)) {
        return None;
    }
    let known = world(lesson);
    let mut witness = format!("rmi-lesson-code/1\n{}\n{}\n", lesson.id, lesson.variant);
    for goal in &last.goals {
        // The goal as the panel states it on this variant (derived from its predicate).
        let stated = goals::describe(goal).en;
        witness.push_str(&format!("{stated} => {}\n", evidence(goal, &facts, &|id| known.knows(id))));
    }
    let hash = sha256_of(witness.as_bytes());
    let hex = &hash["sha256:".len()..];
    Some(format!("{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12]))
}

/// What the state shows for a goal that holds: the digests it names, where they are the world's.
fn evidence(goal: &Goal, facts: &Facts, known: &dyn Fn(&str) -> bool) -> String {
    let full_ids: Vec<&str> = match &goal.predicate {
        Predicate::ImagePresent(prefix) => {
            facts.images.iter().map(|i| i.id.as_str()).filter(|id| matches(id, prefix)).collect()
        }
        Predicate::LayerPresent(prefix) => {
            facts.layers.iter().map(|l| l.chain_id.as_str()).filter(|id| matches(id, prefix)).collect()
        }
        Predicate::All(inner) => {
            return inner.iter().map(|g| evidence(g, facts, known)).collect::<Vec<_>>().join(",");
        }
        _ => Vec::new(),
    };
    // The facts list objects in the store's order (by ID), the same for every way there.
    let mut shown: Vec<&str> = Vec::new();
    for id in full_ids.into_iter().filter(|id| known(id)) {
        if !shown.contains(&id) {
            shown.push(id);
        }
    }
    format!("met [{}]", shown.join(" "))
}

fn matches(id: &str, prefix: &str) -> bool {
    let stored = id.strip_prefix("sha256:").unwrap_or(id);
    goals::id_prefix(prefix).is_some_and(|hex| stored.starts_with(hex))
}

/// A code as typed: dashes, spaces and case do not matter.
pub fn normalize(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Why a code could not be checked (the lesson's own solution did not finish it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailed(pub String);

/// The code the lesson's own solution earns on its variant: what a teacher compares with.
pub fn reference_code(lesson: &Lesson, now: i64) -> Result<String, CheckFailed> {
    let fail = |m: String| CheckFailed(m);
    let (mut progress, mut engine) = Progress::begin(lesson, now).map_err(|e| fail(e.to_string()))?;
    for step in &lesson.steps {
        for command in &step.solution {
            let outcome = engine.run_line(command);
            match progress.after_command(lesson, command, &outcome, &engine) {
                Advance::Next { fresh: Some(fresh), .. } => engine = *fresh,
                Advance::StartFailed { error, .. } => return Err(fail(error.to_string())),
                Advance::Complete => {
                    return progress.code.clone().ok_or_else(|| fail("the lesson finished without a code".into()))
                }
                _ => {}
            }
        }
    }
    Err(fail("the lesson's solution does not finish it".to_string()))
}

/// Whether `code` is genuine for `lesson` on its variant.
pub fn is_genuine(lesson: &Lesson, code: &str, now: i64) -> Result<bool, CheckFailed> {
    Ok(normalize(&reference_code(lesson, now)?) == normalize(code))
}
