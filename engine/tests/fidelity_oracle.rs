//! A second oracle beside the transcripts: random command lines built from the flags of
//! `engine/FIDELITY.md` (and a few of Docker's that the playground does not model), run against
//! random stores. Every line the engine accepts must use only flags the table lists as handled
//! (not "not modelled"); every flag the table calls "not modelled" must be refused with pflag's
//! own error; and every refusal must carry a Docker exit status and only Docker's wording (each
//! pattern below names the source it comes from), never words of the engine's own.

use std::collections::BTreeMap;

use rmi_engine::rng::Rng;
use rmi_engine::scenarios;
use rmi_engine::{Engine, Stream};

const TABLE: &str = include_str!("../FIDELITY.md");
const SEQUENCES: usize = 600;
const MAX_STEPS: usize = 25;
const START: i64 = 1_767_225_600_000_000_000;

/// Command → flag (long name) → (shorthand, status), read from the table's flag sections.
type Table = BTreeMap<String, BTreeMap<String, (Option<char>, String)>>;

fn read_table() -> Table {
    let mut table = Table::new();
    let mut command: Option<String> = None;
    for line in TABLE.lines() {
        if line.starts_with("## ") && line != "## Flags" {
            command = None;
        }
        if let Some(name) = line.strip_prefix("### `docker ").and_then(|l| l.strip_suffix('`')) {
            command = Some(name.to_string());
            table.entry(name.to_string()).or_default();
            continue;
        }
        let (Some(command), Some(row)) = (&command, line.strip_prefix("| `--")) else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let (flag_cell, status) = (cells[0], cells.get(1).unwrap_or(&"").trim_end_matches(" |"));
        let name = flag_cell.split('`').next().unwrap_or_default().to_string();
        let short = flag_cell.split("`-").nth(1).and_then(|s| s.chars().next());
        table.get_mut(command).expect("section").insert(name, (short, status.to_string()));
    }
    table
}

fn not_modelled(status: &str) -> bool {
    status.starts_with("not modelled")
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

const IMAGES: &[&str] = &[
    "busybox",
    "alpine:3.19",
    "nginx:1.25",
    "hello-world",
    "mine:1",
    "nosuch",
    "Upper",
    "scratch",
    "alpine@sha256:3c333b2d3d046a2017b020555b779f0b7cb361ea6118c9c02f1ca659be00ff6c",
    "alpine@sha256:3C333B2D3D046A2017B020555B779F0B7CB361EA6118C9C02F1CA659BE00FF6C",
];
const CONTAINERS: &[&str] = &["c1", "c2", "web", "nosuch"];
const FORMATS: &[&str] = &[
    "{{.ID}}",
    "table {{.ID}}",
    "json",
    "{{json .}}",
    "{{.Nope}}",
    "{{.ID",
    "{{title .ID}}",
    "{{upper (truncate .ID 3)}}",
    "{{nosuch .ID}}",
];
const FILTERS: &[&str] = &[
    "dangling=true",
    "label=a",
    "label!=a=b",
    "until=1h",
    "until=2025-02-31",
    "status=exited",
    "status=bogus",
    "name=^c",
    "exited=0",
    "before=c1",
    "since=nosuch",
    "reference=*box",
    "bogus=1",
    "health=none",
    "noequals",
];
const SIGNALS: &[&str] = &["KILL", "TERM", "sigint", "0", "32", "BOGUS", "9"];

/// A value for a flag that takes one.
fn value_for(rng: &mut Rng, flag: &str) -> Option<String> {
    Some(match flag {
        "format" => pick(rng, FORMATS).to_string(),
        "filter" => pick(rng, FILTERS).to_string(),
        "signal" => pick(rng, SIGNALS).to_string(),
        "name" => pick(rng, CONTAINERS).to_string(),
        "type" => pick(rng, &["image", "container", "volume", "bogus"]).to_string(),
        "change" => pick(rng, &["LABEL a=b", "ENV X=1", "CMD true", "RUN x", "USER", "EXPOSE 80/tcp"]).to_string(),
        "env" => "X=1".to_string(),
        "label" => "a=b".to_string(),
        "pull" => pick(rng, &["missing", "never", "always", "bogus"]).to_string(),
        "time" | "last" => pick(rng, &["1", "0", "x"]).to_string(),
        "message" | "author" => "note".to_string(),
        "platform" => "linux/amd64".to_string(),
        "publish" => "80:80".to_string(),
        "volume" => "/data".to_string(),
        "network" => "bridge".to_string(),
        "workdir" => "/srv".to_string(),
        "user" => "nobody".to_string(),
        "hostname" => "box".to_string(),
        "restart" => "no".to_string(),
        "entrypoint" => "/bin/echo".to_string(),
        "detach-keys" => "ctrl-p".to_string(),
        _ => return None,
    })
}

/// Flags the engine treats as switches (no value).
fn is_switch(flag: &str) -> bool {
    value_for(&mut Rng::new(0), flag).is_none()
}

fn arguments(rng: &mut Rng, command: &str) -> Vec<String> {
    let image = |rng: &mut Rng| pick(rng, IMAGES).to_string();
    let container = |rng: &mut Rng| pick(rng, CONTAINERS).to_string();
    match command {
        "pull" | "history" | "image inspect" => vec![image(rng)],
        "rmi" => (0..1 + rng.below(2)).map(|_| image(rng)).collect(),
        "tag" => vec![image(rng), pick(rng, &["mine:1", "Bad", "x@sha256:abc", "ok"]).to_string()],
        "images" => (0..rng.below(2)).map(|_| image(rng)).collect(),
        "inspect" => vec![if rng.below(2) == 0 { image(rng) } else { container(rng) }],
        "container inspect" | "start" | "stop" | "restart" | "kill" | "rm" => vec![container(rng)],
        "run" | "create" => {
            let mut args = vec![image(rng)];
            args.extend(
                pick(rng, &["", "true", "false", "sleep 100", "touch /x", "nosuchprog"])
                    .split_whitespace()
                    .map(str::to_string),
            );
            args
        }
        "commit" => vec![container(rng), pick(rng, &["mine:1", "Bad"]).to_string()],
        _ => Vec::new(),
    }
}

/// A random line for `command`, and the long flags it used.
fn random_line(
    rng: &mut Rng,
    command: &str,
    flags: &BTreeMap<String, (Option<char>, String)>,
) -> (String, Vec<String>) {
    let mut words = vec!["docker".to_string()];
    words.extend(command.split(' ').map(str::to_string));
    let names: Vec<&String> = flags.keys().filter(|f| f.as_str() != "help").collect();
    let mut used = Vec::new();
    for _ in 0..rng.below(3) {
        if names.is_empty() {
            break;
        }
        let name = names[rng.below(names.len())];
        // Flags without a value the generator knows are used as switches; a not-modelled flag is
        // refused before its value matters.
        let (short, _) = &flags[name];
        match (value_for(rng, name), short) {
            (Some(value), Some(s)) if rng.below(2) == 0 => {
                words.push(format!("-{s}"));
                words.push(value);
            }
            (Some(value), _) => words.push(format!("--{name}={value}")),
            (None, Some(s)) if rng.below(2) == 0 => words.push(format!("-{s}")),
            (None, _) => words.push(format!("--{name}")),
        }
        used.push(name.clone());
    }
    words.extend(arguments(rng, command));
    // Quote each word for the shell the engine runs lines through.
    let line = words.iter().map(|w| format!("'{}'", w.replace('\'', "'\\''"))).collect::<Vec<_>>().join(" ");
    (line, used)
}

/// Docker's wording for a refused command, each from its source.
fn docker_wording(line: &str) -> bool {
    const PREFIXES: &[&str] = &[
        // moby client: every daemon error (client/errors.go, cli/command: "Error response from daemon").
        "Error response from daemon: ",
        // docker run/create: cli/command/container/run.go and create.go prefix "docker: ".
        "docker: ",
        // cli/command/system/inspect.go inspectAll.
        "Error: No such object: ",
        // spf13/pflag flag.go failf messages and docker/cli cli/cobra.go FlagErrorFunc.
        "unknown flag: --",
        "unknown shorthand flag: ",
        "flag needs an argument: ",
        "invalid argument \"",
        "bad flag syntax: ",
        "See 'docker ",
        // cli/required.go argument counts.
        "\"docker ",
        // Usage blocks that follow them.
        "Usage:  docker ",
        "Run 'docker ",
        // cli/command/inspect/inspector.go, cli/command/formatter and container/list.go.
        "template parsing error: ",
        "failed to parse template: ",
        "failed to execute template: ",
        "WARNING: ",
        // Go text/template's own errors, which `info --format` returns as they are
        // (cli/command/system/info.go formatInfo).
        "template: ",
        // moby client/image_tag.go and cli/command/container/commit.go.
        "Error parsing reference: ",
        "refusing to create a tag with a digest reference",
        // distribution/reference and go-digest errors the client returns unwrapped.
        "invalid reference format",
        "invalid checksum digest ",
        "invalid repository name (",
        "repository name must ",
        "unsupported digest algorithm",
        // cli/command/system/prune.go runPrune.
        "ERROR: The \"until\" filter is not supported with \"--volumes\"",
        // cli/command/image/list.go runImages: flags --tree does not support yet.
        "--quiet is not yet supported with --tree",
        "--no-trunc is not yet supported with --tree",
        "--show-digest is not yet supported with --tree",
        "--format is not yet supported with --tree",
        // cli/command/image/pull.go RunPull.
        "tag can't be used with --all-tags/-a",
        "Using default tag: ",
        // cli/command/system/inspect.go runInspect.
        "\"",
        // docker run's pull progress (cli/command/container/create.go pullImage) and the program's
        // own output, which a failed `run` interleaves.
        "Unable to find image ",
    ];
    line.is_empty() || PREFIXES.iter().any(|p| line.starts_with(p)) || line.starts_with(' ') || line.starts_with('\t')
}

#[test]
fn accepted_lines_use_listed_flags_and_refusals_speak_docker() {
    let table = read_table();
    let commands: Vec<&String> = table.keys().collect();
    assert!(commands.len() >= 20, "the table lists too few commands: {commands:?}");
    let mut rng = Rng::new(0xF1DE);
    let (mut accepted, mut refused) = (0usize, 0usize);
    for sequence in 0..SEQUENCES {
        let scenario = scenarios::SCENARIO_NAMES[sequence % scenarios::SCENARIO_NAMES.len()];
        let mut engine: Engine = scenarios::build(scenario, sequence as u64, START).expect("built-in scenario");
        for _ in 0..1 + rng.below(MAX_STEPS) {
            let command = commands[rng.below(commands.len())].as_str();
            let flags = &table[command];
            let (line, used) = random_line(&mut rng, command, flags);
            engine.set_now(engine.now + 1_000_000_000);
            let outcome = engine.run_line(&line);
            if outcome.awaiting_answer() {
                engine.run_line("n");
            }
            let status = outcome.exit;
            // A flag the table calls not modelled must be refused as pflag refuses an unknown one,
            // and the flag named must be one of those.
            if let Some(flag) = used.iter().find(|f| not_modelled(&flags[*f].1)) {
                let named = outcome.lines.iter().find_map(|l| {
                    let long = l.text.strip_prefix("unknown flag: --").map(str::to_string);
                    let short = l.text.strip_prefix("unknown shorthand flag: '").and_then(|r| r.chars().next());
                    long.or_else(|| {
                        flags.iter().find(|(_, (s, _))| short.is_some() && *s == short).map(|(n, _)| n.clone())
                    })
                });
                assert!(
                    status == 125 && named.is_some_and(|n| flags.get(&n).is_some_and(|(_, s)| not_modelled(s))),
                    "`{line}`: the table says --{flag} is not modelled, but the engine answered {status}:\n{}",
                    outcome.text()
                );
            }
            if status == 0 {
                accepted += 1;
                for flag in &used {
                    assert!(
                        !not_modelled(&flags[flag].1),
                        "`{line}` was accepted with --{flag}, listed as not modelled"
                    );
                }
                continue;
            }
            refused += 1;
            // run/create/start hand back the container's own status and output.
            if matches!(command, "run" | "start") {
                continue;
            }
            assert!(
                [1, 64, 125].contains(&status),
                "`{line}` exited {status}, not a Docker status:\n{}",
                outcome.text()
            );
            for l in outcome.lines.iter().filter(|l| l.stream == Stream::Stderr) {
                assert!(docker_wording(&l.text), "`{line}` printed words that are not Docker's: {:?}", l.text);
            }
        }
    }
    assert!(accepted > SEQUENCES && refused > SEQUENCES, "too one-sided: {accepted} accepted, {refused} refused");
}

#[test]
fn the_table_lists_every_flag_the_engine_knows() {
    let table = read_table();
    let mut engine = Engine::new(1, START);
    for (command, flags) in &table {
        let help = engine.run_line(&format!("docker {command} --help")).text();
        for line in help.lines() {
            let Some(rest) = line.trim_start().split("--").nth(1) else {
                continue;
            };
            if !line.trim_start().starts_with('-') {
                continue;
            }
            let name = rest.split_whitespace().next().unwrap_or_default();
            let status = flags.get(name).map(|(_, s)| s.as_str());
            assert!(
                status.is_some_and(|s| !not_modelled(s)),
                "`docker {command} --help` lists --{name}, which the table gives as {status:?}"
            );
        }
    }
    assert!(is_switch("all") && !is_switch("format"));
}

/// The transcripts, by number (`tests/transcripts/NN-*.txt`).
fn transcripts() -> BTreeMap<u32, String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/transcripts");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("tests/transcripts") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if let Some(number) = name.split('-').next().and_then(|n| n.parse::<u32>().ok()) {
            out.insert(number, std::fs::read_to_string(&path).expect("readable transcript"));
        }
    }
    out
}

/// The transcript numbers a status names: the list after its first "transcript" or
/// "transcripts" ("exact (transcripts 21, 55, 58): …").
fn named_transcripts(status: &str) -> Vec<u32> {
    let Some(at) = status.find("transcript") else {
        return Vec::new();
    };
    let rest = status[at + "transcript".len()..].trim_start_matches('s').trim_start();
    let list: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == ' ').collect();
    list.split(',').filter_map(|n| n.trim().parse().ok()).collect()
}

/// Whether a transcript uses a flag: its long name (`--name`, not a longer flag it begins), or
/// its shorthand in a command line, alone, with a value (`-H=false`) or in a group (`-it`).
fn uses_flag(text: &str, long: &str, short: Option<char>) -> bool {
    let needle = format!("--{long}");
    let long_used = text
        .match_indices(&needle)
        .any(|(i, _)| !text[i + needle.len()..].starts_with(|c: char| c.is_ascii_lowercase() || c == '-'));
    let short_used = short.is_some_and(|s| {
        text.lines().filter_map(|l| l.strip_prefix("$ ")).flat_map(str::split_whitespace).any(|word| {
            let letters = word.strip_prefix('-').unwrap_or("");
            let letters = letters.split('=').next().unwrap_or("");
            !word.starts_with("--")
                && !letters.is_empty()
                && letters.chars().all(|c| c.is_ascii_alphabetic())
                && letters.contains(s)
        })
    });
    long_used || short_used
}

#[test]
fn exact_rows_name_transcripts_that_show_them() {
    let transcripts = transcripts();
    assert!(transcripts.len() > 70, "too few transcripts found: {}", transcripts.len());
    let mut section = String::new();
    let mut command = String::new();
    let mut checked = 0;
    for line in TABLE.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.to_string();
            continue;
        }
        if let Some(name) = line.strip_prefix("### `docker ").and_then(|l| l.strip_suffix('`')) {
            command = name.to_string();
            continue;
        }
        if !line.starts_with("| ") || line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let Some(status) = cells.iter().find(|c| c.starts_with("exact")) else {
            continue;
        };
        let numbers = named_transcripts(status);
        assert!(!numbers.is_empty(), "`{line}` is marked exact but names no transcript");
        for n in &numbers {
            assert!(transcripts.contains_key(n), "`{line}` names transcript {n}, which does not exist");
        }
        let named: Vec<&String> = numbers.iter().map(|n| &transcripts[n]).collect();
        // Backticked words of the row's first cells: flags, keys, functions.
        let ticked = |cell: &str| -> Vec<String> { cell.split('`').skip(1).step_by(2).map(str::to_string).collect() };
        match section.as_str() {
            "Flags" => {
                let words = ticked(cells[0]);
                let long = words[0].trim_start_matches('-').to_string();
                let short = words.get(1).and_then(|s| s.strip_prefix('-')).and_then(|s| s.chars().next());
                for (n, text) in numbers.iter().zip(&named) {
                    assert!(
                        uses_flag(text, &long, short),
                        "docker {command}: --{long} is marked exact by transcript {n}, which does not use it"
                    );
                }
            }
            "Filter keys" => {
                for key in ticked(cells[1]) {
                    let used = named.iter().any(|t| t.contains(&format!("{key}=")));
                    assert!(used, "filter `{key}` of {} is marked exact by {numbers:?}, which never use it", cells[0]);
                }
            }
            "Template functions" => {
                for name in ticked(cells[0]).iter().filter(|w| w.chars().all(|c| c.is_ascii_lowercase())) {
                    let used = named.iter().any(|t| {
                        t.contains(&format!("{{{{{name} "))
                            || t.contains(&format!("({name} "))
                            || t.contains(&format!("| {name}"))
                            || t.contains(&format!("{{{{{name}}}}}"))
                            || t.contains(&format!("{{{{- {name} "))
                    });
                    assert!(used, "template function `{name}` is marked exact by {numbers:?}, which never call it");
                }
            }
            _ => {}
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} exact rows were checked");
    // The check itself can fail: a transcript without the flag, a longer flag, a bare word.
    assert!(!uses_flag("$ docker images\n", "all", Some('a')));
    assert!(!uses_flag("$ docker rmi --no-prune x\n", "no", None));
    assert!(uses_flag("$ docker run -it busybox\n", "tty", Some('t')));
    assert!(uses_flag("$ docker history -H=false x\n", "human", Some('H')));
    assert_eq!(named_transcripts("exact (transcripts 21, 55, 58): `true`"), [21, 55, 58]);
}
