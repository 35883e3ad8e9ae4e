//! `ContainerInspect` (moby `daemon/inspect.go`): what `docker container inspect` prints.

use serde_json::{json, Map, Value};

use crate::daemon::Daemon;
use crate::store::{Container, ContainerState};
use crate::units::rfc3339_nano;

impl Daemon {
    /// `ContainerInspect`: the daemon's `types.ContainerJSON` as far as the model has it
    /// (networks and mounts left out), members in its field order; `with_size` adds the sizes.
    pub fn container_inspect(&self, c: &Container, with_size: bool) -> Value {
        let (running, exit_code) = match c.state {
            ContainerState::Running => (true, 0),
            ContainerState::Created => (false, 0),
            ContainerState::Exited(code) => (false, code),
        };
        let zero = "0001-01-01T00:00:00Z".to_string();
        let labels: Map<String, Value> = c.labels.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let mut value = json!({
            "Id": c.id.to_string(),
            "Created": rfc3339_nano(c.created),
            "Path": c.path,
            "Args": c.args,
            "State": {
                "Status": c.state_word(),
                "Running": running,
                "Paused": false,
                "Restarting": false,
                "OOMKilled": false,
                "Dead": false,
                "Pid": if running { 4242 } else { 0 },
                "ExitCode": exit_code,
                "Error": "",
                "StartedAt": c.started_at.map_or(zero.clone(), rfc3339_nano),
                "FinishedAt": c.finished_at.map_or(zero, rfc3339_nano),
            },
            "Image": c.image_id.to_string(),
            "Name": format!("/{}", c.name),
            "RestartCount": 0,
            "Driver": "overlay2",
            "Platform": "linux",
            "HostConfig": {"AutoRemove": c.auto_remove},
            "Config": {
                "Hostname": c.short_id(),
                "Tty": c.tty,
                "OpenStdin": c.open_stdin,
                "Env": c.env,
                "Cmd": if c.args.is_empty() && c.path.is_empty() { Value::Null } else { json!(std::iter::once(c.path.clone()).chain(c.args.iter().cloned()).collect::<Vec<_>>()) },
                "Image": c.image_ref,
                "Labels": Value::Object(labels),
            },
        });
        if with_size {
            if let Some(obj) = value.as_object_mut() {
                let image_total = self.store.layers.get(c.parent_layer.as_deref().unwrap_or("")).map_or(0, |l| l.size);
                obj.insert("SizeRw".into(), json!(c.size_rw));
                obj.insert("SizeRootFs".into(), json!(c.size_rw + image_total));
            }
        }
        value
    }
}
