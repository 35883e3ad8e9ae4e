//! Where everything goes on the graph: a pure function from the store to boxes and edges.
//! Every image and every container gets a column: the stack of layers it stands on (base at the
//! bottom), the image or the container on top, the image's references above it. Columns are
//! ordered by their layer chains, read from the base up, so columns sharing layers sit side by
//! side and a shared layer is one box across them; the order depends on nothing but the columns
//! themselves, so survivors keep their relative order, nothing keeps a slot for what is gone, and
//! the same store always gives the same drawing. An image's own layers (held by it and its
//! containers only) can fold into one "stack" node.

use std::collections::{BTreeMap, HashMap};

use rmi_engine::digest::short_id;
use rmi_engine::reference::Named;
use rmi_engine::store::reference::StoredRef;
use rmi_engine::store::{ContainerState, Store};
use rmi_engine::units::image_size;

pub const COLUMN_WIDTH: f64 = 176.0;
pub const GAP: f64 = 12.0;
pub const ROW_HEIGHT: f64 = 34.0;
pub const BOX_HEIGHT: f64 = 28.0;
const REF_HEIGHT: f64 = 24.0;
const REF_INSET: f64 = 8.0;
/// Room for text inside a box: padding each side, and the widths of the graph's monospace
/// label (12 px) and detail (11 px) characters (0.6 em, a little over for wide fonts).
const TEXT_PADDING: f64 = 8.0;
const LABEL_CHAR: f64 = 7.4;
const DETAIL_CHAR: f64 = 6.8;
/// Up to this many images, every layer is drawn by default; past it, each image's own layers
/// fold into one stack node until the reader opens it.
pub const SMALL_STORE_IMAGES: usize = 10;
/// A run of own layers shorter than this stays drawn layer by layer.
const MIN_STACK: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Tag,
    Digest,
    Image,
    Layer,
    Container,
    /// An image's own layers folded into one node; its `data-id` is the image's ID.
    Stack,
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
            NodeKind::Stack => "stack",
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

    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let (x0, y0) = (self.x.min(other.x), self.y.min(other.y));
        let (x1, y1) = ((self.x + self.w).max(other.x + other.w), (self.y + self.h).max(other.y + other.h));
        Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// The contract's `data-id`: familiar reference, full image ID, ChainID, container ID (the
    /// image's ID for a stack).
    pub id: String,
    /// One rectangle, or several for a layer shared by columns that are not side by side.
    pub rects: Vec<Rect>,
    /// What the box shows, cut with "…" to fit it.
    pub label: String,
    /// The whole name, for the title and the focus line.
    pub name: String,
    pub detail: String,
    pub dangling: bool,
    /// `created`, `running` or `exited` for containers.
    pub state: Option<&'static str>,
    /// A stack's layers (ChainIDs, top first).
    pub members: Vec<String>,
}

impl Node {
    /// The key a node is known by across layouts (keyed rendering, motion, focus).
    pub fn key(&self) -> (NodeKind, String) {
        (self.kind, self.id.clone())
    }

    pub fn bounds(&self) -> Rect {
        let first = self.rects.first().copied().unwrap_or_default();
        self.rects.iter().skip(1).fold(first, |acc, r| acc.union(r))
    }

    /// Where the node stands: its first box's corner.
    pub fn origin(&self) -> (f64, f64) {
        self.rects.first().map_or((0.0, 0.0), |r| (r.x, r.y))
    }

    /// The node drawn from its own origin, which the graph places: a node that only moved is the
    /// same local node, so its drawing is kept as it is and only its place changes.
    pub fn local(&self) -> Node {
        let (x, y) = self.origin();
        Node { rects: self.rects.iter().map(|r| Rect { x: r.x - x, y: r.y - y, ..*r }).collect(), ..self.clone() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    TagToImage,
    ImageToLayer,
    LayerToParent,
    ChildToParent,
    ContainerToImage,
}

impl EdgeKind {
    /// The `data-edge` value on the drawn path.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::TagToImage => "tag-image",
            EdgeKind::ImageToLayer => "image-layer",
            EdgeKind::LayerToParent => "layer-parent",
            EdgeKind::ChildToParent => "child-parent",
            EdgeKind::ContainerToImage => "container-image",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: (NodeKind, String),
    pub to: (NodeKind, String),
    /// An SVG path, in layout units.
    pub path: String,
    /// The box holding both ends (for drawing only what is in view).
    pub area: Rect,
}

impl Edge {
    pub fn key(&self) -> String {
        format!("{}:{}:{}", self.kind.as_str(), self.from.1, self.to.1)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The box holding every node (y grows downwards, the base row sits just above 0).
    pub bounds: Rect,
}

/// Which images show their own layers one by one, where the reader chose otherwise than the
/// default (see [`SMALL_STORE_IMAGES`]).
pub type Unfolded = BTreeMap<String, bool>;

/// Whether the image's own layers are drawn one by one.
pub fn is_unfolded(store: &Store, unfolded: &Unfolded, image: &str) -> bool {
    unfolded.get(image).copied().unwrap_or(store.images.len() <= SMALL_STORE_IMAGES)
}

struct Column<'s> {
    /// Layers, base first.
    chain: Vec<&'s str>,
    container: Option<&'s str>,
    /// The image this column shows, or the container's image.
    owner: &'s str,
    created: i64,
}

impl Column<'_> {
    fn id(&self) -> &str {
        self.container.unwrap_or(self.owner)
    }
}

fn columns_of(store: &Store) -> Vec<Column<'_>> {
    let mut columns = Vec::with_capacity(store.images.len() + store.containers.len());
    for image in store.images.values() {
        let chain = store.chain_of(image.top_layer.as_ref()).iter().rev().map(|l| &*l.chain_id).collect();
        columns.push(Column { chain, container: None, owner: &image.id, created: image.created });
    }
    for container in store.containers.values() {
        let chain = store.chain_of(container.parent_layer.as_ref()).iter().rev().map(|l| &*l.chain_id).collect();
        columns.push(Column {
            chain,
            container: Some(&container.id),
            owner: &container.image_id,
            created: container.created,
        });
    }
    // Sorted by chain, a shared prefix of layers is a run of neighbouring columns; an image comes
    // before its containers. Every key is the column's own, so removing columns reorders nothing.
    rmi_engine::sorting::sort_by(&mut columns, |a, b| {
        a.chain
            .cmp(&b.chain)
            .then_with(|| a.container.is_some().cmp(&b.container.is_some()))
            .then_with(|| a.created.cmp(&b.created))
            .then_with(|| a.id().cmp(b.id()))
    });
    columns
}

/// What a layer box spans: its row and the columns standing on it.
struct LayerUse<'s> {
    row: usize,
    columns: Vec<usize>,
    /// The image owning every column on it, `None` once two images share it.
    owner: Option<&'s str>,
}

fn row_y(row: usize, height: f64) -> f64 {
    -((row as f64 + 1.0) * ROW_HEIGHT) + (ROW_HEIGHT - height) / 2.0
}

fn column_x(column: usize) -> f64 {
    column as f64 * COLUMN_WIDTH
}

/// `text` cut to `room` characters, the last one "…" when it was longer.
pub fn ellipsize(text: &str, room: usize) -> String {
    let count = text.chars().count();
    if count <= room {
        return text.to_string();
    }
    let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// How many label characters fit in a box `width` wide beside a detail of `detail` characters.
fn label_room(width: f64, detail: &str) -> usize {
    let detail_width = if detail.is_empty() { 0.0 } else { detail.chars().count() as f64 * DETAIL_CHAR + TEXT_PADDING };
    ((width - 2.0 * TEXT_PADDING - detail_width) / LABEL_CHAR).floor().max(1.0) as usize
}

struct Builder {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

impl Builder {
    fn node(&mut self, kind: NodeKind, id: &str, rect: Rect, name: String, detail: String) -> &mut Node {
        let label = ellipsize(&name, label_room(rect.w, &detail));
        self.nodes.push(Node {
            kind,
            id: id.to_string(),
            rects: vec![rect],
            label,
            name,
            detail,
            dangling: false,
            state: None,
            members: Vec::new(),
        });
        self.nodes.last_mut().expect("just pushed")
    }

    fn edge(&mut self, kind: EdgeKind, from: (NodeKind, &str), to: (NodeKind, &str), path: String) {
        let (from, to) = ((from.0, from.1.to_string()), (to.0, to.1.to_string()));
        self.edges.push(Edge { kind, from, to, path, area: Rect::default() });
    }
}

/// The box an image or container column's top object sits in, or a layer box's part over one
/// column.
fn box_at(column: usize, row: usize) -> Rect {
    Rect { x: column_x(column), y: row_y(row, BOX_HEIGHT), w: COLUMN_WIDTH - GAP, h: BOX_HEIGHT }
}

/// A vertical edge from the bottom of the box at (`column`, `row`) to the top of the one below.
fn down_path(column: usize, row: usize) -> String {
    let x = column_x(column) + (COLUMN_WIDTH - GAP) / 2.0;
    let top = row_y(row, BOX_HEIGHT) + BOX_HEIGHT;
    format!("M {x} {top} V {}", top + ROW_HEIGHT - BOX_HEIGHT)
}

pub fn layout(store: &Store, unfolded: &Unfolded) -> Layout {
    let columns = columns_of(store);
    let mut uses: HashMap<&str, LayerUse> = HashMap::with_capacity(store.layers.len());
    for (c, column) in columns.iter().enumerate() {
        for (row, &layer) in column.chain.iter().enumerate() {
            let entry = uses.entry(layer).or_insert(LayerUse { row, columns: Vec::new(), owner: Some(column.owner) });
            entry.columns.push(c);
            if entry.owner != Some(column.owner) {
                entry.owner = None;
            }
        }
    }
    // Per column: how many of its top layers fold into its owner's stack.
    let folded: Vec<usize> = columns
        .iter()
        .map(|column| {
            if is_unfolded(store, unfolded, column.owner) {
                return 0;
            }
            let own = column.chain.iter().rev().take_while(|l| uses[**l].owner == Some(column.owner)).count();
            if own >= MIN_STACK {
                own
            } else {
                0
            }
        })
        .collect();
    // The row of each column's image or container: above its drawn layers and its stack.
    let rows: Vec<usize> = columns.iter().zip(&folded).map(|(c, &f)| c.chain.len() - f + usize::from(f > 0)).collect();

    let mut out = Builder { nodes: Vec::new(), edges: Vec::new() };
    let mut image_columns: HashMap<&str, usize> = HashMap::new();
    let mut stacks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (c, column) in columns.iter().enumerate() {
        let row = rows[c];
        let rect = box_at(c, row);
        // What the object stands on: its stack, its top layer, or nothing.
        let below = if folded[c] > 0 {
            stacks.entry(column.owner).or_default().push(c);
            Some((NodeKind::Stack, column.owner))
        } else {
            column.chain.last().map(|l| (NodeKind::Layer, *l))
        };
        let kind = if column.container.is_some() { NodeKind::Container } else { NodeKind::Image };
        if let Some(to) = below {
            out.edge(EdgeKind::ImageToLayer, (kind, column.id()), to, down_path(c, row));
        }
        match column.container {
            None => {
                let id = column.owner;
                let Some(image) = store.images.get(id) else {
                    continue;
                };
                let refs: Vec<String> = store.refs_of(id);
                let node = out.node(NodeKind::Image, id, rect, short_id(id).to_string(), image_size(image.size));
                node.dangling = refs.is_empty();
                image_columns.insert(id, c);
                for (i, full) in refs.iter().enumerate() {
                    let named = StoredRef::split(full);
                    let familiar = named.familiar();
                    let (kind, name) = match named.digest {
                        Some(digest) => (NodeKind::Digest, format!("{}@{digest}", named.familiar_name)),
                        None => (NodeKind::Tag, familiar.clone()),
                    };
                    let ref_rect = Rect {
                        x: rect.x + REF_INSET,
                        y: row_y(row + 1 + i, REF_HEIGHT),
                        w: rect.w - 2.0 * REF_INSET,
                        h: REF_HEIGHT,
                    };
                    out.node(kind, &familiar, ref_rect, name, String::new());
                    // Along the column's left margin, clear of the references below this one.
                    let x = rect.x + REF_INSET / 2.0;
                    let path = format!("M {} {} H {x} V {}", ref_rect.x, ref_rect.y + REF_HEIGHT / 2.0, rect.y);
                    out.edge(EdgeKind::TagToImage, (kind, &familiar), (NodeKind::Image, id), path);
                }
            }
            Some(id) => {
                let Some(container) = store.containers.get(id) else {
                    continue;
                };
                let state = match container.state {
                    ContainerState::Running => "running",
                    ContainerState::Exited(_) if container.finished_at.is_some() => "exited",
                    _ => "created",
                };
                let node = out.node(NodeKind::Container, id, rect, container.name.clone(), state.to_string());
                node.state = Some(state);
            }
        }
    }
    // A container points at its image (in the same row, to its left) through the gap under the
    // row, which only the short edges down to the layers cross.
    for (c, column) in columns.iter().enumerate() {
        let (Some(id), Some(&image_column)) = (column.container, image_columns.get(column.owner)) else {
            continue;
        };
        let (rect, image) = (box_at(c, rows[c]), box_at(image_column, rows[image_column]));
        let gap = rect.y + rect.h + (ROW_HEIGHT - BOX_HEIGHT) / 2.0;
        let (cx, ix) = (rect.x + rect.w / 2.0 + 10.0, image.x + image.w / 2.0 + 10.0);
        let path = format!("M {cx} {} V {gap} H {ix} V {}", rect.y + rect.h, image.y + image.h);
        out.edge(EdgeKind::ContainerToImage, (NodeKind::Container, id), (NodeKind::Image, column.owner), path);
    }
    for (owner, used) in &stacks {
        let column = &columns[used[0]];
        let row = column.chain.len() - folded[used[0]];
        let members: Vec<String> = column.chain[row..].iter().rev().map(|m| m.to_string()).collect();
        let size: u64 = members.iter().filter_map(|l| store.layers.get(l.as_str())).map(|l| l.diff_size).sum();
        let mut rects = spans(used, row).into_iter();
        let Some(first) = rects.next() else {
            continue;
        };
        let node = out.node(NodeKind::Stack, owner, first, String::new(), image_size(size));
        node.rects.extend(rects);
        node.members = members;
        if let Some(parent) = row.checked_sub(1).map(|r| column.chain[r]) {
            out.edge(
                EdgeKind::LayerToParent,
                (NodeKind::Stack, owner),
                (NodeKind::Layer, parent),
                down_path(used[0], row),
            );
        }
    }
    // One node per drawn layer; runs of neighbouring columns make one box each.
    let mut drawn: Vec<(&str, &LayerUse)> = uses
        .iter()
        .filter(|(_, u)| u.columns.iter().any(|&c| u.row < columns[c].chain.len() - folded[c]))
        .map(|(l, u)| (*l, u))
        .collect();
    rmi_engine::sorting::sort_by_key(&mut drawn, |(l, u)| (u.columns[0], u.row, *l));
    for (chain_id, used) in drawn {
        let Some(layer) = store.layers.get(chain_id) else {
            continue;
        };
        let mut rects = spans(&used.columns, used.row).into_iter();
        let Some(first) = rects.next() else {
            continue;
        };
        let node =
            out.node(NodeKind::Layer, chain_id, first, short_id(chain_id).to_string(), image_size(layer.diff_size));
        node.rects.extend(rects);
        if let Some(parent) = layer.parent.as_deref() {
            let path = down_path(used.columns[0], used.row);
            out.edge(EdgeKind::LayerToParent, (NodeKind::Layer, chain_id), (NodeKind::Layer, parent), path);
        }
    }
    for image in store.images.values() {
        let Some(parent) = &image.parent else {
            continue;
        };
        let (Some(&child), Some(&parent_column)) = (image_columns.get(&*image.id), image_columns.get(&**parent)) else {
            continue;
        };
        let (child, parent_box) = (box_at(child, rows[child]), box_at(parent_column, rows[parent_column]));
        let (x0, y0) = (child.x, child.y + child.h / 2.0);
        let (x1, y1) = (parent_box.x + parent_box.w, parent_box.y + parent_box.h / 2.0);
        let path = format!("M {x0} {y0} C {} {y0} {} {y1} {x1} {y1}", x0 - 30.0, x1 + 30.0);
        out.edge(EdgeKind::ChildToParent, (NodeKind::Image, &image.id), (NodeKind::Image, parent), path);
    }

    let areas: HashMap<(NodeKind, &str), Rect> =
        out.nodes.iter().map(|n| ((n.kind, n.id.as_str()), n.bounds())).collect();
    for edge in &mut out.edges {
        let end = |(kind, id): &(NodeKind, String)| areas.get(&(*kind, id.as_str())).copied();
        if let (Some(a), Some(b)) = (end(&edge.from), end(&edge.to)) {
            edge.area = a.union(&b);
        }
    }
    let bounds = out
        .nodes
        .iter()
        .flat_map(|n| n.rects.iter())
        .fold(Rect { x: 0.0, y: -ROW_HEIGHT, w: COLUMN_WIDTH - GAP, h: ROW_HEIGHT }, |acc, r| acc.union(r));
    Layout { nodes: out.nodes, edges: out.edges, bounds }
}

/// The boxes of something standing under `columns` (ascending) in `row`: one per run of
/// neighbouring columns.
fn spans(columns: &[usize], row: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut i = 0;
    while i < columns.len() {
        let start = columns[i];
        let mut end = start;
        while i + 1 < columns.len() && columns[i + 1] == end + 1 {
            end += 1;
            i += 1;
        }
        let x = column_x(start);
        rects.push(Rect { x, y: row_y(row, BOX_HEIGHT), w: column_x(end) + COLUMN_WIDTH - GAP - x, h: BOX_HEIGHT });
        i += 1;
    }
    rects
}

/// Past this many nodes the graph draws only what is in view (and around it): the page stays
/// quick at a thousand images, where every element costs style and layout on each change.
pub const DRAW_ALL_UP_TO: usize = 2000;

/// What to draw when the camera shows `view`: everything in a small store; in a large one the
/// nodes and edges meeting `view` widened by half of it on every side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window(Option<Rect>);

impl Window {
    pub fn new(layout: &Layout, view: Rect) -> Window {
        if layout.nodes.len() <= DRAW_ALL_UP_TO {
            return Window(None);
        }
        // Snapped to a coarse grid, so a small pan does not redraw the lists.
        let step = 2.0 * COLUMN_WIDTH;
        let snap = |v: f64| (v / step).floor() * step;
        let (x0, y0) = (snap(view.x - view.w / 2.0), snap(view.y - view.h / 2.0));
        let (x1, y1) = (snap(view.x + 1.5 * view.w) + step, snap(view.y + 1.5 * view.h) + step);
        Window(Some(Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }))
    }

    pub fn shows(&self, area: &Rect) -> bool {
        self.0.is_none_or(|w| w.overlaps(area))
    }
}

/// A direction of the arrow keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    pub fn from_key(key: &str) -> Option<Direction> {
        match key {
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            _ => None,
        }
    }
}

impl Layout {
    pub fn node(&self, kind: NodeKind, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.kind == kind && n.id == id)
    }

    /// Where the keyboard starts in the graph: the first column's top object.
    pub fn first_node(&self) -> Option<&Node> {
        self.nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Image | NodeKind::Container))
            .min_by(|a, b| a.rects[0].x.total_cmp(&b.rects[0].x))
            .or(self.nodes.first())
    }

    /// The node an arrow key moves to from `from`: the nearest one whose centre lies that way
    /// (within 45° of it), distance along the way counting half as much as distance across.
    pub fn neighbour(&self, from: &Node, direction: Direction) -> Option<&Node> {
        let (x0, y0) = from.rects[0].center();
        self.nodes
            .iter()
            .filter(|n| n.kind != from.kind || n.id != from.id)
            .filter_map(|n| {
                // A wide layer is reached at the point of it nearest the start.
                let r = n.rects.iter().min_by(|a, b| dist(a, x0, y0).total_cmp(&dist(b, x0, y0)))?;
                let x = x0.clamp(r.x, r.x + r.w);
                let y = r.center().1;
                let (along, across) = match direction {
                    Direction::Right => (x - x0, y - y0),
                    Direction::Left => (x0 - x, y - y0),
                    Direction::Down => (y - y0, x - x0),
                    Direction::Up => (y0 - y, x - x0),
                };
                (along > 0.5 && across.abs() <= along).then_some((along + 2.0 * across.abs(), n))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }

    /// The nodes whose name or ID holds `query` (any case), in reading order: left to right, top
    /// to bottom. Layers by their ChainID (the ID their box shows), and a folded stack by any of
    /// its layers', so an ID read in `docker inspect` or on a box is found either way.
    pub fn search(&self, query: &str) -> Vec<&Node> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        let holds = |text: &str| text.to_lowercase().contains(&query);
        let mut found: Vec<&Node> = self
            .nodes
            .iter()
            .filter(|n| {
                holds(&n.name) || holds(&n.id) || (n.kind == NodeKind::Stack && n.members.iter().any(|m| holds(m)))
            })
            .collect();
        rmi_engine::sorting::sort_by(&mut found, |a, b| {
            a.rects[0].x.total_cmp(&b.rects[0].x).then(a.rects[0].y.total_cmp(&b.rects[0].y))
        });
        found
    }
}

fn dist(r: &Rect, x: f64, y: f64) -> f64 {
    let (cx, cy) = (x.clamp(r.x, r.x + r.w), r.center().1);
    (cx - x).abs() + (cy - y).abs()
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
    /// An image standing on a layer: its short ID and every tag it has (a layer is kept by the
    /// image, and the image by all of them).
    Image { tags: Vec<String>, short_id: String },
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
                    let tags: Vec<String> = store
                        .refs_of(&i.id)
                        .iter()
                        .filter_map(|r| Named::from_full(r))
                        .filter(|n| n.tag.is_some())
                        .map(|n| n.familiar())
                        .collect();
                    let short = short_id(&i.id).to_string();
                    (tags.first().cloned().unwrap_or_else(|| short.clone()), Holder::Image { tags, short_id: short })
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
        // A stack is its image's own layers: whoever holds its top layer holds them all.
        NodeKind::Stack => {
            let top = store.images.get(id).and_then(|i| i.top_layer.as_deref().map(str::to_string));
            top.map_or_else(Vec::new, |top| held_by(store, NodeKind::Layer, &top))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmi_engine::scenarios;
    use std::collections::HashSet;

    const NOW: i64 = 1_767_225_600_000_000_000;
    const IMG14: &str = "sha256:8f1bd21bd25c3fb1d4b00b7936a73a0664f932e11406c48a0ef19d82fd0b7342";
    const IMG16: &str = "sha256:2fa927b5cdd368da6b61bb3048a3a965e788e5ab06da47b84f809bcaa424eae3";

    fn drawn(store: &Store) -> Layout {
        layout(store, &Unfolded::new())
    }

    fn assert_no_overlaps(layout: &Layout) {
        let rects: Vec<(&Node, &Rect)> =
            layout.nodes.iter().flat_map(|n| n.rects.iter().map(move |r| (n, r))).collect();
        for (i, (a, ra)) in rects.iter().enumerate() {
            for (b, rb) in rects.iter().skip(i + 1) {
                assert!(!ra.overlaps(rb), "{:?} {} overlaps {:?} {}", a.kind, a.id, b.kind, b.id);
            }
        }
    }

    fn big(images: usize) -> rmi_engine::Engine {
        let shape = rmi_engine::synthetic::Shape::fixture(images);
        rmi_engine::synthetic::build(shape, NOW)
    }

    /// The left-to-right order of the images and containers drawn.
    fn column_order(layout: &Layout) -> Vec<String> {
        let mut tops: Vec<&Node> =
            layout.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Image | NodeKind::Container)).collect();
        tops.sort_by(|a, b| a.rects[0].x.total_cmp(&b.rects[0].x));
        tops.iter().map(|n| n.id.clone()).collect()
    }

    #[test]
    fn every_object_has_one_node_and_none_overlap() {
        for scenario in scenarios::SCENARIO_NAMES {
            let engine = scenarios::build(scenario, 1, NOW).unwrap();
            let layout = drawn(&engine.store);
            assert_no_overlaps(&layout);
            let store = &engine.store;
            let count = |k: NodeKind| layout.nodes.iter().filter(|n| n.kind == k).count();
            assert_eq!(count(NodeKind::Image), store.images.len(), "{scenario}");
            assert_eq!(count(NodeKind::Layer), store.layers.len(), "{scenario}");
            assert_eq!(count(NodeKind::Container), store.containers.len(), "{scenario}");
            assert_eq!(count(NodeKind::Tag) + count(NodeKind::Digest), store.references.len(), "{scenario}");
            assert_eq!(count(NodeKind::Stack), 0, "small stores show every layer");
        }
    }

    #[test]
    fn shared_base_layer_is_drawn_once_with_an_edge_from_every_image_on_it() {
        let engine = scenarios::build("shared-layers", 1, NOW).unwrap();
        let layout = drawn(&engine.store);
        let debian_base = "sha256:9a24f4e21c9760b2dd99e88c055b3e5d076307c3a2dd8d99911078a0941cc649";
        let nodes: Vec<&Node> = layout.nodes.iter().filter(|n| n.id == debian_base).collect();
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].rects.len(), 1, "debian, nginx, python and the nginx container sit side by side");
        assert!(nodes[0].rects[0].w > 3.0 * COLUMN_WIDTH, "spans four columns: {:?}", nodes[0].rects[0]);
        // Every image on it reaches it by edges: image → top layer → … → the base.
        let users: Vec<&str> = engine
            .store
            .images
            .values()
            .filter(|i| engine.store.chain_of(i.top_layer.as_ref()).iter().any(|l| &*l.chain_id == debian_base))
            .map(|i| &*i.id)
            .collect();
        assert_eq!(users.len(), 3);
        for image in users {
            let mut at = (NodeKind::Image, image.to_string());
            let mut hops = 0;
            while at.1 != debian_base {
                let edge = layout.edges.iter().find(|e| e.from == at).unwrap_or_else(|| panic!("no edge from {at:?}"));
                at = edge.to.clone();
                hops += 1;
                assert!(hops < 20);
            }
        }
    }

    #[test]
    fn edges_are_complete() {
        let mut engine = scenarios::build("commit-chain", 1, NOW).unwrap();
        engine.run_line("docker run -d busybox:latest sleep 1");
        engine.run_line("docker pull alpine:3.20");
        engine.run_line("docker run alpine:3.20 true");
        for unfolded in [true, false] {
            let store = &engine.store;
            let choice: Unfolded = store.images.values().map(|i| (i.id.to_string(), unfolded)).collect();
            let layout = layout(store, &choice);
            let has = |kind: EdgeKind, from: (NodeKind, &str), to: (NodeKind, &str)| {
                layout
                    .edges
                    .iter()
                    .any(|e| e.kind == kind && e.from == (from.0, from.1.into()) && e.to == (to.0, to.1.into()))
            };
            for (full, image) in store.references.iter() {
                let named = StoredRef::split(full);
                let kind = if named.digest.is_some() { NodeKind::Digest } else { NodeKind::Tag };
                assert!(has(EdgeKind::TagToImage, (kind, &named.familiar()), (NodeKind::Image, image)), "{full}");
            }
            for image in store.images.values() {
                if let Some(top) = &image.top_layer {
                    let to = layout
                        .node(NodeKind::Stack, &image.id)
                        .map_or((NodeKind::Layer, &**top), |_| (NodeKind::Stack, &*image.id));
                    assert!(has(EdgeKind::ImageToLayer, (NodeKind::Image, &image.id), to), "{}", image.id);
                }
                if let Some(parent) = &image.parent {
                    assert!(has(EdgeKind::ChildToParent, (NodeKind::Image, &image.id), (NodeKind::Image, parent)));
                }
            }
            for layer in store.layers.values() {
                if let (Some(parent), Some(_)) = (&layer.parent, layout.node(NodeKind::Layer, &layer.chain_id)) {
                    assert!(has(
                        EdgeKind::LayerToParent,
                        (NodeKind::Layer, &layer.chain_id),
                        (NodeKind::Layer, parent)
                    ));
                }
            }
            for container in store.containers.values() {
                let (id, image) = (&*container.id, &*container.image_id);
                assert!(has(EdgeKind::ContainerToImage, (NodeKind::Container, id), (NodeKind::Image, image)), "{id}");
            }
            // Every edge joins two nodes that are drawn.
            for edge in &layout.edges {
                assert!(layout.node(edge.from.0, &edge.from.1).is_some(), "{edge:?}");
                assert!(layout.node(edge.to.0, &edge.to.1).is_some(), "{edge:?}");
            }
        }
    }

    #[test]
    fn removals_give_their_columns_back() {
        let mut engine = scenarios::build("shared-layers", 1, NOW).unwrap();
        let first = drawn(&engine.store);
        for line in [
            "docker pull busybox:latest",
            "docker pull alpine:3.19",
            "docker run --name short-lived alpine:3.19 true",
            "docker tag alpine:3.19 a-really-long-repository-name/with-a-path:and-a-long-tag",
        ] {
            assert_eq!(engine.run_line(line).exit, 0, "{line}");
        }
        let grown = drawn(&engine.store);
        assert!(grown.bounds.w > first.bounds.w);
        for line in [
            "docker rm short-lived",
            "docker rmi busybox:latest",
            "docker rmi a-really-long-repository-name/with-a-path:and-a-long-tag",
            "docker rmi alpine:3.19",
        ] {
            assert_eq!(engine.run_line(line).exit, 0, "{line}");
        }
        let back = drawn(&engine.store);
        assert_eq!(back.bounds, first.bounds, "no slot kept for what is gone");
        assert_eq!(back, first, "the same store, the same drawing");
    }

    #[test]
    fn survivors_keep_their_relative_order() {
        let mut engine = big(40);
        let mut previous = drawn(&engine.store);
        for line in [
            "docker rmi -f repo3:v0",
            "docker pull nginx:1.25",
            "docker rmi -f repo1:v2",
            "docker rm -f $(docker ps -aq)",
        ] {
            engine.run_line(line);
            let next = drawn(&engine.store);
            assert_no_overlaps(&next);
            let now: HashSet<String> = column_order(&next).into_iter().collect();
            let before: HashSet<String> = column_order(&previous).into_iter().collect();
            let kept_before: Vec<String> = column_order(&previous).into_iter().filter(|id| now.contains(id)).collect();
            let kept_now: Vec<String> = column_order(&next).into_iter().filter(|id| before.contains(id)).collect();
            assert_eq!(kept_before, kept_now, "after `{line}`");
            // Compact: the columns are exactly the objects there are.
            let columns = next.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Image | NodeKind::Container)).count();
            let width = columns as f64 * COLUMN_WIDTH - GAP;
            assert!((next.bounds.w - width).abs() < 1e-6, "{} != {width} after `{line}`", next.bounds.w);
            previous = next;
        }
    }

    #[test]
    fn a_large_store_folds_own_layers_into_stacks_that_unfold_on_request() {
        let engine = big(30);
        let store = &engine.store;
        let folded = drawn(store);
        assert_no_overlaps(&folded);
        let stacks: Vec<&Node> = folded.nodes.iter().filter(|n| n.kind == NodeKind::Stack).collect();
        assert_eq!(stacks.len(), store.images.len());
        let image = store.images.values().next().unwrap().id.to_string();
        let stack = folded.node(NodeKind::Stack, &image).unwrap();
        assert_eq!(stack.members.len(), 3, "the image's own layers, not the shared base");
        for member in &stack.members {
            assert!(folded.node(NodeKind::Layer, member).is_none());
        }
        let one = Unfolded::from([(image.clone(), true)]);
        let opened = layout(store, &one);
        assert_no_overlaps(&opened);
        assert!(opened.node(NodeKind::Stack, &image).is_none());
        for member in &stack.members {
            assert!(opened.node(NodeKind::Layer, member).is_some());
        }
        assert!(opened.bounds.h > folded.bounds.h);
        // A small store can be folded too.
        let book = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let shut = Unfolded::from([(IMG14.to_string(), false)]);
        let book_layout = layout(&book.store, &shut);
        assert!(book_layout.node(NodeKind::Stack, IMG14).is_some());
        assert!(book_layout.node(NodeKind::Stack, IMG16).is_none());
    }

    #[test]
    fn long_names_are_cut_to_their_box_and_kept_whole() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let long = "registry.example.com/a-team/an-uncommonly-long-repository:with-a-long-tag";
        engine.run_line(&format!("docker tag ubuntu:14.04 {long}"));
        let layout = drawn(&engine.store);
        let node = layout.node(NodeKind::Tag, long).unwrap();
        assert_eq!(node.name, long);
        assert!(node.label.ends_with('…') && node.label.chars().count() < long.chars().count());
        let width = node.label.chars().count() as f64 * LABEL_CHAR + 2.0 * TEXT_PADDING;
        assert!(width <= node.rects[0].w, "{width} > {}", node.rects[0].w);
        assert_eq!(layout.node(NodeKind::Tag, "ubuntu:14.04").unwrap().label, "ubuntu:14.04");
    }

    #[test]
    fn holders_are_named_like_the_book() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        engine.run_line("docker run ubuntu:16.04 true");
        let base = "sha256:e2d714d39e2421ae843ff100009bb7724c1a36030bfaafc8e6a3d1c152a1a5e6";
        let reference = |name: &str| Holder::Reference(name.to_string());
        let container = Holder::Container("romantic_euler".to_string());
        let tags = ["myubuntu:latest", "ubuntu:16.04", "ubuntu:latest"].map(str::to_string).to_vec();
        let tagged = Holder::Image { tags, short_id: "2fa927b5cdd3".to_string() };
        assert_eq!(held_by(&engine.store, NodeKind::Layer, base), vec![tagged, container.clone()]);
        assert_eq!(
            held_by(&engine.store, NodeKind::Image, IMG16),
            vec![reference("myubuntu:latest"), reference("ubuntu:16.04"), reference("ubuntu:latest"), container]
        );
    }

    #[test]
    fn large_stores_stay_apart() {
        let engine = big(200);
        let layout = drawn(&engine.store);
        assert_no_overlaps(&layout);
        assert!(layout.nodes.iter().all(|n| n.rects.iter().all(|r| r.w >= 40.0 && r.h >= 20.0)));
    }

    #[test]
    fn a_thousand_images_draw_only_around_the_view() {
        let engine = big(1000);
        let layout = drawn(&engine.store);
        assert!(layout.nodes.len() > DRAW_ALL_UP_TO);
        let view = Rect { x: 0.0, y: -500.0, w: 700.0, h: 500.0 };
        let window = Window::new(&layout, view);
        let shown: Vec<&Node> = layout.nodes.iter().filter(|n| n.rects.iter().any(|r| window.shows(r))).collect();
        assert!(shown.len() < layout.nodes.len() / 10, "{} of {}", shown.len(), layout.nodes.len());
        // Everything in view is drawn, and the edges between them.
        for node in &layout.nodes {
            if node.rects.iter().any(|r| r.overlaps(&view)) {
                assert!(node.rects.iter().any(|r| window.shows(r)), "{node:?}");
            }
        }
        for edge in &layout.edges {
            assert!(edge.area.w > 0.0 && edge.area.h > 0.0, "{edge:?}");
            if edge.area.overlaps(&view) {
                assert!(window.shows(&edge.area));
            }
        }
        // A small store draws everything wherever the camera is.
        let small = drawn(&big(200).store);
        let far = Rect { x: 1e6, y: 1e6, w: 10.0, h: 10.0 };
        assert!(small.nodes.iter().all(|n| Window::new(&small, far).shows(&n.rects[0])));
    }

    #[test]
    fn arrow_keys_move_to_the_nearest_object_that_way() {
        let engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let layout = drawn(&engine.store);
        let start = layout.first_node().unwrap();
        assert_eq!(start.kind, NodeKind::Image);
        let up = layout.neighbour(start, Direction::Up).unwrap();
        assert!(matches!(up.kind, NodeKind::Tag), "the image's first reference is above it: {up:?}");
        assert_eq!(layout.neighbour(up, Direction::Down).unwrap().id, start.id);
        let right = layout.neighbour(start, Direction::Right).unwrap();
        assert!(right.rects[0].x > start.rects[0].x && right.kind != NodeKind::Layer, "{right:?}");
        assert_eq!(layout.neighbour(right, Direction::Left).unwrap().id, start.id);
        let down = layout.neighbour(start, Direction::Down).unwrap();
        assert_eq!(down.kind, NodeKind::Layer);
        // From every node, every direction either finds a node that way or none at all.
        for node in &layout.nodes {
            for direction in [Direction::Left, Direction::Right, Direction::Up, Direction::Down] {
                if let Some(next) = layout.neighbour(node, direction) {
                    assert_ne!(next.key(), node.key());
                }
            }
        }
        assert!(layout.neighbour(start, Direction::Left).is_none(), "nothing left of the first column");
    }

    #[test]
    fn search_finds_tags_ids_and_containers_in_reading_order() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        engine.run_line("docker run --name ubuntu-box ubuntu:16.04 true");
        let layout = drawn(&engine.store);
        let found: Vec<(NodeKind, &str)> = layout.search("UBUNTU").iter().map(|n| (n.kind, n.id.as_str())).collect();
        assert!(found.contains(&(NodeKind::Tag, "ubuntu:14.04")));
        assert!(found.iter().any(|(k, _)| *k == NodeKind::Container));
        assert!(found.iter().all(|(k, _)| *k != NodeKind::Layer), "no layer ID holds the word");
        let xs: Vec<f64> = layout.search("ubuntu").iter().map(|n| n.rects[0].x).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(layout.search("8f1bd21b").len(), 1, "an image by its short ID");
        // A layer by the ID its box shows, and a folded stack by one of its layers'.
        let layer = layout.nodes.iter().find(|n| n.kind == NodeKind::Layer).expect("a layer");
        let shown = layer.label.clone();
        assert!(layout.search(&shown).iter().any(|n| n.kind == NodeKind::Layer && n.id == layer.id), "{shown}");
        let folded = super::layout(&engine.store, &Unfolded::from([(IMG14.to_string(), false)]));
        let stack = folded.node(NodeKind::Stack, IMG14).expect("the folded stack");
        let member = &stack.members[0][7..19];
        assert!(folded.search(member).iter().any(|n| n.kind == NodeKind::Stack && n.id == IMG14), "{member}");
        assert!(layout.search("  ").is_empty());
        assert!(layout.search("no-such-thing").is_empty());
    }

    /// The issue's fixture: 8 catalogue images, 20 tags, 3 containers.
    pub(crate) const EIGHT_IMAGES: &[&str] = &[
        "docker pull hello-world",
        "docker pull busybox",
        "docker pull alpine:3.19",
        "docker pull alpine:3.20",
        "docker pull ubuntu:14.04",
        "docker pull debian:bookworm",
        "docker pull nginx:1.25",
        "docker pull python:3.12-slim",
        "docker tag busybox:latest tools/busybox:stable",
        "docker tag busybox:latest localhost:5000/tools/box:1.0",
        "docker tag alpine:3.19 base/alpine:old",
        "docker tag alpine:3.20 base/alpine:current",
        "docker tag alpine:3.20 alpine:latest",
        "docker tag ubuntu:14.04 legacy/ubuntu-trusty-with-a-long-name:14.04-final",
        "docker tag debian:bookworm debian:12",
        "docker tag nginx:1.25 web/frontend:prod",
        "docker tag nginx:1.25 web/frontend:staging",
        "docker tag python:3.12-slim app/api:v1",
        "docker tag python:3.12-slim app/api:v2",
        "docker tag hello-world:latest demo/hello:1",
        "docker run -d --name web nginx:1.25",
        "docker create --name box busybox",
        "docker run --name once alpine:3.20 true",
    ];

    #[test]
    fn the_issues_eighty_nodes_stay_apart() {
        let mut engine = scenarios::build("empty", 1, NOW).unwrap();
        for line in EIGHT_IMAGES {
            assert_eq!(engine.run_line(line).exit, 0, "{line}");
        }
        assert_eq!(engine.store.images.len(), 8);
        let layout = drawn(&engine.store);
        assert_eq!(layout.nodes.iter().filter(|n| n.kind == NodeKind::Tag).count(), 20);
        assert_no_overlaps(&layout);
    }
}
