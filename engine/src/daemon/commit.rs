//! `CommitImage` (moby `daemon/commit.go`, `daemon/images/image_commit.go`): `docker commit`.

use std::sync::Arc;

use serde::Serialize;

use crate::daemon::{ContainerError, Daemon, ImageError};
use crate::outcome::Event;
use crate::store::digest::{chain_id, sha256_of, EMPTY_LAYER_DIFF_ID};
use crate::store::reference::Named;
use crate::store::{ContainerId, HistoryEntry, Image, Layer, RunConfig};
use crate::units::rfc3339_nano;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitOptions {
    pub message: String,
    pub author: String,
    /// `--change` instructions, applied as BuildFromConfig applies them.
    pub changes: Vec<String>,
}

impl Daemon {
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
        // The container's user and working directory: its own, or the image's it was merged
        // with at create (empty only when both were, or in a session saved before they were kept).
        if !container.settings.user.is_empty() {
            config.user = container.settings.user.clone();
        }
        if !container.settings.working_dir.is_empty() {
            config.working_dir = container.settings.working_dir.clone();
        }
        // The container's labels are the image's merged with its own (commit.go: c.Config is
        // the container's configuration).
        config.labels = container.labels.clone();
        super::commit_changes::apply_changes(&mut config, &options.changes)
            .map_err(ContainerError::InvalidParameter)?;
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
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    labels: &'a [(String, String)],
    #[serde(skip_serializing_if = "str::is_empty")]
    user: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    exposed_ports: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    working_dir: &'a str,
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
        config: CommitRunConfig {
            cmd: &config.cmd,
            entrypoint: &config.entrypoint,
            env: &config.env,
            labels: &config.labels,
            user: &config.user,
            exposed_ports: &config.exposed_ports,
            working_dir: &config.working_dir,
        },
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
