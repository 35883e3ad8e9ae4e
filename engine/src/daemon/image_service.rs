//! The daemon's image service behind one interface, as moby's `daemon/image_service.go`: the
//! CLI and the container operations reach images only through it. `daemon/images/` implements
//! it for the classic graphdriver store (Docker 27's default, what the playground models);
//! the containerd image store that Docker 29 made the default would be a second
//! implementation of the same trait.

use serde_json::Value;

use crate::daemon::images::{HistoryItem, ListedImage};
use crate::daemon::ImageError;
use crate::store::reference::Named;
use crate::store::{Image, ImageId};

pub trait ImageService {
    /// `GetImage`: an ID, a reference, or a unique ID prefix (an ambiguous one is "not found").
    fn get_image(&self, arg: &str) -> Result<ImageId, ImageError>;

    /// `Images`: what `docker images` lists after `all` and the filters.
    fn images(&self, all: bool, filters: &[(String, String)]) -> Result<Vec<ListedImage<'_>>, String>;

    /// `ImageDelete`: `docker rmi`; what it untagged and deleted are the daemon's events.
    fn image_delete(&mut self, arg: &str, force: bool, prune: bool) -> Result<(), ImageError>;

    /// `ImagesPrune`: deletes what `docker image prune` and its filters select; returns the
    /// space reclaimed, or the daemon's error for a filter it refuses.
    fn images_prune(&mut self, filters: &[(String, String)]) -> Result<u64, String>;

    /// `TagImage`: `docker tag` (the target already validated by the CLI).
    fn tag_image(&mut self, source: &str, target: &Named) -> Result<(), ImageError>;

    /// `PullImage` of one tag or digest, writing the progress lines `docker pull` shows;
    /// returns whether anything new arrived.
    fn pull_image(&mut self, named: &Named, progress: &mut Vec<String>) -> Result<bool, ImageError>;

    /// `ImageInspect`: the daemon's `types.ImageInspect` for one image.
    fn image_inspect(&self, image: &Image) -> Value;

    /// `ImageHistory`: an image's history entries, newest first, with their layers' sizes.
    fn image_history(&self, name: &str) -> Result<Vec<HistoryItem>, ImageError>;
}
