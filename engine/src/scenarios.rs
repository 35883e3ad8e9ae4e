//! Built-in starting points: an empty daemon, the book's machine, and two teaching setups.

use std::sync::Arc;

use crate::book::{BookLayer, BOOK_U14_ID, BOOK_U14_TAGS, BOOK_U16_ID, BOOK_U16_TAGS, U14, U16};
use crate::engine::Engine;
use crate::store::reference::parse_normalized_named;
use crate::store::{HistoryEntry, Image, Layer, RunConfig};
use crate::variant::Variant;

pub use crate::book::{BOOK_CONTAINER_ID, BOOK_CONTAINER_NAME};

const DAY: i64 = 86_400_000_000_000;
const MINUTE: i64 = 60_000_000_000;

pub const SCENARIO_NAMES: &[&str] = &["empty", "rmi-tutorial", "shared-layers", "commit-chain"];

/// Adds one of the book's images exactly as printed there: IDs are stored as given (they come
/// from an older Docker and do not satisfy today's formulas); a variant renames and rescales it.
fn add_book_image(engine: &mut Engine, id: &str, created: i64, layers: &[BookLayer], tags: &[&str], variant: &Variant) {
    let mut parent: Option<Arc<str>> = None;
    let mut below = 0;
    let mut history = Vec::new();
    for layer in layers {
        let chain: Arc<str> = Arc::from(variant.id(layer.chain_id));
        let diff_id = variant.id(layer.diff_id);
        let size = variant.scale(layer.size);
        engine.daemon.store.register_layer(Layer {
            chain_id: chain.clone(),
            diff_id: Arc::from(diff_id.as_str()),
            parent: parent.clone(),
            diff_size: size,
            size: below + size,
            references: 0,
            blob: None,
        });
        history.push(HistoryEntry {
            created,
            created_by: format!("/bin/sh -c #(nop) ADD file:{} in / ", &diff_id[7..23]),
            comment: String::new(),
            empty_layer: false,
        });
        below += size;
        parent = Some(chain);
    }
    history.push(HistoryEntry {
        created,
        created_by: "/bin/sh -c #(nop)  CMD [\"/bin/bash\"]".to_string(),
        comment: String::new(),
        empty_layer: true,
    });
    let image_id: Arc<str> = Arc::from(variant.id(id));
    engine.daemon.store.insert_image(Image {
        id: image_id.clone(),
        created,
        architecture: "amd64".to_string(),
        os: "linux".to_string(),
        author: String::new(),
        comment: String::new(),
        config: RunConfig {
            cmd: vec!["/bin/bash".to_string()],
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()],
            ..RunConfig::default()
        },
        diff_ids: layers.iter().map(|l| Arc::from(variant.id(l.diff_id))).collect(),
        top_layer: parent,
        history,
        parent: None,
        last_tag_time: None,
        size: 0,
        container: None,
    });
    for tag in tags {
        if let Ok(named) = parse_normalized_named(&variant.reference(tag)) {
            engine.daemon.store.add_reference(named.with_default_tag().full(), image_id.clone());
        }
    }
}

fn run_setup(engine: &mut Engine, now: i64, lines: &[&str], variant: &Variant) {
    let step = 2 * MINUTE;
    engine.daemon.now = now - step * lines.len() as i64;
    for line in lines {
        engine.run_line(&variant.rewrite(line));
        engine.daemon.now += step;
    }
    engine.daemon.now = now;
    engine.daemon.take_events();
}

/// A fresh engine for a named scenario, or `None` for an unknown name.
pub fn build(name: &str, seed: u64, now: i64) -> Option<Engine> {
    build_variant(name, seed, now, &Variant::new(0))
}

/// [`build`] in a lesson variant's world: its registry, its names, digests and sizes.
pub fn build_variant(name: &str, seed: u64, now: i64, variant: &Variant) -> Option<Engine> {
    let mut engine = Engine::new(variant.seed(seed), now);
    engine.daemon.world = variant.world();
    let v = variant;
    match name {
        "empty" => {}
        "rmi-tutorial" => {
            add_book_image(&mut engine, BOOK_U16_ID, now - 15 * DAY, &U16, &BOOK_U16_TAGS, v);
            add_book_image(&mut engine, BOOK_U14_ID, now - 16 * DAY, &U14, &BOOK_U14_TAGS, v);
            let reserved = (v.id(BOOK_CONTAINER_ID), v.container_name(BOOK_CONTAINER_NAME));
            engine.daemon.reserved_container = Some(reserved);
        }
        "shared-layers" => run_setup(
            &mut engine,
            now,
            &[
                "docker pull debian:bookworm",
                "docker pull nginx:1.25",
                "docker pull python:3.12-slim",
                "docker pull alpine:3.20",
                "docker pull node:20-alpine",
                "docker run -d --name web nginx:1.25",
            ],
            v,
        ),
        "commit-chain" => run_setup(
            &mut engine,
            now,
            &[
                "docker pull busybox",
                "docker run --name step1 busybox touch /app",
                "docker commit step1 app:v1",
                "docker run --name step2 app:v1 touch /app/config",
                "docker commit step2 app:v2",
                "docker rm step1 step2",
                "docker tag app:v2 app:latest",
            ],
            v,
        ),
        _ => return None,
    }
    engine.scenario = name.to_string();
    Some(engine)
}
