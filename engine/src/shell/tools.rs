//! The text tools a pipe can feed, as GNU coreutils and GNU grep answer: `grep`, `head`, `sort`,
//! `uniq`, `wc -l`, `cat`, `echo`.

use crate::outcome::Outcome;

fn grep_usage(outcome: &mut Outcome) {
    outcome.err("Usage: grep [OPTION]... PATTERNS [FILE]...");
    outcome.err("Try 'grep --help' for more information.");
    outcome.exit = 2;
}

/// GNU grep's basic regular expressions in the `regex` crate's syntax: `\+ \? \| \( \) \{ \}`
/// are the operators, the bare characters are literal, and so is a leading `*`.
fn basic_to_extended(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(op @ ('+' | '?' | '|' | '(' | ')' | '{' | '}')) => out.push(op),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push_str("\\\\"),
            },
            '+' | '?' | '|' | '(' | ')' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '*' if at_start => out.push_str("\\*"),
            other => out.push(other),
        }
        at_start = c == '^' && out == "^";
    }
    out
}

/// `grep [-cvixqEF] [-e] PATTERN`: GNU grep on the piped lines (basic regular expressions unless
/// `-E`, fixed strings with `-F`); status 0 when a line was selected, 1 when none, 2 on errors.
pub(super) fn grep(args: &[String], input: String) -> Outcome {
    let mut outcome = Outcome::default();
    let (mut invert, mut ignore_case, mut count, mut quiet, mut whole_line) = (false, false, false, false, false);
    let mut syntax = 'G';
    let mut pattern = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if pattern.is_some() || arg == "-" || !arg.starts_with('-') {
            if pattern.is_none() {
                pattern = Some(arg.clone());
            }
            continue;
        }
        if arg == "-e" {
            pattern = rest.next().cloned();
            continue;
        }
        for flag in arg[1..].chars() {
            match flag {
                'v' => invert = true,
                'i' | 'y' => ignore_case = true,
                'c' => count = true,
                'q' => quiet = true,
                'x' => whole_line = true,
                'E' | 'F' | 'G' => syntax = flag,
                other => {
                    outcome.err(format!("grep: invalid option -- '{other}'"));
                    grep_usage(&mut outcome);
                    return outcome;
                }
            }
        }
    }
    let Some(pattern) = pattern else {
        grep_usage(&mut outcome);
        return outcome;
    };
    let expression = match syntax {
        'F' => regex_lite::escape(&pattern),
        'E' => pattern,
        _ => basic_to_extended(&pattern),
    };
    let expression = if whole_line { format!("^(?:{expression})$") } else { expression };
    let matcher = match regex_lite::RegexBuilder::new(&expression).case_insensitive(ignore_case).build() {
        Ok(m) => m,
        Err(_) => {
            outcome.err("grep: Invalid regular expression");
            outcome.exit = 2;
            return outcome;
        }
    };
    let mut selected = 0usize;
    for line in input.lines() {
        if matcher.is_match(line) != invert {
            selected += 1;
            if !count && !quiet {
                outcome.out(line);
            }
        }
    }
    if count && !quiet {
        outcome.out(selected.to_string());
    }
    outcome.exit = if selected > 0 { 0 } else { 1 };
    outcome
}

/// `head`'s line count: `-n N`, `-nN`, `--lines=N`, `-N`; 10 by default.
fn head_count(args: &[String]) -> Result<usize, String> {
    let mut count = "10".to_string();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "-n" || arg == "--lines" {
            count = rest.next().cloned().unwrap_or_default();
        } else if let Some(n) = arg.strip_prefix("--lines=").or_else(|| arg.strip_prefix("-n")) {
            count = n.to_string();
        } else if let Some(n) = arg.strip_prefix('-').filter(|n| n.bytes().all(|b| b.is_ascii_digit())) {
            count = n.to_string();
        }
    }
    count.parse().map_err(|_| format!("head: invalid number of lines: \u{2018}{count}\u{2019}"))
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
        "head" => match head_count(args) {
            Ok(n) => {
                for line in input.lines().take(n) {
                    outcome.out(line);
                }
            }
            Err(e) => {
                outcome.err(e);
                outcome.exit = 1;
            }
        },
        "wc" if args.first().is_some_and(|a| a == "-l") => {
            outcome.out(input.lines().count().to_string());
        }
        "sort" => {
            // Flags may be grouped (`-ru`); the order is the C locale's (bytes).
            let has = |flag: char| args.iter().any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(flag));
            let mut lines: Vec<String> = input.lines().map(str::to_string).collect();
            crate::sorting::sort(&mut lines);
            if has('r') || args.iter().any(|a| a == "--reverse") {
                lines.reverse();
            }
            if has('u') || args.iter().any(|a| a == "--unique") {
                lines.dedup();
            }
            for line in lines {
                outcome.out(line);
            }
        }
        // GNU uniq: adjacent equal lines; `-c` prefixes the count as "%7d ", `-d` keeps only
        // repeated lines, `-u` only lines that are not repeated.
        "uniq" => {
            let has = |flag: char| args.iter().any(|a| a.starts_with('-') && a.contains(flag));
            let mut groups: Vec<(usize, &str)> = Vec::new();
            for line in input.lines() {
                match groups.last_mut() {
                    Some((n, last)) if *last == line => *n += 1,
                    _ => groups.push((1, line)),
                }
            }
            for (n, line) in groups {
                if (has('d') && n < 2) || (has('u') && n > 1) {
                    continue;
                }
                if has('c') {
                    outcome.out(format!("{n:>7} {line}"));
                } else {
                    outcome.out(line);
                }
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
