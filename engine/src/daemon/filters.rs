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

/// `filters.Args.Match` for one key: a value equal to the source, or a value that compiles as a
/// regular expression matching somewhere in it (Go's `regexp.MatchString`; values that do not
/// compile are skipped). The expressions are compiled once per listing.
pub struct MatchValues {
    exact: Vec<String>,
    patterns: Vec<regex_lite::Regex>,
}

impl MatchValues {
    /// The values given for `key`, or `None` when the key is absent (then everything matches).
    pub fn of(filters: &[(String, String)], key: &str) -> Option<MatchValues> {
        let exact: Vec<String> = filters.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect();
        if exact.is_empty() {
            return None;
        }
        let patterns = exact.iter().filter_map(|v| regex_lite::Regex::new(v).ok()).collect();
        Some(MatchValues { exact, patterns })
    }

    pub fn matches(&self, source: &str) -> bool {
        self.exact.iter().any(|v| v == source) || self.patterns.iter().any(|p| p.is_match(source))
    }
}

/// `Args.Match` where an absent key matches everything.
pub fn matches_any(values: &Option<MatchValues>, source: &str) -> bool {
    values.as_ref().is_none_or(|v| v.matches(source))
}

/// `filters.Args.GetBoolOrDefault`: exactly one of `0`/`false` and `1`/`true`, else the
/// invalidFilter error naming the values (`invalid filter 'is-task=[x]'`).
pub fn bool_or_default(filters: &[(String, String)], key: &str, default: bool) -> Result<bool, String> {
    let values: Vec<&str> = filters.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect();
    if values.is_empty() {
        return Ok(default);
    }
    let is_false = values.iter().any(|v| *v == "0" || *v == "false");
    let is_true = values.iter().any(|v| *v == "1" || *v == "true");
    if is_false == is_true {
        // filters.Args holds a set: each value once (Go lists them in map order).
        let mut distinct: Vec<&str> = Vec::new();
        for value in values {
            if !distinct.contains(&value) {
                distinct.push(value);
            }
        }
        return Err(format!("invalid filter '{key}=[{}]'", distinct.join(" ")));
    }
    Ok(is_true)
}

/// Go's `strconv.Atoi` and its error text.
pub fn atoi(value: &str) -> Result<i64, String> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing {value:?}: invalid syntax"));
    }
    value.parse::<i64>().map_err(|_| format!("strconv.Atoi: parsing {value:?}: value out of range"))
}

/// `MatchKVList`: every value (`key` or `key=value`) is among `labels`; an absent key matches,
/// an empty label set does not.
fn match_kv_list(filters: &[(String, String)], key: &str, labels: &[(String, String)]) -> bool {
    let mut wanted = filters.iter().filter(|(k, _)| k == key).map(|(_, v)| v).peekable();
    if wanted.peek().is_none() {
        return true;
    }
    if labels.is_empty() {
        return false;
    }
    wanted.all(|value| {
        let (key, expected) = match value.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (value.as_str(), None),
        };
        labels.iter().any(|(k, v)| k == key && expected.is_none_or(|e| e == v))
    })
}

/// The prunes' `matchLabels`: every `label=` matches, and not all of the `label!=` do.
pub fn prune_labels_match(filters: &[(String, String)], labels: &[(String, String)]) -> bool {
    if !match_kv_list(filters, "label", labels) {
        return false;
    }
    let negated = filters.iter().any(|(k, _)| k == "label!");
    !(negated && match_kv_list(filters, "label!", labels))
}

/// The prunes' `getUntilFromPruneFilters`: at most one `until`, read by `GetTimestamp`.
pub fn prune_until(filters: &[(String, String)], now: i64) -> Result<Option<i64>, String> {
    let values: Vec<&str> = filters.iter().filter(|(k, _)| k == "until").map(|(_, v)| v.as_str()).collect();
    match values.as_slice() {
        [] => Ok(None),
        [value] => crate::units::get_timestamp(value, now).map(Some),
        _ => Err("more than one until filter specified".to_string()),
    }
}
