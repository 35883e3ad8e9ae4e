//! `ContainerStart`, stop, kill (moby `daemon/start.go`, `stop.go`, `kill.go`): the process
//! runs as far as the model runs it.

use std::sync::Arc;

use crate::daemon::programs::{self, Invocation, ProgramRun, StartFailure};
use crate::daemon::{ContainerError, Daemon};
use crate::outcome::Event;
use crate::store::{ContainerId, ContainerState};

impl Daemon {
    /// Starts a container and runs its process as far as it goes; returns what it printed.
    /// A process that ends takes the container to `Exited`; with `--rm` it is then removed.
    pub fn start_container(&mut self, id: &ContainerId) -> Result<ProgramRun, ContainerError> {
        self.start_container_with_input(id, None)
    }

    /// [`Daemon::start_container`] with the client's piped input on the container's attached
    /// standard input (`run -i`, `start -i` behind a pipe): the process reads it to its end.
    pub fn start_container_with_input(
        &mut self,
        id: &ContainerId,
        input: Option<&str>,
    ) -> Result<ProgramRun, ContainerError> {
        let Some(container) = self.store.containers.get(id).cloned() else {
            return Err(ContainerError::NotFound(id.to_string()));
        };
        if container.is_running() {
            return Ok(ProgramRun::default());
        }
        let invocation = Invocation {
            path: &container.path,
            args: &container.args,
            interactive: container.open_stdin,
            userland: self.userland_of(&container),
            input: input.filter(|_| container.open_stdin),
        };
        let run = match programs::run(&invocation) {
            Ok(run) => run,
            Err(StartFailure::ExecutableNotFound(name)) => {
                if let Some(c) = self.store.containers.get_mut(id).map(Arc::make_mut) {
                    if c.started_at.is_some() {
                        c.state = ContainerState::Exited(127);
                    }
                }
                return Err(ContainerError::ExecutableNotFound(name));
            }
        };
        let now = self.now;
        if let Some(c) = self.store.containers.get_mut(id).map(Arc::make_mut) {
            c.started_at = Some(now);
            c.size_rw += run.written;
            c.fs_changed |= run.changed || run.written > 0;
            match run.exit {
                None => c.state = ContainerState::Running,
                Some(code) => {
                    c.state = ContainerState::Exited(code);
                    c.finished_at = Some(now);
                }
            }
        }
        self.emit(Event::ContainerStarted { container: id.to_string() });
        if let Some(code) = run.exit {
            self.finish(id, code);
        }
        Ok(run)
    }

    fn finish(&mut self, id: &ContainerId, code: i32) {
        self.emit(Event::ContainerExited { container: id.to_string(), code });
        if self.store.containers.get(id).is_some_and(|c| c.auto_remove) {
            self.remove_container_record(id);
        }
    }

    fn end_process(&mut self, id: &ContainerId, code: i32) {
        let now = self.now;
        let mut ended = false;
        if let Some(c) = self.store.containers.get_mut(id).map(Arc::make_mut) {
            if c.is_running() {
                c.state = ContainerState::Exited(code);
                c.finished_at = Some(now);
                ended = true;
            }
        }
        if ended {
            self.finish(id, code);
        }
    }

    /// `containerStop` (daemon/stop.go): nothing to do for a container that is not running;
    /// else the signal (`--signal`, checked by ParseSignal alone, or SIGTERM) is sent, and a
    /// process it does not end is killed with SIGKILL when the timeout runs out (137).
    pub fn stop_container(&mut self, id: &ContainerId, signal: &str) -> Result<(), ContainerError> {
        let Some(c) = self.store.containers.get(id).filter(|c| c.is_running()) else {
            // Nothing changes; the record is still taken for writing as before (a stop of a stopped
            // container rewrites it with equal contents, which the page's undo steps rely on
            // telling apart from a change: src/session/tests.rs).
            self.end_process(id, 0);
            return Ok(());
        };
        let signal = if signal.is_empty() { SIGTERM } else { parse_signal_only(signal)? };
        let code = match signal {
            SIGKILL => 137,
            s => i32::try_from(s).ok().and_then(|s| programs::signal_exit_code(&c.path, &c.args, s)).unwrap_or(137),
        };
        self.end_process(id, code);
        Ok(())
    }

    /// `ContainerKill(name, signal)`: the signal is checked before the container is looked up;
    /// SIGKILL ends the process with 137, other signals as the process answers them.
    pub fn container_kill(&mut self, name: &str, signal: &str) -> Result<(), ContainerError> {
        let signal = if signal.is_empty() { SIGKILL as i32 } else { parse_signal(signal)? };
        let id = self.get_container(name)?;
        if i64::from(signal) == SIGKILL {
            return self.kill_container(&id);
        }
        let Some(c) = self.store.containers.get(&id) else {
            return Err(ContainerError::NotFound(id.to_string()));
        };
        if !c.is_running() {
            return Err(ContainerError::NotRunning(c.id.to_string()));
        }
        if let Some(code) = programs::signal_exit_code(&c.path, &c.args, signal) {
            self.end_process(&id, code);
        }
        Ok(())
    }

    pub fn kill_container(&mut self, id: &ContainerId) -> Result<(), ContainerError> {
        match self.store.containers.get(id) {
            Some(c) if c.is_running() => {
                self.end_process(id, 137);
                Ok(())
            }
            Some(c) => Err(ContainerError::NotRunning(c.id.to_string())),
            None => Err(ContainerError::NotFound(id.to_string())),
        }
    }
}

const SIGKILL: i64 = 9;
const SIGTERM: i64 = 15;

/// moby/sys/signal `ParseSignal` and `ValidSignalForPlatform` on Linux (ContainerKill checks
/// both): the signal must be in the Linux SignalMap (1–31, 34–64).
fn parse_signal(raw: &str) -> Result<i32, ContainerError> {
    let signal = parse_signal_only(raw)?;
    if !(1..=31).contains(&signal) && !(34..=64).contains(&signal) {
        return Err(ContainerError::InvalidParameter(format!("the linux daemon does not support signal {signal}")));
    }
    Ok(signal as i32)
}

/// moby/sys/signal `ParseSignal`: a number (not 0, any other accepted), or a name with or
/// without `SIG` in any case from the Linux SignalMap.
fn parse_signal_only(raw: &str) -> Result<i64, ContainerError> {
    const NAMES: &[(&str, i32)] = &[
        ("ABRT", 6),
        ("ALRM", 14),
        ("BUS", 7),
        ("CHLD", 17),
        ("CLD", 17),
        ("CONT", 18),
        ("FPE", 8),
        ("HUP", 1),
        ("ILL", 4),
        ("INT", 2),
        ("IO", 29),
        ("IOT", 6),
        ("KILL", 9),
        ("PIPE", 13),
        ("POLL", 29),
        ("PROF", 27),
        ("PWR", 30),
        ("QUIT", 3),
        ("SEGV", 11),
        ("STKFLT", 16),
        ("STOP", 19),
        ("SYS", 31),
        ("TERM", 15),
        ("TRAP", 5),
        ("TSTP", 20),
        ("TTIN", 21),
        ("TTOU", 22),
        ("URG", 23),
        ("USR1", 10),
        ("USR2", 12),
        ("VTALRM", 26),
        ("WINCH", 28),
        ("XCPU", 24),
        ("XFSZ", 25),
        ("RTMIN", 34),
        ("RTMAX", 64),
    ];
    let invalid = || ContainerError::InvalidParameter(format!("invalid signal: {raw}"));
    let signal = match crate::daemon::filters::atoi(raw) {
        Ok(0) => return Err(invalid()),
        Ok(n) => n,
        Err(_) => {
            let upper = crate::case::to_upper(raw);
            let name = upper.strip_prefix("SIG").unwrap_or(&upper);
            let realtime = |prefix: &str, base: i64, sign: i64| {
                name.strip_prefix(prefix)
                    .and_then(|n| n.parse::<i64>().ok().filter(|n| (1..=15).contains(n)).map(|n| base + sign * n))
            };
            NAMES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| i64::from(*v))
                .or_else(|| realtime("RTMIN+", 34, 1))
                .or_else(|| realtime("RTMAX-", 64, -1))
                .ok_or_else(invalid)?
        }
    };
    Ok(signal)
}
