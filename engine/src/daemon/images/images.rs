//! `Images` (moby `daemon/images/images.go`): which images `docker images` lists, and with which
//! of their references, after the `all` flag and the filters (`dangling`, `label`, `before`,
//! `since`, `reference`, `until`).

use crate::daemon::ImageService;
use crate::daemon::{filters, Daemon};
use crate::path_match::{path_match, BadPattern};
use crate::store::reference::StoredRef;
use crate::store::{IdKey, Image};

/// One image the listing keeps, with the references the filters kept (sorted).
pub struct ListedImage<'a> {
    pub image: &'a Image,
    pub refs: Vec<StoredRef<'a>>,
}

/// `reference.FamiliarMatch`: the pattern against the familiar reference (`busybox:latest`),
/// and failing that against the familiar name (`busybox`); only the first match's malformed
/// pattern is an error.
fn reference_matches(pattern: &str, parts: &StoredRef) -> Result<bool, BadPattern> {
    let matched = path_match(pattern, &parts.familiar());
    if matched != Ok(true) && path_match(pattern, parts.familiar_name) == Ok(true) {
        return Ok(true);
    }
    matched
}

struct ListOptions {
    all: bool,
    dangling: Option<bool>,
    references: Vec<String>,
    before: Option<i64>,
    since: Option<i64>,
    until: Option<i64>,
    labels: Vec<(String, Option<String>)>,
}

fn list_options(daemon: &Daemon, all: bool, filters: &[(String, String)]) -> Result<ListOptions, String> {
    filters::validate(filters, &["dangling", "label", "before", "since", "reference", "until"])?;
    let mut options = ListOptions {
        all,
        dangling: None,
        references: Vec::new(),
        before: None,
        since: None,
        until: None,
        labels: filters::labels(filters),
    };
    for (key, value) in filters {
        match key.as_str() {
            "dangling" => {
                options.dangling = Some(match crate::case::to_lower(value).as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(format!("invalid filter 'dangling=[{value}]'")),
                })
            }
            "reference" => options.references.push(value.clone()),
            "until" => {
                // Several `until` values: the earliest wins (image_list.go).
                let until = crate::units::get_timestamp(value, daemon.now)?;
                options.until = Some(options.until.map_or(until, |u: i64| u.min(until)));
            }
            "before" | "since" => {
                let id = daemon.get_image(value).map_err(|e| e.to_string())?;
                let created = daemon.store.images.get(&id).map_or(0, |i| i.created);
                if key == "before" {
                    options.before = Some(created);
                } else {
                    options.since = Some(created);
                }
            }
            _ => {}
        }
    }
    Ok(options)
}

impl Daemon {
    /// The images a listing shows (in store order; the CLI sorts them).
    pub(super) fn classic_images(
        &self,
        all: bool,
        filters: &[(String, String)],
    ) -> Result<Vec<ListedImage<'_>>, String> {
        let options = list_options(self, all, filters)?;
        let store = &self.store;
        let mut listed = Vec::new();
        for image in store.images.values() {
            let mut refs: Vec<StoredRef> = match store.index.refs_by_image.get(&IdKey::of(&image.id)) {
                Some(set) => set.iter().map(|full| StoredRef::split(full)).collect(),
                None => Vec::new(),
            };
            if !options.all && refs.is_empty() && store.has_children(&image.id) {
                continue;
            }
            match options.dangling {
                Some(true) if !self.is_dangling(image) => continue,
                Some(false) if refs.is_empty() => continue,
                _ => {}
            }
            if options.before.is_some_and(|b| image.created >= b)
                || options.since.is_some_and(|s| image.created <= s)
                || options.until.is_some_and(|u| image.created >= u)
            {
                continue;
            }
            if !filters::labels_match(&image.config.labels, &options.labels) {
                continue;
            }
            if !options.references.is_empty() {
                let mut kept = Vec::with_capacity(refs.len());
                for parts in refs {
                    // As moby's loop: the patterns in order, stopping at the first that matches
                    // (moby's order is a Go map's; the playground's is the order given).
                    let mut keep = false;
                    for pattern in &options.references {
                        if reference_matches(pattern, &parts).map_err(|e| e.to_string())? {
                            keep = true;
                            break;
                        }
                    }
                    if keep {
                        kept.push(parts);
                    }
                }
                if kept.is_empty() {
                    continue;
                }
                refs = kept;
            }
            listed.push(ListedImage { image, refs });
        }
        Ok(listed)
    }
}
