//! `docker pull` on the daemon side (moby `distribution/pull_v2.go`): resolve, verify, register
//! layers by ChainID ("Already exists" for those present), then the digest reference and the tag.

use std::sync::Arc;

use crate::daemon::Daemon;
use crate::daemon::ImageError;
use crate::outcome::Event;
use crate::registry::PulledImage;
use crate::store::digest::{chain_id, short_id};
use crate::store::reference::Named;
use crate::store::{Image, Layer};

impl Daemon {
    /// Pulls one tag or digest, writing the progress lines `docker pull` shows (final TTY
    /// screen) into `progress`. Returns whether anything new arrived (a layer, or a tag that
    /// moved): that decides "Downloaded newer image" over "Image is up to date".
    /// The image route refuses `scratch` (api.NoBaseImageSpecifier) before any pull starts
    /// (image_routes.go postImagesCreate, validateRepoName).
    pub fn validate_pull_name(&self, named: &Named) -> Result<(), ImageError> {
        let familiar = named.familiar_name();
        if familiar == "scratch" {
            return Err(ImageError::ReservedName(familiar));
        }
        Ok(())
    }

    pub(super) fn classic_pull_image(&mut self, named: &Named, progress: &mut Vec<String>) -> Result<bool, ImageError> {
        let registry = self.world.registry();
        let manifest_digest = registry.resolve(named)?;
        let pulled = registry.fetch(&manifest_digest)?;
        let tag_or_digest = match (&named.tag, &named.digest) {
            (_, Some(_)) => named.full(),
            (Some(tag), None) => tag.clone(),
            (None, None) => "latest".to_string(),
        };
        progress.push(format!("{tag_or_digest}: Pulling from {}", named.path));
        let image_id: Arc<str> = Arc::from(pulled.image_id.as_str());
        if !self.store.images.contains_key(&image_id) {
            self.register_pulled(&pulled, progress);
        }
        progress.push(format!("Digest: {manifest_digest}"));

        let repository = named.repository_only();
        let digest_ref = Named { digest: Some(manifest_digest.clone()), ..repository.clone() };
        if named.digest.is_some() {
            let is_new = self.store.references.get(digest_ref.full().as_str()) != Some(&image_id);
            self.add_tag(&digest_ref, &image_id);
            return Ok(is_new);
        }
        let tag_ref = named.clone().with_default_tag();
        let unchanged = self.store.references.get(tag_ref.full().as_str()) == Some(&image_id);
        self.add_tag(&digest_ref, &image_id);
        if unchanged {
            return Ok(false);
        }
        self.add_tag(&tag_ref, &image_id);
        Ok(true)
    }

    fn register_pulled(&mut self, pulled: &PulledImage, progress: &mut Vec<String>) {
        let mut parent: Option<Arc<str>> = None;
        let mut below = 0u64;
        for layer in &pulled.layers {
            let chain: Arc<str> = Arc::from(chain_id(parent.as_deref(), &layer.diff_id).as_str());
            let exists = self.store.layers.contains_key(&chain);
            let status = if exists { "Already exists" } else { "Pull complete" };
            progress.push(format!("{}: {status}", short_id(&layer.blob)));
            if !exists {
                self.store.register_layer(Layer {
                    chain_id: chain.clone(),
                    diff_id: Arc::from(layer.diff_id.as_str()),
                    parent: parent.clone(),
                    diff_size: layer.diff_size,
                    size: below + layer.diff_size,
                    references: 0,
                    blob: Some(Arc::from(layer.blob.as_str())),
                });
                self.emit(Event::LayerCreated { layer: chain.clone() });
            }
            below += layer.diff_size;
            parent = Some(chain);
        }
        let image = Image {
            id: Arc::from(pulled.image_id.as_str()),
            created: pulled.created,
            architecture: pulled.architecture.clone(),
            os: pulled.os.clone(),
            author: pulled.author.clone(),
            comment: String::new(),
            config: pulled.config.clone(),
            diff_ids: pulled.layers.iter().map(|l| Arc::from(l.diff_id.as_str())).collect(),
            top_layer: parent,
            history: pulled.history.clone(),
            parent: None,
            last_tag_time: None,
            size: 0,
            container: None,
        };
        let id = image.id.clone();
        self.store.insert_image(image);
        self.emit(Event::ImageCreated { image: id });
    }
}
