//! Transcripts: sessions of commands with the exact output Docker prints (see
//! `transcripts.md`). Parsing, placeholder matching, and running one against a fresh engine.

use crate::scenarios;

/// The clock a transcript starts at (2026-01-01T00:00:00Z) and the step each command adds.
pub const TRANSCRIPT_START: i64 = 1_767_225_600_000_000_000;
const STEP: i64 = 1_000_000_000;
pub const TRANSCRIPT_SEED: u64 = 0x5EED_0D0C;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub line_number: usize,
    pub command: String,
    pub expected: Vec<String>,
    pub exit: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub scenario: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub step: Step,
    pub actual: Vec<String>,
    pub actual_exit: i32,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "  line {}: $ {}", self.step.line_number, self.step.command)?;
        writeln!(f, "  expected (exit {}):", self.step.exit)?;
        for line in &self.step.expected {
            writeln!(f, "    |{line}")?;
        }
        writeln!(f, "  actual (exit {}):", self.actual_exit)?;
        for line in &self.actual {
            writeln!(f, "    |{line}")?;
        }
        Ok(())
    }
}

pub fn parse(text: &str) -> Result<Transcript, String> {
    let mut scenario = "empty".to_string();
    let mut steps: Vec<Step> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line_number = index + 1;
        if let Some(rest) = raw.strip_prefix("#!") {
            if let Some(name) = rest.trim().strip_prefix("scenario:") {
                if !steps.is_empty() {
                    return Err(format!("line {line_number}: a scenario directive must come before the first command"));
                }
                scenario = name.trim().to_string();
            }
            continue;
        }
        if raw.starts_with('#') {
            continue;
        }
        if let Some(command) = raw.strip_prefix("$ ") {
            steps.push(Step { line_number, command: command.to_string(), expected: Vec::new(), exit: 0 });
            continue;
        }
        let Some(step) = steps.last_mut() else {
            if raw.trim().is_empty() {
                continue;
            }
            return Err(format!("line {line_number}: output before the first command"));
        };
        if let Some(status) = raw.strip_prefix("? ") {
            step.exit = status.trim().parse().map_err(|_| format!("line {line_number}: bad exit status {status:?}"))?;
            continue;
        }
        step.expected.push(raw.to_string());
    }
    if let Some(last) = steps.last_mut() {
        while last.expected.last().is_some_and(|l| l.is_empty()) {
            last.expected.pop();
        }
    }
    Ok(Transcript { scenario, steps })
}

fn take_hex(s: &str, n: usize) -> Option<&str> {
    let bytes = s.as_bytes();
    (bytes.len() >= n && bytes[..n].iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))).then(|| &s[n..])
}

fn take_name(s: &str) -> Vec<&str> {
    let mut rests = Vec::new();
    let lower = |c: char| c.is_ascii_lowercase();
    let first_len = s.chars().take_while(|&c| lower(c)).count();
    if first_len == 0 || !s[first_len..].starts_with('_') {
        return rests;
    }
    let after = &s[first_len + 1..];
    let second_len = after.chars().take_while(|&c| lower(c)).count();
    if second_len == 0 {
        return rests;
    }
    let rest = &after[second_len..];
    rests.push(rest);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        rests.push(&rest[1..]);
    }
    rests
}

/// Matches one actual line against an expected line with placeholders.
pub fn line_matches(pattern: &str, actual: &str) -> bool {
    const PLACEHOLDERS: [&str; 5] = ["<ID>", "<LONGID>", "<DIGEST>", "<NAME>", "<*>"];
    let next = PLACEHOLDERS.iter().filter_map(|p| pattern.find(p).map(|i| (i, *p))).min();
    let Some((at, placeholder)) = next else {
        return pattern == actual;
    };
    let (literal, rest_pattern) = (&pattern[..at], &pattern[at + placeholder.len()..]);
    let Some(rest) = actual.strip_prefix(literal) else {
        return false;
    };
    match placeholder {
        "<ID>" => take_hex(rest, 12).is_some_and(|r| line_matches(rest_pattern, r)),
        "<LONGID>" => take_hex(rest, 64).is_some_and(|r| line_matches(rest_pattern, r)),
        "<DIGEST>" => {
            rest.strip_prefix("sha256:").and_then(|r| take_hex(r, 64)).is_some_and(|r| line_matches(rest_pattern, r))
        }
        "<NAME>" => take_name(rest).into_iter().any(|r| line_matches(rest_pattern, r)),
        _ => rest
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()))
            .any(|i| line_matches(rest_pattern, &rest[i..])),
    }
}

/// Runs a transcript in a fresh engine; the first mismatch is returned.
pub fn run(transcript: &Transcript) -> Result<(), Box<Failure>> {
    let Some(mut engine) = scenarios::build(&transcript.scenario, TRANSCRIPT_SEED, TRANSCRIPT_START) else {
        return Err(Box::new(Failure {
            step: Step {
                line_number: 1,
                command: format!("#! scenario: {}", transcript.scenario),
                expected: vec![],
                exit: 0,
            },
            actual: vec![format!("unknown scenario {:?}", transcript.scenario)],
            actual_exit: -1,
        }));
    };
    for step in &transcript.steps {
        engine.set_now(engine.now + STEP);
        let outcome = engine.run_line(&step.command);
        let actual: Vec<String> = outcome.lines.iter().map(|l| l.text.clone()).collect();
        let same = actual.len() == step.expected.len()
            && step.expected.iter().zip(&actual).all(|(p, a)| line_matches(p, a))
            && outcome.exit == step.exit;
        if !same {
            return Err(Box::new(Failure { step: step.clone(), actual, actual_exit: outcome.exit }));
        }
    }
    Ok(())
}

/// The transcript's commands with the engine's actual output and exit statuses.
pub fn record(transcript: &Transcript) -> String {
    let mut out = String::new();
    if transcript.scenario != "empty" {
        out.push_str(&format!("#! scenario: {}\n", transcript.scenario));
    }
    let Some(mut engine) = scenarios::build(&transcript.scenario, TRANSCRIPT_SEED, TRANSCRIPT_START) else {
        return out;
    };
    for step in &transcript.steps {
        engine.set_now(engine.now + STEP);
        let outcome = engine.run_line(&step.command);
        out.push_str(&format!("$ {}\n", step.command));
        for line in &outcome.lines {
            out.push_str(&line.text);
            out.push('\n');
        }
        if outcome.exit != 0 {
            out.push_str(&format!("? {}\n", outcome.exit));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(line_matches("<ID>   busybox   <*>", "0123456789ab   busybox   anything here"));
        assert!(!line_matches("<ID>   busybox", "0123456789a   busybox"));
        assert!(line_matches("deleted: <DIGEST>", &format!("deleted: sha256:{}", "a".repeat(64))));
        assert!(line_matches("x <NAME> y", "x romantic_euler3 y"));
        assert!(line_matches("x <NAME> y", "x romantic_euler y"));
        assert!(!line_matches("x <NAME> y", "x romantic y"));
        assert!(line_matches("a<*>", "a"));
        assert!(line_matches("<LONGID>", &"f".repeat(64)));
    }

    #[test]
    fn parses_directives_comments_and_status() {
        let t = parse("# c\n#! scenario: rmi-tutorial\n$ docker rmi x\nError\n? 1\n$ docker images\n\n\n").unwrap();
        assert_eq!(t.scenario, "rmi-tutorial");
        assert_eq!(t.steps.len(), 2);
        assert_eq!(t.steps[0].exit, 1);
        assert_eq!(t.steps[0].expected, vec!["Error"]);
        assert!(t.steps[1].expected.is_empty());
    }
}
