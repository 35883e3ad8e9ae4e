//! `ImageInspect` (moby `daemon/images/image_inspect.go`): what `docker image inspect` prints.

use serde_json::{json, Map, Value};

use crate::daemon::Daemon;
use crate::store::reference::Named;
use crate::store::Image;
use crate::units::rfc3339_nano;

impl Daemon {
    /// `ImageInspect`: the daemon's `types.ImageInspect`, members in its field order.
    pub(super) fn classic_image_inspect(&self, image: &Image) -> Value {
        let refs: Vec<Named> = self.store.refs_of(&image.id).iter().filter_map(|r| Named::from_full(r)).collect();
        let tags: Vec<String> = refs.iter().filter(|r| r.tag.is_some()).map(Named::familiar).collect();
        let digests: Vec<String> = refs.iter().filter(|r| r.digest.is_some()).map(Named::familiar).collect();
        let labels: Map<String, Value> = image.config.labels.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let mut config = json!({
            "Hostname": "", "Domainname": "", "User": image.config.user, "AttachStdin": false, "AttachStdout": false,
            "AttachStderr": false, "Tty": false, "OpenStdin": false, "StdinOnce": false,
            "Env": image.config.env,
            "Cmd": if image.config.cmd.is_empty() { Value::Null } else { json!(image.config.cmd) },
            "Image": "", "Volumes": null, "WorkingDir": image.config.working_dir,
            "Entrypoint": if image.config.entrypoint.is_empty() { Value::Null } else { json!(image.config.entrypoint) },
            "OnBuild": null,
            "Labels": if labels.is_empty() { Value::Null } else { Value::Object(labels) },
        });
        // container.Config: `ExposedPorts` (omitempty) sits after AttachStderr.
        if !image.config.exposed_ports.is_empty() {
            if let Some(members) = config.as_object_mut() {
                let ports: Map<String, Value> =
                    image.config.exposed_ports.iter().map(|p| (p.clone(), json!({}))).collect();
                let at = members.keys().position(|k| k == "AttachStderr").map_or(members.len(), |i| i + 1);
                members.shift_insert(at, "ExposedPorts".to_string(), Value::Object(ports));
            }
        }
        json!({
            "Id": image.id.to_string(),
            "RepoTags": tags,
            "RepoDigests": digests,
            "Parent": image.parent.as_ref().map_or(String::new(), |p| p.to_string()),
            "Comment": image.comment,
            "Created": rfc3339_nano(image.created),
            "DockerVersion": "",
            "Author": image.author,
            "Config": config,
            "Architecture": image.architecture,
            "Os": image.os,
            "Size": self.store.image_size(image),
            "GraphDriver": {"Data": null, "Name": "overlay2"},
            "RootFS": {"Type": "layers", "Layers": image.diff_ids.iter().map(|d| d.to_string()).collect::<Vec<_>>()},
            "Metadata": {"LastTagTime": image.last_tag_time.map_or("0001-01-01T00:00:00Z".to_string(), rfc3339_nano)},
        })
    }
}
