//! The text tools a pipe can feed: `grep`, `head`, `sort`, `uniq`, `wc -l`, `cat`, `echo`.

use crate::outcome::Outcome;

pub(super) fn grep(args: &[String], input: String) -> Outcome {
    let mut outcome = Outcome::default();
    let mut invert = false;
    let mut ignore_case = false;
    let mut pattern = None;
    for arg in args {
        match arg.as_str() {
            "-v" => invert = true,
            "-i" => ignore_case = true,
            "-vi" | "-iv" => {
                invert = true;
                ignore_case = true;
            }
            other if pattern.is_none() => pattern = Some(other.to_string()),
            _ => {}
        }
    }
    let Some(pattern) = pattern else {
        outcome.err("Usage: grep [OPTION]... PATTERNS [FILE]...");
        outcome.err("Try 'grep --help' for more information.");
        outcome.exit = 2;
        return outcome;
    };
    let needle = if ignore_case { crate::case::to_lower(&pattern) } else { pattern };
    let mut matched = false;
    for line in input.lines() {
        let hay = if ignore_case { crate::case::to_lower(line) } else { line.to_string() };
        if hay.contains(&needle) != invert {
            outcome.out(line);
            matched = true;
        }
    }
    outcome.exit = if matched { 0 } else { 1 };
    outcome
}

/// Runs one of the tools on `input` (what the pipe fed it).
pub(super) fn run(program: &str, args: &[String], input: String) -> Outcome {
    let mut outcome = Outcome::default();
    match program {
        "echo" => {
            let (newline, words) = match args.first().map(String::as_str) {
                Some("-n") => (false, &args[1..]),
                _ => (true, args),
            };
            let text = words.join(" ");
            if newline || !text.is_empty() {
                outcome.out(text);
            }
        }
        "true" | ":" => {}
        "false" => outcome.exit = 1,
        "head" => {
            let n = match args {
                [flag, n] if flag == "-n" => n.parse().unwrap_or(10),
                [n] if n.starts_with('-') => n[1..].parse().unwrap_or(10),
                _ => 10,
            };
            for line in input.lines().take(n) {
                outcome.out(line);
            }
        }
        "wc" if args.first().is_some_and(|a| a == "-l") => {
            outcome.out(input.lines().count().to_string());
        }
        "sort" => {
            let mut lines: Vec<String> = input.lines().map(str::to_string).collect();
            crate::sorting::sort(&mut lines);
            if args.iter().any(|a| a == "-r") {
                lines.reverse();
            }
            if args.iter().any(|a| a == "-u") {
                lines.dedup();
            }
            for line in lines {
                outcome.out(line);
            }
        }
        "uniq" => {
            let mut lines: Vec<String> = input.lines().map(str::to_string).collect();
            lines.dedup();
            for line in lines {
                outcome.out(line);
            }
        }
        "cat" if args.is_empty() => {
            for line in input.lines() {
                outcome.out(line);
            }
        }
        _ => {}
    }
    outcome
}
