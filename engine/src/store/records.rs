//! The records the store keeps: layers (by ChainID), images, containers, and their parts. They
//! are saved as they are (serde), so a field's name is part of the saved-session format.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::store::digest::short_id;
use crate::store::idmap::Keyed;

pub type ImageId = Arc<str>;
pub type ChainId = Arc<str>;
pub type ContainerId = Arc<str>;
/// A fully-qualified reference (`docker.io/library/ubuntu:16.04`), shared by the reference
/// map and its per-image index, whose set type it also shares with `children`.
pub type RefName = Arc<str>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub chain_id: ChainId,
    pub diff_id: Arc<str>,
    pub parent: Option<ChainId>,
    /// This layer alone (`DiffSize`).
    pub diff_size: u64,
    /// This layer and all below it (`Size`).
    pub size: u64,
    /// Images whose top layer this is, child layers, and container RW layers on top of it.
    pub references: u32,
    /// The compressed blob a pull reports for this layer, when it came from a registry.
    pub blob: Option<Arc<str>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub created: i64,
    pub created_by: String,
    pub comment: String,
    pub empty_layer: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunConfig {
    pub cmd: Vec<String>,
    pub entrypoint: Vec<String>,
    pub env: Vec<String>,
    pub labels: Vec<(String, String)>,
    pub working_dir: String,
    /// `Config.User`; left out of saved sessions when empty, so that they keep the shape they had
    /// before `commit --change` could set it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    /// `Config.ExposedPorts` as `PORT/PROTO`, sorted (a Go map); left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exposed_ports: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub id: ImageId,
    pub created: i64,
    pub architecture: String,
    pub os: String,
    pub author: String,
    pub comment: String,
    pub config: RunConfig,
    /// `rootfs.diff_ids`, bottom first.
    pub diff_ids: Vec<Arc<str>>,
    /// The top layer's ChainID; `None` only for an image without layers.
    pub top_layer: Option<ChainId>,
    pub history: Vec<HistoryEntry>,
    pub parent: Option<ImageId>,
    pub last_tag_time: Option<i64>,
    /// Set when the catalogue or a commit built this image from a container.
    pub container: Option<ContainerId>,
    /// The whole chain's size (`docker images` SIZE); fixed once the image exists, so it is
    /// kept here rather than looked up for every listing row. Sessions saved before it existed
    /// lack it: loading recomputes it from the top layer (`Store::rebuild_index`).
    #[serde(default)]
    pub size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContainerState {
    Created,
    Running,
    Exited(i32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    pub id: ContainerId,
    /// Without the leading `/`.
    pub name: String,
    pub image_id: ImageId,
    /// `Config.Image`: the image as the user typed it.
    pub image_ref: String,
    /// The image layer the container's RW layer sits on; it keeps that chain alive even after
    /// `rmi -f` deletes the image record.
    pub parent_layer: Option<ChainId>,
    pub path: String,
    pub args: Vec<String>,
    /// `Config.Cmd` and `Config.Entrypoint` as the container was created with them.
    pub cmd: Vec<String>,
    pub entrypoint: Vec<String>,
    pub env: Vec<String>,
    pub labels: Vec<(String, String)>,
    pub state: ContainerState,
    pub created: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    /// Whether the container wrote to its filesystem; decides whether `commit` adds a layer.
    pub fs_changed: bool,
    /// Bytes the container wrote (its RW layer's size).
    pub size_rw: u64,
    pub auto_remove: bool,
    pub tty: bool,
    pub open_stdin: bool,
    /// The rest of what `create` records (`Config.Hostname`, `User`, `WorkingDir`, the attach
    /// flags, `HostConfig.RestartPolicy`); a session saved before it existed loads the defaults,
    /// and defaults are left out so such a session saves as it was.
    #[serde(default, skip_serializing_if = "ContainerSettings::is_default")]
    pub settings: ContainerSettings,
}

/// What `docker create` records beyond the command, as moby keeps it in `container.Config` and
/// `container.HostConfig` (api/types/container/config.go, hostconfig.go).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerSettings {
    /// `--hostname`; empty means the daemon's default, the short ID (daemon/container.go
    /// generateHostname), which is derived when shown rather than stored twice.
    pub hostname: String,
    /// `--user`, or the image's `User` when not given (daemon/commit.go merge).
    pub user: String,
    /// `--workdir`, cleaned (daemon/container.go translateWorkingDir), or the image's.
    pub working_dir: String,
    pub attach_stdin: bool,
    pub attach_stdout: bool,
    pub attach_stderr: bool,
    pub stdin_once: bool,
    pub restart_policy: RestartPolicy,
}

impl ContainerSettings {
    fn is_default(&self) -> bool {
        *self == ContainerSettings::default()
    }
}

/// `container.RestartPolicy`: the daemon stores "no" when the client sent no name
/// (daemon/create.go containerCreate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartPolicy {
    pub name: String,
    pub maximum_retry_count: i64,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy { name: "no".to_string(), maximum_retry_count: 0 }
    }
}

impl Keyed for Image {
    fn key_id(&self) -> &str {
        &self.id
    }
}

impl Keyed for Layer {
    fn key_id(&self) -> &str {
        &self.chain_id
    }
}

impl Container {
    pub fn short_id(&self) -> &str {
        short_id(&self.id)
    }

    /// `Config.Hostname`: the one given, else the first 12 characters of the ID.
    pub fn hostname(&self) -> &str {
        if self.settings.hostname.is_empty() {
            self.short_id()
        } else {
            &self.settings.hostname
        }
    }

    /// `State.StateString`: the word `ps` filters and `inspect` show (a container that was
    /// created and never ran counts as created even with an exit code).
    pub fn state_word(&self) -> &'static str {
        match self.state {
            ContainerState::Running => "running",
            ContainerState::Created => "created",
            ContainerState::Exited(_) if self.finished_at.is_none() => "created",
            ContainerState::Exited(_) => "exited",
        }
    }

    pub fn is_running(&self) -> bool {
        self.state == ContainerState::Running
    }

    /// The command line `docker ps` shows: path and arguments, arguments with spaces quoted.
    pub fn command_line(&self) -> String {
        let mut out = self.path.clone();
        for arg in &self.args {
            out.push(' ');
            if arg.contains(' ') {
                out.push('\'');
                out.push_str(arg);
                out.push('\'');
            } else {
                out.push_str(arg);
            }
        }
        out
    }
}
