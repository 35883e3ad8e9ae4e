//! `Containers` (moby `daemon/list.go`): which containers `docker ps` lists, newest first,
//! after `all` and the filters, as `foldFilter` reads them and `includeContainerInList` applies
//! them.

use crate::daemon::filters::{self, atoi, bool_or_default, matches_any, MatchValues};
use crate::daemon::{Daemon, ImageService};
use crate::store::{Container, ContainerState};

/// `acceptedPsFilterTags`.
const ACCEPTED: &[&str] = &[
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

/// `container.IsValidStateString`.
const STATES: &[&str] = &["paused", "restarting", "removing", "running", "dead", "created", "exited"];

/// `container.IsValidHealthString`.
const HEALTH_STATES: &[&str] = &["starting", "healthy", "unhealthy", "none"];

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

fn values<'a>(filters: &'a [(String, String)], key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    filters.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `portOp`: a port or range, with an optional protocol; no host part.
fn check_port(key: &str, value: &str) -> Result<(), String> {
    if value.contains(':') {
        return Err(format!("filter for '{key}' should not contain ':': {value}"));
    }
    let port = value.split('/').next().unwrap_or("");
    let parse = |text: &str| -> Result<u64, String> {
        match text.parse::<u64>() {
            Ok(n) if n <= u64::from(u16::MAX) => Ok(n),
            Ok(_) => Err(format!("strconv.ParseUint: parsing {text:?}: value out of range")),
            Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                Err(format!("strconv.ParseUint: parsing {text:?}: value out of range"))
            }
            Err(_) => Err(format!("strconv.ParseUint: parsing {text:?}: invalid syntax")),
        }
    };
    let checked = if port.is_empty() {
        Err("empty string specified for ports".to_string())
    } else if let Some((start, rest)) = port.split_once('-') {
        let end = rest.split('-').next().unwrap_or("");
        match (parse(start), parse(end)) {
            (Err(e), _) | (_, Err(e)) => Err(e),
            (Ok(s), Ok(e)) if e < s => Err(format!("invalid range specified for port: {port}")),
            _ => Ok(()),
        }
    } else {
        parse(port).map(|_| ())
    };
    checked.map_err(|e| format!("error while looking up for {key} {value}: {e}"))
}

/// `idOrNameFilter`: the container with exactly this ID, else the one with exactly this name.
fn id_or_name<'a>(daemon: &'a Daemon, value: &str) -> Result<&'a Container, String> {
    if let Some(c) = daemon.store.containers.get(value) {
        return Ok(c);
    }
    daemon.store.container_by_name(value.trim_start_matches('/')).ok_or_else(|| format!("No such container: {value}"))
}

impl Daemon {
    /// The containers a listing shows, newest first (`all` also keeps the ones not running).
    pub fn containers(&self, all: bool, filters: &[(String, String)]) -> Result<Vec<&Container>, String> {
        filters::validate(filters, ACCEPTED)?;
        // foldFilter, in its order.
        let mut exit_codes = Vec::new();
        for value in values(filters, "exited") {
            exit_codes.push(atoi(value).map_err(|e| format!("invalid filter 'exited={value}': {e}"))?);
        }
        let mut all = all;
        for value in values(filters, "status") {
            if !STATES.contains(&value) {
                return Err(format!("invalid filter 'status={value}'"));
            }
            all = true;
        }
        let task_filter = filters.iter().any(|(k, _)| k == "is-task");
        let is_task = bool_or_default(filters, "is-task", false)?;
        for value in values(filters, "health") {
            if !HEALTH_STATES.contains(&value) {
                return Err(format!("unrecognized filter value for health: {value}"));
            }
        }
        let mut before = None;
        for value in values(filters, "before") {
            before = Some(id_or_name(self, value)?.id.clone());
        }
        let mut since = None;
        for value in values(filters, "since") {
            since = Some(id_or_name(self, value)?.id.clone());
        }
        // Ancestors that do not resolve are only logged by the daemon.
        let ancestor_filter = filters.iter().any(|(k, _)| k == "ancestor");
        let ancestors: Vec<String> =
            values(filters, "ancestor").filter_map(|a| self.get_image(a).ok()).map(|id| id.to_string()).collect();
        for key in ["publish", "expose"] {
            for value in values(filters, key) {
                check_port(key, value)?;
            }
        }
        let names = MatchValues::of(filters, "name");
        let ids = MatchValues::of(filters, "id");
        let statuses = MatchValues::of(filters, "status");
        let isolations = MatchValues::of(filters, "isolation");
        let labels = filters::labels(filters);
        // filterByNameIDMatches: `id=` values are unique ID prefixes (an ambiguous one finds nothing).
        let id_matches: Option<Vec<&str>> = ids.as_ref().map(|_| {
            values(filters, "id")
                .filter_map(|prefix| {
                    let mut found =
                        self.store.containers.keys().filter(|id| !prefix.is_empty() && id.starts_with(prefix));
                    match (found.next(), found.next()) {
                        (Some(id), None) => Some(&**id),
                        _ => None,
                    }
                })
                .collect()
        });
        let mut containers: Vec<&Container> = self.store.containers.values().map(|c| &**c).collect();
        crate::sorting::sort_by(&mut containers, |a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
        let mut kept = Vec::new();
        for c in containers {
            // includeContainerInList, in its order.
            if let Some(id) = &before {
                if c.id == *id {
                    before = None;
                }
                continue;
            }
            if since.as_ref().is_some_and(|id| c.id == *id) {
                break;
            }
            if !c.is_running() && !all {
                continue;
            }
            if id_matches.as_ref().is_some_and(|found| !found.contains(&&*c.id)) {
                continue;
            }
            let slashed = format!("/{}", c.name);
            if !(matches_any(&names, &slashed) || matches_any(&names, &c.name)) || !matches_any(&ids, &c.id) {
                continue;
            }
            // The playground runs no swarm tasks.
            if task_filter && is_task {
                continue;
            }
            if !filters::labels_match(&c.labels, &labels) {
                continue;
            }
            // excludeByIsolation: no isolation set reads as "default".
            if !matches_any(&isolations, "default") {
                continue;
            }
            if !exit_codes.is_empty() {
                let ended = match c.state {
                    ContainerState::Exited(code) if c.started_at.is_some() => Some(i64::from(code)),
                    _ => None,
                };
                if !ended.is_some_and(|code| exit_codes.contains(&code)) {
                    continue;
                }
            }
            if !matches_any(&statuses, c.state_word()) {
                continue;
            }
            // No container has a health check: its health is "none" (ExactMatch).
            if values(filters, "health").next().is_some() && !values(filters, "health").any(|h| h == "none") {
                continue;
            }
            // No volumes or ports are modelled.
            if values(filters, "volume").next().is_some() {
                continue;
            }
            if ancestor_filter && !ancestors.iter().any(|a| ancestors_include(self, &c.image_id, a)) {
                continue;
            }
            // includeContainerInList: a value matches a network the container is on by name, or
            // by a prefix of its ID. Every container is on `bridge` from its create; the empty
            // value is a prefix of any ID. The bridge network's ID is random per daemon and the
            // playground models none, so no other value matches.
            if values(filters, "network").next().is_some()
                && !values(filters, "network").any(|n| n == "bridge" || n.is_empty())
            {
                continue;
            }
            if values(filters, "publish").next().is_some() || values(filters, "expose").next().is_some() {
                continue;
            }
            kept.push(c);
        }
        Ok(kept)
    }
}
