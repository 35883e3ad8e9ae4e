//! The daemon side: what moby decides (lookups, conflicts, deletions, pulls, containers).
//! Every operation records the events the page animates, in the order the text reports them.
//! Files are named after moby's: `container.rs` (GetContainer), `create.rs`, `start.rs`,
//! `delete.rs`, `commit.rs`, `prune.rs`, `list.rs`, `inspect.rs`, `disk_usage.rs`, `filters.rs`;
//! the image service's interface in `image_service.rs` and the classic store's in `images/`;
//! `programs.rs` runs what a container runs.

mod commit;
mod commit_changes;
mod container;
mod create;
mod delete;
pub mod disk_usage;
pub mod filters;
pub mod image_service;
pub mod images;
mod inspect;
mod list;
pub mod programs;
mod prune;
mod start;

pub use commit::CommitOptions;
pub use create::CreateOptions;
pub use image_service::ImageService;

use thiserror::Error;

use crate::outcome::Event;
use crate::registry::PullError;
use crate::rng::Rng;
use crate::store::reference::ReferenceError;
use crate::store::Store;

/// The daemon's state and every decision moby makes over it. Time and randomness are inputs
/// (the clock is moved by the embedder, IDs and names come from the seeded generator), so a
/// session replays exactly. Each operation records [`Event`]s, in the order the CLI reports
/// them; the CLI renders deletions from them and the page animates them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Daemon {
    pub store: Store,
    pub rng: Rng,
    /// Nanoseconds since the epoch; the embedder moves it (wall clock, or a fixed step in tests).
    pub now: i64,
    /// The ID and name the next container takes instead of random ones (the book's container).
    pub reserved_container: Option<(String, String)>,
    /// The registry `docker pull` reaches: the catalogue, or a lesson variant's.
    pub world: World,
    events: Vec<Event>,
}

/// Which world the daemon lives in: variant 0 pulls from the catalogue as written, variant `n`
/// from its renamed copy (`variant.rs`). Two daemons in the same variant share one registry.
#[derive(Clone, Default)]
pub struct World {
    pub variant: u32,
    registry: Option<std::sync::Arc<crate::registry::Registry>>,
}

impl World {
    /// Variant `variant`'s world with its registry (`None`: the catalogue as written).
    pub fn new(variant: u32, registry: Option<std::sync::Arc<crate::registry::Registry>>) -> World {
        World { variant, registry }
    }

    pub fn registry(&self) -> &crate::registry::Registry {
        match &self.registry {
            Some(registry) => registry,
            None => crate::registry::Registry::catalogue(),
        }
    }
}

impl PartialEq for World {
    fn eq(&self, other: &World) -> bool {
        self.variant == other.variant
    }
}

impl Eq for World {}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "World(variant {})", self.variant)
    }
}

impl Daemon {
    pub fn new(seed: u64, now: i64) -> Daemon {
        Daemon {
            store: Store::default(),
            rng: Rng::new(seed),
            now,
            reserved_container: None,
            world: World::default(),
            events: Vec::new(),
        }
    }

    /// A daemon over stored state (a saved session), with no events pending.
    pub fn from_parts(store: Store, rng: Rng, now: i64, reserved_container: Option<(String, String)>) -> Daemon {
        Daemon { store, rng, now, reserved_container, world: World::default(), events: Vec::new() }
    }

    pub(crate) fn emit(&mut self, event: Event) {
        self.events.push(event);
    }

    /// How many events have been recorded so far: a mark to read one operation's events by.
    pub fn event_mark(&self) -> usize {
        self.events.len()
    }

    /// The events recorded since `mark` (an earlier [`Daemon::event_mark`]).
    pub fn events_since(&self, mark: usize) -> &[Event] {
        self.events.get(mark..).unwrap_or_default()
    }

    /// Hands over every event recorded so far.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// [`Store::is_same_state`] for the whole daemon: the store by identity, the rest by value.
    pub fn is_same_state(&self, other: &Daemon) -> bool {
        self.store.is_same_state(&other.store)
            && self.now == other.now
            && self.rng == other.rng
            && self.reserved_container == other.reserved_container
    }

    /// Moves the clock; it never goes backwards.
    pub fn set_now(&mut self, now: i64) {
        self.now = self.now.max(now);
    }
}

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
    /// api/server/router/image/image_routes.go validateRepoName (Forbidden).
    #[error("'{0}' is a reserved name")]
    ReservedName(String),
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
    /// errdefs.InvalidParameter with the daemon's own wording.
    #[error("{0}")]
    InvalidParameter(String),
    #[error(transparent)]
    Image(#[from] ImageError),
}

impl ContainerError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ContainerError::NotFound(_))
    }
}
