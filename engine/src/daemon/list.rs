//! `Containers` (moby `daemon/list.go`): which containers `docker ps` lists, newest first,
//! after `all` and the filters.

use crate::daemon::ImageService;
use crate::daemon::{filters, Daemon};
use crate::store::{Container, ContainerState};

fn ancestors_include(daemon: &Daemon, image: &str, wanted: &str) -> bool {
    let mut cursor = Some(image.to_string());
    let mut steps = 0;
    while let Some(id) = cursor {
        if id == wanted {
            return true;
        }
        steps += 1;
        if steps > daemon.store.images.len() + 1 {
            return false;
        }
        cursor = daemon.store.images.get(id.as_str()).and_then(|i| i.parent.as_ref().map(|p| p.to_string()));
    }
    false
}

impl Daemon {
    /// The containers a listing shows, newest first (`all` also keeps the ones not running).
    pub fn containers(&self, all: bool, filters: &[(String, String)]) -> Result<Vec<&Container>, String> {
        let accepted = [
            "ancestor",
            "before",
            "exited",
            "expose",
            "health",
            "id",
            "isolation",
            "is-task",
            "label",
            "name",
            "network",
            "publish",
            "since",
            "status",
            "volume",
        ];
        filters::validate(filters, &accepted)?;
        let labels = filters::labels(filters);
        let mut ancestors = Vec::new();
        for (key, value) in filters {
            match key.as_str() {
                "status"
                    if !["created", "restarting", "running", "removing", "paused", "exited", "dead"]
                        .contains(&value.as_str()) =>
                {
                    return Err("Unrecognised filter value for status".to_string());
                }
                "ancestor" => {
                    if let Ok(id) = self.get_image(value) {
                        ancestors.push(id.to_string());
                    }
                }
                _ => {}
            }
        }
        let all = all || filters.iter().any(|(k, _)| k == "status" || k == "exited");
        let mut containers: Vec<&Container> = self.store.containers.values().map(|c| &**c).collect();
        crate::sorting::sort_by(&mut containers, |a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
        let wanted_ancestor = filters.iter().any(|(k, _)| k == "ancestor");
        let kept: Vec<&Container> = containers
            .into_iter()
            .filter(|c| all || c.is_running())
            .filter(|c| filters::labels_match(&c.labels, &labels))
            .filter(|c| !wanted_ancestor || ancestors.iter().any(|a| ancestors_include(self, &c.image_id, a)))
            .filter(|c| {
                filters.iter().all(|(key, value)| match key.as_str() {
                    "status" => c.state_word() == value,
                    "name" => c.name.contains(value.trim_start_matches('/')),
                    "id" => c.id.starts_with(value.as_str()),
                    "exited" => {
                        matches!(c.state, ContainerState::Exited(code) if c.finished_at.is_some() && code.to_string() == *value)
                    }
                    _ => true,
                })
            })
            .collect();
        Ok(kept)
    }
}
