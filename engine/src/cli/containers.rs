//! `docker run`, `create`, `start`, `stop`, `restart`, `kill`, `rm`, `ps`, `commit`.

use crate::daemon::ImageService;
use serde_json::{json, Map, Value};

use crate::template::{DataKind, Template};

use super::format::{print_listing, FormatRow, ListFormat};
use super::images::{ellipsis, pull_reference, since};
use super::spec::Parsed;
use super::{daemon_error, filter_args};
use crate::daemon::Daemon;
use crate::daemon::{CommitOptions, CreateOptions};
use crate::daemon::{ContainerError, ImageError};
use crate::outcome::{Outcome, Stream};
use crate::store::digest::short_id;
use crate::store::reference::{parse_any_reference, parse_normalized_named, AnyReference};
use crate::store::{Container, ContainerId, ContainerSettings, ContainerState};
use crate::units::{go_time_string, human_duration, image_size};

/// `validatePullOpt` then `parse` (cli/command/container/opts.go) for `run` and `create`: the
/// client's own checks, each refused through `reportError` with status 125 before any request.
fn create_options(parsed: &Parsed, detach: bool) -> Result<CreateOptions, String> {
    let pull_policy = parsed.string("pull").unwrap_or("missing");
    if !["always", "missing", "never"].contains(&pull_policy) {
        return Err(format!(
            "invalid pull option: '{pull_policy}': must be one of \"always\", \"missing\" or \"never\""
        ));
    }
    let restart_policy = super::opts::parse_restart_policy(parsed.string("restart").unwrap_or("no"))?;
    let auto_remove = parsed.bool("rm");
    // `RestartPolicy.IsNone`: "no" or no name at all.
    if auto_remove && restart_policy.as_ref().is_some_and(|p| !p.name.is_empty() && p.name != "no") {
        return Err("Conflicting options: --restart and --rm".to_string());
    }
    let interactive = parsed.bool("interactive");
    // Without `-a`, stdout and stderr are attached and stdin with `-i`; `run -d` attaches
    // nothing (run.go runContainer). StdinOnce: an open and attached stdin closes with the client.
    let attached = !detach;
    Ok(CreateOptions {
        image: parsed.args[0].clone(),
        name: parsed.string("name").filter(|n| !n.is_empty()).map(str::to_string),
        cmd: parsed.args[1..].to_vec(),
        entrypoint: parsed.string("entrypoint").map(str::to_string),
        env: parsed.all("env"),
        labels: parsed
            .all("label")
            .into_iter()
            .map(|l| match l.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (l, String::new()),
            })
            .collect(),
        tty: parsed.bool("tty"),
        interactive,
        auto_remove,
        settings: ContainerSettings {
            hostname: parsed.string("hostname").unwrap_or("").to_string(),
            user: parsed.string("user").unwrap_or("").to_string(),
            working_dir: parsed.string("workdir").unwrap_or("").to_string(),
            attach_stdin: attached && interactive,
            attach_stdout: attached,
            attach_stderr: attached,
            stdin_once: attached && interactive,
            restart_policy: Default::default(),
        },
        restart_policy,
    })
}

/// `createContainer` in the CLI: a missing image is pulled (progress on stderr), then the
/// create is tried again.
fn create_with_pull(
    daemon: &mut Daemon,
    parsed: &Parsed,
    options: &CreateOptions,
    outcome: &mut Outcome,
) -> Result<ContainerId, String> {
    let named = match parse_any_reference(&options.image) {
        Ok(AnyReference::Named(n)) => Some(n.with_default_tag()),
        Ok(AnyReference::Id(_)) => None,
        Err(e) => return Err(e.to_string()),
    };
    let pull_policy = parsed.string("pull").unwrap_or("missing");
    if pull_policy == "always" {
        if let Some(named) = &named {
            let progress =
                pull_reference(daemon, named, false).map_err(|e| format!("Error response from daemon: {e}"))?;
            if !parsed.bool("quiet") {
                for line in progress {
                    outcome.err(line);
                }
            }
        }
    }
    match (daemon.create_container(options), &named) {
        (Err(ContainerError::Image(ImageError::NotFound(_))), Some(named)) if pull_policy == "missing" => {
            let quiet = parsed.bool("quiet");
            if !quiet {
                outcome.err(format!("Unable to find image '{}' locally", named.familiar()));
            }
            let progress =
                pull_reference(daemon, named, false).map_err(|e| format!("Error response from daemon: {e}"))?;
            if !quiet {
                for line in progress {
                    outcome.err(line);
                }
            }
            daemon.create_container(options).map_err(|e| format!("Error response from daemon: {e}"))
        }
        (result, _) => result.map_err(|e| format!("Error response from daemon: {e}")),
    }
}

pub(super) fn create(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let options = match create_options(parsed, false) {
        Ok(options) => options,
        Err(e) => return report_error(outcome, "create", &e, 125),
    };
    match create_with_pull(daemon, parsed, &options, outcome) {
        Ok(id) => outcome.out(id.to_string()),
        Err(e) => {
            outcome.err(e);
            outcome.exit = 1;
        }
    }
}

/// `reportError` (run.go): `docker: <err>.` and the See line of the command, exit 125 (or
/// 126/127 when the process could not be started).
fn report_error(outcome: &mut Outcome, command: &str, message: &str, status: i32) {
    let text = format!("{}.", message.strip_suffix('.').unwrap_or(message));
    outcome.err(format!("docker: {text}\nSee 'docker {command} --help'."));
    outcome.exit = status;
}

fn report_run_error(outcome: &mut Outcome, message: &str, status: i32) {
    report_error(outcome, "run", message, status)
}

fn print_program_output(outcome: &mut Outcome, output: Vec<(Stream, String)>) {
    for (stream, text) in output {
        outcome.push(stream, text);
    }
}

/// `docker run`; `stdin` is what a pipe feeds the client (`None`: the prompt's terminal).
pub(super) fn run(daemon: &mut Daemon, parsed: &Parsed, stdin: Option<&str>, outcome: &mut Outcome) {
    let piped = stdin.is_some();
    let detach = parsed.bool("detach");
    let options = match create_options(parsed, detach) {
        Ok(options) => options,
        Err(e) => return report_run_error(outcome, &e, 125),
    };
    // runContainer: In.CheckTty (cli/streams/in.go) before anything is created; a tty over an
    // attached stdin needs a terminal. The error is returned as it is (status 1).
    if !detach && options.tty && options.settings.attach_stdin && piped {
        outcome.err("the input device is not a TTY".to_string());
        outcome.exit = 1;
        return;
    }
    let id = match create_with_pull(daemon, parsed, &options, outcome) {
        Ok(id) => id,
        Err(e) => return report_run_error(outcome, &e, 125),
    };
    if detach {
        outcome.out(id.to_string());
    }
    // An attached stdin (`-i` without `-d`) carries the piped input to the process.
    let input = stdin.filter(|_| options.settings.attach_stdin);
    match daemon.start_container_with_input(&id, input) {
        Ok(run) => {
            if !detach {
                print_program_output(outcome, run.output);
                if let Some(code) = run.exit {
                    outcome.exit = code;
                }
            }
        }
        Err(e) => {
            if parsed.bool("rm") {
                let _ = daemon.remove_container(&id, true);
            }
            let status = if matches!(e, ContainerError::ExecutableNotFound(_)) { 127 } else { 125 };
            report_run_error(outcome, &format!("Error response from daemon: {e}"), status);
        }
    }
}

pub(super) fn start(daemon: &mut Daemon, parsed: &Parsed, stdin: Option<&str>, outcome: &mut Outcome) {
    // RunStart: `-a` or `-i` attaches to one container: it is inspected first (its error returned
    // as it is), started, and its exit status becomes the command's (a StatusError, no text).
    if parsed.bool("attach") || parsed.bool("interactive") {
        if parsed.args.len() > 1 {
            outcome.err("you cannot start and attach multiple containers at once".to_string());
            outcome.exit = 1;
            return;
        }
        // The container's stdin is attached with `-i` when it was created with one (OpenStdin).
        let input = stdin.filter(|_| parsed.bool("interactive"));
        let result = daemon.get_container(&parsed.args[0]).and_then(|id| daemon.start_container_with_input(&id, input));
        match result {
            Ok(run) => {
                print_program_output(outcome, run.output);
                if let Some(code) = run.exit {
                    outcome.exit = code;
                }
            }
            Err(e) => {
                daemon_error(outcome, e);
                outcome.exit = 1;
            }
        }
        return;
    }
    let mut failed = Vec::new();
    for arg in &parsed.args {
        match daemon.get_container(arg).and_then(|id| daemon.start_container(&id)) {
            Ok(_) => outcome.out(arg.clone()),
            Err(e) => {
                daemon_error(outcome, e);
                failed.push(arg.clone());
            }
        }
    }
    if !failed.is_empty() {
        outcome.err(format!("Error: failed to start containers: {}", failed.join(", ")));
        outcome.exit = 1;
    }
}

pub(super) fn stop(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome, restart: bool) {
    let mut errors = Vec::new();
    for arg in &parsed.args {
        let signal = parsed.string("signal").unwrap_or("");
        match daemon.get_container(arg) {
            Ok(id) => {
                // ContainerStop wraps a failed stop, ContainerRestart any failure, with the name
                // as given (daemon/stop.go, daemon/restart.go).
                let stopped = daemon.stop_container(&id, signal);
                let result =
                    if restart { stopped.and_then(|()| daemon.start_container(&id).map(|_| ())) } else { stopped };
                match result {
                    Ok(()) => outcome.out(arg.clone()),
                    Err(e) if restart => errors.push(format!("Cannot restart container {arg}: {e}")),
                    Err(e) => errors.push(format!("cannot stop container: {arg}: {e}")),
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    for e in &errors {
        daemon_error(outcome, e);
    }
    if !errors.is_empty() {
        outcome.exit = 1;
    }
}

pub(super) fn kill(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let mut errors = Vec::new();
    for arg in &parsed.args {
        let result = daemon.container_kill(arg, parsed.string("signal").unwrap_or(""));
        match result {
            Ok(()) => outcome.out(arg.clone()),
            // The API router wraps every kill error with the name as given.
            Err(e) => errors.push(format!("cannot kill container: {arg}: {e}")),
        }
    }
    for e in &errors {
        daemon_error(outcome, e);
    }
    if !errors.is_empty() {
        outcome.exit = 1;
    }
}

pub(super) fn rm(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let force = parsed.bool("force");
    let mut errors: Vec<String> = Vec::new();
    for arg in &parsed.args {
        let name = arg.trim_matches('/');
        if name.is_empty() {
            errors.push("Container name cannot be empty".to_string());
            continue;
        }
        match daemon.get_container(name).and_then(|id| daemon.remove_container(&id, force)) {
            Ok(()) => outcome.out(arg.clone()),
            Err(e) if force && e.is_not_found() => daemon_error(outcome, e),
            Err(e) => errors.push(format!("Error response from daemon: {e}")),
        }
    }
    for e in &errors {
        outcome.err(e.clone());
    }
    if !errors.is_empty() {
        outcome.exit = 1;
    }
}

pub(super) fn commit(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let target = match parsed.args.get(1) {
        Some(reference) => match parse_normalized_named(reference) {
            Ok(named) if named.digest.is_some() => {
                outcome.err("refusing to create a tag with a digest reference");
                outcome.exit = 1;
                return;
            }
            Ok(named) => Some(named),
            Err(e) => {
                outcome.err(format!("Error parsing reference: \"{reference}\" is not a valid repository/tag: {e}"));
                outcome.exit = 1;
                return;
            }
        },
        None => None,
    };
    let options = CommitOptions {
        message: parsed.string("message").unwrap_or("").to_string(),
        author: parsed.string("author").unwrap_or("").to_string(),
        changes: parsed.all("change"),
    };
    let result =
        daemon.get_container(&parsed.args[0]).and_then(|id| daemon.commit_container(&id, target.as_ref(), &options));
    match result {
        Ok(image) => outcome.out(image),
        Err(e) => {
            daemon_error(outcome, e);
            outcome.exit = 1;
        }
    }
}

pub(crate) fn status_text(daemon: &Daemon, c: &Container) -> String {
    match c.state {
        ContainerState::Running => format!("Up {}", human_duration(daemon.now - c.started_at.unwrap_or(c.created))),
        ContainerState::Created => "Created".to_string(),
        ContainerState::Exited(code) => match c.finished_at {
            Some(at) => format!("Exited ({code}) {} ago", human_duration(daemon.now - at)),
            None => "Created".to_string(),
        },
    }
}

/// The IMAGE column: the image as typed while it still resolves to the container's image,
/// the image ID otherwise (`refreshImage`), then shortened by the CLI.
pub(crate) fn image_column(daemon: &Daemon, c: &Container, trunc: bool) -> String {
    let still_resolves = daemon.get_image(&c.image_ref).is_ok_and(|id| id == c.image_id);
    let daemon_value = if still_resolves { c.image_ref.clone() } else { c.image_id.to_string() };
    if !trunc {
        return daemon_value;
    }
    if short_id(&c.image_id) == short_id(&daemon_value) {
        return short_id(&daemon_value).to_string();
    }
    match parse_normalized_named(&daemon_value) {
        Ok(named) => {
            let trimmed = crate::store::reference::Named { digest: None, ..named };
            trimmed.familiar()
        }
        Err(_) => daemon_value,
    }
}

fn quote_go(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One row of `docker ps` (docker/cli `ContainerContext`).
struct ContainerRow {
    id: String,
    image: String,
    command: String,
    created_at: String,
    running_for: String,
    status: String,
    state: &'static str,
    names: String,
    labels: String,
    /// For `{{.Label "KEY"}}` (ContainerContext.Label, a method with one argument).
    label_map: Map<String, Value>,
    size: String,
    with_size: bool,
}

impl FormatRow for ContainerRow {
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("Command".into(), json!(self.command));
        m.insert("CreatedAt".into(), json!(self.created_at));
        m.insert("ID".into(), json!(self.id));
        m.insert("Image".into(), json!(self.image));
        m.insert("Label".into(), Value::Object(self.label_map.clone()));
        m.insert("Labels".into(), json!(self.labels));
        m.insert("LocalVolumes".into(), json!("0"));
        m.insert("Mounts".into(), json!(""));
        m.insert("Names".into(), json!(self.names));
        m.insert("Networks".into(), json!("bridge"));
        m.insert("Ports".into(), json!(""));
        m.insert("RunningFor".into(), json!(self.running_for));
        m.insert("Size".into(), json!(self.size));
        m.insert("State".into(), json!(self.state));
        m.insert("Status".into(), json!(self.status));
        Value::Object(m)
    }

    /// `{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}[\t{{.Size}}]`
    fn write_default_line(&self, line: &mut String) {
        let ports = "";
        for (i, cell) in [&self.id, &self.image, &self.command, &self.running_for, &self.status, ports, &self.names]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                line.push('\t');
            }
            line.push_str(cell);
        }
        if self.with_size {
            line.push('\t');
            line.push_str(&self.size);
        }
    }

    fn quiet_id(&self) -> &str {
        &self.id
    }
}

fn ps_row(daemon: &Daemon, c: &Container, trunc: bool, with_size: bool) -> ContainerRow {
    let command = if trunc { ellipsis(&c.command_line(), 20) } else { c.command_line() };
    let image_size_total = daemon.store.layers.get(c.parent_layer.as_deref().unwrap_or("")).map_or(0, |l| l.size);
    let size = image_size(c.size_rw);
    let virtual_size = c.size_rw + image_size_total;
    let size = if virtual_size > 0 { format!("{size} (virtual {})", image_size(virtual_size)) } else { size };
    ContainerRow {
        id: if trunc { c.short_id().to_string() } else { c.id.to_string() },
        image: image_column(daemon, c, trunc),
        command: quote_go(&command),
        created_at: go_time_string(c.created),
        running_for: since(daemon, c.created),
        status: status_text(daemon, c),
        state: c.state_word(),
        names: c.name.clone(),
        labels: c.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
        label_map: c.labels.iter().map(|(k, v)| (k.clone(), json!(v))).collect(),
        size,
        with_size,
    }
}

pub(super) fn ps(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let last = parsed.int("last").unwrap_or(-1);
    let latest = parsed.bool("latest");
    // `--last` and `--latest` imply `--all` (`buildContainerListOptions`).
    let all = parsed.bool("all") || latest || last > 0;
    let header = json!({
        "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT",
        "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE", "Status": "STATUS", "Size": "SIZE",
        "Names": "NAMES", "Labels": "LABELS", "Mounts": "MOUNTS", "LocalVolumes": "LOCAL VOLUMES", "Networks": "NETWORKS"
    });
    let mut format = parsed.string("format").unwrap_or("");
    let quiet = parsed.bool("quiet");
    // list.go runPs: a format with --quiet is dropped with a warning (NewContainerFormat gives
    // the quiet format); buildContainerListOptions then parses the format and runs it once on
    // an empty ContainerContext, both before the request.
    if !format.is_empty() {
        if quiet {
            outcome.err("WARNING: Ignoring custom format, because both --format and --quiet are set.");
        }
        let checked = Template::parse(format).map_err(|e| format!("failed to parse template: {e}")).and_then(|t| {
            let mut empty: serde_json::Map<String, Value> =
                header.as_object().into_iter().flatten().map(|(k, _)| (k.clone(), json!(""))).collect();
            empty.insert("Label".into(), json!({}));
            t.execute(&Value::Object(empty), DataKind::Struct(crate::template::CONTAINER_CONTEXT))
                .map_err(|e| format!("failed to execute template: {e}"))
        });
        if let Err(e) = checked {
            outcome.err(e);
            outcome.exit = 1;
            return;
        }
        if quiet {
            format = "";
        }
    }
    let kept = match daemon.containers(all, &filter_args(&parsed.all("filter"))) {
        Ok(kept) => kept,
        Err(e) => {
            daemon_error(outcome, e);
            outcome.exit = 1;
            return;
        }
    };
    let limit = if latest {
        1
    } else if last > 0 {
        last as usize
    } else {
        usize::MAX
    };
    let trunc = !parsed.bool("no-trunc");
    let with_size = parsed.bool("size");
    let rows: Vec<ContainerRow> = kept.into_iter().take(limit).map(|c| ps_row(daemon, c, trunc, with_size)).collect();
    let format = ListFormat {
        format,
        default_header: if with_size {
            "CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\tSIZE"
        } else {
            "CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES"
        },
        quiet,
        header,
        type_name: crate::template::CONTAINER_CONTEXT,
    };
    print_listing(outcome, format.render(&rows));
}
