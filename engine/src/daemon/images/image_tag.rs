//! `TagImage` (moby `daemon/images/image_tag.go`): `docker tag`, and the tag a pull or a
//! commit adds.

use crate::daemon::ImageService;
use std::sync::Arc;

use crate::daemon::{Daemon, ImageError};
use crate::outcome::Event;
use crate::store::reference::Named;
use crate::store::ImageId;

impl Daemon {
    /// `docker tag SOURCE TARGET` on the daemon side (the target is already validated).
    pub(super) fn classic_tag_image(&mut self, source: &str, target: &Named) -> Result<(), ImageError> {
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
}
