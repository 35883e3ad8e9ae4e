//! The small shell in front of `docker`: quotes, backslashes, `$(…)` and backticks, `;`, `&&`,
//! `||`, `#` comments, redirections (`2>&1`, `>/dev/null`, `&>`, `<`), and pipes into `xargs`, `grep`, `sort`, `uniq`, `head` and `wc -l`.
//! Anything else answers as bash does. The shell knows nothing of Docker: `docker ARGS…` goes
//! to the callback its caller gives (the CLI).

mod tools;

use crate::lex::{tokenize, Part, SyntaxError, Token};
use crate::outcome::{Outcome, Stream};

const MAX_SUBSTITUTION_DEPTH: usize = 16;

/// How the shell runs `docker ARGS…` with what a pipe feeds it; the caller supplies it.
pub type Docker<'a> = dyn FnMut(&[String], Option<&str>) -> Outcome + 'a;

/// One command of a pipeline: its words and its redirections, in the order written.
#[derive(Debug, Default)]
struct Stage {
    words: Vec<Vec<Part>>,
    redirects: Vec<Redirect>,
}

#[derive(Debug)]
struct Redirect {
    fd: Option<u32>,
    op: &'static str,
    target: Vec<Part>,
}

impl Stage {
    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.redirects.is_empty()
    }
}

/// A list of pipelines joined by `;`, `&&`, `||`: (connector before it, stages).
type Script = Vec<(&'static str, Vec<Stage>)>;

fn parse(tokens: Vec<Token>) -> Result<Script, SyntaxError> {
    let mut script: Script = Vec::new();
    let mut connector: &'static str = ";";
    let mut stages: Vec<Stage> = Vec::new();
    let mut stage = Stage::default();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            Token::Word(w) => stage.words.push(w),
            Token::Redirect { fd, op } => match tokens.next() {
                Some(Token::Word(target)) => stage.redirects.push(Redirect { fd, op, target }),
                Some(Token::Op(next)) => return Err(SyntaxError::UnexpectedToken(next.to_string())),
                Some(Token::Redirect { op: next, .. }) => return Err(SyntaxError::UnexpectedToken(next.to_string())),
                None => return Err(SyntaxError::UnexpectedToken("newline".to_string())),
            },
            Token::Op("|") => {
                if stage.is_empty() {
                    return Err(SyntaxError::UnexpectedToken("|".to_string()));
                }
                stages.push(std::mem::take(&mut stage));
            }
            Token::Op(op) => {
                if stage.is_empty() {
                    if stages.is_empty() && op == ";" && script.is_empty() {
                        return Err(SyntaxError::UnexpectedToken(";".to_string()));
                    }
                    if !stages.is_empty() || op != ";" {
                        return Err(SyntaxError::UnexpectedToken(op.to_string()));
                    }
                    continue;
                }
                stages.push(std::mem::take(&mut stage));
                script.push((connector, std::mem::take(&mut stages)));
                connector = if op == "&" { ";" } else { op };
            }
        }
    }
    if !stage.is_empty() {
        stages.push(stage);
        script.push((connector, stages));
    } else if !stages.is_empty() {
        return Err(SyntaxError::UnmatchedQuote('|'));
    }
    Ok(script)
}

/// Where a command's stdout and stderr go after its redirections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Stdout,
    Stderr,
    Null,
}

/// What a command's redirections make of its streams: (stdout sink, stderr sink, stdin
/// replaced by nothing). The prompt has no files of its own: `/dev/null`, `/dev/stdout`,
/// `/dev/stderr` and the descriptors 1 and 2 are what it can name; writing to any other file
/// fails as on a read-only file system, reading one fails as a missing file.
fn redirect(
    docker: &mut Docker,
    redirects: &[Redirect],
    depth: usize,
    outcome: &mut Outcome,
) -> Result<(Sink, Sink, bool), String> {
    let mut sinks = [Sink::Stdout, Sink::Stderr];
    let mut empty_stdin = false;
    for r in redirects {
        let mut words = expand(docker, std::slice::from_ref(&r.target), depth, outcome);
        let written = r.target.iter().map(|p| match p {
            Part::Text { text, .. } => text.clone(),
            Part::Substitution { inner, .. } => format!("$({inner})"),
        });
        let written: String = written.collect();
        if words.len() != 1 {
            return Err(format!("bash: {written}: ambiguous redirect"));
        }
        let target = words.remove(0);
        let input = r.op.starts_with('<');
        let fd = r.fd.unwrap_or(if input { 0 } else { 1 });
        let file_sink = match target.as_str() {
            "/dev/null" => Some(Sink::Null),
            "/dev/stdout" => Some(sinks[0]),
            "/dev/stderr" => Some(sinks[1]),
            _ => None,
        };
        match r.op {
            ">&" | "<&" if target == "-" => {
                if let Some(slot) = sinks.get_mut((fd as usize).wrapping_sub(1)) {
                    *slot = Sink::Null;
                }
            }
            ">&" | "<&" if target.bytes().all(|b| b.is_ascii_digit()) => {
                let from = match target.as_str() {
                    "1" => sinks[0],
                    "2" => sinks[1],
                    "0" if fd == 0 => continue,
                    _ => return Err(format!("bash: {target}: Bad file descriptor")),
                };
                if let Some(slot) = sinks.get_mut((fd as usize).wrapping_sub(1)) {
                    *slot = from;
                }
            }
            "<" | "<&" => match file_sink {
                Some(Sink::Null) if fd == 0 => empty_stdin = true,
                Some(_) => {}
                None => return Err(format!("bash: {target}: No such file or directory")),
            },
            // `>&file` with a file name is `&>file`.
            op => match file_sink {
                None => return Err(format!("bash: {target}: Read-only file system")),
                Some(sink) if op.starts_with('&') || (op == ">&" && r.fd.is_none()) => sinks = [sink, sink],
                Some(sink) => {
                    if let Some(slot) = sinks.get_mut((fd as usize).wrapping_sub(1)) {
                        *slot = sink;
                    }
                }
            },
        }
    }
    Ok((sinks[0], sinks[1], empty_stdin))
}

/// Runs one prompt line.
pub fn run(line: &str, docker: &mut Docker) -> Outcome {
    run_at_depth(docker, line, 0)
}

fn run_at_depth(docker: &mut Docker, line: &str, depth: usize) -> Outcome {
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
        let result = run_pipeline(docker, &stages, depth, &mut outcome);
        status = result;
        outcome.exit = status;
        if outcome.awaiting_answer() {
            break;
        }
    }
    outcome
}

fn expand(docker: &mut Docker, words: &[Vec<Part>], depth: usize, outcome: &mut Outcome) -> Vec<String> {
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
                    let captured = capture(docker, inner, depth, outcome);
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
fn capture(docker: &mut Docker, inner: &str, depth: usize, outcome: &mut Outcome) -> String {
    if depth >= MAX_SUBSTITUTION_DEPTH {
        outcome.err("bash: command substitution: nested too deeply");
        return String::new();
    }
    capture_stdout(run_at_depth(docker, inner, depth + 1), outcome)
}

/// What a pipe or a substitution reads: the stdout text; stderr still reaches the terminal, and
/// so does a question the command asked (`docker image prune | cat` waits for its answer on the
/// terminal, as in a real shell; the first question asked is the one answered).
fn capture_stdout(captured: Outcome, terminal: &mut Outcome) -> String {
    if terminal.question.is_none() {
        terminal.question = captured.question;
    }
    terminal.invocations.extend(captured.invocations);
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

fn run_pipeline(docker: &mut Docker, stages: &[Stage], depth: usize, outcome: &mut Outcome) -> i32 {
    let mut piped: Option<String> = None;
    let mut status = 0;
    for (index, stage) in stages.iter().enumerate() {
        let argv = expand(docker, &stage.words, depth, outcome);
        let last = index + 1 == stages.len();
        let mut stage_outcome = match redirect(docker, &stage.redirects, depth, outcome) {
            Ok((stdout, stderr, empty_stdin)) => {
                let stdin = if empty_stdin { Some(String::new()) } else { piped.take() };
                let mut ran = run_simple(docker, &argv, stdin, depth);
                ran.lines.retain_mut(|line| {
                    let sink = if line.stream == Stream::Stdout { stdout } else { stderr };
                    match sink {
                        Sink::Stdout => line.stream = Stream::Stdout,
                        Sink::Stderr => line.stream = Stream::Stderr,
                        Sink::Null => return false,
                    }
                    true
                });
                ran
            }
            // bash does not run a command whose redirection failed.
            Err(message) => {
                let mut refused = Outcome::default();
                refused.err(message);
                refused.exit = 1;
                refused
            }
        };
        status = stage_outcome.exit;
        if last {
            outcome.lines.append(&mut stage_outcome.lines);
            outcome.invocations.append(&mut stage_outcome.invocations);
            if outcome.question.is_none() {
                outcome.question = stage_outcome.question;
            }
        } else {
            piped = Some(capture_stdout(stage_outcome, outcome));
        }
    }
    status
}

fn run_simple(docker: &mut Docker, argv: &[String], stdin: Option<String>, depth: usize) -> Outcome {
    let mut outcome = Outcome::default();
    let Some((program, args)) = argv.split_first() else {
        return outcome;
    };
    match program.as_str() {
        "docker" => return docker(args, stdin.as_deref()),
        "xargs" => return xargs(docker, args, stdin.unwrap_or_default(), depth),
        "grep" => return tools::grep(args, stdin.unwrap_or_default()),
        "echo" | "true" | ":" | "false" | "head" | "sort" | "uniq" => {
            return tools::run(program, args, stdin.unwrap_or_default())
        }
        "wc" if args.first().is_some_and(|a| a == "-l") => return tools::run(program, args, stdin.unwrap_or_default()),
        "cat" if args.is_empty() => return tools::run(program, args, stdin.unwrap_or_default()),
        other => {
            outcome.err(format!("bash: {}: command not found", other.replace('\0', "")));
            outcome.exit = 127;
        }
    }
    outcome
}

/// The words xargs reads by default (GNU findutils `read_line`): blanks and newlines separate
/// them, single and double quotes and a backslash keep what they hold; shell operators (`;`,
/// `|`, `2>`) are ordinary characters. `Err` names an unmatched quote.
fn xargs_words(input: &str) -> Result<Vec<String>, char> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if std::mem::take(&mut in_word) {
                    words.push(std::mem::take(&mut word));
                }
            }
            '\'' | '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        // A quoted string may not span lines.
                        Some('\n') | None => return Err(c),
                        Some(other) => word.push(other),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            other => {
                in_word = true;
                word.push(other);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// `xargs [-r] [-n N] command…`: the words read from stdin are appended to the command, at most
/// N per run with `-n`; status 123 when a run failed (GNU findutils).
fn xargs(docker: &mut Docker, args: &[String], input: String, depth: usize) -> Outcome {
    let mut rest = args;
    let mut no_run_if_empty = false;
    let mut per_run: Option<String> = None;
    while let Some(first) = rest.first() {
        match first.as_str() {
            "-r" | "--no-run-if-empty" => no_run_if_empty = true,
            "-n" | "--max-args" if rest.len() > 1 => {
                per_run = Some(rest[1].clone());
                rest = &rest[1..];
            }
            flag if flag.starts_with("--max-args=") => per_run = Some(flag["--max-args=".len()..].to_string()),
            flag if flag.starts_with("-n") && flag.len() > 2 => per_run = Some(flag[2..].to_string()),
            _ => break,
        }
        rest = &rest[1..];
    }
    let per_run = match per_run.as_deref().map(str::parse::<usize>) {
        None => usize::MAX,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            let mut outcome = Outcome::default();
            let value = per_run.unwrap_or_default();
            outcome.err(format!("xargs: invalid number \"{value}\" for -n option"));
            outcome.err("Try 'xargs --help' for more information.");
            outcome.exit = 1;
            return outcome;
        }
    };
    let words = match xargs_words(&input) {
        Ok(words) => words,
        Err(quote) => {
            let mut outcome = Outcome::default();
            let kind = if quote == '"' { "double" } else { "single" };
            outcome.err(format!(
                "xargs: unmatched {kind} quote; by default quotes are special to xargs unless you use the -0 option"
            ));
            outcome.exit = 1;
            return outcome;
        }
    };
    if words.is_empty() && no_run_if_empty {
        return Outcome::default();
    }
    let command: Vec<String> = if rest.is_empty() { vec!["echo".to_string()] } else { rest.to_vec() };
    let batches: Vec<&[String]> = if words.is_empty() { vec![&[]] } else { words.chunks(per_run).collect() };
    let mut total = Outcome::default();
    for batch in batches {
        let mut argv = command.clone();
        argv.extend(batch.iter().cloned());
        let mut outcome = run_simple(docker, &argv, None, depth);
        if outcome.exit == 127 && argv[0] != "docker" {
            // xargs stops at a command it cannot find.
            total.err(format!("xargs: {}: No such file or directory", argv[0]));
            total.exit = 127;
            return total;
        }
        total.lines.append(&mut outcome.lines);
        total.events.append(&mut outcome.events);
        total.invocations.append(&mut outcome.invocations);
        if total.question.is_none() {
            total.question = outcome.question.take();
        }
        if outcome.exit != 0 {
            total.exit = 123;
        }
    }
    total
}
