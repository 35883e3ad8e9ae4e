//! A lesson on another variant of the world (`?variant=N`, for teachers): every text, command
//! and goal of the file carried over with the engine's [`Variant`] tables, and byte thresholds
//! scaled with the layer sizes, so the same moves solve it and the same answers do not.

use rmi_engine::lex::split_script;
use rmi_engine::reference::parse_normalized_named;
use rmi_engine::variant::Variant;

use super::schema::{Count, Goal, Lesson, NotUsed, Op, Predicate, Start, Texts};

/// The largest variant number a URL may ask for (any u32 works; this keeps codes short to say).
pub const MAX_VARIANT: u32 = 9999;

/// The world of `lesson` on its variant, with the lesson's own repository names added (those its
/// commands create with `tag` or `commit`).
pub fn world(lesson: &Lesson) -> Variant {
    let mut variant = Variant::new(lesson.variant);
    let commands = lesson.steps.iter().flat_map(|step| {
        let setup = match &step.start {
            Start::Fresh { setup, .. } => setup.as_slice(),
            Start::Continue => &[],
        };
        setup.iter().chain(&step.solution)
    });
    let mut names = Vec::new();
    for command in commands {
        for (words, _) in split_script(command) {
            if let [docker, action, _, target, ..] = words.as_slice() {
                if docker == "docker" && (action == "tag" || action == "commit") {
                    if let Ok(named) = parse_normalized_named(target) {
                        names.push(named.familiar_name());
                    }
                }
            }
        }
    }
    variant.add_local_names(names.iter().map(String::as_str));
    variant
}

/// `lesson` (as written, variant 0) on variant `number`.
pub fn on_variant(lesson: &Lesson, number: u32) -> Lesson {
    let mut base = lesson.clone();
    base.variant = number;
    if number == 0 {
        return base;
    }
    let variant = world(&base);
    let texts = |t: &Texts| Texts { en: variant.rewrite(&t.en), zh: variant.rewrite(&t.zh) };
    let mut out = base.clone();
    out.title = texts(&base.title);
    out.brief = texts(&base.brief);
    for step in &mut out.steps {
        step.title = texts(&step.title);
        step.brief = texts(&step.brief);
        step.hints = step.hints.iter().map(texts).collect();
        step.solution = step.solution.iter().map(|c| variant.rewrite(c)).collect();
        step.goals = step.goals.iter().map(|g| goal(g, &variant)).collect();
        if let Start::Fresh { setup, .. } = &mut step.start {
            *setup = setup.iter().map(|c| variant.rewrite(c)).collect();
        }
    }
    out
}

/// Each layer's size is scaled and rounded on its own, so a sum on the variant may differ from
/// the scaled sum by up to half a byte per layer: a threshold leaves that much room, in the
/// direction that keeps a solution of variant 0 a solution here. Zero stays zero.
const ROUNDING_ROOM: u64 = 256;

fn scaled_bytes(count: &Count, variant: &Variant) -> u64 {
    let n = variant.scale(count.n);
    match count.op {
        _ if count.n == 0 => 0,
        Op::AtMost => n.saturating_add(ROUNDING_ROOM),
        Op::AtLeast => n.saturating_sub(ROUNDING_ROOM),
        Op::Eq => n,
    }
}

fn goal(goal: &Goal, variant: &Variant) -> Goal {
    let text = |s: &String| variant.rewrite(s);
    let predicate = match &goal.predicate {
        Predicate::ReferencePresent(s) => Predicate::ReferencePresent(text(s)),
        Predicate::ReferenceAbsent(s) => Predicate::ReferenceAbsent(text(s)),
        Predicate::ImagePresent(s) => Predicate::ImagePresent(text(s)),
        Predicate::ImageAbsent(s) => Predicate::ImageAbsent(text(s)),
        Predicate::LayerPresent(s) => Predicate::LayerPresent(text(s)),
        Predicate::LayerAbsent(s) => Predicate::LayerAbsent(text(s)),
        Predicate::ContainerPresent(s) => Predicate::ContainerPresent(text(s)),
        Predicate::ContainerAbsent(s) => Predicate::ContainerAbsent(text(s)),
        Predicate::ContainerRunning(s) => Predicate::ContainerRunning(text(s)),
        Predicate::ContainerFrom(s) => Predicate::ContainerFrom(text(s)),
        Predicate::Printed(s) => Predicate::Printed(text(s)),
        Predicate::DiskUsage(count) => Predicate::DiskUsage(Count { op: count.op, n: scaled_bytes(count, variant) }),
        Predicate::NotUsed(rule) => {
            Predicate::NotUsed(NotUsed { command: rule.command.clone(), flags: rule.flags.clone() })
        }
        Predicate::All(goals) => Predicate::All(goals.iter().map(|g| self::goal(g, variant)).collect()),
        Predicate::Any(goals) => Predicate::Any(goals.iter().map(|g| self::goal(g, variant)).collect()),
        Predicate::Not(inner) => Predicate::Not(Box::new(self::goal(inner, variant))),
        other @ (Predicate::DanglingImages(_)
        | Predicate::Images(_)
        | Predicate::Layers(_)
        | Predicate::Containers(_)
        | Predicate::References(_)) => other.clone(),
    };
    let text = goal.text.as_ref().map(|t| Texts { en: variant.rewrite(&t.en), zh: variant.rewrite(&t.zh) });
    Goal { predicate, text }
}
