//! `ImageHistory` (moby `daemon/images/image_history.go`): `docker history`, newest entry first.

use crate::daemon::{Daemon, ImageError, ImageService};
use crate::store::ImageId;

/// One entry of an image's history (`image.HistoryResponseItem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryItem {
    /// The image this entry is the newest of (the image itself or a local ancestor, as a
    /// commit chain has); `None` prints as `<missing>`.
    pub id: Option<ImageId>,
    pub created: i64,
    pub created_by: String,
    pub comment: String,
    /// The layer's own size; 0 for an entry that made no layer.
    pub size: u64,
}

impl Daemon {
    pub(super) fn classic_image_history(&self, name: &str) -> Result<Vec<HistoryItem>, ImageError> {
        let id = self.get_image(name)?;
        let Some(image) = self.store.images.get(&id) else {
            return Err(ImageError::NotFound(name.to_string()));
        };
        // Layer sizes bottom first; popping walks them top down, as the entries go.
        let mut layer_sizes: Vec<u64> =
            self.store.chain_of(image.top_layer.as_ref()).iter().rev().map(|l| l.diff_size).collect();
        // The newest entry of the image and of each local ancestor carries that image's ID.
        let mut owners: Vec<(usize, ImageId)> = Vec::new();
        let mut cursor = Some(image);
        while let Some(img) = cursor {
            owners.push((img.history.len(), img.id.clone()));
            cursor = img.parent.as_ref().and_then(|p| self.store.images.get(p));
        }
        let mut items = Vec::with_capacity(image.history.len());
        for (index, entry) in image.history.iter().enumerate().rev() {
            let size = if entry.empty_layer { 0 } else { layer_sizes.pop().unwrap_or(0) };
            items.push(HistoryItem {
                id: owners.iter().find(|(len, _)| *len == index + 1).map(|(_, id)| id.clone()),
                created: entry.created,
                created_by: entry.created_by.clone(),
                comment: entry.comment.clone(),
                size,
            });
        }
        Ok(items)
    }
}
