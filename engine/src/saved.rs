//! The saved session's shape: each stored type to and from JSON. Members are named after the
//! fields and enums are written as serde wrote them (`"Running"`, `{"Exited": 0}`), so sessions
//! saved before this module existed still load.

use std::sync::Arc;

use im::OrdMap;

use crate::engine::{Engine, PendingQuestion};
use crate::json::{DecodeError, FromJson, Map, ToJson, Value};
use crate::store::{Container, ContainerState, HistoryEntry, Image, Layer, RunConfig, Store};
use crate::{json, json_struct};

json_struct!(Layer { chain_id, diff_id, parent, diff_size, size, references, blob });

json_struct!(HistoryEntry { created, created_by, comment, empty_layer });

json_struct!(RunConfig { cmd, entrypoint, env, labels, working_dir });

json_struct!(Image {
    id, created, architecture, os, author, comment, config, diff_ids, top_layer, history, parent,
    last_tag_time, container;
    default: size,
});

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

json_struct!(Container {
    id,
    name,
    image_id,
    image_ref,
    parent_layer,
    path,
    args,
    cmd,
    entrypoint,
    env,
    labels,
    state,
    created,
    started_at,
    finished_at,
    fs_changed,
    size_rw,
    auto_remove,
    tty,
    open_stdin,
});

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
            references: references.members::<Arc<str>>()?.into_iter().map(|(k, id)| (k.clone(), id)).collect(),
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
            return Ok(PendingQuestion::ImagePrune { all: image_prune.field("all")? });
        }
        let system_prune: Value = v.field("SystemPrune")?;
        Ok(PendingQuestion::SystemPrune { all: system_prune.field("all")? })
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
