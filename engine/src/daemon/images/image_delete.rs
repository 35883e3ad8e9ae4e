//! `ImageDelete` (moby `daemon/images/image_delete.go`): `docker rmi`, step for step, with
//! moby's names: `isImageIDPrefix`, `isSingleReference`, `checkImageDeleteConflict`,
//! `imageDeleteHelper`.

use crate::daemon::ImageService;
use crate::daemon::{Daemon, ImageError};
use crate::outcome::{Blocker, Event};
use crate::store::digest::short_id;
use crate::store::reference::{parse_normalized_named, Named, StoredRef};
use crate::store::{ImageId, RefSet};

struct Conflict {
    hard: bool,
    used: bool,
    reason: String,
    blocker: Blocker,
}

const CONFLICT_CHILD: u8 = 1;
const CONFLICT_RUNNING: u8 = 2;
const CONFLICT_ACTIVE_REFERENCE: u8 = 4;
const CONFLICT_STOPPED: u8 = 8;
const CONFLICT_HARD: u8 = CONFLICT_CHILD | CONFLICT_RUNNING;
const CONFLICT_SOFT: u8 = CONFLICT_ACTIVE_REFERENCE | CONFLICT_STOPPED;

/// `isImageIDPrefix`.
fn is_image_id_prefix(image_id: &str, candidate: &str) -> bool {
    image_id.starts_with(candidate) || image_id.split_once(':').is_some_and(|(_, hex)| hex.starts_with(candidate))
}

/// `isSingleReference`: at most one tag, and digest refs only of that tag's repository.
fn is_single_reference(refs: &RefSet) -> bool {
    if refs.len() <= 1 {
        return refs.len() == 1;
    }
    let parsed: Vec<StoredRef> = refs.iter().map(|r| StoredRef::split(r)).collect();
    let mut single: Option<&StoredRef> = None;
    let mut canonical_repos = std::collections::BTreeSet::new();
    for stored in &parsed {
        if stored.digest.is_some() {
            canonical_repos.insert(stored.name);
        } else if single.is_none() {
            single = Some(stored);
        } else {
            return false;
        }
    }
    let single = single.or(parsed.first());
    single.is_some_and(|s| canonical_repos.len() == 1 && canonical_repos.contains(s.name))
}

impl Daemon {
    fn first_container(&self, image: &str, running: Option<bool>) -> Option<String> {
        self.store
            .containers_of(image)
            .into_iter()
            .find(|c| running.is_none_or(|r| c.is_running() == r))
            .map(|c| c.id.to_string())
    }

    fn check_delete_conflict(&self, image: &str, mask: u8) -> Option<Conflict> {
        if mask & CONFLICT_CHILD != 0 && self.store.has_children(image) {
            let child = self.store.children_of(image).first().map(|c| c.to_string()).unwrap_or_default();
            return Some(Conflict {
                hard: true,
                used: false,
                reason: "image has dependent child images".to_string(),
                blocker: Blocker::ChildImage(child),
            });
        }
        if mask & CONFLICT_RUNNING != 0 {
            if let Some(container) = self.first_container(image, Some(true)) {
                return Some(Conflict {
                    hard: true,
                    used: true,
                    reason: format!("image is being used by running container {}", short_id(&container)),
                    blocker: Blocker::Container(container),
                });
            }
        }
        if mask & CONFLICT_ACTIVE_REFERENCE != 0 && self.store.ref_count_of(image) > 0 {
            return Some(Conflict {
                hard: false,
                used: false,
                reason: "image is referenced in multiple repositories".to_string(),
                blocker: Blocker::References(self.familiar_refs_of(image)),
            });
        }
        if mask & CONFLICT_STOPPED != 0 {
            if let Some(container) = self.first_container(image, Some(false)) {
                return Some(Conflict {
                    hard: false,
                    used: true,
                    reason: format!("image is being used by stopped container {}", short_id(&container)),
                    blocker: Blocker::Container(container),
                });
            }
        }
        None
    }

    fn conflict_error(&mut self, image: &str, conflict: Conflict) -> ImageError {
        self.emit(Event::Conflict { image: image.to_string(), blocker: conflict.blocker });
        ImageError::DeleteConflict {
            image: short_id(image).to_string(),
            hard: conflict.hard,
            used: conflict.used,
            reason: conflict.reason,
        }
    }

    fn untag(&mut self, full: &str) {
        let familiar = StoredRef::split(full).familiar();
        self.untag_as(full, familiar);
    }

    /// Removes the stored reference `full`; the `Untagged` record names it as `shown`.
    fn untag_as(&mut self, full: &str, shown: String) {
        if let Some(image) = self.store.remove_reference(full) {
            self.emit(Event::Untagged { reference: shown, image: image.to_string() });
        }
    }

    /// `ImageService.ImageDelete` (graphdriver): `docker rmi ARG`. What it untagged and deleted
    /// are its events (`Untagged`, `ImageDeleted`, `LayerDeleted`, in the order moby's
    /// response lists them), which the CLI prints.
    pub(super) fn classic_image_delete(&mut self, arg: &str, force: bool, prune: bool) -> Result<(), ImageError> {
        if arg.trim().is_empty() {
            return Err(ImageError::BlankName);
        }
        // A fully-qualified reference as the store keys it (what prune passes) is found directly;
        // anything else goes through `GetImage`'s parsing and search.
        let stored_key = self.store.references.get(arg).cloned();
        let image = match &stored_key {
            Some(id) => id.clone(),
            None => self.get_image(arg)?,
        };
        // A persistent set: this copy is O(1) and stays valid while the store changes.
        let mut refs = self.store.ref_set(&image);
        let removed_repository_ref;
        if !is_image_id_prefix(&image, arg) {
            if !force && is_single_reference(&refs) {
                if let Some(container) = self.first_container(&image, None) {
                    self.emit(Event::Conflict {
                        image: image.to_string(),
                        blocker: Blocker::Container(container.clone()),
                    });
                    return Err(ImageError::ReferenceInUse {
                        reference: arg.to_string(),
                        container: short_id(&container).to_string(),
                        image: short_id(&image).to_string(),
                    });
                }
            }
            // The reference to remove: `arg` itself when it is a stored key, else its normalised
            // form (`name` means `name:latest`; with both tag and digest, the digest counts).
            // The record names the reference as parsed: `name:tag@digest` keeps its tag although
            // only the digest is stored (removeImageRef returns TagNameOnly(parsedRef)).
            let (target_full, target_name, target_has_digest, shown) = match stored_key {
                Some(_) => {
                    let stored = StoredRef::split(arg);
                    (arg.to_string(), stored.name.to_string(), stored.digest.is_some(), stored.familiar())
                }
                None => {
                    let parsed = parse_normalized_named(arg)?.with_default_tag();
                    let target = match (&parsed.tag, &parsed.digest) {
                        (Some(_), Some(_)) => Named { tag: None, ..parsed.clone() },
                        _ => parsed.clone(),
                    };
                    let full = target.full();
                    if !self.store.references.contains_key(full.as_str()) {
                        return Err(ImageError::NotFound(parsed.familiar()));
                    }
                    (full, target.name(), target.digest.is_some(), parsed.familiar())
                }
            };
            self.untag_as(&target_full, shown);
            refs = self.store.ref_set(&image);
            if !target_has_digest && !refs.is_empty() {
                let same_repo = |full: &str, with_digest: bool| {
                    let r = StoredRef::split(full);
                    r.digest.is_some() == with_digest && r.name == target_name
                };
                if !refs.iter().any(|r| same_repo(r, false)) {
                    for full in &refs {
                        if same_repo(full, true) {
                            self.untag(full);
                        }
                    }
                    refs = self.store.ref_set(&image);
                }
            }
            if !refs.is_empty() {
                return Ok(());
            }
            removed_repository_ref = true;
        } else {
            if is_single_reference(&refs) {
                let mut mask = CONFLICT_HARD;
                if !force {
                    mask |= CONFLICT_SOFT & !CONFLICT_ACTIVE_REFERENCE;
                }
                if let Some(conflict) = self.check_delete_conflict(&image, mask) {
                    return Err(self.conflict_error(&image, conflict));
                }
                for full in &refs {
                    self.untag(full);
                }
            }
            removed_repository_ref = false;
        }
        self.image_delete_helper(&image, force, prune, removed_repository_ref)
    }

    /// `imageDeleteHelper`: deletes the image unless a conflict stops it (quietly when the
    /// caller untagged it and it is still used), then its untagged parents when pruning.
    fn image_delete_helper(
        &mut self,
        image: &ImageId,
        force: bool,
        prune: bool,
        quiet: bool,
    ) -> Result<(), ImageError> {
        let mut mask = CONFLICT_HARD;
        if !force {
            mask |= CONFLICT_SOFT;
        }
        if let Some(conflict) = self.check_delete_conflict(image, mask) {
            let dangling = self.store.ref_count_of(image) == 0 && !self.store.has_children(image);
            if quiet && (!dangling || conflict.used) {
                return Ok(());
            }
            return Err(self.conflict_error(image, conflict));
        }
        let parent = self.store.images.get(image).and_then(|i| i.parent.clone());
        for full in &self.store.ref_set(image) {
            self.untag(full);
        }
        let (_, freed) = self.store.remove_image(image);
        self.emit(Event::ImageDeleted { image: image.clone() });
        for layer in freed {
            self.emit(Event::LayerDeleted { layer: layer.chain_id.clone(), diff_size: layer.diff_size });
        }
        match parent {
            Some(parent) if prune => self.image_delete_helper(&parent, false, true, true),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RefName;

    fn refs(list: &[&str]) -> RefSet {
        list.iter().map(|&s| RefName::from(s)).collect()
    }

    #[test]
    fn single_reference_rules() {
        let digest = "sha256:9b573dea4ac11909b136912d61d06d6253f7dbda7c98c3d746c53f08ea7394ea";
        assert!(!is_single_reference(&refs(&[])));
        assert!(is_single_reference(&refs(&["docker.io/library/busybox:latest"])));
        assert!(is_single_reference(&refs(&[
            "docker.io/library/busybox:latest",
            &format!("docker.io/library/busybox@{digest}")
        ])));
        assert!(!is_single_reference(&refs(&["docker.io/library/ubuntu:16.04", "docker.io/library/ubuntu:latest"])));
        assert!(!is_single_reference(&refs(&[
            "docker.io/library/busybox:latest",
            &format!("docker.io/library/busybox@{digest}"),
            "docker.io/library/mybox:1"
        ])));
        assert!(!is_single_reference(&refs(&[
            "docker.io/library/busybox:latest",
            &format!("docker.io/library/other@{digest}")
        ])));
    }

    #[test]
    fn id_prefix_rules() {
        let id = "sha256:8f1bd21bd25c3fb1";
        assert!(is_image_id_prefix(id, "8f1b"));
        assert!(is_image_id_prefix(id, "sha256:8f"));
        assert!(!is_image_id_prefix(id, "ubuntu"));
    }
}
