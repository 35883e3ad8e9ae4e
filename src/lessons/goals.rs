//! Goals: whether a predicate holds for one state of the daemon and the commands of the current
//! step, and the text shown for it in each language, derived from the predicate itself.

use rmi_engine::reference::parse_normalized_named;
use rmi_engine::units::human_size;
use serde::{Deserialize, Serialize};

use super::facts::Facts;
use rmi_engine::Invocation;

use super::schema::{Count, Goal, NotUsed, Op, Predicate, Texts};

/// One command the learner ran in the current step and what it printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub command: String,
    /// The lines its docker commands printed, stdout and stderr alike, wherever the shell sent
    /// them (`docker rmi x 2>&1 | grep` counts, `echo` does not).
    pub printed: Vec<String>,
    /// The docker commands it really ran, as the engine parsed them (aliases resolved, flags by
    /// their long names, whatever quoting, substitution or `xargs` produced them).
    #[serde(default)]
    pub invocations: Vec<Invocation>,
    /// It changed the daemon (it emitted events), so the page's undo can take it back.
    pub changed_state: bool,
}

/// Whether `goal` holds for `facts` after the step's commands `records`.
pub fn holds(goal: &Goal, facts: &Facts, records: &[Record]) -> bool {
    let p = &goal.predicate;
    match p {
        Predicate::ReferencePresent(r) => reference_exists(facts, r),
        Predicate::ReferenceAbsent(r) => !reference_exists(facts, r),
        Predicate::ImagePresent(id) => facts.images.iter().any(|i| id_matches(&i.id, id)),
        Predicate::ImageAbsent(id) => !facts.images.iter().any(|i| id_matches(&i.id, id)),
        Predicate::DanglingImages(count) => count.holds(facts.images.iter().filter(|i| i.dangling).count() as u64),
        Predicate::LayerPresent(id) => facts.layers.iter().any(|l| id_matches(&l.chain_id, id)),
        Predicate::LayerAbsent(id) => !facts.layers.iter().any(|l| id_matches(&l.chain_id, id)),
        Predicate::Images(count) => count.holds(facts.images.len() as u64),
        Predicate::Layers(count) => count.holds(facts.layers.len() as u64),
        Predicate::Containers(count) => count.holds(facts.containers.len() as u64),
        Predicate::References(count) => count.holds(facts.references.len() as u64),
        Predicate::ContainerPresent(c) => find_container(facts, c).is_some(),
        Predicate::ContainerAbsent(c) => find_container(facts, c).is_none(),
        Predicate::ContainerRunning(c) => find_container(facts, c).is_some_and(|c| c.running),
        Predicate::ContainerFrom(image) => container_from(facts, image),
        Predicate::DiskUsage(count) => count.holds(facts.disk_usage),
        Predicate::Printed(text) => records.iter().any(|r| r.printed.join("\n").contains(text.as_str())),
        Predicate::NotUsed(rule) => !records.iter().any(|r| uses(&r.invocations, rule)),
        Predicate::All(goals) => goals.iter().all(|g| holds(g, facts, records)),
        Predicate::Any(goals) => goals.iter().any(|g| holds(g, facts, records)),
        Predicate::Not(goal) => !holds(goal, facts, records),
    }
}

/// The reference as the store keeps it: fully qualified, a bare name meaning `:latest`.
pub fn normalize_reference(reference: &str) -> Option<String> {
    parse_normalized_named(reference).ok().map(|named| named.with_default_tag().full())
}

fn reference_exists(facts: &Facts, reference: &str) -> bool {
    normalize_reference(reference).is_some_and(|full| facts.references.iter().any(|r| r.full == full))
}

/// The hex digits of an ID or ID prefix, `sha256:` dropped, when it is one.
pub fn id_prefix(value: &str) -> Option<&str> {
    let hex = value.strip_prefix("sha256:").unwrap_or(value);
    (!hex.is_empty() && hex.len() <= 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then_some(hex)
}

fn id_matches(id: &str, prefix: &str) -> bool {
    let stored = id.strip_prefix("sha256:").unwrap_or(id);
    id_prefix(prefix).is_some_and(|hex| stored.starts_with(hex))
}

fn find_container<'a>(facts: &'a Facts, name_or_id: &str) -> Option<&'a super::facts::ContainerFact> {
    let name = name_or_id.strip_prefix('/').unwrap_or(name_or_id);
    facts
        .containers
        .iter()
        .find(|c| c.name == name)
        .or_else(|| facts.containers.iter().find(|c| id_matches(&c.id, name_or_id)))
}

/// A container made from `image`: the image a reference names now, an ID prefix, or the
/// reference the container was created with (it stays after `rmi -f` removed the tag).
fn container_from(facts: &Facts, image: &str) -> bool {
    let full = normalize_reference(image);
    let tagged: Option<&str> =
        full.as_deref().and_then(|full| facts.references.iter().find(|r| r.full == full)).map(|r| r.image_id.as_str());
    facts.containers.iter().any(|c| {
        tagged == Some(c.image_id.as_str())
            || id_matches(&c.image_id, image)
            || (full.is_some() && normalize_reference(&c.image_ref) == full)
    })
}

/// Whether the docker commands a line ran break the rule: the command (any, when the rule
/// names none), with one of the flags when the rule names flags. Commands and flags are the
/// engine's own reading of what ran (`rmi -f`, `image remove --force`, `$(echo -f)` and
/// `xargs docker rmi -f` are all `image rm` with `force`), not a second parse of the text.
pub fn uses(invocations: &[Invocation], rule: &NotUsed) -> bool {
    let wanted = rule.command.as_deref().map(|name| rmi_engine::cli::resolve_command(name).unwrap_or(name));
    invocations.iter().any(|ran| {
        wanted.is_none_or(|wanted| ran.command == wanted)
            && (rule.flags.is_empty()
                || rule.flags.iter().any(|flag| {
                    rmi_engine::cli::flag_name(&ran.command, flag)
                        .is_some_and(|name| ran.flags.iter().any(|f| f == name))
                }))
    })
}

/// The text shown for a goal: the file's own when it gives one, else derived from the predicate.
pub fn describe(goal: &Goal) -> Texts {
    if let Some(text) = &goal.text {
        return text.clone();
    }
    let both = |en: String, zh: String| Texts { en, zh };
    match &goal.predicate {
        Predicate::ReferencePresent(r) => both(format!("Reference {r} exists"), format!("引用 {r} 存在")),
        Predicate::ReferenceAbsent(r) => both(format!("Reference {r} does not exist"), format!("引用 {r} 不存在")),
        Predicate::ImagePresent(i) => both(format!("Image {i} exists"), format!("镜像 {i} 存在")),
        Predicate::ImageAbsent(i) => both(format!("Image {i} does not exist"), format!("镜像 {i} 不存在")),
        Predicate::DanglingImages(c) => counted("Dangling images (<none>)", "悬空镜像（<none>）", *c),
        Predicate::LayerPresent(l) => both(format!("Layer {l} exists"), format!("层 {l} 存在")),
        Predicate::LayerAbsent(l) => both(format!("Layer {l} does not exist"), format!("层 {l} 不存在")),
        Predicate::Images(c) => counted("Images", "镜像", *c),
        Predicate::Layers(c) => counted("Layers", "层", *c),
        Predicate::Containers(c) => counted("Containers", "容器", *c),
        Predicate::References(c) => counted("References (tags and digests)", "引用（标签和摘要）", *c),
        Predicate::ContainerPresent(c) => both(format!("Container {c} exists"), format!("容器 {c} 存在")),
        Predicate::ContainerAbsent(c) => both(format!("Container {c} does not exist"), format!("容器 {c} 不存在")),
        Predicate::ContainerRunning(c) => both(format!("Container {c} is running"), format!("容器 {c} 正在运行")),
        Predicate::ContainerFrom(i) => {
            both(format!("A container created from {i} exists"), format!("存在一个由 {i} 创建的容器"))
        }
        Predicate::DiskUsage(c) => {
            let bytes = format!("{} bytes ({})", grouped(c.n), human_size(c.n));
            let zh_bytes = format!("{} 字节（{}）", grouped(c.n), human_size(c.n));
            both(
                format!("Disk used by images: {} {bytes}", op_en(c.op)),
                format!("镜像占用的磁盘空间：{}{zh_bytes}", op_zh(c.op)),
            )
        }
        Predicate::Printed(t) => {
            both(format!("A command of this step printed “{t}”"), format!("本步骤的某条命令输出了“{t}”"))
        }
        Predicate::NotUsed(rule) => not_used_text(rule),
        Predicate::All(goals) => joined("All of: ", "以下全部成立：", goals),
        Predicate::Any(goals) => joined("At least one of: ", "以下至少一项成立：", goals),
        Predicate::Not(goal) => {
            let inner = describe(goal);
            both(format!("Not: {}", inner.en), format!("并非：{}", inner.zh))
        }
    }
}

fn op_en(op: Op) -> &'static str {
    match op {
        Op::Eq => "exactly",
        Op::AtMost => "at most",
        Op::AtLeast => "at least",
    }
}

fn op_zh(op: Op) -> &'static str {
    match op {
        Op::Eq => "恰好 ",
        Op::AtMost => "至多 ",
        Op::AtLeast => "至少 ",
    }
}

fn counted(en: &str, zh: &str, count: Count) -> Texts {
    if count.op == Op::Eq && count.n == 0 {
        return Texts { en: format!("{en}: none"), zh: format!("{zh}：没有") };
    }
    Texts {
        en: format!("{en}: {} {}", op_en(count.op), count.n),
        zh: format!("{zh}：{}{} 个", op_zh(count.op), count.n),
    }
}

/// `150000000` as `150,000,000`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn not_used_text(rule: &NotUsed) -> Texts {
    let flags_en = rule.flags.join(" or ");
    let flags_zh = rule.flags.join(" 或 ");
    match (&rule.command, rule.flags.is_empty()) {
        (Some(command), false) => Texts {
            en: format!("docker {command} was not run with {flags_en} in this step"),
            zh: format!("本步骤中 docker {command} 没有使用 {flags_zh}"),
        },
        (Some(command), true) => Texts {
            en: format!("docker {command} was not used in this step"),
            zh: format!("本步骤没有使用 docker {command}"),
        },
        (None, _) => Texts {
            en: format!("No command of this step used {flags_en}"),
            zh: format!("本步骤没有命令使用 {flags_zh}"),
        },
    }
}

fn joined(en: &str, zh: &str, goals: &[Goal]) -> Texts {
    let texts: Vec<Texts> = goals.iter().map(describe).collect();
    Texts {
        en: format!("{en}{}", texts.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join("; ")),
        zh: format!("{zh}{}", texts.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("；")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::progress::Progress;
    use crate::lessons::schema::parse_lesson;

    const NOW: i64 = 1_767_225_600_000_000_000;

    /// The goal's truth before `command`, after it, and after the page undid it (the engine
    /// clone from before the command back in place, the step machine told of the undo).
    fn before_after_undo(goal: &str, scenario: &str, setup: &[&str], command: &str) -> (bool, bool, bool) {
        // A second goal that never holds keeps the step current whatever the first one does.
        let lesson = format!(
            r#"{{"id": "t", "level": "beginner", "title": {{"en": "t", "zh": "t"}}, "brief": {{"en": "t", "zh": "t"}},
              "steps": [{{"title": {{"en": "t", "zh": "t"}}, "brief": {{"en": "t", "zh": "t"}},
                "start": {{"scenario": "{scenario}", "setup": {setup}}},
                "goals": [{goal}, {{"printed": "no command prints this"}}],
                "hints": [], "solution": [], "par": 0}}]}}"#,
            setup = serde_json::to_string(setup).expect("strings serialise")
        );
        let lesson = parse_lesson(&lesson).expect("the test lesson parses");
        let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("the start builds");
        let before = progress.goals(&lesson, &engine)[0].met;
        let earlier = engine.clone();
        let outcome = engine.run_line(command);
        progress.after_command(&lesson, command, &outcome, &engine);
        let after = progress.goals(&lesson, &engine)[0].met;
        progress.after_undo();
        let undone = progress.goals(&lesson, &earlier)[0].met;
        (before, after, undone)
    }

    const BECOMES_TRUE: (bool, bool, bool) = (false, true, false);
    const BECOMES_FALSE: (bool, bool, bool) = (true, false, true);

    #[test]
    fn reference_present_by_familiar_name_bare_name_and_digest() {
        assert_eq!(
            before_after_undo(r#"{"reference_present": "busybox"}"#, "empty", &[], "docker pull busybox"),
            BECOMES_TRUE
        );
        let digest = "busybox@sha256:9b573dea4ac11909b136912d61d06d6253f7dbda7c98c3d746c53f08ea7394ea";
        let goal = format!(r#"{{"reference_present": "{digest}"}}"#);
        assert_eq!(before_after_undo(&goal, "empty", &[], &format!("docker pull {digest}")), BECOMES_TRUE);
        // Pulling by digest adds no tag.
        assert_eq!(
            before_after_undo(
                r#"{"reference_present": "busybox:latest"}"#,
                "empty",
                &[],
                &format!("docker pull {digest}")
            ),
            (false, false, false)
        );
    }

    #[test]
    fn reference_absent_after_untagging() {
        let goal = r#"{"reference_absent": "myubuntu:latest"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi myubuntu:latest"), BECOMES_TRUE);
        let goal = r#"{"reference_absent": "docker.io/library/ubuntu:16.04"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi myubuntu:latest"), (false, false, false));
    }

    #[test]
    fn image_present_and_absent_by_id_prefix_with_or_without_sha256() {
        assert_eq!(
            before_after_undo(r#"{"image_present": "f2a60fc7"}"#, "empty", &[], "docker pull busybox"),
            BECOMES_TRUE
        );
        let goal = r#"{"image_absent": "sha256:8f1bd21bd25c"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi ubuntu:14.04"), BECOMES_TRUE);
        // Untagging one of three tags leaves the image.
        let goal = r#"{"image_absent": "2fa927b5cdd3"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi myubuntu:latest"), (false, false, false));
    }

    #[test]
    fn dangling_count_follows_a_moved_tag() {
        let setup = ["docker pull alpine:3.19", "docker pull alpine:3.20"];
        let retag = "docker tag alpine:3.19 alpine:3.20";
        assert_eq!(before_after_undo(r#"{"dangling_images": 1}"#, "empty", &setup, retag), BECOMES_TRUE);
        assert_eq!(before_after_undo(r#"{"dangling_images": {">=": 1}}"#, "empty", &setup, retag), BECOMES_TRUE);
        assert_eq!(before_after_undo(r#"{"dangling_images": {"<=": 0}}"#, "empty", &setup, retag), BECOMES_FALSE);
    }

    #[test]
    fn an_untagged_parent_is_not_dangling() {
        // `docker images -f dangling=true` does not list an untagged image with a child.
        let goal = r#"{"dangling_images": {">=": 1}}"#;
        assert_eq!(before_after_undo(goal, "commit-chain", &[], "docker rmi app:v1"), (false, false, false));
    }

    #[test]
    fn layer_present_and_absent_by_chain_id_prefix() {
        assert_eq!(
            before_after_undo(r#"{"layer_present": "f221abc9"}"#, "empty", &[], "docker pull busybox"),
            BECOMES_TRUE
        );
        let goal = r#"{"layer_absent": "a7e1c363defb"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi ubuntu:14.04"), BECOMES_TRUE);
    }

    #[test]
    fn counts_of_images_layers_references_and_containers() {
        let rmi = "docker rmi ubuntu:14.04";
        assert_eq!(before_after_undo(r#"{"images": 1}"#, "rmi-tutorial", &[], rmi), BECOMES_TRUE);
        assert_eq!(before_after_undo(r#"{"layers": {"<=": 5}}"#, "rmi-tutorial", &[], rmi), BECOMES_TRUE);
        assert_eq!(before_after_undo(r#"{"references": {">=": 4}}"#, "rmi-tutorial", &[], rmi), BECOMES_FALSE);
        let run = "docker run ubuntu:14.04 true";
        assert_eq!(before_after_undo(r#"{"containers": {">=": 1}}"#, "rmi-tutorial", &[], run), BECOMES_TRUE);
    }

    #[test]
    fn containers_by_name_or_id_prefix_and_running() {
        let run = "docker run ubuntu:14.04 echo hi";
        assert_eq!(before_after_undo(r#"{"container_present": "a21c0840"}"#, "rmi-tutorial", &[], run), BECOMES_TRUE);
        assert_eq!(
            before_after_undo(r#"{"container_absent": "romantic_euler"}"#, "rmi-tutorial", &[], run),
            BECOMES_FALSE
        );
        // An exited container is present but not running.
        assert_eq!(
            before_after_undo(r#"{"container_running": "romantic_euler"}"#, "rmi-tutorial", &[], run),
            (false, false, false)
        );
        let setup = ["docker pull nginx:1.25", "docker create --name web nginx:1.25"];
        assert_eq!(
            before_after_undo(r#"{"container_running": "web"}"#, "empty", &setup, "docker start web"),
            BECOMES_TRUE
        );
    }

    #[test]
    fn container_from_a_reference_or_an_image_id() {
        let run = "docker run ubuntu:14.04 echo hi";
        assert_eq!(before_after_undo(r#"{"container_from": "ubuntu:14.04"}"#, "rmi-tutorial", &[], run), BECOMES_TRUE);
        assert_eq!(before_after_undo(r#"{"container_from": "8f1bd21b"}"#, "rmi-tutorial", &[], run), BECOMES_TRUE);
        assert_eq!(
            before_after_undo(r#"{"container_from": "ubuntu:16.04"}"#, "rmi-tutorial", &[], run),
            (false, false, false)
        );
        // After `rmi -f` the tag is gone but the container still says what it was made from.
        let setup = ["docker run ubuntu:14.04 echo hi"];
        let goal = r#"{"container_from": "ubuntu:14.04"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &setup, "docker rmi -f ubuntu:14.04"), (true, true, true));
    }

    #[test]
    fn disk_usage_counts_each_layer_once() {
        // ubuntu:16.04's five layers: 121,973,245 + 45,612 + 870 + 5 + 7 bytes.
        let rmi = "docker rmi ubuntu:14.04";
        assert_eq!(before_after_undo(r#"{"disk_usage": {"<=": 122019739}}"#, "rmi-tutorial", &[], rmi), BECOMES_TRUE);
        assert_eq!(
            before_after_undo(r#"{"disk_usage": {"<=": 122019738}}"#, "rmi-tutorial", &[], rmi),
            (false, false, false)
        );
    }

    #[test]
    fn printed_looks_at_this_steps_output_and_follows_undo() {
        let goal = r#"{"printed": "image is referenced in multiple repositories"}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi 2fa927b5cdd3"), BECOMES_TRUE);
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi myubuntu:latest"), (false, false, false));
        // Docker's words count wherever the shell sends them, and only when Docker said them.
        let piped = "docker rmi 2fa927b5cdd3 2>&1 | grep -c referenced";
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], piped), BECOMES_TRUE);
        let echoed = "echo 'Error response from daemon: image is referenced in multiple repositories'";
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], echoed), (false, false, false));
        let unknown = r#"{"printed": "is not a docker command"}"#;
        // A call refused before it ran changes nothing, so undo takes back an earlier command.
        assert_eq!(before_after_undo(unknown, "rmi-tutorial", &[], "docker rmii x"), (false, true, true));
    }

    #[test]
    fn not_used_is_broken_by_the_flag_and_restored_by_undo() {
        let goal = r#"{"not_used": {"command": "rmi", "flags": ["-f", "--force"]}}"#;
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi -f ubuntu:14.04"), BECOMES_FALSE);
        assert_eq!(before_after_undo(goal, "rmi-tutorial", &[], "docker rmi ubuntu:14.04"), (true, true, true));
    }

    #[test]
    fn all_any_and_not_combine() {
        let rmi = "docker rmi myubuntu:latest";
        let all = r#"{"all": [{"reference_absent": "myubuntu:latest"}, {"image_present": "2fa927b5cdd3"}]}"#;
        assert_eq!(before_after_undo(all, "rmi-tutorial", &[], rmi), BECOMES_TRUE);
        let any = r#"{"any": [{"reference_absent": "myubuntu:latest"}, {"images": 0}]}"#;
        assert_eq!(before_after_undo(any, "rmi-tutorial", &[], rmi), BECOMES_TRUE);
        let not = r#"{"not": {"reference_present": "myubuntu:latest"}}"#;
        assert_eq!(before_after_undo(not, "rmi-tutorial", &[], rmi), BECOMES_TRUE);
        let all_unmet = r#"{"all": [{"reference_absent": "myubuntu:latest"}, {"images": 0}]}"#;
        assert_eq!(before_after_undo(all_unmet, "rmi-tutorial", &[], rmi), (false, false, false));
    }

    fn rule(command: Option<&str>, flags: &[&str]) -> NotUsed {
        NotUsed { command: command.map(str::to_string), flags: flags.iter().map(|f| f.to_string()).collect() }
    }

    /// What the engine ran for `line` on the book's machine with a container named web.
    fn ran(line: &str) -> Vec<rmi_engine::Invocation> {
        let mut engine = rmi_engine::scenarios::build("rmi-tutorial", 1, NOW).expect("scenario");
        engine.run_line("docker create --name web ubuntu:16.04 true");
        engine.run_line(line).invocations
    }

    #[test]
    fn a_flag_counts_in_any_spelling_of_its_command() {
        let force = rule(Some("rmi"), &["-f", "--force"]);
        assert!(uses(&ran("docker rmi -f ubuntu:14.04"), &force));
        assert!(uses(&ran("docker image rm --force ubuntu:14.04"), &force));
        assert!(uses(&ran("docker image remove -f x"), &force));
        assert!(uses(&ran("docker images -q | xargs docker rmi -f"), &force));
        assert!(uses(&ran("docker rmi $(docker images -q) --force"), &force));
        // What the shell makes of the words counts, not how they were typed.
        assert!(uses(&ran("docker rmi $(echo -f) ubuntu:14.04"), &force));
        assert!(uses(&ran("echo -f | xargs docker rmi ubuntu:14.04"), &force));
        assert!(uses(&ran("docker rmi '--force' ubuntu:14.04"), &force));
        // `-f` of `docker images` is --filter, `docker rm -f` is another command, and a line
        // that only prints the words runs nothing.
        assert!(!uses(&ran("docker rmi $(docker images -q -f dangling=true)"), &force));
        assert!(!uses(&ran("docker rm -f web"), &force));
        assert!(!uses(&ran("docker rmi ubuntu:14.04"), &force));
        assert!(!uses(&ran("echo docker rmi -f x"), &force));
    }

    #[test]
    fn short_flags_combine_and_commands_without_flags_are_forbidden_whole() {
        assert!(uses(&ran("docker rm -fv web"), &rule(Some("rm"), &["-f"])));
        assert!(uses(&ran("docker container rm -vf web"), &rule(Some("container rm"), &["-f"])));
        let prune = rule(Some("image prune"), &[]);
        assert!(uses(&ran("docker image prune -f"), &prune));
        assert!(!uses(&ran("docker system prune -f"), &prune));
        assert!(!uses(&ran("docker images"), &prune));
        let anywhere = rule(None, &["--no-prune"]);
        assert!(uses(&ran("docker rmi --no-prune myubuntu:latest"), &anywhere));
        assert!(!uses(&ran("docker rmi myubuntu:latest"), &anywhere));
        assert!(!uses(&ran("echo docker --no-prune-like"), &rule(None, &["-f"])));
    }

    fn goal(json: &str) -> Goal {
        serde_json::from_str(json).expect("a valid goal")
    }

    #[test]
    fn texts_are_derived_from_the_predicate_in_both_languages() {
        let text = describe(&goal(r#"{"reference_absent": "ubuntu:14.04"}"#));
        assert_eq!(
            text,
            Texts { en: "Reference ubuntu:14.04 does not exist".into(), zh: "引用 ubuntu:14.04 不存在".into() }
        );
        let text = describe(&goal(r#"{"disk_usage": {"<=": 150000000}}"#));
        assert_eq!(text.en, "Disk used by images: at most 150,000,000 bytes (150MB)");
        assert_eq!(text.zh, "镜像占用的磁盘空间：至多 150,000,000 字节（150MB）");
        assert_eq!(describe(&goal(r#"{"containers": 0}"#)).en, "Containers: none");
        assert_eq!(describe(&goal(r#"{"dangling_images": {">=": 2}}"#)).zh, "悬空镜像（<none>）：至少 2 个");
        let text = describe(&goal(r#"{"not_used": {"command": "rmi", "flags": ["-f", "--force"]}}"#));
        assert_eq!(text.en, "docker rmi was not run with -f or --force in this step");
        let text = describe(&goal(r#"{"any": [{"images": 0}, {"not": {"layers": {">=": 1}}}]}"#));
        assert_eq!(text.en, "At least one of: Images: none; Not: Layers: at least 1");
    }

    #[test]
    fn a_files_own_text_replaces_the_derived_one() {
        let text = describe(&goal(r#"{"images": 0, "text": {"en": "Nothing left", "zh": "什么都不剩"}}"#));
        assert_eq!(text, Texts { en: "Nothing left".into(), zh: "什么都不剩".into() });
    }
}
