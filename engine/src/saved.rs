//! The saved session's shape: each stored type to and from JSON. Members are named after the
//! fields and enums are written as serde wrote them (`"Running"`, `{"Exited": 0}`), so sessions
//! saved before this module existed still load.

use std::sync::Arc;

use im::OrdMap;

use crate::engine::{Engine, PendingQuestion};
use crate::json;
use crate::json::{DecodeError, FromJson, Map, ToJson, Value};
use crate::store::{Container, ContainerState, HistoryEntry, Image, Layer, RunConfig, Store};

impl ToJson for Layer {
    fn to_json(&self) -> Value {
        json!({
            "chain_id": self.chain_id, "diff_id": self.diff_id, "parent": self.parent,
            "diff_size": self.diff_size, "size": self.size, "references": self.references, "blob": self.blob,
        })
    }
}

impl FromJson for Layer {
    fn from_json(v: &Value) -> Result<Layer, DecodeError> {
        Ok(Layer {
            chain_id: v.field("chain_id")?,
            diff_id: v.field("diff_id")?,
            parent: v.field("parent")?,
            diff_size: v.field("diff_size")?,
            size: v.field("size")?,
            references: v.field("references")?,
            blob: v.field("blob")?,
        })
    }
}

impl ToJson for HistoryEntry {
    fn to_json(&self) -> Value {
        json!({"created": self.created, "created_by": self.created_by, "comment": self.comment, "empty_layer": self.empty_layer})
    }
}

impl FromJson for HistoryEntry {
    fn from_json(v: &Value) -> Result<HistoryEntry, DecodeError> {
        Ok(HistoryEntry {
            created: v.field("created")?,
            created_by: v.field("created_by")?,
            comment: v.field("comment")?,
            empty_layer: v.field("empty_layer")?,
        })
    }
}

impl ToJson for RunConfig {
    fn to_json(&self) -> Value {
        json!({
            "cmd": self.cmd, "entrypoint": self.entrypoint, "env": self.env,
            "labels": self.labels, "working_dir": self.working_dir,
        })
    }
}

impl FromJson for RunConfig {
    fn from_json(v: &Value) -> Result<RunConfig, DecodeError> {
        Ok(RunConfig {
            cmd: v.field("cmd")?,
            entrypoint: v.field("entrypoint")?,
            env: v.field("env")?,
            labels: v.field("labels")?,
            working_dir: v.field("working_dir")?,
        })
    }
}

impl ToJson for Image {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id, "created": self.created, "architecture": self.architecture, "os": self.os,
            "author": self.author, "comment": self.comment, "config": self.config, "diff_ids": self.diff_ids,
            "top_layer": self.top_layer, "history": self.history, "parent": self.parent,
            "last_tag_time": self.last_tag_time, "container": self.container, "size": self.size,
        })
    }
}

impl FromJson for Image {
    fn from_json(v: &Value) -> Result<Image, DecodeError> {
        Ok(Image {
            id: v.field("id")?,
            created: v.field("created")?,
            architecture: v.field("architecture")?,
            os: v.field("os")?,
            author: v.field("author")?,
            comment: v.field("comment")?,
            config: v.field("config")?,
            diff_ids: v.field("diff_ids")?,
            top_layer: v.field("top_layer")?,
            history: v.field("history")?,
            parent: v.field("parent")?,
            last_tag_time: v.field("last_tag_time")?,
            container: v.field("container")?,
            size: v.field_or_default("size")?,
        })
    }
}

impl ToJson for ContainerState {
    fn to_json(&self) -> Value {
        match self {
            ContainerState::Created => json!("Created"),
            ContainerState::Running => json!("Running"),
            ContainerState::Exited(code) => json!({"Exited": code}),
        }
    }
}

impl FromJson for ContainerState {
    fn from_json(v: &Value) -> Result<ContainerState, DecodeError> {
        match v.as_str() {
            Some("Created") => Ok(ContainerState::Created),
            Some("Running") => Ok(ContainerState::Running),
            _ => Ok(ContainerState::Exited(v.field("Exited")?)),
        }
    }
}

impl ToJson for Container {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "image_id": self.image_id, "image_ref": self.image_ref,
            "parent_layer": self.parent_layer, "path": self.path, "args": self.args, "cmd": self.cmd,
            "entrypoint": self.entrypoint, "env": self.env, "labels": self.labels, "state": self.state,
            "created": self.created, "started_at": self.started_at, "finished_at": self.finished_at,
            "fs_changed": self.fs_changed, "size_rw": self.size_rw, "auto_remove": self.auto_remove,
            "tty": self.tty, "open_stdin": self.open_stdin,
        })
    }
}

impl FromJson for Container {
    fn from_json(v: &Value) -> Result<Container, DecodeError> {
        Ok(Container {
            id: v.field("id")?,
            name: v.field("name")?,
            image_id: v.field("image_id")?,
            image_ref: v.field("image_ref")?,
            parent_layer: v.field("parent_layer")?,
            path: v.field("path")?,
            args: v.field("args")?,
            cmd: v.field("cmd")?,
            entrypoint: v.field("entrypoint")?,
            env: v.field("env")?,
            labels: v.field("labels")?,
            state: v.field("state")?,
            created: v.field("created")?,
            started_at: v.field("started_at")?,
            finished_at: v.field("finished_at")?,
            fs_changed: v.field("fs_changed")?,
            size_rw: v.field("size_rw")?,
            auto_remove: v.field("auto_remove")?,
            tty: v.field("tty")?,
            open_stdin: v.field("open_stdin")?,
        })
    }
}

/// A persistent map with string-like keys, as a JSON object.
fn ordmap_to_json<K: AsRef<str> + Ord + Clone, V: ToJson + Clone>(map: &OrdMap<K, V>) -> Value {
    let mut object = Map::new();
    for (key, value) in map {
        object.push(key.as_ref().to_string(), value.to_json());
    }
    Value::Object(object)
}

impl ToJson for Store {
    fn to_json(&self) -> Value {
        json!({
            "images": self.images,
            "layers": self.layers,
            "references": ordmap_to_json(&self.references),
            "containers": ordmap_to_json(&self.containers),
        })
    }
}

impl FromJson for Store {
    /// The records only; the caller rebuilds the derived indexes and verifies the whole.
    fn from_json(v: &Value) -> Result<Store, DecodeError> {
        let references = v.field::<Value>("references")?;
        let containers = v.field::<Value>("containers")?;
        Ok(Store {
            images: v.field("images")?,
            layers: v.field("layers")?,
            references: references
                .members::<Arc<str>>()?
                .into_iter()
                .map(|(k, id)| (k.clone(), id))
                .collect(),
            containers: containers
                .members::<Container>()?
                .into_iter()
                .map(|(k, c)| (Arc::from(k.as_str()), Arc::new(c)))
                .collect(),
            index: Default::default(),
        })
    }
}

impl ToJson for PendingQuestion {
    fn to_json(&self) -> Value {
        match self {
            PendingQuestion::ImagePrune { all } => json!({"ImagePrune": {"all": all}}),
            PendingQuestion::ContainerPrune => json!("ContainerPrune"),
            PendingQuestion::SystemPrune { all } => json!({"SystemPrune": {"all": all}}),
        }
    }
}

impl FromJson for PendingQuestion {
    fn from_json(v: &Value) -> Result<PendingQuestion, DecodeError> {
        if v.as_str() == Some("ContainerPrune") {
            return Ok(PendingQuestion::ContainerPrune);
        }
        if let Some(image_prune) = v.get("ImagePrune") {
            return Ok(PendingQuestion::ImagePrune {
                all: image_prune.field("all")?,
            });
        }
        let system_prune: Value = v.field("SystemPrune")?;
        Ok(PendingQuestion::SystemPrune {
            all: system_prune.field("all")?,
        })
    }
}

impl ToJson for Engine {
    fn to_json(&self) -> Value {
        json!({
            "store": self.store, "rng": self.rng, "now": self.now, "scenario": self.scenario,
            "reserved_container": self.reserved_container, "pending": self.pending,
        })
    }
}

impl FromJson for Engine {
    fn from_json(v: &Value) -> Result<Engine, DecodeError> {
        Ok(Engine {
            store: v.field("store")?,
            rng: v.field("rng")?,
            now: v.field("now")?,
            scenario: v.field("scenario")?,
            reserved_container: v.field("reserved_container")?,
            pending: v.field("pending")?,
            events: Vec::new(),
        })
    }
}
