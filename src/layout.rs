//! Where everything goes on the graph: a pure function from the store (and the previous
//! placement) to boxes. Every image and every container gets a column; a column is the stack of
//! layers it stands on (base at the bottom), the image or the container's writable layer on top,
//! and the image's references above it. Layers held by several columns are drawn once, across
//! those columns, so sharing is visible. Columns keep their slot across commands (removals leave
//! gaps), and a new column joins its family (same base layer), so nothing that did not change
//! moves.

use std::collections::{BTreeMap, HashMap};

use rmi_engine::digest::short_id;
use rmi_engine::reference::Named;
use rmi_engine::store::{ContainerState, Store};
use rmi_engine::units::image_size;

pub const COLUMN_WIDTH: f64 = 176.0;
pub const GAP: f64 = 12.0;
pub const ROW_HEIGHT: f64 = 34.0;
pub const BOX_HEIGHT: f64 = 28.0;
const REF_HEIGHT: f64 = 24.0;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnKey {
    Image(String),
    Container(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Tag,
    Digest,
    Image,
    Layer,
    Container,
}

impl NodeKind {
    /// The `data-node` value of the page's contract.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Tag => "tag",
            NodeKind::Digest => "digest",
            NodeKind::Image => "image",
            NodeKind::Layer => "layer",
            NodeKind::Container => "container",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// The contract's `data-id`: familiar reference, full image ID, ChainID, container ID.
    pub id: String,
    /// One rectangle, or several for a layer shared by columns that are not side by side.
    pub rects: Vec<Rect>,
    pub label: String,
    pub detail: String,
    pub dangling: bool,
    /// `created`, `running` or `exited` for containers.
    pub state: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The committed image and the image it was committed from.
    pub child: String,
    pub parent: String,
    pub from: (f64, f64),
    pub to: (f64, f64),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub slots: Vec<Option<ColumnKey>>,
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// The box holding every node (y grows downwards, the base row sits just above 0).
    pub bounds: Rect,
}

struct Column {
    key: ColumnKey,
    /// Layers bottom first.
    chain: Vec<String>,
    created: i64,
    /// The image this column shows, or the container's image.
    image: Option<String>,
}

fn columns_of(store: &Store) -> Vec<Column> {
    let mut columns = Vec::new();
    for image in store.images.values() {
        let chain = store.chain_of(image.top_layer.as_ref()).iter().rev().map(|l| l.chain_id.to_string()).collect();
        columns.push(Column {
            key: ColumnKey::Image(image.id.to_string()),
            chain,
            created: image.created,
            image: Some(image.id.to_string()),
        });
    }
    for container in store.containers.values() {
        let chain =
            store.chain_of(container.parent_layer.as_ref()).iter().rev().map(|l| l.chain_id.to_string()).collect();
        columns.push(Column {
            key: ColumnKey::Container(container.id.to_string()),
            chain,
            created: container.created,
            image: Some(container.image_id.to_string()),
        });
    }
    rmi_engine::sorting::sort_by(&mut columns, |a, b| a.created.cmp(&b.created).then_with(|| a.key.cmp(&b.key)));
    columns
}

/// Keeps the previous slot of every column still present, and places new columns after their
/// closest relative: a container after its image, an image after its family (same base layer).
fn assign_slots(columns: &[Column], previous: &[Option<ColumnKey>]) -> Vec<Option<ColumnKey>> {
    let present: HashMap<&ColumnKey, &Column> = columns.iter().map(|c| (&c.key, c)).collect();
    let mut slots: Vec<Option<ColumnKey>> =
        previous.iter().map(|k| k.as_ref().filter(|k| present.contains_key(k)).cloned()).collect();
    let family = |c: &Column| c.chain.first().cloned();
    for column in columns {
        if slots.iter().any(|s| s.as_ref() == Some(&column.key)) {
            continue;
        }
        let relative = |slot: &Option<ColumnKey>| -> u8 {
            let Some(other) = slot.as_ref().and_then(|k| present.get(k)) else {
                return 0;
            };
            if other.image.is_some() && other.image == column.image {
                2
            } else if family(other).is_some() && family(other) == family(column) {
                1
            } else {
                0
            }
        };
        let best =
            (0..slots.len()).rev().max_by_key(|&i| (relative(&slots[i]), i)).filter(|&i| relative(&slots[i]) > 0);
        match best {
            Some(i) if slots.get(i + 1).is_some_and(Option::is_none) => slots[i + 1] = Some(column.key.clone()),
            Some(i) => slots.insert(i + 1, Some(column.key.clone())),
            None => match slots.iter().rposition(Option::is_some) {
                Some(last) if last + 1 < slots.len() => slots[last + 1] = Some(column.key.clone()),
                _ => slots.push(Some(column.key.clone())),
            },
        }
    }
    while slots.last().is_some_and(Option::is_none) {
        slots.pop();
    }
    slots
}

fn row_y(row: usize, height: f64) -> f64 {
    -((row as f64 + 1.0) * ROW_HEIGHT) + (ROW_HEIGHT - height) / 2.0
}

pub fn layout(store: &Store, previous: &[Option<ColumnKey>]) -> Layout {
    let columns = columns_of(store);
    let slots = assign_slots(&columns, previous);
    let by_key: HashMap<&ColumnKey, &Column> = columns.iter().map(|c| (&c.key, c)).collect();
    let slot_x = |slot: usize| slot as f64 * COLUMN_WIDTH;
    let width = COLUMN_WIDTH - GAP;
    let mut nodes = Vec::new();
    let mut layer_slots: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    let mut image_boxes: HashMap<String, Rect> = HashMap::new();

    for (slot, key) in slots.iter().enumerate() {
        let Some(column) = key.as_ref().and_then(|k| by_key.get(k)) else {
            continue;
        };
        for (row, chain_id) in column.chain.iter().enumerate() {
            layer_slots.entry((row, chain_id.clone())).or_default().push(slot);
        }
        let top_row = column.chain.len();
        let rect = Rect { x: slot_x(slot), y: row_y(top_row, BOX_HEIGHT), w: width, h: BOX_HEIGHT };
        match &column.key {
            ColumnKey::Image(id) => {
                let Some(image) = store.images.get(id.as_str()) else {
                    continue;
                };
                let refs: Vec<Named> = store.refs_of(id).iter().filter_map(|r| Named::from_full(r)).collect();
                let dangling = refs.is_empty();
                nodes.push(Node {
                    kind: NodeKind::Image,
                    id: id.clone(),
                    rects: vec![rect],
                    label: short_id(id).to_string(),
                    detail: image_size(store.image_size(image)),
                    dangling,
                    state: None,
                });
                image_boxes.insert(id.clone(), rect);
                for (i, named) in refs.iter().enumerate() {
                    let kind = if named.digest.is_some() { NodeKind::Digest } else { NodeKind::Tag };
                    let familiar = named.familiar();
                    let label = match kind {
                        NodeKind::Digest => {
                            format!("{}@{}…", named.familiar_name(), &named.digest.as_deref().unwrap_or("")[7..15])
                        }
                        _ => familiar.clone(),
                    };
                    nodes.push(Node {
                        kind,
                        id: familiar,
                        rects: vec![Rect {
                            x: slot_x(slot) + 8.0,
                            y: row_y(top_row + 1 + i, REF_HEIGHT),
                            w: width - 16.0,
                            h: REF_HEIGHT,
                        }],
                        label,
                        detail: String::new(),
                        dangling: false,
                        state: None,
                    });
                }
            }
            ColumnKey::Container(id) => {
                let Some(container) = store.containers.get(id.as_str()) else {
                    continue;
                };
                let state = match container.state {
                    ContainerState::Running => "running",
                    ContainerState::Exited(_) if container.finished_at.is_some() => "exited",
                    _ => "created",
                };
                nodes.push(Node {
                    kind: NodeKind::Container,
                    id: id.clone(),
                    rects: vec![rect],
                    label: container.name.clone(),
                    detail: state.to_string(),
                    dangling: false,
                    state: Some(state),
                });
            }
        }
    }

    // One node per layer; contiguous runs of columns become one rectangle each.
    let mut layer_nodes: BTreeMap<String, Node> = BTreeMap::new();
    for ((row, chain_id), mut used) in layer_slots {
        rmi_engine::sorting::sort(&mut used);
        let Some(layer) = store.layers.get(chain_id.as_str()) else {
            continue;
        };
        let node = layer_nodes.entry(chain_id.clone()).or_insert_with(|| Node {
            kind: NodeKind::Layer,
            id: chain_id.clone(),
            rects: Vec::new(),
            label: short_id(&chain_id).to_string(),
            detail: image_size(layer.diff_size),
            dangling: false,
            state: None,
        });
        let mut start = used[0];
        let mut end = used[0];
        for &slot in used.iter().skip(1).chain(std::iter::once(&usize::MAX)) {
            if slot == end + 1 {
                end = slot;
                continue;
            }
            let x = slot_x(start);
            node.rects.push(Rect { x, y: row_y(row, BOX_HEIGHT), w: slot_x(end) + width - x, h: BOX_HEIGHT });
            start = slot;
            end = slot;
        }
    }
    nodes.extend(layer_nodes.into_values());

    let mut links = Vec::new();
    for image in store.images.values() {
        if let Some(parent) = &image.parent {
            if let (Some(child_box), Some(parent_box)) = (image_boxes.get(&*image.id), image_boxes.get(&**parent)) {
                links.push(Link {
                    child: image.id.to_string(),
                    parent: parent.to_string(),
                    from: (child_box.x, child_box.y + child_box.h / 2.0),
                    to: (parent_box.x + parent_box.w, parent_box.y + parent_box.h / 2.0),
                });
            }
        }
    }

    let mut bounds = Rect { x: 0.0, y: -ROW_HEIGHT, w: COLUMN_WIDTH, h: ROW_HEIGHT };
    for node in &nodes {
        for r in &node.rects {
            let (x0, y0) = (bounds.x.min(r.x), bounds.y.min(r.y));
            let (x1, y1) = ((bounds.x + bounds.w).max(r.x + r.w), (bounds.y + bounds.h).max(r.y + r.h));
            bounds = Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
        }
    }
    Layout { slots, nodes, links, bounds }
}

impl Layout {
    pub fn node(&self, kind: NodeKind, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.kind == kind && n.id == id)
    }
}

/// An image's first tag (familiar form), the name a reader knows it by; `None` when untagged.
pub fn image_tag(store: &Store, id: &str) -> Option<String> {
    store.refs_of(id).iter().filter_map(|r| Named::from_full(r)).find(|n| n.tag.is_some()).map(|n| n.familiar())
}

/// Something that keeps an object alive. The page puts it into words in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// A reference, familiar form.
    Reference(String),
    /// An image standing on a layer: its first tag, or its short ID when it has none.
    Image { tag: Option<String>, short_id: String },
    /// A container, by name.
    Container(String),
    /// An image committed from this one, by short ID.
    ChildImage(String),
}

/// Who keeps an object alive (the book's "held by ubuntu:16.04 and container romantic_euler").
pub fn held_by(store: &Store, kind: NodeKind, id: &str) -> Vec<Holder> {
    match kind {
        NodeKind::Tag | NodeKind::Digest => Vec::new(),
        NodeKind::Image => {
            let mut holders: Vec<Holder> = store
                .refs_of(id)
                .iter()
                .filter_map(|r| Named::from_full(r))
                .map(|n| Holder::Reference(n.familiar()))
                .collect();
            holders.extend(store.containers_of(id).iter().map(|c| Holder::Container(c.name.clone())));
            holders.extend(store.children_of(id).iter().map(|c| Holder::ChildImage(short_id(c).to_string())));
            holders
        }
        NodeKind::Layer => {
            let mut images: Vec<(String, Holder)> = store
                .images
                .values()
                .filter(|i| store.chain_of(i.top_layer.as_ref()).iter().any(|l| &*l.chain_id == id))
                .map(|i| {
                    let tag = image_tag(store, &i.id);
                    let short = short_id(&i.id).to_string();
                    (tag.clone().unwrap_or_else(|| short.clone()), Holder::Image { tag, short_id: short })
                })
                .collect();
            rmi_engine::sorting::sort_by(&mut images, |a, b| a.0.cmp(&b.0));
            let mut holders: Vec<Holder> = images.into_iter().map(|(_, holder)| holder).collect();
            holders.extend(
                store
                    .containers
                    .values()
                    .filter(|c| store.chain_of(c.parent_layer.as_ref()).iter().any(|l| &*l.chain_id == id))
                    .map(|c| Holder::Container(c.name.clone())),
            );
            holders
        }
        NodeKind::Container => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmi_engine::scenarios;

    const NOW: i64 = 1_767_225_600_000_000_000;

    fn assert_no_overlaps(layout: &Layout) {
        let rects: Vec<(&Node, &Rect)> =
            layout.nodes.iter().flat_map(|n| n.rects.iter().map(move |r| (n, r))).collect();
        for (i, (a, ra)) in rects.iter().enumerate() {
            for (b, rb) in rects.iter().skip(i + 1) {
                assert!(!ra.overlaps(rb), "{:?} {} overlaps {:?} {}", a.kind, a.id, b.kind, b.id);
            }
        }
    }

    fn positions(layout: &Layout) -> HashMap<(NodeKind, String), Vec<Rect>> {
        layout.nodes.iter().map(|n| ((n.kind, n.id.clone()), n.rects.clone())).collect()
    }

    #[test]
    fn every_object_has_one_node_and_none_overlap() {
        for scenario in scenarios::SCENARIO_NAMES {
            let engine = scenarios::build(scenario, 1, NOW).unwrap();
            let layout = layout(&engine.store, &[]);
            assert_no_overlaps(&layout);
            let store = &engine.store;
            let count = |k: NodeKind| layout.nodes.iter().filter(|n| n.kind == k).count();
            assert_eq!(count(NodeKind::Image), store.images.len(), "{scenario}");
            assert_eq!(count(NodeKind::Layer), store.layers.len(), "{scenario}");
            assert_eq!(count(NodeKind::Container), store.containers.len(), "{scenario}");
            assert_eq!(count(NodeKind::Tag) + count(NodeKind::Digest), store.references.len(), "{scenario}");
        }
    }

    #[test]
    fn shared_base_layer_is_one_node_spanning_its_family() {
        let engine = scenarios::build("shared-layers", 1, NOW).unwrap();
        let layout = layout(&engine.store, &[]);
        let debian_base = "sha256:9a24f4e21c9760b2dd99e88c055b3e5d076307c3a2dd8d99911078a0941cc649";
        let node = layout.node(NodeKind::Layer, debian_base).expect("base layer");
        assert_eq!(node.rects.len(), 1, "debian, nginx, python and the nginx container sit side by side");
        assert!(node.rects[0].w > 3.0 * COLUMN_WIDTH, "spans four columns: {:?}", node.rects[0]);
    }

    #[test]
    fn removals_move_nothing_that_survives() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        engine.run_line("docker run ubuntu:14.04 echo hi");
        let mut previous = layout(&engine.store, &[]);
        for line in
            ["docker rmi myubuntu", "docker rmi -f ubuntu:14.04", "docker rm romantic_euler", "docker rmi ubuntu:16.04"]
        {
            engine.run_line(line);
            let next = layout(&engine.store, &previous.slots);
            assert_no_overlaps(&next);
            let before = positions(&previous);
            for (key, rects) in positions(&next) {
                let Some(old) = before.get(&key) else {
                    continue;
                };
                match key.0 {
                    // A shared layer narrows when a column it spanned goes.
                    NodeKind::Layer => {}
                    // An image's remaining references close ranks above it, in their column.
                    NodeKind::Tag | NodeKind::Digest => {
                        assert_eq!(old[0].x, rects[0].x, "{key:?} changed column after `{line}`")
                    }
                    _ => assert_eq!(old, &rects, "{key:?} moved after `{line}`"),
                }
            }
            previous = next;
        }
    }

    #[test]
    fn new_columns_join_their_family_and_keep_others_in_place() {
        let mut engine = scenarios::build("empty", 1, NOW).unwrap();
        engine.run_line("docker pull debian:bookworm");
        engine.run_line("docker pull alpine:3.20");
        let first = layout(&engine.store, &[]);
        engine.run_line("docker pull nginx:1.25");
        let second = layout(&engine.store, &first.slots);
        assert_no_overlaps(&second);
        let debian = "sha256:c956086f3106110fd90993446babc05df636a190380d55566529b060ff1082b5";
        let nginx = "sha256:eaa0c6bd390b04ecac146c79bac660c8945e7e8e89a13927e434ff2f6c23e17e";
        let slot = |l: &Layout, id: &str| l.slots.iter().position(|k| k.as_ref() == Some(&ColumnKey::Image(id.into())));
        assert_eq!(slot(&second, nginx), slot(&second, debian).map(|s| s + 1), "nginx sits next to debian");
        assert_eq!(
            first.node(NodeKind::Image, debian).unwrap().rects,
            second.node(NodeKind::Image, debian).unwrap().rects,
            "debian kept its place"
        );
    }

    #[test]
    fn holders_are_named_like_the_book() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        engine.run_line("docker run ubuntu:16.04 true");
        let base = "sha256:e2d714d39e2421ae843ff100009bb7724c1a36030bfaafc8e6a3d1c152a1a5e6";
        let reference = |name: &str| Holder::Reference(name.to_string());
        let container = Holder::Container("romantic_euler".to_string());
        let tagged = Holder::Image { tag: Some("myubuntu:latest".to_string()), short_id: "2fa927b5cdd3".to_string() };
        assert_eq!(held_by(&engine.store, NodeKind::Layer, base), vec![tagged, container.clone()]);
        let image = "sha256:2fa927b5cdd368da6b61bb3048a3a965e788e5ab06da47b84f809bcaa424eae3";
        assert_eq!(
            held_by(&engine.store, NodeKind::Image, image),
            vec![reference("myubuntu:latest"), reference("ubuntu:16.04"), reference("ubuntu:latest"), container]
        );
    }

    #[test]
    fn fifty_images_stay_readable() {
        let engine = rmi_engine::synthetic::build(
            rmi_engine::synthetic::Shape {
                images: 50,
                repositories: 10,
                own_layers: 3,
                base_layers: 5,
                containers: 10,
            },
            NOW,
        );
        let layout = layout(&engine.store, &[]);
        assert_no_overlaps(&layout);
        assert!(layout.nodes.iter().all(|n| n.rects.iter().all(|r| r.w >= 40.0 && r.h >= 20.0)));
    }
}
