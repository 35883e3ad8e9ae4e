//! Goals: whether a predicate holds for one state of the daemon and the commands of the current
//! step, and the text shown for it in each language, derived from the predicate itself.

use rmi_engine::reference::parse_normalized_named;
use rmi_engine::units::human_size;
use serde::{Deserialize, Serialize};

use super::facts::Facts;
use super::schema::{Count, Goal, NotUsed, Op, Predicate, Texts};

/// One command the learner ran in the current step and what it printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub command: String,
    /// Its terminal lines, stdout and stderr alike.
    pub printed: Vec<String>,
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
        Predicate::NotUsed(rule) => !records.iter().any(|r| uses(&r.command, rule)),
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

/// The docker commands in a shell line: each one's words after `docker`. Separators, pipes
/// and substitutions split the line; `xargs docker rmi` still counts as `docker rmi`.
fn docker_invocations(line: &str) -> Vec<Vec<String>> {
    line.split([';', '&', '|', '(', ')', '`', '\n'])
        .filter_map(|segment| {
            let words: Vec<String> = segment
                .split_whitespace()
                .map(|w| w.trim_matches(|c| c == '"' || c == '\'' || c == '$').to_string())
                .collect();
            let at = words.iter().position(|w| w == "docker")?;
            Some(words[at + 1..].to_vec())
        })
        .collect()
}

/// The docker CLI's aliases, each mapped to its management-command form.
const ALIASES: &[(&str, &str)] = &[
    ("rmi", "image rm"),
    ("image remove", "image rm"),
    ("images", "image ls"),
    ("image list", "image ls"),
    ("tag", "image tag"),
    ("pull", "image pull"),
    ("history", "image history"),
    ("rm", "container rm"),
    ("container remove", "container rm"),
    ("ps", "container ls"),
    ("container list", "container ls"),
    ("container ps", "container ls"),
    ("run", "container run"),
    ("create", "container create"),
    ("commit", "container commit"),
    ("start", "container start"),
    ("stop", "container stop"),
    ("kill", "container kill"),
    ("restart", "container restart"),
];

/// The command's words in management form (`rmi` -> `image rm`), flags left out.
fn canonical_command(words: &[String]) -> Vec<String> {
    let leading: Vec<&str> = words.iter().take_while(|w| !w.starts_with('-')).map(String::as_str).collect();
    for take in [2, 1] {
        if leading.len() >= take {
            let head = leading[..take].join(" ");
            if let Some((_, canonical)) = ALIASES.iter().find(|(alias, _)| *alias == head) {
                let mut out: Vec<String> = canonical.split(' ').map(str::to_string).collect();
                out.extend(leading[take..].iter().map(|w| w.to_string()));
                return out;
            }
        }
    }
    leading.iter().map(|w| w.to_string()).collect()
}

fn flag_given(words: &[String], flag: &str) -> bool {
    if let Some(long) = flag.strip_prefix("--") {
        return words.iter().any(|w| w.strip_prefix("--").is_some_and(|given| given.split('=').next() == Some(long)));
    }
    let Some(letter) = flag.strip_prefix('-').and_then(|l| l.chars().next()) else {
        return false;
    };
    // Short flags combine (`rm -fv`); a value may follow `=`.
    words.iter().any(|w| {
        w.strip_prefix('-')
            .filter(|cluster| !cluster.starts_with('-'))
            .is_some_and(|cluster| cluster.split('=').next().unwrap_or("").contains(letter))
    })
}

/// Whether `line` breaks the rule: runs the command (with one of the flags, when flags are named).
pub fn uses(line: &str, rule: &NotUsed) -> bool {
    let wanted: Option<Vec<String>> =
        rule.command.as_ref().map(|c| canonical_command(&c.split_whitespace().map(str::to_string).collect::<Vec<_>>()));
    docker_invocations(line).iter().any(|words| {
        let command_matches = wanted.as_ref().is_none_or(|wanted| canonical_command(words).starts_with(wanted));
        command_matches && (rule.flags.is_empty() || rule.flags.iter().any(|f| flag_given(words, f)))
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
