//! `filters.Args` on the daemon side (moby `api/types/filters`): which keys a listing or a
//! prune accepts, and how `label=` filters match.

/// Refuses a key the operation does not accept, in the daemon's words.
pub fn validate(filters: &[(String, String)], accepted: &[&str]) -> Result<(), String> {
    match filters.iter().find(|(key, _)| !accepted.contains(&key.as_str())) {
        Some((key, _)) => Err(format!("invalid filter '{key}'")),
        None => Ok(()),
    }
}

/// The `label=key` and `label=key=value` filters.
pub fn labels(filters: &[(String, String)]) -> Vec<(String, Option<String>)> {
    filters
        .iter()
        .filter(|(k, _)| k == "label")
        .map(|(_, v)| match v.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (v.clone(), None),
        })
        .collect()
}

/// Whether `labels` has every wanted key (with the wanted value, where one is given).
pub fn labels_match(labels: &[(String, String)], wanted: &[(String, Option<String>)]) -> bool {
    wanted
        .iter()
        .all(|(key, value)| labels.iter().any(|(k, v)| k == key && value.as_ref().is_none_or(|want| want == v)))
}
