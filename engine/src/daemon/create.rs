//! `ContainerCreate` (moby `daemon/create.go`, `daemon/names.go`): `docker create` and the
//! create half of `docker run`.

use crate::daemon::ImageService;
use std::sync::Arc;

use crate::daemon::programs::Userland;
use crate::daemon::{ContainerError, Daemon, ImageError};
use crate::outcome::Event;
use crate::store::{Container, ContainerId, ContainerState};

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

/// `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`
fn valid_container_name(name: &str) -> bool {
    let name = name.strip_prefix('/').unwrap_or(name);
    let bytes = name.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphanumeric()
        && bytes[1..].iter().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(b))
}

impl Daemon {
    pub(super) fn userland_of(&self, container: &Container) -> Userland {
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
            // Docker keeps labels in a map (the playground orders it by key): a later `--label`
            // replaces an earlier one, and the image's labels fill in the keys not given
            // (daemon/commit.go merge, through mergeAndVerifyConfig).
            labels: {
                let mut labels: Vec<(String, String)> = Vec::with_capacity(options.labels.len());
                for (key, value) in &options.labels {
                    match labels.iter_mut().find(|(k, _)| k == key) {
                        Some(entry) => entry.1 = value.clone(),
                        None => labels.push((key.clone(), value.clone())),
                    }
                }
                for (key, value) in &image.config.labels {
                    if !labels.iter().any(|(k, _)| k == key) {
                        labels.push((key.clone(), value.clone()));
                    }
                }
                crate::sorting::sort(&mut labels);
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
