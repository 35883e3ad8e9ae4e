//! `commit --change`: moby's `dockerfile.BuildFromConfig` (builder/dockerfile/builder.go) on the
//! container's configuration. The changes are one Dockerfile, parsed line by line (buildkit's
//! parser/line_parsers.go), checked against the commands a commit accepts, turned into
//! instructions (instructions/parse.go) and dispatched (builder/dockerfile/dispatchers.go) with
//! word expansion (shell/lex.go ProcessWord: quotes, escapes, `$VAR` and `${VAR}`).

use crate::store::RunConfig;

/// `validCommitCommands` (builder/dockerfile/builder.go).
const VALID_COMMIT_COMMANDS: &[&str] = &[
    "cmd",
    "entrypoint",
    "env",
    "expose",
    "label",
    "onbuild",
    "stopsignal",
    "user",
    "volume",
    "workdir",
    "healthcheck",
];

/// One parsed line: the instruction as typed and its arguments as the line parser split them.
struct Node {
    command: String,
    args: Args,
}

enum Args {
    /// `key=value` pairs (or the legacy `key value`), values still to be expanded.
    Pairs(Vec<(String, String)>),
    /// CMD/ENTRYPOINT: a JSON array of strings, or the shell form's text.
    Json(Vec<String>),
    Shell(String),
    /// Whitespace-separated words (EXPOSE, VOLUME).
    Words(Vec<String>),
    /// The rest of the line (USER, WORKDIR, STOPSIGNAL, …), `None` when empty.
    Text(Option<String>),
}

/// Applies `changes` to `config` as the daemon does, or the daemon's error.
pub fn apply_changes(config: &mut RunConfig, changes: &[String]) -> Result<(), String> {
    let mut nodes = Vec::new();
    for line in changes.join("\n").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        nodes.push(parse_line(line)?);
    }
    if let Some(node) =
        nodes.iter().find(|n| !VALID_COMMIT_COMMANDS.contains(&crate::case::to_lower(&n.command).as_str()))
    {
        return Err(format!("{} is not a valid change command", node.command));
    }
    for node in &nodes {
        check_arguments(node)?;
    }
    let mut cmd_set = false;
    for node in nodes {
        dispatch(config, node, &mut cmd_set)?;
    }
    Ok(())
}

/// parser.go newNodeFromLine with the line parsers of the commands a commit accepts.
fn parse_line(line: &str) -> Result<Node, String> {
    let (command, rest) = match line.split_once(char::is_whitespace) {
        Some((c, r)) => (c.to_string(), r.trim_start()),
        None => (line.to_string(), ""),
    };
    let args = match crate::case::to_lower(&command).as_str() {
        "env" => Args::Pairs(name_values(rest, "ENV")?),
        "label" => Args::Pairs(name_values(rest, "LABEL")?),
        "cmd" | "entrypoint" => match serde_json::from_str::<serde_json::Value>(rest) {
            Ok(serde_json::Value::Array(items)) if rest.starts_with('[') => {
                let strings: Option<Vec<String>> = items.iter().map(|v| v.as_str().map(str::to_string)).collect();
                Args::Json(strings.ok_or("when using JSON array syntax, arrays must be comprised of strings only")?)
            }
            _ => Args::Shell(rest.to_string()),
        },
        "expose" | "volume" => Args::Words(rest.split_whitespace().map(str::to_string).collect()),
        _ => Args::Text((!rest.is_empty()).then(|| rest.to_string())),
    };
    Ok(Node { command, args })
}

/// line_parsers.go parseNameVal: `key=value` words, or one legacy `key value` pair.
fn name_values(rest: &str, key: &str) -> Result<Vec<(String, String)>, String> {
    let words = words(rest);
    let Some(first) = words.first() else {
        return Ok(Vec::new());
    };
    if !first.contains('=') {
        return match rest.split_once(char::is_whitespace) {
            Some((name, value)) => Ok(vec![(name.to_string(), value.trim_start().to_string())]),
            None => Err(format!("{key} must have two arguments")),
        };
    }
    words
        .iter()
        .map(|word| match word.split_once('=') {
            Some((name, value)) => Ok((name.to_string(), value.to_string())),
            None => Err(format!("Syntax error - can't find = in {word:?}. Must be of the form: name=value")),
        })
        .collect()
}

/// line_parsers.go parseWords: whitespace-separated words; quotes keep spaces and stay in the word.
fn words(rest: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                word.push(c);
                if c == q {
                    quote = None;
                } else if c == '\\' && q != '\'' {
                    if let Some(next) = chars.next() {
                        word.push(next);
                    }
                }
            }
            None if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            None => {
                started = true;
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                word.push(c);
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        word.push(next);
                    }
                }
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// instructions/parse.go: the argument counts each instruction needs.
fn check_arguments(node: &Node) -> Result<(), String> {
    let upper = crate::case::to_upper(&node.command);
    match (&node.args, upper.as_str()) {
        (Args::Pairs(pairs), name) if pairs.is_empty() => Err(format!("{name} requires at least one argument")),
        (Args::Pairs(pairs), name) if pairs.iter().any(|(k, _)| k.is_empty()) => {
            Err(format!("{name} names can not be blank"))
        }
        (Args::Words(words), name) if words.is_empty() => Err(format!("{name} requires at least one argument")),
        (Args::Text(None), name @ ("USER" | "WORKDIR")) => Err(format!("{name} requires exactly one argument")),
        _ => Ok(()),
    }
}

/// dispatchers.go, for the members the model keeps (ONBUILD, STOPSIGNAL, VOLUME and HEALTHCHECK
/// are accepted and not kept).
fn dispatch(config: &mut RunConfig, node: Node, cmd_set: &mut bool) -> Result<(), String> {
    let shell_form = |text: String| vec!["/bin/sh".to_string(), "-c".to_string(), text];
    match (crate::case::to_lower(&node.command).as_str(), node.args) {
        ("env", Args::Pairs(pairs)) => {
            // Every pair expands with the environment from before the instruction.
            let before = config.env.clone();
            for (key, value) in pairs {
                let (key, value) = (expand(&key, &before), expand(&value, &before));
                let entry = format!("{key}={value}");
                match config.env.iter_mut().find(|e| e.split('=').next() == Some(key.as_str())) {
                    Some(existing) => *existing = entry,
                    None => config.env.push(entry),
                }
            }
        }
        ("label", Args::Pairs(pairs)) => {
            for (key, value) in pairs {
                let (key, value) = (expand(&key, &config.env), expand(&value, &config.env));
                match config.labels.iter_mut().find(|(k, _)| *k == key) {
                    Some(existing) => existing.1 = value,
                    None => config.labels.push((key, value)),
                }
            }
            crate::sorting::sort(&mut config.labels);
        }
        ("cmd", args) => {
            config.cmd = match args {
                Args::Json(list) => list,
                Args::Shell(text) => shell_form(text),
                _ => Vec::new(),
            };
            *cmd_set = true;
        }
        ("entrypoint", args) => {
            config.entrypoint = match args {
                Args::Json(list) => list,
                Args::Shell(text) if !text.is_empty() => shell_form(text),
                _ => Vec::new(),
            };
            // dispatchEntrypoint: an ENTRYPOINT without a CMD in the same changes drops the CMD.
            if !*cmd_set {
                config.cmd = Vec::new();
            }
        }
        ("workdir", Args::Text(Some(path))) => {
            let path = expand(&path, &config.env);
            let joined = if path.starts_with('/') { path } else { format!("/{}/{path}", config.working_dir) };
            config.working_dir = clean_path(&joined);
        }
        ("user", Args::Text(Some(user))) => config.user = expand(&user, &config.env),
        ("expose", Args::Words(words)) => {
            for word in words {
                for port in port_specs(&expand(&word, &config.env))? {
                    if !config.exposed_ports.contains(&port) {
                        config.exposed_ports.push(port);
                    }
                }
            }
            crate::sorting::sort(&mut config.exposed_ports);
        }
        _ => {}
    }
    Ok(())
}

/// nat.ParsePortSpecs for EXPOSE: `PORT[-END][/PROTO]`, each port of a range on its own.
fn port_specs(spec: &str) -> Result<Vec<String>, String> {
    let (ports, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
    let proto = if proto.is_empty() { "tcp" } else { proto };
    let parse = |p: &str| p.parse::<u16>().map_err(|_| format!("invalid containerPort: {ports}"));
    let (start, end) = match ports.split_once('-') {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(ports)?, parse(ports)?),
    };
    if end < start {
        return Err(format!("invalid range specified for port: {ports}"));
    }
    Ok((start..=end).map(|p| format!("{p}/{proto}")).collect())
}

/// Go's path.Clean for an absolute path.
pub(super) fn clean_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// shell/lex.go ProcessWord, as far as a commit's changes need it: single quotes keep their
/// text, double quotes allow `\` escapes and expansion, `$NAME` and `${NAME}` expand from the
/// configuration's environment (unset: empty).
fn expand(word: &str, env: &[String]) -> String {
    let lookup = |name: &str| {
        env.iter().rev().find_map(|e| e.strip_prefix(name).and_then(|rest| rest.strip_prefix('='))).unwrap_or("")
    };
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('\''), c) => out.push(c),
            (None, '\'') | (None, '"') => quote = Some(c),
            (_, '\\') => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            (_, '$') => {
                let braced = chars.peek() == Some(&'{');
                if braced {
                    chars.next();
                }
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if braced && chars.peek() == Some(&'}') {
                    chars.next();
                }
                if name.is_empty() && !braced {
                    out.push('$');
                } else {
                    out.push_str(lookup(&name));
                }
            }
            (_, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_apply_as_the_dockerfile_dispatchers_do() {
        let mut config = RunConfig {
            cmd: vec!["sh".into()],
            env: vec!["PATH=/bin".into(), "HOME=/root".into()],
            working_dir: "/app".into(),
            ..RunConfig::default()
        };
        let changes = [
            "ENV A=1 B=\"two words\" HOME=/home/$A".to_string(),
            "LABEL version=${A}.0 'x y'=z".to_string(),
            "WORKDIR src/../lib".to_string(),
            "USER nobody".to_string(),
            "EXPOSE 80 8000-8001/udp".to_string(),
            "ENTRYPOINT [\"/bin/echo\"]".to_string(),
        ];
        apply_changes(&mut config, &changes).unwrap();
        assert_eq!(config.env, ["PATH=/bin", "HOME=/home/", "A=1", "B=two words"]);
        assert_eq!(config.labels, [("version".to_string(), "1.0".to_string()), ("x y".to_string(), "z".to_string())]);
        assert_eq!(config.working_dir, "/app/lib");
        assert_eq!(config.user, "nobody");
        assert_eq!(config.exposed_ports, ["80/tcp", "8000/udp", "8001/udp"]);
        assert_eq!(config.entrypoint, ["/bin/echo"]);
        assert!(config.cmd.is_empty(), "an ENTRYPOINT without CMD drops the CMD");
        apply_changes(&mut config, &["CMD echo hi".to_string()]).unwrap();
        assert_eq!(config.cmd, ["/bin/sh", "-c", "echo hi"]);
    }

    #[test]
    fn refusals_use_the_daemons_words() {
        let mut config = RunConfig::default();
        let err = |c: &str| apply_changes(&mut RunConfig::default(), &[c.to_string()]).unwrap_err();
        assert_eq!(err("RUN echo"), "RUN is not a valid change command");
        assert_eq!(err("ENV"), "ENV requires at least one argument");
        assert_eq!(err("ENV onlyname"), "ENV must have two arguments");
        assert_eq!(err("LABEL a=b c"), "Syntax error - can't find = in \"c\". Must be of the form: name=value");
        assert_eq!(err("USER"), "USER requires exactly one argument");
        assert_eq!(err("CMD [1]"), "when using JSON array syntax, arrays must be comprised of strings only");
        assert!(apply_changes(&mut config, &["STOPSIGNAL TERM".to_string()]).is_ok());
    }
}
