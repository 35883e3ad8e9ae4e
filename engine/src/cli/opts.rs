//! docker/cli `opts/parse.go`: option values the client parses before any request.

use crate::store::RestartPolicy;

/// `ParseRestartPolicy`: `NAME[:COUNT]`. An empty value sends no policy at all (`None`), for
/// engines older than the "no" default; the name itself is checked by the daemon.
pub(super) fn parse_restart_policy(policy: &str) -> Result<Option<RestartPolicy>, String> {
    if policy.is_empty() {
        return Ok(None);
    }
    let (name, count) = policy.split_once(':').unwrap_or((policy, ""));
    if policy.contains(':') && name.is_empty() {
        return Err("invalid restart policy format: no policy provided before colon".to_string());
    }
    let mut parsed = RestartPolicy { name: name.to_string(), maximum_retry_count: 0 };
    if !count.is_empty() {
        // strconv.Atoi: an optional sign and decimal digits that fit in 64 bits, as i64's parser.
        parsed.maximum_retry_count = count
            .parse::<i64>()
            .map_err(|_| "invalid restart policy format: maximum retry count must be an integer".to_string())?;
    }
    Ok(Some(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_policy_forms() {
        assert_eq!(parse_restart_policy(""), Ok(None));
        let p = parse_restart_policy("on-failure:3").unwrap().unwrap();
        assert_eq!((p.name.as_str(), p.maximum_retry_count), ("on-failure", 3));
        let p = parse_restart_policy("always:").unwrap().unwrap();
        assert_eq!((p.name.as_str(), p.maximum_retry_count), ("always", 0));
        assert!(parse_restart_policy(":1").unwrap_err().contains("no policy provided"));
        assert!(parse_restart_policy("on-failure:x").unwrap_err().contains("must be an integer"));
        assert_eq!(parse_restart_policy("bogus").unwrap().unwrap().name, "bogus");
    }
}
