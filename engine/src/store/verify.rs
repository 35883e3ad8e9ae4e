//! The invariants every store keeps, checked when stored data is loaded (it may be corrupt or
//! hand-edited) and after every step of the property tests.

use thiserror::Error;

use crate::store::idmap::is_canonical_digest_id;
use crate::store::reference::Named;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConsistencyError {
    #[error("reference {reference} points to missing image {image}")]
    DanglingReference { reference: String, image: String },
    #[error("reference {0} is not a valid normalised reference")]
    InvalidReference(String),
    #[error("image {image} has missing top layer {layer}")]
    MissingTopLayer { image: String, layer: String },
    #[error("image {image} has missing parent {parent}")]
    MissingParentImage { image: String, parent: String },
    #[error("layer {layer} has missing parent {parent}")]
    MissingParentLayer { layer: String, parent: String },
    #[error("{0} is not a content ID (sha256: and 64 lowercase hex digits)")]
    InvalidId(String),
    #[error("container {container} is stored under key {key}")]
    ContainerKeyMismatch { container: String, key: String },
    #[error("layer {layer} has reference count {stored}, but {actual} holders")]
    ReferenceCount { layer: String, stored: u32, actual: u32 },
    #[error("layer {0} has no holder")]
    OrphanLayer(String),
    #[error("container {container} uses missing layer {layer}")]
    ContainerLayerMissing { container: String, layer: String },
    #[error("container {container} uses missing image {image} and holds no layer")]
    ContainerImageMissing { container: String, image: String },
    #[error("two containers are named {0}")]
    DuplicateName(String),
    #[error("layer {layer} has size {stored}, expected {expected}")]
    LayerSize { layer: String, stored: u64, expected: u64 },
    #[error("image {image} has size {stored}, its layers hold {expected}")]
    ImageSize { image: String, stored: u64, expected: u64 },
    #[error("the parent chain of image {0} loops")]
    ParentCycle(String),
}

impl Store {
    /// Checks every invariant the daemon relies on. Used when loading stored data (which may be
    /// corrupt or hand-edited) and after every step of the property tests.
    pub fn verify(&self) -> Result<(), ConsistencyError> {
        for layer in self.layers.values() {
            if !is_canonical_digest_id(&layer.chain_id) {
                return Err(ConsistencyError::InvalidId(layer.chain_id.to_string()));
            }
            let below = match &layer.parent {
                Some(parent) => match self.layers.get(parent) {
                    Some(p) => p.size,
                    None => {
                        return Err(ConsistencyError::MissingParentLayer {
                            layer: layer.chain_id.to_string(),
                            parent: parent.to_string(),
                        })
                    }
                },
                None => 0,
            };
            if layer.size != below + layer.diff_size {
                return Err(ConsistencyError::LayerSize {
                    layer: layer.chain_id.to_string(),
                    stored: layer.size,
                    expected: below + layer.diff_size,
                });
            }
        }
        let mut holders: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for layer in self.layers.values() {
            if let Some(parent) = &layer.parent {
                *holders.entry(parent).or_default() += 1;
            }
        }
        for image in self.images.values() {
            if !is_canonical_digest_id(&image.id) {
                return Err(ConsistencyError::InvalidId(image.id.to_string()));
            }
            if let Some(top) = &image.top_layer {
                let Some(layer) = self.layers.get(top) else {
                    return Err(ConsistencyError::MissingTopLayer {
                        image: image.id.to_string(),
                        layer: top.to_string(),
                    });
                };
                if layer.size != image.size {
                    return Err(ConsistencyError::ImageSize {
                        image: image.id.to_string(),
                        stored: image.size,
                        expected: layer.size,
                    });
                }
                *holders.entry(top).or_default() += 1;
            }
            if let Some(parent) = &image.parent {
                if !self.images.contains_key(parent) {
                    return Err(ConsistencyError::MissingParentImage {
                        image: image.id.to_string(),
                        parent: parent.to_string(),
                    });
                }
            }
            let mut seen = 0;
            let mut cursor = image.parent.clone();
            while let Some(p) = cursor {
                seen += 1;
                if seen > self.images.len() {
                    return Err(ConsistencyError::ParentCycle(image.id.to_string()));
                }
                cursor = self.images.get(&p).and_then(|i| i.parent.clone());
            }
        }
        let mut names = std::collections::HashSet::new();
        for (key, container) in &self.containers {
            if key != &container.id {
                return Err(ConsistencyError::ContainerKeyMismatch {
                    container: container.id.to_string(),
                    key: key.to_string(),
                });
            }
            if !names.insert(container.name.as_str()) {
                return Err(ConsistencyError::DuplicateName(container.name.clone()));
            }
            match &container.parent_layer {
                Some(layer) => {
                    if !self.layers.contains_key(layer) {
                        return Err(ConsistencyError::ContainerLayerMissing {
                            container: container.id.to_string(),
                            layer: layer.to_string(),
                        });
                    }
                    *holders.entry(layer).or_default() += 1;
                }
                None if !self.images.contains_key(&container.image_id) => {
                    return Err(ConsistencyError::ContainerImageMissing {
                        container: container.id.to_string(),
                        image: container.image_id.to_string(),
                    })
                }
                None => {}
            }
        }
        for layer in self.layers.values() {
            let actual = holders.get(&*layer.chain_id).copied().unwrap_or(0);
            if actual == 0 {
                return Err(ConsistencyError::OrphanLayer(layer.chain_id.to_string()));
            }
            if actual != layer.references {
                return Err(ConsistencyError::ReferenceCount {
                    layer: layer.chain_id.to_string(),
                    stored: layer.references,
                    actual,
                });
            }
        }
        for (full, image) in &self.references {
            if Named::from_full_checked(full).is_none() {
                return Err(ConsistencyError::InvalidReference(full.to_string()));
            }
            if !self.images.contains_key(image) {
                return Err(ConsistencyError::DanglingReference {
                    reference: full.to_string(),
                    image: image.to_string(),
                });
            }
        }
        Ok(())
    }
}
