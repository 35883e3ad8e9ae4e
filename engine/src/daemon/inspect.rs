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
            // HostConfig's members the model has, in the struct's order.
            "HostConfig": {
                "RestartPolicy": {
                    "Name": c.settings.restart_policy.name,
                    "MaximumRetryCount": c.settings.restart_policy.maximum_retry_count,
                },
                "AutoRemove": c.auto_remove,
            },
            "Config": self.container_config(c),
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

    /// `container.Config` (api/types/container/config.go) as create recorded it, members in the
    /// struct's order; `omitempty` members the model never sets are left out, as Go leaves them.
    fn container_config(&self, c: &Container) -> Value {
        let list = |items: &[String]| if items.is_empty() { Value::Null } else { json!(items) };
        let labels: Map<String, Value> = c.labels.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let s = &c.settings;
        let mut config = Map::new();
        config.insert("Hostname".into(), json!(c.hostname()));
        config.insert("Domainname".into(), json!(""));
        config.insert("User".into(), json!(s.user));
        config.insert("AttachStdin".into(), json!(s.attach_stdin));
        config.insert("AttachStdout".into(), json!(s.attach_stdout));
        config.insert("AttachStderr".into(), json!(s.attach_stderr));
        // merge (daemon/commit.go) gives the container the image's exposed ports.
        if let Some(image) = self.store.images.get(&c.image_id).filter(|i| !i.config.exposed_ports.is_empty()) {
            let ports: Map<String, Value> = image.config.exposed_ports.iter().map(|p| (p.clone(), json!({}))).collect();
            config.insert("ExposedPorts".into(), Value::Object(ports));
        }
        config.insert("Tty".into(), json!(c.tty));
        config.insert("OpenStdin".into(), json!(c.open_stdin));
        config.insert("StdinOnce".into(), json!(s.stdin_once));
        config.insert("Env".into(), list(&c.env));
        config.insert("Cmd".into(), list(&c.cmd));
        config.insert("Image".into(), json!(c.image_ref));
        config.insert("Volumes".into(), Value::Null);
        config.insert("WorkingDir".into(), json!(s.working_dir));
        config.insert("Entrypoint".into(), list(&c.entrypoint));
        config.insert("OnBuild".into(), Value::Null);
        config.insert("Labels".into(), Value::Object(labels));
        Value::Object(config)
    }
}
