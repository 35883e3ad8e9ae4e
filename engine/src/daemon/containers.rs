//! Containers (moby `daemon/create.go`, `start.go`, `stop.go`, `delete.go`, `commit.go`).

use std::sync::Arc;

use serde::Serialize;

use super::Daemon;
use crate::daemon::programs::{self, Invocation, ProgramRun, StartFailure, Userland};
use crate::daemon::{ContainerError, ImageError};
use crate::outcome::Event;
use crate::store::digest::{chain_id, sha256_of, EMPTY_LAYER_DIFF_ID};
use crate::store::reference::Named;
use crate::store::{Container, ContainerId, ContainerState, HistoryEntry, Image, Layer, RunConfig};
use crate::units::rfc3339_nano;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateOptions {
    pub image: String,
    pub name: Option<String>,
    pub cmd: Vec<String>,
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub labels: Vec<(String, String)>,
    pub tty: bool,
    pub interactive: bool,
    pub auto_remove: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitOptions {
    pub message: String,
    pub author: String,
}

/// `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`
fn valid_container_name(name: &str) -> bool {
    let name = name.strip_prefix('/').unwrap_or(name);
    let bytes = name.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphanumeric()
        && bytes[1..].iter().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(b))
}

impl Daemon {
    /// `GetContainer`: full ID, then exact name, then a unique ID prefix.
    pub fn get_container(&self, arg: &str) -> Result<ContainerId, ContainerError> {
        if let Some((id, _)) = self.store.containers.get_key_value(arg) {
            return Ok(id.clone());
        }
        if let Some(c) = self.store.container_by_name(arg.strip_prefix('/').unwrap_or(arg)) {
            return Ok(c.id.clone());
        }
        if arg.is_empty() {
            return Err(ContainerError::NotFound(arg.to_string()));
        }
        let mut matches = self
            .store
            .containers
            .range(Arc::<str>::from(arg)..)
            .take_while(|(id, _)| id.starts_with(arg))
            .map(|(id, _)| id.clone());
        match (matches.next(), matches.next()) {
            (Some(id), None) => Ok(id),
            (Some(_), Some(_)) => Err(ContainerError::Ambiguous(arg.to_string())),
            _ => Err(ContainerError::NotFound(arg.to_string())),
        }
    }

    fn userland_of(&self, container: &Container) -> Userland {
        let image = self.store.images.get(&container.image_id);
        let cmd_is_hello = image.is_some_and(|i| i.config.cmd == ["/hello"]);
        if cmd_is_hello {
            return Userland::HelloWorld;
        }
        let history_mentions =
            |needle: &str| image.is_some_and(|i| i.history.iter().any(|h| h.created_by.contains(needle)));
        if container.image_ref.contains("busybox")
            || container.image_ref.contains("alpine")
            || history_mentions("alpine")
        {
            Userland::Busybox
        } else {
            Userland::Gnu
        }
    }

    fn generate_name(&mut self, id: &str) -> String {
        for retry in 0..6 {
            let name = self.rng.container_name(retry);
            if self.store.container_by_name(&name).is_none() {
                return name;
            }
        }
        id[..12].to_string()
    }

    /// `docker create`: resolves the image first (a missing one is the CLI's cue to pull), then
    /// the name, then the command.
    pub fn create_container(&mut self, options: &CreateOptions) -> Result<ContainerId, ContainerError> {
        let image_id = self.get_image(&options.image)?;
        if let Some(name) = &options.name {
            if !valid_container_name(name) {
                return Err(ContainerError::InvalidName(name.clone()));
            }
            let bare = name.strip_prefix('/').unwrap_or(name);
            if let Some(existing) = self.store.container_by_name(bare) {
                return Err(ContainerError::NameInUse { name: bare.to_string(), id: existing.id.to_string() });
            }
        }
        let image =
            self.store.images.get(&image_id).cloned().ok_or_else(|| ImageError::NotFound(options.image.clone()))?;
        let (entrypoint, cmd) = match &options.entrypoint {
            Some(ep) if ep.is_empty() => (Vec::new(), options.cmd.clone()),
            Some(ep) => (vec![ep.clone()], options.cmd.clone()),
            None if options.cmd.is_empty() => (image.config.entrypoint.clone(), image.config.cmd.clone()),
            None => (image.config.entrypoint.clone(), options.cmd.clone()),
        };
        let mut command: Vec<String> = entrypoint.iter().cloned().chain(cmd.iter().cloned()).collect();
        if command.is_empty() {
            return Err(ContainerError::NoCommand);
        }
        let path = command.remove(0);
        let (id, name) = match self.reserved_container.take() {
            Some((id, name)) if self.store.container_by_name(&name).is_none() && options.name.is_none() => (id, name),
            Some((id, _)) => {
                let name = options.name.clone().unwrap_or_else(|| self.generate_name(&id));
                (id, name)
            }
            None => {
                let id = self.rng.container_id();
                let name = match &options.name {
                    Some(n) => n.clone(),
                    None => self.generate_name(&id),
                };
                (id, name)
            }
        };
        // The daemon's merge: the user's variables first, then the image's not overridden.
        let key_of = |e: &String| e.split('=').next().unwrap_or(e).to_string();
        let mut env = options.env.clone();
        for inherited in &image.config.env {
            if !options.env.iter().any(|e| key_of(e) == key_of(inherited)) {
                env.push(inherited.clone());
            }
        }
        let container = Container {
            id: Arc::from(id.as_str()),
            name: name.strip_prefix('/').unwrap_or(&name).to_string(),
            image_id: image_id.clone(),
            image_ref: options.image.clone(),
            parent_layer: image.top_layer.clone(),
            path,
            args: command,
            cmd,
            entrypoint,
            env,
            // Docker keeps labels in a map; the playground fixes its order by key.
            labels: {
                let mut labels = options.labels.clone();
                crate::sorting::sort(&mut labels);
                labels.dedup_by(|a, b| a.0 == b.0);
                labels
            },
            state: ContainerState::Created,
            created: self.now,
            started_at: None,
            finished_at: None,
            fs_changed: false,
            size_rw: 0,
            auto_remove: options.auto_remove,
            tty: options.tty,
            open_stdin: options.interactive,
        };
        let id = container.id.clone();
        self.store.insert_container(container);
        self.emit(Event::ContainerCreated { container: id.to_string() });
        Ok(id)
    }

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

    pub fn remove_container(&mut self, id: &ContainerId, force: bool) -> Result<(), ContainerError> {
        let Some(container) = self.store.containers.get(id) else {
            return Err(ContainerError::NotFound(id.to_string()));
        };
        if container.is_running() {
            if !force {
                return Err(ContainerError::RemoveRunning(container.name.clone()));
            }
            let id = id.clone();
            let now = self.now;
            if let Some(c) = self.store.containers.get_mut(&id).map(Arc::make_mut) {
                c.state = ContainerState::Exited(137);
                c.finished_at = Some(now);
            }
        }
        self.remove_container_record(id);
        Ok(())
    }

    /// Releases the RW layer; image layers it was the last holder of vanish without a word.
    fn remove_container_record(&mut self, id: &ContainerId) {
        let (removed, freed) = self.store.remove_container(id);
        if removed.is_some() {
            self.emit(Event::ContainerRemoved { container: id.to_string() });
            for layer in freed {
                self.emit(Event::LayerDeleted { layer: layer.chain_id.clone(), diff_size: layer.diff_size });
            }
        }
    }

    /// `docker commit`: a new image on top of the container's image, with one new layer if the
    /// container changed its filesystem, none otherwise.
    pub fn commit_container(
        &mut self,
        id: &ContainerId,
        target: Option<&Named>,
        options: &CommitOptions,
    ) -> Result<String, ContainerError> {
        let container =
            self.store.containers.get(id).cloned().ok_or_else(|| ContainerError::NotFound(id.to_string()))?;
        let parent = self
            .store
            .images
            .get(&container.image_id)
            .cloned()
            .ok_or_else(|| ImageError::NotFound(container.image_id.to_string()))?;
        let now = self.now;
        let diff_id = if container.fs_changed {
            sha256_of(format!("rw-layer {} {} {now}", container.id, container.size_rw).as_bytes())
        } else {
            EMPTY_LAYER_DIFF_ID.to_string()
        };
        let adds_layer = diff_id != EMPTY_LAYER_DIFF_ID;
        let mut diff_ids = parent.diff_ids.clone();
        let mut top_layer = parent.top_layer.clone();
        let mut registered_new_layer = false;
        if adds_layer {
            let chain: Arc<str> = Arc::from(chain_id(parent.top_layer.as_deref(), &diff_id).as_str());
            let below = self.store.image_size(&parent);
            let registered = self.store.register_layer(Layer {
                chain_id: chain.clone(),
                diff_id: Arc::from(diff_id.as_str()),
                parent: parent.top_layer.clone(),
                diff_size: container.size_rw,
                size: below + container.size_rw,
                references: 0,
                blob: None,
            });
            if registered {
                self.emit(Event::LayerCreated { layer: chain.clone() });
            }
            registered_new_layer = registered;
            diff_ids.push(Arc::from(diff_id.as_str()));
            top_layer = Some(chain);
        }
        let mut history = parent.history.clone();
        history.push(HistoryEntry {
            created: now,
            created_by: container.cmd.join(" "),
            comment: options.message.clone(),
            empty_layer: !adds_layer,
        });
        // The new image takes the container's configuration, so running it again repeats
        // the container's command.
        let mut config = parent.config.clone();
        config.env = container.env.clone();
        config.cmd = container.cmd.clone();
        config.entrypoint = container.entrypoint.clone();
        let bytes = commit_config_json(&parent, &options.author, &config, &container.id, now, &history, &diff_ids);
        let image_id: Arc<str> = Arc::from(sha256_of(bytes.as_bytes()).as_str());
        if !self.store.images.contains_key(&image_id) {
            self.store.insert_image(Image {
                id: image_id.clone(),
                created: now,
                architecture: parent.architecture.clone(),
                os: parent.os.clone(),
                author: options.author.clone(),
                comment: options.message.clone(),
                config,
                diff_ids,
                top_layer,
                history,
                parent: Some(parent.id.clone()),
                last_tag_time: None,
                size: 0,
                container: Some(container.id.clone()),
            });
            self.emit(Event::ImageCreated { image: image_id.clone() });
        } else if registered_new_layer {
            // The same image already exists (same config bytes): undo the layer registered
            // for it, which nothing holds.
            if let Some(top) = &top_layer {
                self.store.release_layer(top);
            }
        }
        if let Some(target) = target {
            self.add_tag(&target.clone().with_default_tag(), &image_id);
            self.touch_last_tag_time(&image_id);
        }
        Ok(image_id.to_string())
    }

    /// `ContainersPrune`: every container that is not running, newest first. What it removed
    /// are its events; it returns the bytes reclaimed (the containers' RW layers).
    pub fn containers_prune(&mut self, labels: &[(String, Option<String>)]) -> u64 {
        let mut stopped: Vec<(i64, ContainerId, u64)> = self
            .store
            .containers
            .values()
            .filter(|c| !c.is_running() && crate::daemon::filters::labels_match(&c.labels, labels))
            .map(|c| (c.created, c.id.clone(), c.size_rw))
            .collect();
        crate::sorting::sort_by(&mut stopped, |a, b| b.cmp(a));
        let mut reclaimed = 0;
        for (_, id, size) in stopped {
            self.remove_container_record(&id);
            reclaimed += size;
        }
        reclaimed
    }
}

/// The image config a commit writes, whose SHA-256 is the new image's ID: members in the
/// daemon's order (moby's `image.V1Image` and `image.Image`), empty `author` and `comment` and
/// false `empty_layer` left out (`omitempty`).
#[derive(Serialize)]
struct CommitConfig<'a> {
    architecture: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    author: &'a str,
    config: CommitRunConfig<'a>,
    container: &'a str,
    created: String,
    history: Vec<CommitHistory<'a>>,
    os: &'a str,
    rootfs: CommitRootFs<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CommitRunConfig<'a> {
    cmd: &'a [String],
    entrypoint: &'a [String],
    env: &'a [String],
}

#[derive(Serialize)]
struct CommitHistory<'a> {
    created: String,
    created_by: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    comment: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    empty_layer: bool,
}

#[derive(Serialize)]
struct CommitRootFs<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    diff_ids: &'a [Arc<str>],
}

fn commit_config_json(
    parent: &Image,
    author: &str,
    config: &RunConfig,
    container_id: &str,
    now: i64,
    history: &[HistoryEntry],
    diff_ids: &[Arc<str>],
) -> String {
    let config = CommitConfig {
        architecture: &parent.architecture,
        author,
        config: CommitRunConfig { cmd: &config.cmd, entrypoint: &config.entrypoint, env: &config.env },
        container: container_id,
        created: rfc3339_nano(now),
        history: history
            .iter()
            .map(|h| CommitHistory {
                created: rfc3339_nano(h.created),
                created_by: &h.created_by,
                comment: &h.comment,
                empty_layer: h.empty_layer,
            })
            .collect(),
        os: &parent.os,
        rootfs: CommitRootFs { kind: "layers", diff_ids },
    };
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string(&config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::valid_container_name;

    #[test]
    fn container_name_pattern() {
        assert!(valid_container_name("web"));
        assert!(valid_container_name("/web.1_a-b"));
        assert!(!valid_container_name("a"));
        assert!(!valid_container_name("bad name"));
        assert!(!valid_container_name("_web"));
    }
}
