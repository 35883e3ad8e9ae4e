//! The lesson file format (`lessons/<id>.json`), read with serde. Unknown fields are refused and
//! every error names the field path and the line and column, so an author can find the mistake.

use std::fmt;

use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A text in both languages of the page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub en: String,
    pub zh: String,
}

impl Texts {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.en,
            crate::i18n::Lang::Zh => &self.zh,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Beginner, Level::Intermediate, Level::Advanced];
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub level: Level,
    pub title: Texts,
    pub brief: Texts,
    pub steps: Vec<Step>,
    /// The variant of the world it is played on (`?variant=N`; 0 as written). Not in files.
    #[serde(skip)]
    pub variant: u32,
    /// Whether a share link can name it: a lesson of the lessons folder, fetched by id (an
    /// author's `?lesson-url=` file cannot be fetched back from a link). Not in files.
    #[serde(skip, default = "yes")]
    pub shareable: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: Texts,
    pub brief: Texts,
    pub start: Start,
    pub goals: Vec<Goal>,
    pub hints: Vec<Texts>,
    pub solution: Vec<String>,
    pub par: usize,
}

/// Where a step starts: where the previous one left off, or a fresh daemon.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "StartSpec")]
pub enum Start {
    Continue,
    Fresh {
        scenario: String,
        seed: u64,
        /// Commands run silently before the learner's first one.
        setup: Vec<String>,
    },
}

/// `start` as written: `{"continue": true}` or `{"scenario": …, "seed": …, "setup": […]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StartSpec {
    #[serde(rename = "continue")]
    continues: Option<bool>,
    scenario: Option<String>,
    seed: Option<u64>,
    #[serde(default)]
    setup: Option<Vec<String>>,
}

impl TryFrom<StartSpec> for Start {
    type Error = String;

    fn try_from(spec: StartSpec) -> Result<Start, String> {
        match (spec.continues, spec.scenario) {
            (Some(true), None) if spec.seed.is_none() && spec.setup.is_none() => Ok(Start::Continue),
            (Some(true), _) => Err("a start that continues takes no scenario, seed or setup".to_string()),
            (Some(false) | None, Some(scenario)) => {
                Ok(Start::Fresh { scenario, seed: spec.seed.unwrap_or(1), setup: spec.setup.unwrap_or_default() })
            }
            (Some(false) | None, None) => Err(
                "a start is either {\"continue\": true} or {\"scenario\": NAME, \"seed\": N, \"setup\": [COMMANDS]}"
                    .to_string(),
            ),
        }
    }
}

/// A comparison with a number: `3` (exactly), `{"=": 3}`, `{"<=": 3}` or `{">=": 3}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub op: Op,
    pub n: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    AtMost,
    AtLeast,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::AtMost => "<=",
            Op::AtLeast => ">=",
        }
    }
}

impl Count {
    pub fn holds(self, value: u64) -> bool {
        match self.op {
            Op::Eq => value == self.n,
            Op::AtMost => value <= self.n,
            Op::AtLeast => value >= self.n,
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Count, D::Error> {
        deserializer.deserialize_any(CountVisitor)
    }
}

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Count;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"a count: a number, or {"=": N}, {"<=": N} or {">=": N}"#)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Count, E> {
        Ok(Count { op: Op::Eq, n })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Count, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(r#"a count needs one of "=", "<=", ">=""#));
        };
        let op = match key.as_str() {
            "=" => Op::Eq,
            "<=" => Op::AtMost,
            ">=" => Op::AtLeast,
            other => return Err(de::Error::unknown_field(other, &["=", "<=", ">="])),
        };
        let n = map.next_value()?;
        if map.next_key::<String>()?.is_some() {
            return Err(de::Error::custom("a count has exactly one comparison"));
        }
        Ok(Count { op, n })
    }
}

/// "This step must not use …": a docker command (any when absent) and its flags. Without
/// flags, the command itself must not be used.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotUsed {
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default)]
    pub flags: Vec<String>,
}

/// What a goal asks of the store or of the step's commands.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predicate {
    /// A reference (`ubuntu:14.04`, `busybox@sha256:…`; a bare name means `:latest`).
    ReferencePresent(String),
    ReferenceAbsent(String),
    /// An image by full ID or ID prefix (with or without `sha256:`).
    ImagePresent(String),
    ImageAbsent(String),
    DanglingImages(Count),
    /// A layer by ChainID or prefix.
    LayerPresent(String),
    LayerAbsent(String),
    Images(Count),
    Layers(Count),
    Containers(Count),
    References(Count),
    /// A container by name or ID prefix.
    ContainerPresent(String),
    ContainerAbsent(String),
    ContainerRunning(String),
    /// Some container was created from this image (a reference or an ID prefix).
    ContainerFrom(String),
    /// The images' disk usage in bytes, as `docker system df` counts it.
    DiskUsage(Count),
    /// A command of this step printed this text (stdout or stderr).
    Printed(String),
    NotUsed(NotUsed),
    All(Vec<Goal>),
    Any(Vec<Goal>),
    Not(Box<Goal>),
}

/// Every predicate's key, in the order the documentation lists them.
pub const PREDICATE_NAMES: &[&str] = &[
    "reference_present",
    "reference_absent",
    "image_present",
    "image_absent",
    "dangling_images",
    "layer_present",
    "layer_absent",
    "images",
    "layers",
    "containers",
    "references",
    "container_present",
    "container_absent",
    "container_running",
    "container_from",
    "disk_usage",
    "printed",
    "not_used",
    "all",
    "any",
    "not",
];

/// A predicate and, optionally, the text shown for it instead of the one derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub predicate: Predicate,
    pub text: Option<Texts>,
}

impl<'de> Deserialize<'de> for Goal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Goal, D::Error> {
        deserializer.deserialize_map(GoalVisitor)
    }
}

struct GoalVisitor;

impl<'de> Visitor<'de> for GoalVisitor {
    type Value = Goal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"a goal: an object with one predicate, such as {"reference_absent": "ubuntu:14.04"}"#)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Goal, A::Error> {
        let mut text = None;
        let mut predicate = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "text" {
                if text.is_some() {
                    return Err(de::Error::duplicate_field("text"));
                }
                text = Some(map.next_value::<Texts>()?);
                continue;
            }
            if !PREDICATE_NAMES.contains(&key.as_str()) {
                return Err(de::Error::custom(format!(
                    "unknown predicate {key:?}, expected one of {}",
                    PREDICATE_NAMES.join(", ")
                )));
            }
            if predicate.is_some() {
                return Err(de::Error::custom(format!(
                    "a goal has one predicate, found a second ({key:?}); combine several with \"all\""
                )));
            }
            // The derived enum reads `{key: value}` as its variant; the key is handed back to
            // it and the value read from the real map, so errors inside keep their path.
            let entry = OneEntry { key: Some(key), map: &mut map };
            predicate = Some(Predicate::deserialize(MapAccessDeserializer::new(entry))?);
        }
        match predicate {
            Some(predicate) => Ok(Goal { predicate, text }),
            None => Err(de::Error::custom(format!("a goal needs a predicate, one of {}", PREDICATE_NAMES.join(", ")))),
        }
    }
}

/// A map of one entry whose key was already read from `map`.
struct OneEntry<'a, A> {
    key: Option<String>,
    map: &'a mut A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for OneEntry<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.key.take() {
            Some(key) => {
                let key: StringDeserializer<A::Error> = key.into_deserializer();
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// Why a lesson file could not be read: where (field path, line, column) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// `steps[2].goals[0]`; empty for the file as a whole.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let path = if self.path.is_empty() { "the file" } else { &self.path };
        write!(f, "{path}: {} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// Reads a lesson file's text.
pub fn parse_lesson(text: &str) -> Result<Lesson, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let lesson: Lesson = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        parse_error(if path == "." { String::new() } else { path }, &error.into_inner())
    })?;
    // Text after the lesson's closing brace is a mistake too (two lessons pasted in one file).
    deserializer.end().map_err(|error| parse_error(String::new(), &error))?;
    if lesson.steps.is_empty() {
        // Where the empty list is, as serde_json counts: lines from 1, columns in bytes.
        let at = text.find("\"steps\"").unwrap_or(0);
        let line = text[..at].matches('\n').count() + 1;
        let column = at - text[..at].rfind('\n').map_or(0, |newline| newline + 1) + 1;
        let message = "a lesson needs at least one step".to_string();
        return Err(ParseError { path: "steps".to_string(), line, column, message });
    }
    Ok(lesson)
}

fn parse_error(path: String, error: &serde_json::Error) -> ParseError {
    let (line, column) = (error.line(), error.column());
    // serde_json's text ends with its own " at line L column C"; the position is kept apart
    // so that the message can name the field first.
    let full = error.to_string();
    let message = full.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&full).to_string();
    ParseError { path, line, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(json: &str) -> Result<Goal, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_lesson_without_steps_is_refused_where_its_steps_are() {
        let text = "{\n  \"id\": \"x\",\n  \"steps\": []\n}";
        let mut lesson: serde_json::Value = serde_json::from_str(include_str!("../../lessons/book-rmi.json")).unwrap();
        lesson["steps"] = serde_json::json!([]);
        let error = parse_lesson(&serde_json::to_string_pretty(&lesson).unwrap()).unwrap_err();
        assert_eq!((error.path.as_str(), error.message.as_str()), ("steps", "a lesson needs at least one step"));
        assert!(error.line > 1 && error.column > 1, "{error}");
        assert!(parse_lesson(text).is_err());
    }

    #[test]
    fn counts_are_a_number_or_one_comparison() {
        let count = |json: &str| serde_json::from_str::<Count>(json).map_err(|e| e.to_string());
        assert_eq!(count("3"), Ok(Count { op: Op::Eq, n: 3 }));
        assert_eq!(count(r#"{"=": 3}"#), Ok(Count { op: Op::Eq, n: 3 }));
        assert_eq!(count(r#"{"<=": 150000000}"#), Ok(Count { op: Op::AtMost, n: 150_000_000 }));
        assert_eq!(count(r#"{">=": 1}"#), Ok(Count { op: Op::AtLeast, n: 1 }));
        assert!(count("-1").is_err());
        assert!(count(r#"{}"#).is_err_and(|e| e.contains("needs one of")));
        assert!(count(r#"{"<=": 1, ">=": 0}"#).is_err_and(|e| e.contains("exactly one comparison")));
        assert!(count(r#""3""#).is_err_and(|e| e.contains("a count: a number")));
    }

    #[test]
    fn a_start_continues_or_names_a_scenario_with_seed_one_by_default() {
        let start = |json: &str| serde_json::from_str::<Start>(json).map_err(|e| e.to_string());
        assert_eq!(start(r#"{"continue": true}"#), Ok(Start::Continue));
        assert_eq!(
            start(r#"{"scenario": "empty"}"#),
            Ok(Start::Fresh { scenario: "empty".into(), seed: 1, setup: Vec::new() })
        );
        assert_eq!(
            start(r#"{"scenario": "empty", "seed": 7, "setup": ["docker pull busybox"]}"#),
            Ok(Start::Fresh { scenario: "empty".into(), seed: 7, setup: vec!["docker pull busybox".into()] })
        );
        assert!(start(r#"{}"#).is_err_and(|e| e.starts_with("a start is either")));
        assert!(start(r#"{"continue": false}"#).is_err());
        assert!(start(r#"{"continue": true, "scenario": "empty"}"#).is_err());
        assert!(start(r#"{"scenario": "empty", "sead": 2}"#).is_err_and(|e| e.contains("unknown field `sead`")));
    }

    #[test]
    fn every_predicate_name_reads_its_argument() {
        let examples = [
            r#"{"reference_present": "ubuntu:14.04"}"#,
            r#"{"reference_absent": "ubuntu:14.04"}"#,
            r#"{"image_present": "8f1bd21bd25c"}"#,
            r#"{"image_absent": "8f1bd21bd25c"}"#,
            r#"{"dangling_images": {"<=": 1}}"#,
            r#"{"layer_present": "a7e1c363"}"#,
            r#"{"layer_absent": "a7e1c363"}"#,
            r#"{"images": 2}"#,
            r#"{"layers": 2}"#,
            r#"{"containers": 0}"#,
            r#"{"references": {">=": 1}}"#,
            r#"{"container_present": "web"}"#,
            r#"{"container_absent": "web"}"#,
            r#"{"container_running": "web"}"#,
            r#"{"container_from": "ubuntu:14.04"}"#,
            r#"{"disk_usage": {"<=": 100}}"#,
            r#"{"printed": "Untagged"}"#,
            r#"{"not_used": {"command": "rmi", "flags": ["-f"]}}"#,
            r#"{"all": [{"images": 0}]}"#,
            r#"{"any": [{"images": 0}]}"#,
            r#"{"not": {"images": 0}}"#,
        ];
        assert_eq!(examples.len(), PREDICATE_NAMES.len());
        for (example, name) in examples.iter().zip(PREDICATE_NAMES) {
            assert!(example.contains(&format!("\"{name}\"")), "{example} is not the example of {name}");
            assert!(goal(example).is_ok(), "{example}: {:?}", goal(example));
        }
    }

    #[test]
    fn a_goal_has_exactly_one_predicate_and_may_carry_its_own_text() {
        let with_text = goal(r#"{"text": {"en": "gone", "zh": "没了"}, "images": 0}"#).expect("valid");
        assert_eq!(with_text.predicate, Predicate::Images(Count { op: Op::Eq, n: 0 }));
        assert_eq!(with_text.text, Some(Texts { en: "gone".into(), zh: "没了".into() }));
        assert!(
            goal(r#"{"text": {"en": "gone", "zh": "没了"}}"#).is_err_and(|e| e.starts_with("a goal needs a predicate"))
        );
        assert!(goal(r#"{"images": 0, "layers": 0}"#).is_err_and(|e| e.contains("found a second (\"layers\")")));
        assert!(goal(r#"{"images": "none"}"#).is_err_and(|e| e.contains("invalid type: string")));
        assert!(goal(r#"["images", 0]"#).is_err_and(|e| e.contains("a goal: an object with one predicate")));
        assert!(goal(r#"{"not_used": {"comand": "rmi"}}"#).is_err_and(|e| e.contains("unknown field `comand`")));
    }
}
