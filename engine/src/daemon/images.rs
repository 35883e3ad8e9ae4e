//! Image lookup, `ImageDelete`, tagging and pruning (moby `daemon/images/`).

use std::sync::Arc;

use super::Daemon;
use crate::daemon::ImageError;
use crate::outcome::{Blocker, Event};
use crate::store::digest::{short_id, SHA256_PREFIX};
use crate::store::reference::{parse_any_reference, parse_normalized_named, AnyReference, Named, StoredRef};
use crate::store::{IdKey, Image, ImageId, RefSet};

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
    /// `GetImage`: an ID, a reference, or a unique ID prefix (an ambiguous one is "not found").
    pub fn get_image(&self, arg: &str) -> Result<ImageId, ImageError> {
        match parse_any_reference(arg)? {
            AnyReference::Id(id) => self
                .store
                .images
                .get(id.as_str())
                .filter(|image| *image.id == *id)
                .map(|image| image.id.clone())
                .ok_or(ImageError::NotFound(id)),
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

    pub fn familiar_refs_of(&self, image: &str) -> Vec<String> {
        self.store.refs_of(image).iter().filter_map(|r| Named::from_full(r)).map(|n| n.familiar()).collect()
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
        if let Some(image) = self.store.remove_reference(full) {
            let familiar = StoredRef::split(full).familiar();
            self.emit(Event::Untagged { reference: familiar, image: image.to_string() });
        }
    }

    /// `ImageService.ImageDelete` (graphdriver): `docker rmi ARG`. What it untagged and deleted
    /// are its events (`Untagged`, `ImageDeleted`, `LayerDeleted`, in the order moby's
    /// response lists them), which the CLI prints.
    pub fn image_delete(&mut self, arg: &str, force: bool, prune: bool) -> Result<(), ImageError> {
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
            let (target_full, target_name, target_has_digest) = match stored_key {
                Some(_) => {
                    let stored = StoredRef::split(arg);
                    (arg.to_string(), stored.name.to_string(), stored.digest.is_some())
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
                    (full, target.name(), target.digest.is_some())
                }
            };
            self.untag(&target_full);
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

    /// `docker tag SOURCE TARGET` on the daemon side (the target is already validated).
    pub fn tag_image(&mut self, source: &str, target: &Named) -> Result<(), ImageError> {
        let image = self.get_image(source)?;
        if target.familiar_name() == "sha256" {
            return Err(ImageError::AmbiguousTag);
        }
        let target = target.clone().with_default_tag();
        self.add_tag(&target, &image);
        self.touch_last_tag_time(&image);
        Ok(())
    }

    /// `TagImage` records when an image was last tagged (pulls do not).
    pub(crate) fn touch_last_tag_time(&mut self, image: &ImageId) {
        let now = self.now;
        if let Some(img) = self.store.images.get_mut(image) {
            Arc::make_mut(img).last_tag_time = Some(now);
        }
    }

    /// `AddTag(force=true)`: moves the tag, silently leaving the old image dangling.
    pub(crate) fn add_tag(&mut self, target: &Named, image: &ImageId) {
        let full = target.full();
        let previous = self.store.references.get(full.as_str()).cloned();
        if previous.as_ref() == Some(image) {
            return;
        }
        if let Some(previous) = previous {
            self.emit(Event::Untagged { reference: target.familiar(), image: previous.to_string() });
        }
        self.store.add_reference(full, image.clone());
        self.emit(Event::Tagged { reference: target.familiar(), image: image.to_string() });
    }

    /// Images that have no references and no children (`dangling=true`).
    pub fn is_dangling(&self, image: &Image) -> bool {
        self.store.ref_count_of(&image.id) == 0 && !self.store.has_children(&image.id)
    }

    /// `ImagesPrune`: candidates are deleted without force, conflicts skipped silently.
    /// Real Docker walks a Go map; the playground goes newest image first, so children go
    /// before their parents and the result does not depend on chance.
    /// What it deleted are its events; it returns the space reclaimed (the deleted layers'
    /// own sizes, `SpaceReclaimed`).
    pub fn images_prune(&mut self, all: bool, labels: &[(String, Option<String>)]) -> u64 {
        let mut candidates: Vec<(i64, ImageId)> = self
            .store
            .images
            .values()
            .filter(|img| {
                // Untagged intermediates never; without -a only images nothing was built on.
                let has_children = self.store.has_children(&img.id);
                !has_children || (all && self.store.ref_count_of(&img.id) > 0)
            })
            .filter(|img| crate::daemon::images::labels_match(&img.config.labels, labels))
            .map(|img| (img.created, img.id.clone()))
            .collect();
        crate::sorting::sort_by(&mut candidates, |a, b| b.cmp(a));
        // Each deletion reports the image and usually a few layers; growing the list by
        // doubling would copy it over and over in a large prune.
        self.events.reserve(candidates.len() * 2);
        let mark = self.event_mark();
        for (_, id) in candidates {
            if !self.store.images.contains_key(&id) {
                continue;
            }
            let refs = self.store.ref_set(&id);
            if refs.is_empty() {
                let hex = id.strip_prefix(SHA256_PREFIX).unwrap_or(&id).to_string();
                self.delete_quietly(&hex);
                continue;
            }
            if all || !refs.iter().any(|r| StoredRef::split(r).tag.is_some()) {
                for full in &refs {
                    self.delete_quietly(full);
                }
            }
        }
        self.events_since(mark)
            .iter()
            .map(|event| match event {
                Event::LayerDeleted { diff_size, .. } => *diff_size,
                _ => 0,
            })
            .sum()
    }
}

impl Daemon {
    /// A prune's deletion: a refusal is skipped without a word, so its conflict event goes too
    /// (what it did before refusing, an untag say, stays reported).
    fn delete_quietly(&mut self, arg: &str) {
        let mark = self.event_mark();
        if self.image_delete(arg, false, true).is_err() {
            let mut index = 0;
            self.events.retain(|event| {
                index += 1;
                index <= mark || !matches!(event, Event::Conflict { .. })
            });
        }
    }
}

/// `label=key` / `label=key=value` filters (all must match).
pub fn labels_match(labels: &[(String, String)], wanted: &[(String, Option<String>)]) -> bool {
    wanted
        .iter()
        .all(|(key, value)| labels.iter().any(|(k, v)| k == key && value.as_ref().is_none_or(|want| want == v)))
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
    fn id_prefix_search_agrees_with_a_scan() {
        let mut daemon = Daemon::new(3, 1_767_225_600_000_000_000);
        for name in ["busybox", "alpine:3.19", "alpine:3.20", "ubuntu:14.04", "ubuntu:16.04", "debian:bookworm"] {
            daemon.pull_one(&parse_normalized_named(name).unwrap(), &mut Vec::new()).unwrap();
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

    #[test]
    fn id_prefix_rules() {
        let id = "sha256:8f1bd21bd25c3fb1";
        assert!(is_image_id_prefix(id, "8f1b"));
        assert!(is_image_id_prefix(id, "sha256:8f"));
        assert!(!is_image_id_prefix(id, "ubuntu"));
    }
}
