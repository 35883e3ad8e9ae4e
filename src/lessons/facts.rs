//! The one place the lesson engine reads the playground's store: a small snapshot of what the
//! goals ask about (references, images, layers, containers, disk usage). Keeping the store
//! behind this file means a change to the engine's internals touches nothing else here.

use rmi_engine::reference::StoredRef;
use rmi_engine::Engine;

/// An image as goals see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFact {
    /// `sha256:` and 64 hex digits.
    pub id: String,
    /// What `docker images -f dangling=true` lists: no tag and no child image.
    pub dangling: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerFact {
    pub chain_id: String,
    /// This layer alone (`DiffSize`), what `docker system df` adds up.
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerFact {
    pub id: String,
    pub name: String,
    pub image_id: String,
    /// The image as it was typed when the container was created (`Config.Image`).
    pub image_ref: String,
    pub running: bool,
}

/// A reference as the store keeps it (fully qualified) and as Docker prints it (familiar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceFact {
    pub full: String,
    pub familiar: String,
    pub image_id: String,
}

/// Everything the goals can ask about one state of the daemon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub references: Vec<ReferenceFact>,
    pub images: Vec<ImageFact>,
    pub layers: Vec<LayerFact>,
    pub containers: Vec<ContainerFact>,
    /// The images' disk usage as `docker system df` counts it: every stored layer once.
    pub disk_usage: u64,
}

impl Facts {
    pub fn of(engine: &Engine) -> Facts {
        let store = &engine.store;
        let references = store
            .references
            .iter()
            .map(|(full, image)| ReferenceFact {
                full: full.to_string(),
                familiar: StoredRef::split(full).familiar(),
                image_id: image.to_string(),
            })
            .collect();
        let images = store
            .images
            .values()
            .map(|image| ImageFact { id: image.id.to_string(), dangling: engine.is_dangling(image) })
            .collect();
        let layers: Vec<LayerFact> = store
            .layers
            .values()
            .map(|layer| LayerFact { chain_id: layer.chain_id.to_string(), size: layer.diff_size })
            .collect();
        let containers = store
            .containers
            .values()
            .map(|c| ContainerFact {
                id: c.id.to_string(),
                name: c.name.clone(),
                image_id: c.image_id.to_string(),
                image_ref: c.image_ref.clone(),
                running: c.is_running(),
            })
            .collect();
        let disk_usage = engine.disk_usage().layers_size;
        Facts { references, images, layers, containers, disk_usage }
    }
}
