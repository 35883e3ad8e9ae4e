//! What the programs inside containers do. Nothing really runs: each known program has a
//! scripted effect (output, exit status, whether it keeps running, whether it writes files).

use crate::outcome::Stream;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgramRun {
    pub output: Vec<(Stream, String)>,
    /// `None`: the process keeps running (a server, `sleep`, an interactive shell).
    pub exit: Option<i32>,
    /// Bytes the process left in non-empty regular files of the container's filesystem, as
    /// moby measures a layer (pkg/directory calcSize: directories and empty files count 0).
    pub written: u64,
    /// Whether the process changed the container's filesystem at all (an empty file, a
    /// directory or a removal is a change of no size); decides whether `commit` adds a layer.
    pub changed: bool,
}

/// Why the runtime could not start the process at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartFailure {
    ExecutableNotFound(String),
}

const HELLO_FROM_DOCKER: &str = "
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

";

const BUSYBOX_ROOT: &str = "bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar";
const GNU_ROOT: &str =
    "bin\nboot\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar";

/// What the image's files provide: busybox and alpine speak busybox, the rest GNU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Userland {
    Busybox,
    Gnu,
    HelloWorld,
}

pub struct Invocation<'a> {
    pub path: &'a str,
    pub args: &'a [String],
    pub interactive: bool,
    pub userland: Userland,
    /// What an attached standard input carries when the client's own input is a pipe: the
    /// process reads it, then end of file. `None` with `interactive`: the prompt's terminal,
    /// which stays open.
    pub input: Option<&'a str>,
}

fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Runs one process to its (scripted) end.
pub fn run(invocation: &Invocation) -> Result<ProgramRun, StartFailure> {
    let program = basename(invocation.path);
    let args = invocation.args;
    let mut run = ProgramRun { exit: Some(0), ..ProgramRun::default() };
    if invocation.userland == Userland::HelloWorld && invocation.path != "/hello" {
        return Err(StartFailure::ExecutableNotFound(invocation.path.to_string()));
    }
    match program {
        "hello" if invocation.userland == Userland::HelloWorld => {
            run.output.push((Stream::Stdout, HELLO_FROM_DOCKER.to_string()));
        }
        "true" => {}
        "false" => run.exit = Some(1),
        "echo" => {
            let (newline, words) = match args.first().map(String::as_str) {
                Some("-n") => (false, &args[1..]),
                _ => (true, args),
            };
            let mut text = words.join(" ");
            if newline {
                text.push('\n');
            }
            if !text.is_empty() {
                run.output.push((Stream::Stdout, text));
            }
        }
        "touch" | "mkdir" => {
            let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
            if paths.is_empty() {
                run.output.push((Stream::Stderr, format!("{program}: missing operand\n")));
                run.exit = Some(1);
            } else {
                // New empty files and directories: a change, of no size.
                run.changed = true;
            }
        }
        "rm" => {
            let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
            if paths.is_empty() {
                run.output.push((Stream::Stderr, "rm: missing operand\n".to_string()));
                run.exit = Some(1);
            } else {
                // A removal leaves a whiteout (a character device of size 0).
                run.changed = true;
            }
        }
        "ls" => {
            let listing = if invocation.userland == Userland::Busybox { BUSYBOX_ROOT } else { GNU_ROOT };
            run.output.push((Stream::Stdout, format!("{listing}\n")));
        }
        // Without files cat copies its input: the piped text, nothing (no stdin attached), or
        // the open terminal, where it keeps running.
        "cat" if args.is_empty() => match invocation.input {
            Some(text) => run.output.push((Stream::Stdout, text.to_string())),
            None if invocation.interactive => run.exit = None,
            None => {}
        },
        "cat" => {
            for file in args {
                match file.as_str() {
                    "/etc/hostname" => run.output.push((Stream::Stdout, "container\n".to_string())),
                    other => {
                        let message = match invocation.userland {
                            Userland::Busybox => {
                                format!("cat: can't open '{other}': No such file or directory\n")
                            }
                            _ => format!("cat: {other}: No such file or directory\n"),
                        };
                        run.output.push((Stream::Stderr, message));
                        run.exit = Some(1);
                    }
                }
            }
        }
        "sleep" => match args.first().and_then(|a| a.trim_end_matches('s').parse::<f64>().ok()) {
            Some(secs) if secs > 0.0 => run.exit = None,
            Some(_) => {}
            None => {
                run.output.push((Stream::Stderr, "sleep: invalid number\n".to_string()));
                run.exit = Some(1);
            }
        },
        "sh" | "bash" | "ash" | "dash" => return Ok(shell(invocation, program)),
        "python3" | "python" | "node" => {
            if invocation.interactive {
                run.exit = None;
            }
        }
        "nginx" | "docker-entrypoint.sh" => {
            if program == "docker-entrypoint.sh" && args.first().is_some_and(|a| a != "nginx") {
                let (inner_path, inner_args) = args.split_first().map_or(("", &[][..]), |(p, a)| (p.as_str(), a));
                return run_nested(invocation, inner_path, inner_args);
            }
            run.exit = None;
        }
        _ => return Err(StartFailure::ExecutableNotFound(invocation.path.to_string())),
    }
    Ok(run)
}

fn run_nested(outer: &Invocation, path: &str, args: &[String]) -> Result<ProgramRun, StartFailure> {
    run(&Invocation { path, args, interactive: outer.interactive, userland: outer.userland, input: outer.input })
}

/// `sh`, `sh -c 'script'`: without `-c` a shell reads its script from its input: the piped
/// text, an empty input (no stdin attached: it exits), or the open terminal (it keeps running).
fn shell(invocation: &Invocation, program: &str) -> ProgramRun {
    let args = invocation.args;
    let Some(position) = args.iter().position(|a| a == "-c") else {
        return match invocation.input {
            // Its lines are lists of their own.
            Some(text) => run_script(invocation, program, &text.replace('\n', ";")),
            None => ProgramRun { exit: if invocation.interactive { None } else { Some(0) }, ..ProgramRun::default() },
        };
    };
    let Some(script) = args.get(position + 1) else {
        return ProgramRun {
            output: vec![(Stream::Stderr, format!("{program}: -c requires an argument\n"))],
            exit: Some(2),
            ..ProgramRun::default()
        };
    };
    run_script(invocation, program, script)
}

/// A shell script's lists, one after another, as far as they go.
fn run_script(invocation: &Invocation, program: &str, script: &str) -> ProgramRun {
    let mut total = ProgramRun { exit: Some(0), ..ProgramRun::default() };
    for (words, connector) in crate::lex::split_script(script) {
        // A list runs left to right: `&&` needs the last status to be 0, `||` needs it not to be.
        let succeeded = total.exit == Some(0);
        if (connector == "&&" && !succeeded) || (connector == "||" && succeeded) {
            continue;
        }
        let Some((path, rest)) = words.split_first() else {
            continue;
        };
        if path == "exit" {
            total.exit = Some(rest.first().and_then(|c| c.parse().ok()).unwrap_or(0));
            break;
        }
        match run(&Invocation { path, args: rest, interactive: false, userland: invocation.userland, input: None }) {
            Ok(step) => {
                total.output.extend(step.output);
                total.written += step.written;
                total.changed |= step.changed;
                total.exit = step.exit;
                if step.exit.is_none() {
                    break;
                }
            }
            Err(StartFailure::ExecutableNotFound(name)) => {
                // ash (busybox, alpine), dash (Debian's sh) and bash each word it their way.
                let message = match (program, invocation.userland) {
                    ("bash", _) => format!("bash: line 1: {name}: command not found\n"),
                    (_, Userland::Busybox) => format!("{program}: {name}: not found\n"),
                    _ => format!("{program}: 1: {name}: not found\n"),
                };
                total.output.push((Stream::Stderr, message));
                total.exit = Some(127);
            }
        }
    }
    total
}

fn handles_term(path: &str, args: &[String]) -> bool {
    matches!(basename(path), "nginx" | "docker-entrypoint.sh" | "python3" | "python" | "node")
        || args.iter().any(|a| a == "nginx")
}

/// How a container's first process answers a signal other than SIGKILL: the servers that handle
/// SIGINT, SIGQUIT and SIGTERM exit 0; a PID 1 without a handler is not killed by the kernel,
/// so the signal changes nothing (`None`).
pub fn signal_exit_code(path: &str, args: &[String], signal: i32) -> Option<i32> {
    (matches!(signal, 2 | 3 | 15) && handles_term(path, args)).then_some(0)
}
