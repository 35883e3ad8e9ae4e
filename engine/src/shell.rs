//! The small shell in front of `docker`: quotes, backslashes, `$(…)` and backticks, `;`, `&&`,
//! `||`, `#` comments, and pipes into `xargs`, `grep`, `head` and `wc -l`. Anything else
//! answers as bash does.

use crate::engine::Engine;
use crate::outcome::{Outcome, Stream};

const MAX_SUBSTITUTION_DEPTH: usize = 16;

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text { text: String, quoted: bool },
    Substitution { inner: String, quoted: bool },
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(Vec<Part>),
    Op(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    UnmatchedQuote(char),
    UnexpectedToken(String),
}

impl SyntaxError {
    fn lines(&self) -> Vec<String> {
        match self {
            SyntaxError::UnmatchedQuote(q) => {
                vec![
                    format!("bash: unexpected EOF while looking for matching `{q}'"),
                    "bash: syntax error: unexpected end of file".to_string(),
                ]
            }
            SyntaxError::UnexpectedToken(t) => {
                vec![format!("bash: syntax error near unexpected token `{t}'")]
            }
        }
    }
}

/// Finds the `)` closing a `$(` whose body starts at `chars[start]`.
fn matching_paren(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 1;
    let mut i = start;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => i += 1,
            Some(_) => {}
            None => match c {
                '\\' => i += 1,
                '\'' | '"' => quote = Some(c),
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

fn tokenize(line: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut text = String::new();
    let mut in_word = false;
    let mut i = 0;
    let flush_text = |parts: &mut Vec<Part>, text: &mut String, quoted: bool| {
        if !text.is_empty() || quoted {
            parts.push(Part::Text { text: std::mem::take(text), quoted });
        }
    };
    let end_word = |tokens: &mut Vec<Token>, parts: &mut Vec<Part>, text: &mut String, in_word: &mut bool| {
        if !text.is_empty() {
            parts.push(Part::Text { text: std::mem::take(text), quoted: false });
        }
        if *in_word {
            tokens.push(Token::Word(std::mem::take(parts)));
        }
        *in_word = false;
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => end_word(&mut tokens, &mut parts, &mut text, &mut in_word),
            '#' if !in_word => break,
            ';' | '|' | '&' => {
                end_word(&mut tokens, &mut parts, &mut text, &mut in_word);
                let next = chars.get(i + 1).copied();
                let op = match (c, next) {
                    ('&', Some('&')) => {
                        i += 1;
                        "&&"
                    }
                    ('|', Some('|')) => {
                        i += 1;
                        "||"
                    }
                    (';', _) => ";",
                    ('|', _) => "|",
                    _ => "&",
                };
                tokens.push(Token::Op(op));
            }
            '\\' => {
                in_word = true;
                match chars.get(i + 1) {
                    Some('\n') => {}
                    Some(&next) => text.push(next),
                    None => {}
                }
                i += 1;
            }
            '\'' => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let close = chars[i + 1..].iter().position(|&x| x == '\'').ok_or(SyntaxError::UnmatchedQuote('\''))?;
                let literal: String = chars[i + 1..i + 1 + close].iter().collect();
                parts.push(Part::Text { text: literal, quoted: true });
                i += close + 1;
            }
            '"' => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let mut j = i + 1;
                let mut buf = String::new();
                let mut closed = false;
                let mut any = false;
                while j < chars.len() {
                    match chars[j] {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' if matches!(chars.get(j + 1), Some('"' | '\\' | '$' | '`')) => {
                            buf.push(chars[j + 1]);
                            j += 1;
                        }
                        '$' if chars.get(j + 1) == Some(&'(') => {
                            let close = matching_paren(&chars, j + 2).ok_or(SyntaxError::UnmatchedQuote('"'))?;
                            parts.push(Part::Text { text: std::mem::take(&mut buf), quoted: true });
                            parts
                                .push(Part::Substitution { inner: chars[j + 2..close].iter().collect(), quoted: true });
                            any = true;
                            j = close;
                        }
                        '`' => {
                            let close = chars[j + 1..]
                                .iter()
                                .position(|&x| x == '`')
                                .ok_or(SyntaxError::UnmatchedQuote('`'))?;
                            parts.push(Part::Text { text: std::mem::take(&mut buf), quoted: true });
                            parts.push(Part::Substitution {
                                inner: chars[j + 1..j + 1 + close].iter().collect(),
                                quoted: true,
                            });
                            any = true;
                            j += close + 1;
                        }
                        other => buf.push(other),
                    }
                    j += 1;
                }
                if !closed {
                    return Err(SyntaxError::UnmatchedQuote('"'));
                }
                if !buf.is_empty() || !any {
                    parts.push(Part::Text { text: buf, quoted: true });
                }
                i = j;
            }
            '$' if chars.get(i + 1) == Some(&'(') => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let close = matching_paren(&chars, i + 2).ok_or(SyntaxError::UnmatchedQuote('('))?;
                parts.push(Part::Substitution { inner: chars[i + 2..close].iter().collect(), quoted: false });
                i = close;
            }
            '`' => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let close = chars[i + 1..].iter().position(|&x| x == '`').ok_or(SyntaxError::UnmatchedQuote('`'))?;
                parts.push(Part::Substitution { inner: chars[i + 1..i + 1 + close].iter().collect(), quoted: false });
                i += close + 1;
            }
            other => {
                in_word = true;
                text.push(other);
            }
        }
        i += 1;
    }
    end_word(&mut tokens, &mut parts, &mut text, &mut in_word);
    Ok(tokens)
}

/// A list of pipelines joined by `;`, `&&`, `||`: (connector before it, stages).
type Script = Vec<(&'static str, Vec<Vec<Vec<Part>>>)>;

fn parse(tokens: Vec<Token>) -> Result<Script, SyntaxError> {
    let mut script: Script = Vec::new();
    let mut connector: &'static str = ";";
    let mut stages: Vec<Vec<Vec<Part>>> = Vec::new();
    let mut words: Vec<Vec<Part>> = Vec::new();
    for token in tokens {
        match token {
            Token::Word(w) => words.push(w),
            Token::Op("|") => {
                if words.is_empty() {
                    return Err(SyntaxError::UnexpectedToken("|".to_string()));
                }
                stages.push(std::mem::take(&mut words));
            }
            Token::Op(op) => {
                if words.is_empty() {
                    if stages.is_empty() && op == ";" && script.is_empty() {
                        return Err(SyntaxError::UnexpectedToken(";".to_string()));
                    }
                    if !stages.is_empty() || op != ";" {
                        return Err(SyntaxError::UnexpectedToken(op.to_string()));
                    }
                    continue;
                }
                stages.push(std::mem::take(&mut words));
                script.push((connector, std::mem::take(&mut stages)));
                connector = if op == "&" { ";" } else { op };
            }
        }
    }
    if !words.is_empty() {
        stages.push(words);
        script.push((connector, stages));
    } else if !stages.is_empty() {
        return Err(SyntaxError::UnmatchedQuote('|'));
    }
    Ok(script)
}

/// Runs one prompt line.
pub fn run(engine: &mut Engine, line: &str) -> Outcome {
    run_at_depth(engine, line, 0)
}

fn run_at_depth(engine: &mut Engine, line: &str, depth: usize) -> Outcome {
    let mut outcome = Outcome::default();
    let script = match tokenize(line).and_then(parse) {
        Ok(script) => script,
        Err(e) => {
            for l in e.lines() {
                outcome.err(l);
            }
            outcome.exit = 2;
            return outcome;
        }
    };
    let mut status = 0;
    for (connector, stages) in script {
        if (connector == "&&" && status != 0) || (connector == "||" && status == 0) {
            continue;
        }
        let result = run_pipeline(engine, &stages, depth, &mut outcome);
        status = result;
        outcome.exit = status;
        if outcome.awaiting_answer {
            break;
        }
    }
    outcome
}

fn expand(engine: &mut Engine, words: &[Vec<Part>], depth: usize, outcome: &mut Outcome) -> Vec<String> {
    let mut argv = Vec::new();
    for word in words {
        let mut fields: Vec<String> = vec![String::new()];
        let mut has_content = false;
        for part in word {
            match part {
                Part::Text { text, quoted } => {
                    if let Some(last) = fields.last_mut() {
                        last.push_str(text);
                    }
                    has_content |= *quoted || !text.is_empty();
                }
                Part::Substitution { inner, quoted } => {
                    let captured = capture(engine, inner, depth, outcome);
                    let captured = captured.trim_end_matches('\n');
                    if *quoted {
                        if let Some(last) = fields.last_mut() {
                            last.push_str(captured);
                        }
                        has_content = true;
                    } else {
                        let mut pieces = captured.split_whitespace();
                        if let (Some(first), Some(last)) = (pieces.next(), fields.last_mut()) {
                            last.push_str(first);
                            has_content = true;
                        }
                        for piece in pieces {
                            fields.push(piece.to_string());
                        }
                    }
                }
            }
        }
        if has_content {
            argv.extend(
                fields
                    .into_iter()
                    .filter(|f| !f.is_empty() || word.iter().any(|p| matches!(p, Part::Text { quoted: true, .. }))),
            );
        }
    }
    argv
}

/// `$(…)`: runs the inner line, returns its stdout; its stderr reaches the terminal.
fn capture(engine: &mut Engine, inner: &str, depth: usize, outcome: &mut Outcome) -> String {
    if depth >= MAX_SUBSTITUTION_DEPTH {
        outcome.err("bash: command substitution: nested too deeply");
        return String::new();
    }
    capture_stdout(run_at_depth(engine, inner, depth + 1), outcome)
}

/// What a pipe or a substitution reads: the stdout text; stderr still reaches the terminal.
fn capture_stdout(captured: Outcome, terminal: &mut Outcome) -> String {
    let mut stdout = String::new();
    for line in captured.lines {
        match line.stream {
            Stream::Stdout => {
                stdout.push_str(&line.text);
                stdout.push('\n');
            }
            Stream::Stderr => terminal.lines.push(line),
        }
    }
    stdout
}

fn run_pipeline(engine: &mut Engine, stages: &[Vec<Vec<Part>>], depth: usize, outcome: &mut Outcome) -> i32 {
    let mut piped: Option<String> = None;
    let mut status = 0;
    for (index, stage) in stages.iter().enumerate() {
        let argv = expand(engine, stage, depth, outcome);
        let last = index + 1 == stages.len();
        let stage_outcome = run_simple(engine, &argv, piped.take(), depth);
        status = stage_outcome.exit;
        if last {
            outcome.lines.extend(stage_outcome.lines);
            outcome.awaiting_answer |= stage_outcome.awaiting_answer;
        } else {
            piped = Some(capture_stdout(stage_outcome, outcome));
        }
    }
    status
}

fn run_simple(engine: &mut Engine, argv: &[String], stdin: Option<String>, depth: usize) -> Outcome {
    let mut outcome = Outcome::default();
    let Some((program, args)) = argv.split_first() else {
        return outcome;
    };
    match program.as_str() {
        "docker" => return crate::cli::run(engine, args, stdin.as_deref()),
        "xargs" => return xargs(engine, args, stdin.unwrap_or_default(), depth),
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
        "grep" => return grep(args, stdin.unwrap_or_default()),
        "head" => {
            let n = match args {
                [flag, n] if flag == "-n" => n.parse().unwrap_or(10),
                [n] if n.starts_with('-') => n[1..].parse().unwrap_or(10),
                _ => 10,
            };
            for line in stdin.unwrap_or_default().lines().take(n) {
                outcome.out(line);
            }
        }
        "wc" if args.first().is_some_and(|a| a == "-l") => {
            outcome.out(stdin.unwrap_or_default().lines().count().to_string());
        }
        "sort" => {
            let mut lines: Vec<String> = stdin.unwrap_or_default().lines().map(str::to_string).collect();
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
            let mut lines: Vec<String> = stdin.unwrap_or_default().lines().map(str::to_string).collect();
            lines.dedup();
            for line in lines {
                outcome.out(line);
            }
        }
        "cat" if args.is_empty() => {
            for line in stdin.unwrap_or_default().lines() {
                outcome.out(line);
            }
        }
        other => {
            outcome.err(format!("bash: {}: command not found", other.replace('\0', "")));
            outcome.exit = 127;
        }
    }
    outcome
}

fn grep(args: &[String], input: String) -> Outcome {
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

/// `xargs [-r] command…`: the words read from stdin are appended to the command.
fn xargs(engine: &mut Engine, args: &[String], input: String, depth: usize) -> Outcome {
    let mut rest = args;
    let mut no_run_if_empty = false;
    while let Some(first) = rest.first() {
        match first.as_str() {
            "-r" | "--no-run-if-empty" => no_run_if_empty = true,
            _ => break,
        }
        rest = &rest[1..];
    }
    let words: Vec<String> = match tokenize(&input) {
        Ok(tokens) => tokens
            .into_iter()
            .map(|t| match t {
                Token::Word(parts) => literal_word(parts),
                Token::Op(op) => op.to_string(),
            })
            .collect(),
        Err(_) => {
            let mut outcome = Outcome::default();
            outcome.err(
                "xargs: unmatched double quote; by default quotes are special to xargs unless you use the -0 option",
            );
            outcome.exit = 1;
            return outcome;
        }
    };
    if words.is_empty() && no_run_if_empty {
        return Outcome::default();
    }
    let mut argv: Vec<String> = if rest.is_empty() { vec!["echo".to_string()] } else { rest.to_vec() };
    argv.extend(words);
    let mut outcome = run_simple(engine, &argv, None, depth);
    if outcome.exit == 127 && argv[0] != "docker" {
        outcome.lines.clear();
        outcome.err(format!("xargs: {}: No such file or directory", argv[0]));
    } else if outcome.exit != 0 && outcome.exit != 127 {
        outcome.exit = 123;
    }
    outcome
}

/// A word as text, with substitutions left unexpanded (xargs input and `sh -c` scripts are
/// not expanded by this shell).
fn literal_word(parts: Vec<Part>) -> String {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Text { text, .. } => text,
            Part::Substitution { inner, .. } => format!("$({inner})"),
        })
        .collect()
}

/// Splits a `sh -c` script into simple commands with the connector before each.
pub fn split_script(script: &str) -> Vec<(Vec<String>, &'static str)> {
    let Ok(tokens) = tokenize(script) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut connector = ";";
    for token in tokens {
        match token {
            Token::Word(parts) => words.push(literal_word(parts)),
            Token::Op(op) => {
                if !words.is_empty() {
                    out.push((std::mem::take(&mut words), connector));
                }
                connector = op;
            }
        }
    }
    if !words.is_empty() {
        out.push((words, connector));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split_script(line).into_iter().flat_map(|(w, _)| w).collect()
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(words(r#"echo 'a b' "c d" e\ f"#), ["echo", "a b", "c d", "e f"]);
        assert_eq!(words(r#"echo "" x"#), ["echo", "", "x"]);
        assert_eq!(words("echo hi # comment"), ["echo", "hi"]);
        assert_eq!(tokenize("echo 'oops").unwrap_err(), SyntaxError::UnmatchedQuote('\''));
    }

    #[test]
    fn operators_split_commands() {
        let parts = split_script("touch /a && echo ok; false || true");
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1].1, "&&");
        assert_eq!(parts[3].1, "||");
    }
}
