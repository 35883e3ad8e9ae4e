//! `SystemDiskUsage` (moby `daemon/disk_usage.go`): the numbers `docker system df` prints.

use std::collections::HashMap;

use crate::daemon::Daemon;
use crate::store::ImageId;

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
    /// Every image, newest first.
    pub per_image: Vec<ImageUsage>,
}

/// One image's line of `docker system df -v`.
pub struct ImageUsage {
    pub id: ImageId,
    pub created: i64,
    /// Bytes of its layers that other images use too.
    pub shared: u64,
    /// Bytes of its layers no other image uses.
    pub unique: u64,
    pub containers: usize,
}

impl Daemon {
    /// `SystemDiskUsage`: images with their shared and unique sizes, containers, totals.
    pub fn disk_usage(&self) -> DiskUsage {
        let store = &self.store;
        let mut users: HashMap<&str, usize> = HashMap::new();
        for image in store.images.values() {
            for layer in store.chain_of(image.top_layer.as_ref()) {
                *users.entry(&layer.chain_id).or_default() += 1;
            }
        }
        let layers_size: u64 = store.layers.values().map(|l| l.diff_size).sum();
        let mut used = 0;
        let mut active = 0;
        let mut per_image = Vec::new();
        for image in store.images.values() {
            let chain = store.chain_of(image.top_layer.as_ref());
            let total: u64 = chain.iter().map(|l| l.diff_size).sum();
            let shared: u64 =
                chain.iter().filter(|l| users.get(&*l.chain_id).copied().unwrap_or(0) > 1).map(|l| l.diff_size).sum();
            let containers = store.containers_of(&image.id).len();
            if containers > 0 {
                active += 1;
                used += total - shared;
            }
            per_image.push(ImageUsage {
                id: image.id.clone(),
                created: image.created,
                shared,
                unique: total - shared,
                containers,
            });
        }
        crate::sorting::sort_by(&mut per_image, |a, b| b.created.cmp(&a.created));
        let containers_size: u64 = store.containers.values().map(|c| c.size_rw).sum();
        let containers_reclaimable: u64 =
            store.containers.values().filter(|c| !c.is_running()).map(|c| c.size_rw).sum();
        DiskUsage {
            images_total: store.images.len(),
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
