//! `SystemDiskUsage` (moby `daemon/disk_usage.go`): the numbers `docker system df` prints.

use std::collections::HashMap;

use crate::daemon::Daemon;

/// What `docker system df` reports, counted as moby counts it.
pub struct DiskUsage {
    pub images_total: usize,
    pub images_active: usize,
    pub layers_size: u64,
    pub images_reclaimable: u64,
    pub containers_total: usize,
    pub containers_active: usize,
    pub containers_size: u64,
    pub containers_reclaimable: u64,
    /// The listed images: (ID, shared bytes, unique bytes, containers using it).
    pub per_image: Vec<(String, u64, u64, usize)>,
}

impl Daemon {
    /// `SystemDiskUsage`: images with their shared and unique sizes, containers, totals.
    /// The images are those `docker images` lists (no untagged intermediate image); a layer is
    /// shared when two images of the whole store have it in their chain; the layers' size counts
    /// the layers of the listed images only, so a layer only a container still holds is not in
    /// it (daemon/images/service.go LayerDiskUsage, getLayerRefs; image_list.go SharedSize).
    pub fn disk_usage(&self) -> DiskUsage {
        let store = &self.store;
        let mut users: HashMap<&str, usize> = HashMap::new();
        for image in store.images.values() {
            for layer in store.chain_of(image.top_layer.as_ref()) {
                *users.entry(&layer.chain_id).or_default() += 1;
            }
        }
        let listed: Vec<&crate::store::Image> = store
            .images
            .values()
            .map(|image| &**image)
            .filter(|image| store.ref_count_of(&image.id) > 0 || !store.has_children(&image.id))
            .collect();
        let mut counted: HashMap<&str, u64> = HashMap::new();
        for image in &listed {
            for layer in store.chain_of(image.top_layer.as_ref()) {
                counted.insert(&layer.chain_id, layer.diff_size);
            }
        }
        let layers_size: u64 = counted.values().sum();
        let mut used = 0;
        let mut active = 0;
        let mut per_image = Vec::new();
        for image in &listed {
            let chain = store.chain_of(image.top_layer.as_ref());
            let total: u64 = chain.iter().map(|l| l.diff_size).sum();
            let shared: u64 =
                chain.iter().filter(|l| users.get(&*l.chain_id).copied().unwrap_or(0) > 1).map(|l| l.diff_size).sum();
            let containers = store.containers_of(&image.id).len();
            if containers > 0 {
                active += 1;
                used += total - shared;
            }
            per_image.push((image.id.to_string(), shared, total - shared, containers));
        }
        let containers_size: u64 = store.containers.values().map(|c| c.size_rw).sum();
        let containers_reclaimable: u64 =
            store.containers.values().filter(|c| !c.is_running()).map(|c| c.size_rw).sum();
        DiskUsage {
            images_total: listed.len(),
            images_active: active,
            layers_size,
            images_reclaimable: layers_size.saturating_sub(used),
            containers_total: store.containers.len(),
            containers_active: store.containers.values().filter(|c| c.is_running()).count(),
            containers_size,
            containers_reclaimable,
            per_image,
        }
    }
}
