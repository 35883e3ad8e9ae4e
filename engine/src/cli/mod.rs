//! The `docker` CLI in front of the daemon: argument parsing (cobra/pflag), help, and each
//! command's output exactly as docker/cli v27 prints it.

pub mod format;
pub mod spec;
pub mod table;

mod containers;
mod images;
mod opts;
mod system;
mod tree;

use crate::daemon::Daemon;
use crate::outcome::{Event, Invocation, Outcome, PendingQuestion};
use spec::{Action, Command, Parsed};

pub const CLIENT_VERSION: &str = "27.5.1";

/// `Error response from daemon: …` as the API client words a daemon error.
pub(crate) fn daemon_error(outcome: &mut Outcome, message: impl std::fmt::Display) {
    outcome.err(format!("Error response from daemon: {message}"));
}

/// Runs `docker ARGS…`. `stdin` is what a pipe feeds it (used to answer prompts).
pub fn run(daemon: &mut Daemon, args: &[String], stdin: Option<&str>) -> Outcome {
    let mut outcome = run_call(daemon, args, stdin);
    let printed = outcome.lines.iter().map(|line| line.text.clone()).collect();
    match outcome.invocations.last_mut() {
        Some(invocation) => invocation.printed = printed,
        None => outcome.invocations.push(Invocation { command: String::new(), flags: Vec::new(), printed }),
    }
    outcome
}

fn run_call(daemon: &mut Daemon, args: &[String], stdin: Option<&str>) -> Outcome {
    let mut outcome = Outcome::default();
    let Some(first) = args.first() else {
        outcome.out(table::ROOT_HELP);
        return outcome;
    };
    match first.as_str() {
        "--help" | "-h" => {
            outcome.out(table::ROOT_HELP);
            return outcome;
        }
        "help" => {
            // `docker help CMD` is `docker CMD --help`.
            let mut rest: Vec<String> = args[1..].to_vec();
            if rest.is_empty() {
                outcome.out(table::ROOT_HELP);
                return outcome;
            }
            rest.push("--help".to_string());
            return run(daemon, &rest, stdin);
        }
        "--version" | "-v" => {
            outcome.out(format!("Docker version {CLIENT_VERSION}, build 9f9e405"));
            return outcome;
        }
        _ => {}
    }
    if first.starts_with('-') {
        let flag = first.trim_start_matches('-');
        if first.starts_with("--") {
            outcome.err(format!("unknown flag: --{}\nSee 'docker --help'.", flag.split('=').next().unwrap_or(flag)));
        } else {
            let c = flag.chars().next().unwrap_or('-');
            outcome.err(format!("unknown shorthand flag: '{c}' in {first}\nSee 'docker --help'."));
        }
        outcome.err(format!("\n{}", table::ROOT_HELP.trim_start_matches('\n').trim_end()));
        outcome.exit = 125;
        return outcome;
    }
    let (command, rest) = if let Some(command) = table::top_level(first) {
        (command, &args[1..])
    } else if let Some(group) = table::MANAGEMENT.iter().find(|m| m.name == first) {
        match args.get(1) {
            None => {
                outcome.out(group.usage());
                return outcome;
            }
            Some(h) if h == "--help" || h == "-h" => {
                outcome.out(group.usage());
                return outcome;
            }
            Some(sub) => match group.find(sub) {
                Some(command) => (command, &args[2..]),
                None if sub.starts_with('-') => {
                    outcome.err(format!(
                        "unknown flag: {sub}\nSee 'docker {} --help'.\n\n{}",
                        group.name,
                        group.usage().trim_start_matches('\n').trim_end()
                    ));
                    outcome.exit = 125;
                    return outcome;
                }
                None => {
                    // cobra's NoArgs on a command with subcommands: a blank line, then the usage.
                    outcome.err(format!("\n{}", group.usage().trim_start_matches('\n').trim_end()));
                    outcome.exit = 1;
                    return outcome;
                }
            },
        }
    } else {
        outcome.err(format!("docker: '{first}' is not a docker command.\nSee 'docker --help'"));
        outcome.exit = 1;
        return outcome;
    };
    let parsed = match spec::parse_checked(&command, rest) {
        Ok(parsed) => parsed,
        Err((message, status)) => {
            outcome.err(message);
            outcome.exit = status;
            return outcome;
        }
    };
    if parsed.help {
        outcome.out(command.help());
        return outcome;
    }
    outcome.invocations.push(Invocation {
        command: command.action.canonical().to_string(),
        flags: parsed.flags_given(),
        printed: Vec::new(),
    });
    execute(daemon, &command, &parsed, stdin, &mut outcome);
    outcome
}

/// The command a name stands for, in its management form: `rmi`, `image rm` and `image remove`
/// are all `image rm` (see [`Invocation`]).
pub fn resolve_command(name: &str) -> Option<&'static str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let command = match words.as_slice() {
        [single] => table::top_level(single),
        [group, sub] => table::MANAGEMENT.iter().find(|m| m.name == *group).and_then(|m| m.find(sub)),
        _ => None,
    }?;
    Some(command.action.canonical())
}

/// The long name of `flag` (`-f` or `--force`) for the command `canonical` names.
pub fn flag_name(canonical: &str, flag: &str) -> Option<&'static str> {
    let command = resolve_command(canonical)?;
    let spec = table::MANAGEMENT
        .iter()
        .flat_map(|m| m.commands.iter().map(|(_, _, c)| *c))
        .chain(table::top_level_names().into_iter().filter_map(table::top_level))
        .find(|c| c.action.canonical() == command)?;
    let flags = spec.all_flags();
    let found = match flag.strip_prefix("--") {
        Some(long) => flags.iter().find(|f| f.name == long),
        None => {
            let mut letters = flag.strip_prefix('-')?.chars();
            let (letter, None) = (letters.next()?, letters.next()) else {
                return None;
            };
            flags.iter().find(|f| f.short == Some(letter))
        }
    };
    found.map(|f| f.name)
}

fn execute(daemon: &mut Daemon, command: &Command, parsed: &Parsed, stdin: Option<&str>, outcome: &mut Outcome) {
    match command.action {
        Action::Images => images::images(daemon, command, parsed, outcome),
        Action::Rmi => images::rmi(daemon, parsed, outcome),
        Action::Pull => images::pull(daemon, parsed, outcome),
        Action::Tag => images::tag(daemon, parsed, outcome),
        Action::ImagePrune => system::image_prune(daemon, parsed, stdin, outcome),
        Action::History => images::history(daemon, parsed, outcome),
        Action::ImageInspect => images::inspect(daemon, parsed, outcome, images::InspectKind::Image),
        Action::Inspect => images::inspect(daemon, parsed, outcome, images::InspectKind::Any),
        Action::ContainerInspect => images::inspect(daemon, parsed, outcome, images::InspectKind::Container),
        Action::Run => containers::run(daemon, parsed, stdin, outcome),
        Action::Create => containers::create(daemon, parsed, outcome),
        Action::Start => containers::start(daemon, parsed, stdin, outcome),
        Action::Stop => containers::stop(daemon, parsed, outcome, false),
        Action::Restart => containers::stop(daemon, parsed, outcome, true),
        Action::Kill => containers::kill(daemon, parsed, outcome),
        Action::Rm => containers::rm(daemon, parsed, outcome),
        Action::Ps => containers::ps(daemon, parsed, outcome),
        Action::Commit => containers::commit(daemon, parsed, outcome),
        Action::ContainerPrune => system::container_prune(daemon, parsed, stdin, outcome),
        Action::SystemDf => system::df(daemon, parsed, outcome),
        Action::SystemPrune => system::system_prune(daemon, parsed, stdin, outcome),
        Action::Version => system::version(daemon, parsed, outcome),
        Action::Info => system::info(daemon, parsed, outcome),
    }
}

/// The lines of an `ImageDelete` response, read from the daemon's events: each untagged
/// reference and each deleted image or layer, in order, with whether it was a deletion.
pub(crate) fn image_deletions(events: &[Event]) -> impl Iterator<Item = (bool, &str)> {
    events.iter().filter_map(|event| match event {
        Event::Untagged { reference, .. } => Some((false, reference.as_str())),
        Event::ImageDeleted { image } => Some((true, &**image)),
        Event::LayerDeleted { layer, .. } => Some((true, &**layer)),
        _ => None,
    })
}

/// `--filter key=value` flags as the client sends them (`opts.FilterOpt`): keys lower-cased
/// and trimmed. Which keys count is the daemon's to decide.
pub(crate) fn filter_args(raw: &[String]) -> Vec<(String, String)> {
    raw.iter()
        .map(|item| {
            let (key, value) = item.split_once('=').unwrap_or((item, ""));
            (crate::case::to_lower(key.trim()), value.trim().to_string())
        })
        .collect()
}

/// Whether the answer to a `[y/N]` question is yes.
pub(crate) fn confirmed(answer: &str) -> bool {
    answer.lines().next().is_some_and(|l| l.trim().eq_ignore_ascii_case("y"))
}

/// Answers a pending `[y/N]` question with the line just typed.
pub fn answer(daemon: &mut Daemon, question: &PendingQuestion, line: &str) -> Outcome {
    let mut outcome = Outcome::default();
    if confirmed(line) {
        system::run_confirmed(daemon, question, &mut outcome);
    }
    outcome
}
