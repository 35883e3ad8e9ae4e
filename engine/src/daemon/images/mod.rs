//! The classic image service (moby `daemon/images/`): looking images up (`GetImage`), with
//! each operation on images in the file named after moby's: `image_delete.rs`, `image_tag.rs`,
//! `image_prune.rs`, `images.rs` (listing), `image_pull.rs`, `image_inspect.rs`.

mod image_delete;
mod image_history;
mod image_inspect;
mod image_prune;
mod image_pull;
mod image_tag;
// Named after moby's `daemon/images/images.go`, so the side-by-side read works.
#[allow(clippy::module_inception)]
mod images;

pub use image_history::HistoryItem;
pub use images::ListedImage;

use super::Daemon;
use serde_json::Value;

use crate::daemon::{ImageError, ImageService};
use crate::store::digest::SHA256_PREFIX;
use crate::store::reference::{parse_any_reference, AnyReference, Named, StoredRef};
use crate::store::{IdKey, Image, ImageId};

/// The classic graphdriver store's image service: each operation lives in the file named
/// after moby's, as `classic_*` methods of the daemon.
impl ImageService for Daemon {
    fn get_image(&self, arg: &str) -> Result<ImageId, ImageError> {
        self.classic_get_image(arg)
    }

    fn images(&self, all: bool, filters: &[(String, String)]) -> Result<Vec<ListedImage<'_>>, String> {
        self.classic_images(all, filters)
    }

    fn image_delete(&mut self, arg: &str, force: bool, prune: bool) -> Result<(), ImageError> {
        self.classic_image_delete(arg, force, prune)
    }

    fn images_prune(&mut self, filters: &[(String, String)]) -> Result<u64, String> {
        self.classic_images_prune(filters)
    }

    fn tag_image(&mut self, source: &str, target: &Named) -> Result<(), ImageError> {
        self.classic_tag_image(source, target)
    }

    fn pull_image(&mut self, named: &Named, progress: &mut Vec<String>) -> Result<bool, ImageError> {
        self.classic_pull_image(named, progress)
    }

    fn image_inspect(&self, image: &Image) -> Value {
        self.classic_image_inspect(image)
    }

    fn image_history(&self, name: &str) -> Result<Vec<HistoryItem>, ImageError> {
        self.classic_image_history(name)
    }
}

impl Daemon {
    /// `GetImage`: an ID, a reference, or a unique ID prefix (an ambiguous one is "not found").
    pub(super) fn classic_get_image(&self, arg: &str) -> Result<ImageId, ImageError> {
        match parse_any_reference(arg)? {
            AnyReference::Id(id) => {
                self.store.images.get(id.as_str()).map(|image| image.id.clone()).ok_or(ImageError::NotFound(id))
            }
            AnyReference::Named(named) => {
                let lookup = match (&named.tag, &named.digest) {
                    (Some(_), Some(_)) => Named { tag: None, ..named.clone() },
                    _ => named.clone().with_default_tag(),
                };
                if let Some(id) = self.store.lookup_reference(&lookup) {
                    return Ok(id.clone());
                }
                self.search_id_prefix(arg).ok_or_else(|| ImageError::NotFound(named.with_default_tag().familiar()))
            }
        }
    }

    fn search_id_prefix(&self, term: &str) -> Option<ImageId> {
        let hex = term.strip_prefix(SHA256_PREFIX).unwrap_or(term);
        if hex.is_empty() {
            return None;
        }
        if hex.len() > 64 || !crate::store::digest::is_hex(hex) {
            return None;
        }
        // Keys order like the IDs' first 32 digits, so the prefix spans the keys between the
        // prefix padded with 0s and with fs; a longer prefix is then checked in full.
        let padded = |digit: char| {
            let mut id = String::with_capacity(71);
            id.push_str(SHA256_PREFIX);
            id.push_str(hex);
            id.extend(std::iter::repeat_n(digit, 64 - hex.len()));
            IdKey::of(&id)
        };
        let start = format!("{SHA256_PREFIX}{hex}");
        let mut matches = self
            .store
            .index
            .image_ids
            .range(padded('0')..=padded('f'))
            .filter_map(|key| self.store.images.get_by_key(*key))
            .filter(|image| image.id.starts_with(&start))
            .map(|image| image.id.clone());
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    }

    pub fn familiar_refs_of(&self, image: &str) -> Vec<String> {
        self.store.refs_of(image).iter().filter_map(|r| Named::from_full(r)).map(|n| n.familiar()).collect()
    }

    /// What `docker images -f dangling=true` lists: no tag (digest references may remain) and
    /// no child image built on it.
    pub fn is_dangling(&self, image: &Image) -> bool {
        let tagged = self.store.ref_set(&image.id).iter().any(|full| StoredRef::split(full).tag.is_some());
        !tagged && !self.store.has_children(&image.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::reference::parse_normalized_named;

    #[test]
    fn id_prefix_search_agrees_with_a_scan() {
        let mut daemon = Daemon::new(3, 1_767_225_600_000_000_000);
        for name in ["busybox", "alpine:3.19", "alpine:3.20", "ubuntu:14.04", "ubuntu:16.04", "debian:bookworm"] {
            daemon.pull_image(&parse_normalized_named(name).unwrap(), &mut Vec::new()).unwrap();
        }
        assert!(daemon.store.images.len() >= 5);
        let ids: Vec<String> = daemon.store.images.values().map(|i| i.id.to_string()).collect();
        for id in &ids {
            for len in 1..=64 {
                let prefix = &id[7..7 + len];
                let matching: Vec<&String> = ids.iter().filter(|other| other[7..].starts_with(prefix)).collect();
                let expected = (matching.len() == 1).then(|| matching[0].clone());
                let found = daemon.search_id_prefix(prefix).map(|found| found.to_string());
                assert_eq!(found, expected, "prefix {prefix}");
                assert_eq!(daemon.search_id_prefix(&format!("sha256:{prefix}")).map(|f| f.to_string()), expected);
            }
        }
        assert_eq!(daemon.search_id_prefix("zz"), None);
        assert_eq!(daemon.search_id_prefix(&"0".repeat(65)), None);
    }
}
