//! The daemon side: what moby decides (lookups, conflicts, deletions, pulls, containers).
//! Every operation records the events the page animates, in the order the text reports them.

pub mod containers;
pub mod images;
pub mod programs;
pub mod pull;

use thiserror::Error;

use crate::reference::ReferenceError;
use crate::registry::PullError;

/// Image-side failures, worded as the daemon words them (the CLI adds `Error response from daemon: `).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImageError {
    #[error("No such image: {0}")]
    NotFound(String),
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error("image name cannot be blank")]
    BlankName,
    #[error(
        "conflict: unable to remove repository reference \"{reference}\" (must force) - container {container} is using its referenced image {image}"
    )]
    ReferenceInUse { reference: String, container: String, image: String },
    #[error("conflict: unable to delete {image} ({}) - {reason}", if *hard { "cannot be forced" } else { "must be forced" })]
    DeleteConflict { image: String, hard: bool, used: bool, reason: String },
    #[error("refusing to create an ambiguous tag using digest algorithm as name")]
    AmbiguousTag,
    #[error(transparent)]
    Pull(#[from] PullError),
}

impl ImageError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ImageError::NotFound(_))
    }
}

/// Container-side failures.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContainerError {
    #[error("No such container: {0}")]
    NotFound(String),
    #[error("multiple IDs found with provided prefix: {0}")]
    Ambiguous(String),
    #[error("Invalid container name ({0}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
    InvalidName(String),
    #[error("Conflict. The container name \"/{name}\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.")]
    NameInUse { name: String, id: String },
    #[error(
        "cannot remove container \"/{0}\": container is running: stop the container before removing or force remove"
    )]
    RemoveRunning(String),
    #[error("no command specified")]
    NoCommand,
    #[error("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"{0}\": executable file not found in $PATH: unknown")]
    ExecutableNotFound(String),
    #[error("container {0} is not running")]
    NotRunning(String),
    #[error(transparent)]
    Image(#[from] ImageError),
}

impl ContainerError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ContainerError::NotFound(_))
    }
}
