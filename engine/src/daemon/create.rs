//! `ContainerCreate` (moby `daemon/create.go`, `daemon/names.go`): `docker create` and the
//! create half of `docker run`.

use crate::daemon::ImageService;
use std::sync::Arc;

use crate::daemon::programs::Userland;
use crate::daemon::{ContainerError, Daemon, ImageError};
use crate::outcome::Event;
use crate::store::{Container, ContainerId, ContainerSettings, ContainerState, RestartPolicy};

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
    /// The rest of `container.Config` and `HostConfig` as the client sends them; `user` and
    /// `working_dir` empty mean "the image's", `hostname` empty the daemon's default.
    pub settings: ContainerSettings,
    /// `HostConfig.RestartPolicy` as the client parsed it; `None` when it sent no name (`--restart ""`).
    pub restart_policy: Option<RestartPolicy>,
}

/// `verifyContainerSettings` (daemon/container.go), the checks moby makes before it looks the
/// image up: `validateContainerConfig` (translateWorkingDir) then `validateHostConfig` (the
/// AutoRemove conflict, ValidateRestartPolicy of api/types/container/hostconfig.go). Returns
/// the settings as the daemon keeps them: the working directory cleaned, the policy defaulted.
fn verify_container_settings(options: &CreateOptions) -> Result<ContainerSettings, ContainerError> {
    let mut settings = options.settings.clone();
    if !settings.working_dir.is_empty() {
        // On Linux filepath.FromSlash changes nothing and system.IsAbs is a leading slash.
        if !settings.working_dir.starts_with('/') {
            return Err(ContainerError::InvalidParameter(format!(
                "the working directory '{}' is invalid, it needs to be an absolute path",
                settings.working_dir
            )));
        }
        settings.working_dir = super::commit_changes::clean_path(&settings.working_dir);
    }
    // containerCreate: an empty name becomes "no" before anything is verified.
    let policy = match &options.restart_policy {
        Some(p) if !p.name.is_empty() => p.clone(),
        Some(p) => RestartPolicy { name: "no".to_string(), maximum_retry_count: p.maximum_retry_count },
        None => RestartPolicy::default(),
    };
    if options.auto_remove && policy.name != "no" {
        return Err(ContainerError::InvalidParameter(
            "can't create 'AutoRemove' container with restart policy".to_string(),
        ));
    }
    match policy.name.as_str() {
        "always" | "unless-stopped" | "no" if policy.maximum_retry_count != 0 => {
            let mut msg = "invalid restart policy: maximum retry count can only be used with 'on-failure'".to_string();
            if policy.maximum_retry_count < 0 {
                msg.push_str(" and cannot be negative");
            }
            return Err(ContainerError::InvalidParameter(msg));
        }
        "always" | "unless-stopped" | "no" => {}
        "on-failure" if policy.maximum_retry_count < 0 => {
            return Err(ContainerError::InvalidParameter(
                "invalid restart policy: maximum retry count cannot be negative".to_string(),
            ));
        }
        "on-failure" => {}
        other => {
            return Err(ContainerError::InvalidParameter(format!(
                "invalid restart policy: unknown policy '{other}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"
            )))
        }
    }
    settings.restart_policy = policy;
    Ok(settings)
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
        // Settings are verified before the image is looked up, so a bad one is refused without
        // a pull (daemon/create.go containerCreate).
        let mut settings = verify_container_settings(options)?;
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
        // The daemon's merge (daemon/commit.go merge): an empty user or working directory
        // takes the image's.
        if settings.user.is_empty() {
            settings.user = image.config.user.clone();
        }
        if settings.working_dir.is_empty() {
            settings.working_dir = image.config.working_dir.clone();
        }
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
            settings,
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
