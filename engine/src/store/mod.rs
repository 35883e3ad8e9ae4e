//! The daemon's state: images, layers (keyed by ChainID, reference counted), references and
//! containers. Persistent maps make a clone O(1), which is what undo relies on.

pub mod digest;
pub mod idmap;
pub mod reference;

mod records;
mod verify;

use std::sync::Arc;

use imbl::{OrdMap, OrdSet};
use serde::{Deserialize, Serialize};

pub use crate::store::idmap::{IdKey, IdMap, KeyMap};
use crate::store::reference::Named;
pub use records::{
    ChainId, Container, ContainerId, ContainerSettings, ContainerState, HistoryEntry, Image, ImageId, Layer, RefName,
    RestartPolicy, RunConfig,
};
pub use verify::ConsistencyError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Store {
    // Values sit behind `Arc` so that copying a shared tree node on write (persistent maps)
    // costs reference-count bumps, not deep copies of 64 records.
    pub images: IdMap<Image>,
    pub layers: IdMap<Layer>,
    /// Fully-qualified reference string -> image ID.
    pub references: OrdMap<RefName, ImageId>,
    pub containers: OrdMap<ContainerId, Arc<Container>>,
    /// Derived indexes, kept in step by every mutation and rebuilt on load (never saved).
    #[serde(skip)]
    pub index: Index,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Image -> its references, sorted by the fully-qualified string (`lexicalRefs`).
    pub refs_by_image: KeyMap<OrdSet<RefName>>,
    pub children: KeyMap<OrdSet<ImageId>>,
    /// Image -> containers created from it (see [`Store::containers_of`] for their order).
    pub containers_by_image: KeyMap<OrdSet<ContainerId>>,
    pub containers_by_name: OrdMap<Arc<str>, ContainerId>,
    /// Every image ID in order, for ID-prefix lookups.
    pub image_ids: OrdSet<IdKey>,
}

/// A snapshot of one image's references, sorted (`lexicalRefs`). No set at all stands for
/// none, because making an empty persistent set allocates a tree node.
#[derive(Debug, Clone, Default)]
pub struct RefSet(Option<OrdSet<RefName>>);

impl RefSet {
    pub fn iter(&self) -> std::iter::Flatten<std::option::Iter<'_, OrdSet<RefName>>> {
        self.0.iter().flatten()
    }

    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(OrdSet::is_empty)
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, OrdSet::len)
    }
}

impl FromIterator<RefName> for RefSet {
    fn from_iter<I: IntoIterator<Item = RefName>>(refs: I) -> Self {
        let set: OrdSet<RefName> = refs.into_iter().collect();
        RefSet((!set.is_empty()).then_some(set))
    }
}

impl<'a> IntoIterator for &'a RefSet {
    type Item = &'a RefName;
    type IntoIter = std::iter::Flatten<std::option::Iter<'a, OrdSet<RefName>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Removes `value` from the set under `key`, dropping the key once its set is empty so an index
/// maintained step by step stays equal to one rebuilt from scratch.
fn remove_from_index<V: Ord + Clone + std::borrow::Borrow<str>>(
    index: &mut KeyMap<OrdSet<V>>,
    key: IdKey,
    value: &str,
) {
    let now_empty = match index.get_mut(&key) {
        // The last member: dropping the key drops the set, without editing it first.
        Some(set) if set.len() == 1 => set.contains(value),
        Some(set) => {
            set.remove(value);
            false
        }
        None => false,
    };
    if now_empty {
        index.remove(&key);
    }
}

impl Store {
    /// A cheap identity test for views deciding whether to redraw: true when both are copies
    /// of one state with no change since. It compares tree roots, not contents, so two equal
    /// stores built separately count as different (a redraw too many, never one too few).
    pub fn is_same_state(&self, other: &Store) -> bool {
        self.images.ptr_eq(&other.images)
            && self.layers.ptr_eq(&other.layers)
            && self.references.ptr_eq(&other.references)
            && self.containers.ptr_eq(&other.containers)
    }

    /// Whether two stores hold the same images, layers, references and containers (what
    /// decides that a command changed something, so undo gets a step). A map that is still the
    /// same tree is equal without a look, and maps of different sizes differ; only maps a
    /// command rewrote to the same size are compared entry by entry (a rewrite may store equal
    /// values, as `docker stop` on a stopped container). The smaller maps go first, so a moved
    /// tag or a stopped container is told apart before 10,000 images are walked. The index is
    /// derived from these four, so it needs no comparison.
    pub fn same_contents(&self, other: &Store) -> bool {
        self.images.len() == other.images.len()
            && self.layers.len() == other.layers.len()
            && self.references.len() == other.references.len()
            && self.containers.len() == other.containers.len()
            && (self.references.ptr_eq(&other.references) || self.references == other.references)
            && (self.containers.ptr_eq(&other.containers) || self.containers == other.containers)
            && (self.images.ptr_eq(&other.images) || self.images == other.images)
            && (self.layers.ptr_eq(&other.layers) || self.layers == other.layers)
    }

    /// Whether two stores hold the same objects: the same references to the same images, and the
    /// same images, layers and containers (in the same states). Not their clocks: a store built
    /// again from a journal, which keeps whole milliseconds, or a scenario started again later,
    /// stamps its times apart.
    pub fn same_objects(&self, other: &Store) -> bool {
        self.references == other.references
            && self.images.len() == other.images.len()
            && self.images.values().all(|image| other.images.contains_key(&image.id))
            && self.layers.len() == other.layers.len()
            && self.layers.values().all(|layer| other.layers.contains_key(&layer.chain_id))
            && self.containers.len() == other.containers.len()
            && self.containers.iter().all(|(id, c)| other.containers.get(id).is_some_and(|d| d.state == c.state))
    }

    pub fn refs_of(&self, image: &str) -> Vec<String> {
        self.ref_set(image).iter().map(|r| r.to_string()).collect()
    }

    /// The image's references as a persistent set: an O(1) copy that stays valid while the
    /// store changes (what the delete paths iterate while they untag).
    pub fn ref_set(&self, image: &str) -> RefSet {
        RefSet(self.index.refs_by_image.get(&IdKey::of(image)).cloned())
    }

    pub fn ref_count_of(&self, image: &str) -> usize {
        self.index.refs_by_image.get(&IdKey::of(image)).map_or(0, OrdSet::len)
    }

    pub fn children_of(&self, image: &str) -> Vec<ImageId> {
        self.index.children.get(&IdKey::of(image)).map(|set| set.iter().cloned().collect()).unwrap_or_default()
    }

    pub fn has_children(&self, image: &str) -> bool {
        self.index.children.get(&IdKey::of(image)).is_some_and(|s| !s.is_empty())
    }

    /// Containers whose `ImageID` is this image, oldest first. Sorted here rather than kept
    /// sorted: an image has few containers, and the index then shares its set type with
    /// `children` and `refs_by_image` (one persistent-set instantiation less in the wasm).
    pub fn containers_of(&self, image: &str) -> Vec<&Container> {
        let mut holders: Vec<&Container> = self
            .index
            .containers_by_image
            .get(&IdKey::of(image))
            .map(|set| set.iter().filter_map(|id| self.containers.get(id).map(|c| &**c)).collect())
            .unwrap_or_default();
        crate::sorting::sort_by(&mut holders, |a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        holders
    }

    pub fn image_size(&self, image: &Image) -> u64 {
        image.size
    }

    /// The layers of an image's chain, top first.
    pub fn chain_of(&self, top: Option<&ChainId>) -> Vec<&Layer> {
        let mut out = Vec::new();
        let mut next = top.and_then(|t| self.layers.get(t));
        while let Some(layer) = next {
            out.push(&**layer);
            next = layer.parent.as_ref().and_then(|p| self.layers.get(p));
        }
        out
    }

    pub fn container_by_name(&self, name: &str) -> Option<&Container> {
        self.index.containers_by_name.get(name).and_then(|id| self.containers.get(id)).map(|c| &**c)
    }

    pub fn lookup_reference(&self, named: &Named) -> Option<&ImageId> {
        self.references.get(named.full().as_str())
    }

    // ----- mutations that keep the indexes and the reference counts in step -----

    pub fn add_reference(&mut self, full: String, image: ImageId) {
        let full = RefName::from(full);
        if let Some(previous) = self.references.insert(full.clone(), image.clone()) {
            remove_from_index(&mut self.index.refs_by_image, IdKey::of(&previous), &full);
        }
        self.index.refs_by_image.entry(IdKey::of(&image)).or_default().insert(full);
    }

    pub fn remove_reference(&mut self, full: &str) -> Option<ImageId> {
        let image = self.references.remove(full)?;
        remove_from_index(&mut self.index.refs_by_image, IdKey::of(&image), full);
        Some(image)
    }

    /// Takes one reference on a layer (an image top, a child, or a container's RW layer).
    pub fn acquire_layer(&mut self, chain_id: &str) {
        if let Some(layer) = self.layers.get_mut(chain_id) {
            Arc::make_mut(layer).references += 1;
        }
    }

    /// `releaseLayer`: drop one reference; while a count reaches zero, delete the layer and
    /// continue with its parent. Returns the deleted layers, top first.
    pub fn release_layer(&mut self, chain_id: &str) -> Vec<Arc<Layer>> {
        let mut removed = Vec::with_capacity(8);
        let mut next = IdKey::of(chain_id);
        // The key is worked out once per layer (the parent's from the removed record), and
        // write access comes first: a decrement then needs no second walk.
        while let Some(layer) = self.layers.get_mut_by_key(next) {
            if layer.references > 1 {
                Arc::make_mut(layer).references -= 1;
                break;
            }
            // The last reference goes: the layer itself goes (no need to copy it first).
            let Some(gone) = self.layers.remove_by_key(next) else {
                break;
            };
            let parent = gone.parent.as_deref().map(IdKey::of);
            removed.push(gone);
            match parent {
                Some(parent) => next = parent,
                None => break,
            }
        }
        removed
    }

    /// Registers a layer on top of `parent` if it is not there yet; returns whether it was new.
    pub fn register_layer(&mut self, layer: Layer) -> bool {
        if self.layers.contains_key(&layer.chain_id) {
            return false;
        }
        if let Some(parent) = &layer.parent {
            self.acquire_layer(parent);
        }
        self.layers.insert(Arc::new(layer));
        true
    }

    pub fn insert_image(&mut self, mut image: Image) {
        if let Some(top) = &image.top_layer {
            self.acquire_layer(top);
            image.size = self.layers.get(top).map_or(0, |l| l.size);
        }
        if let Some(parent) = &image.parent {
            self.index.children.entry(IdKey::of(parent)).or_default().insert(image.id.clone());
        }
        self.index.image_ids.insert(IdKey::of(&image.id));
        self.images.insert(Arc::new(image));
    }

    /// Removes the image record and releases its top layer; returns the freed layers.
    pub fn remove_image(&mut self, id: &str) -> (Option<Arc<Image>>, Vec<Arc<Layer>>) {
        let key = IdKey::of(id);
        let Some(image) = self.images.remove_by_key(key) else {
            return (None, Vec::new());
        };
        self.index.image_ids.remove(&key);
        if let Some(refs) = self.index.refs_by_image.remove(&key) {
            for full in &refs {
                // By `&str`, like every removal: each borrowed key type instantiates the tree's
                // removal code again.
                self.references.remove(&**full);
            }
        }
        if let Some(parent) = &image.parent {
            remove_from_index(&mut self.index.children, IdKey::of(parent), &image.id);
        }
        self.index.children.remove(&key);
        let freed = match &image.top_layer {
            Some(top) => self.release_layer(top),
            None => Vec::new(),
        };
        (Some(image), freed)
    }

    pub fn insert_container(&mut self, container: Container) {
        if let Some(top) = &container.parent_layer {
            self.acquire_layer(top);
        }
        self.index.containers_by_image.entry(IdKey::of(&container.image_id)).or_default().insert(container.id.clone());
        self.index.containers_by_name.insert(Arc::from(container.name.as_str()), container.id.clone());
        self.containers.insert(container.id.clone(), Arc::new(container));
    }

    /// Removes a container and releases the image layers its RW layer held (silently, as
    /// Docker does).
    pub fn remove_container(&mut self, id: &str) -> (Option<Arc<Container>>, Vec<Arc<Layer>>) {
        let Some(container) = self.containers.remove(id) else {
            return (None, Vec::new());
        };
        remove_from_index(&mut self.index.containers_by_image, IdKey::of(&container.image_id), &container.id);
        self.index.containers_by_name.remove(container.name.as_str());
        let freed = container.parent_layer.as_ref().map(|t| self.release_layer(t)).unwrap_or_default();
        (Some(container), freed)
    }

    /// Rebuilds what is derived from the saved records: the indexes, and each image's size.
    pub fn rebuild_index(&mut self) {
        let sizes: Vec<(IdKey, u64)> = self
            .images
            .values()
            .map(|image| {
                let top = image.top_layer.as_ref().and_then(|t| self.layers.get(t));
                (IdKey::of(&image.id), top.map_or(0, |l| l.size))
            })
            .collect();
        for (key, size) in sizes {
            if let Some(image) = self.images.get_mut_by_key(key) {
                if image.size != size {
                    Arc::make_mut(image).size = size;
                }
            }
        }
        let mut index = Index::default();
        for (full, image) in &self.references {
            index.refs_by_image.entry(IdKey::of(image)).or_default().insert(full.clone());
        }
        for image in self.images.values() {
            index.image_ids.insert(IdKey::of(&image.id));
            if let Some(parent) = &image.parent {
                index.children.entry(IdKey::of(parent)).or_default().insert(image.id.clone());
            }
        }
        for container in self.containers.values() {
            index.containers_by_image.entry(IdKey::of(&container.image_id)).or_default().insert(container.id.clone());
            index.containers_by_name.insert(Arc::from(container.name.as_str()), container.id.clone());
        }
        self.index = index;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare_image(id: &str) -> Image {
        Image {
            id: id.into(),
            created: 0,
            architecture: String::new(),
            os: String::new(),
            author: String::new(),
            comment: String::new(),
            config: RunConfig::default(),
            diff_ids: Vec::new(),
            top_layer: None,
            history: Vec::new(),
            parent: None,
            last_tag_time: None,
            container: None,
            size: 0,
        }
    }

    /// moby's `lexicalRefs` order: `test1:latest` before `test:latest` (':' sorts after '1'),
    /// whatever order the references were added in; the delete paths untag in this order.
    #[test]
    fn an_images_references_come_in_lexical_order() {
        let id = format!("sha256:{}", "1".repeat(64));
        let mut store = Store::default();
        store.insert_image(bare_image(&id));
        for full in ["docker.io/library/test:latest", "docker.io/library/test1:latest", "docker.io/library/a:1"] {
            store.add_reference(full.to_string(), ImageId::from(id.as_str()));
        }
        assert_eq!(
            store.refs_of(&id),
            ["docker.io/library/a:1", "docker.io/library/test1:latest", "docker.io/library/test:latest"]
        );
        store.remove_reference("docker.io/library/test1:latest");
        assert_eq!(store.refs_of(&id), ["docker.io/library/a:1", "docker.io/library/test:latest"]);
    }
}
