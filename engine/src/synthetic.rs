//! Large synthetic stores for benchmarks and performance budgets: many images in many
//! repositories over shared base layers, with containers on some of them. Built directly
//! (not through pulls) so building stays cheap; the result passes `Store::verify`.

use std::sync::Arc;

use crate::engine::Engine;
use crate::store::digest::{chain_id, sha256_of};
use crate::store::reference::parse_normalized_named;
use crate::store::{Container, ContainerState, HistoryEntry, Image, Layer, RunConfig};

#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub images: usize,
    pub repositories: usize,
    /// Layers of each image on top of its shared base layer.
    pub own_layers: usize,
    pub base_layers: usize,
    pub containers: usize,
}

impl Shape {
    /// The page's large-store fixture (`fixture IMAGES`, the end-to-end budgets, the layout's
    /// budget): ten images a repository, three own layers each over one base layer per twenty
    /// images, a container per ten images.
    pub fn fixture(images: usize) -> Shape {
        Shape {
            images,
            repositories: (images / 10).max(1),
            own_layers: 3,
            base_layers: (images / 20).max(1),
            containers: images / 10,
        }
    }

    /// 10,000 images in 1,000 repositories over ~50,000 layers, 2,000 containers.
    pub const LARGE: Shape =
        Shape { images: 10_000, repositories: 1_000, own_layers: 5, base_layers: 100, containers: 2_000 };
    /// The same proportions at a tenth of the size.
    pub const MEDIUM: Shape =
        Shape { images: 1_000, repositories: 100, own_layers: 5, base_layers: 10, containers: 200 };
}

pub fn image_name(i: usize, shape: &Shape) -> String {
    format!("repo{}:v{}", i % shape.repositories, i / shape.repositories)
}

pub fn build(shape: Shape, now: i64) -> Engine {
    let mut engine = Engine::new(42, now);
    let mut bases = Vec::with_capacity(shape.base_layers);
    for b in 0..shape.base_layers {
        let diff = sha256_of(format!("base layer {b}").as_bytes());
        let chain: Arc<str> = Arc::from(diff.as_str());
        engine.daemon.store.register_layer(Layer {
            chain_id: chain.clone(),
            diff_id: chain.clone(),
            parent: None,
            diff_size: 50_000_000 + b as u64,
            size: 50_000_000 + b as u64,
            references: 0,
            blob: None,
        });
        bases.push((chain, 50_000_000 + b as u64));
    }
    let mut image_ids = Vec::with_capacity(shape.images);
    for i in 0..shape.images {
        let (base, base_size) = bases[i % bases.len()].clone();
        let mut parent = base.clone();
        let mut size = base_size;
        let mut diff_ids: Vec<Arc<str>> = vec![base.clone()];
        for l in 0..shape.own_layers {
            let diff: Arc<str> = Arc::from(sha256_of(format!("image {i} layer {l}").as_bytes()).as_str());
            let chain: Arc<str> = Arc::from(chain_id(Some(&parent), &diff).as_str());
            let diff_size = 1_000 + (i * 7 + l) as u64;
            size += diff_size;
            engine.daemon.store.register_layer(Layer {
                chain_id: chain.clone(),
                diff_id: diff.clone(),
                parent: Some(parent.clone()),
                diff_size,
                size,
                references: 0,
                blob: None,
            });
            diff_ids.push(diff);
            parent = chain;
        }
        let id: Arc<str> = Arc::from(sha256_of(format!("synthetic image {i}").as_bytes()).as_str());
        let created = now - (i as i64 + 1) * 60_000_000_000;
        engine.daemon.store.insert_image(Image {
            id: id.clone(),
            created,
            architecture: "amd64".into(),
            os: "linux".into(),
            author: String::new(),
            comment: String::new(),
            config: RunConfig { cmd: vec!["sleep".into(), "1000".into()], ..RunConfig::default() },
            diff_ids,
            top_layer: Some(parent),
            history: vec![HistoryEntry {
                created,
                created_by: format!("synthetic {i}"),
                comment: String::new(),
                empty_layer: false,
            }],
            parent: None,
            last_tag_time: None,
            size: 0,
            container: None,
        });
        if let Ok(named) = parse_normalized_named(&image_name(i, &shape)) {
            engine.daemon.store.add_reference(named.full(), id.clone());
        }
        image_ids.push(id);
    }
    for c in 0..shape.containers {
        let image = &image_ids[c % image_ids.len()];
        let top = engine.daemon.store.images.get(image).and_then(|i| i.top_layer.clone());
        let id = sha256_of(format!("container {c}").as_bytes())[7..].to_string();
        engine.daemon.store.insert_container(Container {
            id: Arc::from(id.as_str()),
            name: format!("ctr{c}"),
            image_id: image.clone(),
            image_ref: image_name(c % image_ids.len(), &shape),
            parent_layer: top,
            path: "sleep".into(),
            args: vec!["1000".into()],
            cmd: vec!["sleep".into(), "1000".into()],
            entrypoint: Vec::new(),
            env: Vec::new(),
            labels: Vec::new(),
            state: if c % 10 == 0 { ContainerState::Running } else { ContainerState::Exited(0) },
            created: now - c as i64 * 1_000_000_000,
            started_at: Some(now - c as i64 * 1_000_000_000),
            finished_at: if c % 10 == 0 { None } else { Some(now) },
            fs_changed: false,
            size_rw: 0,
            auto_remove: false,
            tty: false,
            open_stdin: false,
            settings: Default::default(),
        });
    }
    engine
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_store_is_consistent() {
        let engine = build(Shape { images: 300, repositories: 30, own_layers: 3, base_layers: 7, containers: 40 }, 0);
        engine.daemon.store.verify().expect("consistent");
        assert_eq!(engine.daemon.store.images.len(), 300);
        assert_eq!(engine.daemon.store.layers.len(), 300 * 3 + 7);
    }
}
