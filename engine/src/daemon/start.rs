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
            c.fs_changed |= run.written > 0;
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

    /// `docker stop`: the process's stop signal, or SIGKILL after the timeout.
    pub fn stop_container(&mut self, id: &ContainerId) {
        let code = match self.store.containers.get(id) {
            Some(c) => programs::stop_exit_code(&c.path, &c.args),
            None => return,
        };
        self.end_process(id, code);
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
