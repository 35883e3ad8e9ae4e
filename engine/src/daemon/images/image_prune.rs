//! `ImagesPrune` (moby `daemon/images/image_prune.go`): `docker image prune`.

use crate::daemon::{filters, Daemon};
use crate::outcome::Event;
use crate::store::digest::SHA256_PREFIX;
use crate::store::reference::StoredRef;
use crate::store::ImageId;

impl Daemon {
    /// `ImagesPrune`: candidates are deleted without force, conflicts skipped silently.
    /// Real Docker walks a Go map; the playground goes newest image first, so children go
    /// before their parents and the result does not depend on chance.
    /// What it deleted are its events; it returns the space reclaimed (the deleted layers'
    /// own sizes, `SpaceReclaimed`).
    pub(super) fn classic_images_prune(&mut self, filters: &[(String, String)]) -> Result<u64, String> {
        filters::validate(filters, &["dangling", "label", "label!", "until"])?;
        let dangling_only = filters::bool_or_default(filters, "dangling", true)?;
        let until = filters::prune_until(filters, self.now)?;
        let mut candidates: Vec<(i64, ImageId)> = self
            .store
            .images
            .values()
            .filter(|img| {
                // Heads only when pruning dangling images; untagged intermediates never.
                let has_children = self.store.has_children(&img.id);
                !has_children || (!dangling_only && self.store.ref_count_of(&img.id) > 0)
            })
            .filter(|img| until.is_none_or(|until| img.created <= until))
            .filter(|img| filters::prune_labels_match(filters, &img.config.labels))
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
            if !dangling_only || !refs.iter().any(|r| StoredRef::split(r).tag.is_some()) {
                for full in &refs {
                    self.delete_quietly(full);
                }
            }
        }
        Ok(self
            .events_since(mark)
            .iter()
            .map(|event| match event {
                Event::LayerDeleted { diff_size, .. } => *diff_size,
                _ => 0,
            })
            .sum())
    }

    /// A prune's deletion: a refusal is skipped without a word. moby's `ImageDelete` returns no
    /// records with its error and the prune reports none, so the refusal's events (its
    /// conflict) go; on this path every refusal comes before the store changes.
    fn delete_quietly(&mut self, arg: &str) {
        let mark = self.event_mark();
        if self.classic_image_delete(arg, false, true).is_err() {
            self.events.truncate(mark);
        }
    }
}
