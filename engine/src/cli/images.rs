//! `docker images`, `rmi`, `pull`, `tag`, `history`, `inspect`.

use crate::daemon::ImageService;
use serde_json::{json, Map, Value};

use super::format::{print_listing, FormatRow, ListFormat, ValueRow};
use super::spec::{Command, Parsed};
use super::{daemon_error, filter_args, image_deletions};
use crate::daemon::images::ListedImage;
use crate::daemon::Daemon;
use crate::daemon::ImageError;
use crate::outcome::Outcome;
use crate::store::digest::short_id;
use crate::store::reference::{parse_normalized_named, Named, StoredRef};
use crate::template::{DataKind, Template};
use crate::units::{go_time_string, image_size, rfc3339_nano, write_human_duration};

const IMAGE_HEADER: &str = "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE";
const IMAGE_HEADER_DIGESTS: &str = "REPOSITORY\tTAG\tDIGEST\tIMAGE ID\tCREATED\tSIZE";

fn image_header() -> Value {
    json!({
        "ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST",
        "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE", "Containers": "CONTAINERS",
        "VirtualSize": "SIZE", "SharedSize": "SHARED SIZE", "UniqueSize": "UNIQUE SIZE"
    })
}

/// The `N ago` of a creation time, as the CLI prints it.
pub(crate) fn since(daemon: &Daemon, created: i64) -> String {
    let mut text = String::with_capacity(24);
    write_human_duration(&mut text, daemon.now - created);
    text.push_str(" ago");
    text
}

/// What every row of one image shares, worked out once per image.
struct ImageInfo<'a> {
    id: &'a str,
    created_since: String,
    created: i64,
    size: String,
    /// go-units HumanSize (4 significant digits), what `{{.VirtualSize}}` prints.
    virtual_size: String,
}

/// One row of `docker images` (docker/cli `imageContext`).
pub(crate) struct ImageRow<'a> {
    repository: &'a str,
    tag: &'a str,
    digest: &'a str,
    info: &'a ImageInfo<'a>,
    show_digest: bool,
}

impl FormatRow for ImageRow<'_> {
    fn to_value(&self) -> Value {
        let info = self.info;
        let mut m = Map::new();
        m.insert("Containers".into(), json!("N/A"));
        m.insert("CreatedAt".into(), json!(go_time_string(info.created)));
        m.insert("CreatedSince".into(), json!(info.created_since));
        m.insert("Digest".into(), json!(self.digest));
        m.insert("ID".into(), json!(info.id));
        m.insert("Repository".into(), json!(self.repository));
        m.insert("SharedSize".into(), json!("N/A"));
        m.insert("Size".into(), json!(info.size));
        m.insert("Tag".into(), json!(self.tag));
        m.insert("UniqueSize".into(), json!("N/A"));
        m.insert("VirtualSize".into(), json!(info.virtual_size));
        Value::Object(m)
    }

    /// `{{.Repository}}\t{{.Tag}}[\t{{.Digest}}]\t{{.ID}}\t{{if .CreatedSince}}…{{else}}N/A{{end}}\t{{.Size}}`
    fn write_default_line(&self, line: &mut String) {
        let info = self.info;
        let created = if info.created_since.is_empty() { "N/A" } else { &info.created_since };
        for cell in [self.repository, self.tag] {
            line.push_str(cell);
            line.push('\t');
        }
        if self.show_digest {
            line.push_str(self.digest);
            line.push('\t');
        }
        for cell in [info.id, created] {
            line.push_str(cell);
            line.push('\t');
        }
        line.push_str(&info.size);
    }

    fn quiet_id(&self) -> &str {
        self.info.id
    }
}

/// The rows the CLI prints for one image, as (repository, tag, digest): one per tag (times its
/// repository's digests when the digest is needed: `--digests` or a format naming `{{.Digest}}`),
/// then digest-only repositories (one row per digest with `--digests`), else `<none>`
/// (formatter/image.go imageFormatTaggedAndDigest, needDigest).
fn image_rows<'a>(
    refs: &[StoredRef<'a>],
    need_digest: bool,
    show_digests: bool,
    rows: &mut Vec<(&'a str, &'a str, &'a str)>,
) {
    let first_row = rows.len();
    // The common case, an image with one tag and no digest, needs no grouping.
    if let [StoredRef { familiar_name, tag: Some(tag), digest: None, .. }] = refs {
        rows.push((familiar_name, tag, "<none>"));
        return;
    }
    let mut repo_tags: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut repo_digests: Vec<(&str, Vec<&str>)> = Vec::new();
    for &StoredRef { familiar_name: repo, tag, digest, .. } in refs {
        let (bucket, value) = match (tag, digest) {
            (Some(tag), _) => (&mut repo_tags, tag),
            (None, Some(digest)) => (&mut repo_digests, digest),
            (None, None) => continue,
        };
        match bucket.iter_mut().find(|(r, _)| *r == repo) {
            Some((_, list)) => list.push(value),
            None => bucket.push((repo, vec![value])),
        }
    }
    for (repo, tags) in &repo_tags {
        let digests = repo_digests.iter().position(|(r, _)| r == repo).map(|i| repo_digests.remove(i).1);
        let digests = if need_digest { digests.unwrap_or_default() } else { Vec::new() };
        for tag in tags {
            if digests.is_empty() {
                rows.push((*repo, *tag, "<none>"));
            }
            for digest in &digests {
                rows.push((*repo, *tag, *digest));
            }
        }
    }
    for (repo, digests) in &repo_digests {
        if show_digests {
            for digest in digests {
                rows.push((*repo, "<none>", *digest));
            }
        } else {
            rows.push((*repo, "<none>", ""));
        }
    }
    if rows.len() == first_row {
        rows.push(("<none>", "<none>", "<none>"));
    }
}

pub(super) fn images(daemon: &mut Daemon, command: &Command, parsed: &Parsed, outcome: &mut Outcome) {
    let mut filters = filter_args(&parsed.all("filter"));
    // The positional argument travels as a `reference` filter (`runImages`).
    if let Some(positional) = parsed.args.first() {
        filters.push(("reference".to_string(), positional.clone()));
    }
    // runImages: `--tree` refuses the flags it does not support yet, before any request.
    let tree = parsed.bool("tree");
    if tree {
        let refused = [
            ("quiet", "--quiet is not yet supported with --tree"),
            ("no-trunc", "--no-trunc is not yet supported with --tree"),
            ("digests", "--show-digest is not yet supported with --tree"),
        ]
        .into_iter()
        .find(|(flag, _)| parsed.bool(flag))
        .map(|(_, message)| message)
        .or_else(|| {
            parsed.string("format").filter(|f| !f.is_empty()).map(|_| "--format is not yet supported with --tree")
        });
        if let Some(message) = refused {
            outcome.err(message.to_string());
            outcome.exit = 1;
            return;
        }
    }
    let listed = match daemon.images(parsed.bool("all"), &filters) {
        Ok(listed) => listed,
        Err(e) => {
            daemon_error(outcome, e);
            outcome.exit = 1;
            return;
        }
    };
    if tree {
        let mut lines = Vec::new();
        super::tree::print_tree(&listed, &mut lines);
        for line in lines {
            outcome.out(line);
        }
        return;
    }
    // Newest first; the keys sit in one vector so that sorting touches no image record.
    let mut order: Vec<(i64, &str, usize)> =
        listed.iter().enumerate().map(|(i, listed)| (listed.image.created, &*listed.image.id, i)).collect();
    // The listing is the one hot sort (10,000 rows), so it gets its own instantiation rather
    // than `crate::sorting`'s shared, indirect one; the keys are unique, so unstable is exact.
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let show_digests = parsed.bool("digests");
    let mut format_text = parsed.string("format").unwrap_or("").to_string();
    let need_digest = show_digests || format_text.contains("{{.Digest}}");
    // formatter/image.go NewImageFormat: `--digests` adds the column to a custom table format.
    if format_text.starts_with("table") && show_digests && !format_text.contains("{{.Digest}}") {
        format_text.push_str("\t{{.Digest}}");
    }
    let no_trunc = parsed.bool("no-trunc");
    let infos: Vec<ImageInfo> = listed
        .iter()
        .map(|ListedImage { image, .. }| ImageInfo {
            id: if no_trunc { &image.id } else { short_id(&image.id) },
            created_since: if image.created == 0 { String::new() } else { since(daemon, image.created) },
            created: image.created,
            size: image_size(image.size),
            virtual_size: crate::units::human_size(image.size),
        })
        .collect();
    let mut cells = Vec::with_capacity(listed.len());
    let mut rows: Vec<ImageRow> = Vec::with_capacity(listed.len());
    for &(_, _, i) in &order {
        cells.clear();
        image_rows(&listed[i].refs, need_digest, show_digests, &mut cells);
        let info = &infos[i];
        rows.extend(cells.iter().map(|&(repository, tag, digest)| ImageRow {
            repository,
            tag,
            digest,
            info,
            show_digest: show_digests,
        }));
    }
    let format = ListFormat {
        format: &format_text,
        default_header: if show_digests { IMAGE_HEADER_DIGESTS } else { IMAGE_HEADER },
        quiet: parsed.bool("quiet"),
        header: image_header(),
        type_name: "*formatter.imageContext",
    };
    if !print_listing(outcome, format.render(&rows)) {
        return;
    }
    if rows.is_empty() && command.path == "images" {
        if let Some(word) = parsed.args.first() {
            let is_subcommand = table_image_subcommand(word);
            if is_subcommand {
                outcome.err(format!("\nNo images found matching \"{word}\": did you mean \"docker image {word}\"?"));
            }
        }
    }
}

fn table_image_subcommand(word: &str) -> bool {
    ["build", "history", "import", "inspect", "list", "load", "ls", "prune", "pull", "push", "rm", "save", "tag"]
        .contains(&word)
}

pub(super) fn rmi(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let force = parsed.bool("force");
    let prune = !parsed.bool("no-prune");
    let mut errors: Vec<ImageError> = Vec::new();
    for arg in &parsed.args {
        let mark = daemon.event_mark();
        match daemon.image_delete(arg, force, prune) {
            Ok(()) => {
                for (deleted, subject) in image_deletions(daemon.events_since(mark)) {
                    outcome.out(format!("{}: {subject}", if deleted { "Deleted" } else { "Untagged" }));
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let fatal = errors.iter().any(|e| !e.is_not_found());
    for e in &errors {
        daemon_error(outcome, e);
    }
    if !errors.is_empty() && (!force || fatal) {
        outcome.exit = 1;
    }
}

/// Pull progress and status for one reference; `quiet` keeps only the final line.
pub(crate) fn pull_reference(daemon: &mut Daemon, named: &Named, all_tags: bool) -> Result<Vec<String>, ImageError> {
    daemon.validate_pull_name(named)?;
    let mut progress = Vec::new();
    let mut changed = false;
    if all_tags {
        let tags = daemon.world.registry().all_tags(named)?;
        for tag in tags {
            let tagged = Named { tag: Some(tag), ..named.clone() };
            changed |= daemon.pull_image(&tagged, &mut progress)?;
        }
    } else {
        changed = daemon.pull_image(named, &mut progress)?;
    }
    let status = if changed { "Downloaded newer image for" } else { "Image is up to date for" };
    progress.push(format!("Status: {status} {}", named.familiar()));
    Ok(progress)
}

pub(super) fn pull(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let arg = &parsed.args[0];
    let all = parsed.bool("all-tags");
    let quiet = parsed.bool("quiet");
    let named = match parse_normalized_named(arg) {
        Ok(n) => n,
        Err(e) => {
            outcome.err(e.to_string());
            outcome.exit = 1;
            return;
        }
    };
    if all && !named.is_name_only() {
        outcome.err("tag can't be used with --all-tags/-a");
        outcome.exit = 1;
        return;
    }
    let named = if !all && named.is_name_only() {
        if !quiet {
            outcome.out("Using default tag: latest");
        }
        named.with_default_tag()
    } else {
        named
    };
    // moby client/image_pull.go: the API gets the familiar name and, as its `tag`, the digest when
    // there is one (getAPITagFromNamedRef), so `name:tag@digest` pulls by digest alone; the last
    // line is the reference as the CLI parsed it.
    let requested = match &named.digest {
        Some(_) => Named { tag: None, ..named.clone() },
        None => named.clone(),
    };
    match pull_reference(daemon, &requested, all) {
        Ok(progress) => {
            if !quiet {
                for line in progress {
                    outcome.out(line);
                }
            }
            outcome.out(named.full());
        }
        Err(e) => {
            daemon_error(outcome, e);
            outcome.exit = 1;
        }
    }
}

pub(super) fn tag(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let (source, target) = (&parsed.args[0], &parsed.args[1]);
    // moby client/image_tag.go ImageTag: the source is parsed first (ParseAnyReference), then the
    // target, both before the request.
    if let Err(e) = crate::store::reference::parse_any_reference(source) {
        outcome.err(format!("Error parsing reference: \"{source}\" is not a valid repository/tag: {e}"));
        outcome.exit = 1;
        return;
    }
    let named = match parse_normalized_named(target) {
        Ok(n) => n,
        Err(e) => {
            outcome.err(format!("Error parsing reference: \"{target}\" is not a valid repository/tag: {e}"));
            outcome.exit = 1;
            return;
        }
    };
    if named.digest.is_some() {
        outcome.err("refusing to create a tag with a digest reference");
        outcome.exit = 1;
        return;
    }
    if let Err(e) = daemon.tag_image(source, &named) {
        daemon_error(outcome, e);
        outcome.exit = 1;
    }
}

pub(super) fn history(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let items = match daemon.image_history(&parsed.args[0]) {
        Ok(items) => items,
        Err(e) => {
            daemon_error(outcome, e);
            outcome.exit = 1;
            return;
        }
    };
    let human = !parsed.was_set("human") || parsed.bool("human");
    let no_trunc = parsed.bool("no-trunc");
    let mut rows = Vec::with_capacity(items.len());
    for entry in items {
        let shown_id = match &entry.id {
            None => "<missing>".to_string(),
            Some(id) if no_trunc => id.to_string(),
            Some(id) => short_id(id).to_string(),
        };
        let size = entry.size;
        let created_by = entry.created_by.replace('\t', " ");
        let created_by = if no_trunc { created_by } else { ellipsis(&created_by, 45) };
        let mut m = Map::new();
        m.insert("Comment".into(), json!(entry.comment));
        let whole_seconds = entry.created - entry.created.rem_euclid(1_000_000_000);
        m.insert(
            "CreatedAt".into(),
            json!(if human { since(daemon, entry.created) } else { rfc3339_nano(whole_seconds) }),
        );
        m.insert("CreatedBy".into(), json!(created_by));
        m.insert("CreatedSince".into(), json!(since(daemon, entry.created)));
        m.insert("ID".into(), json!(shown_id));
        m.insert("Size".into(), json!(if human { image_size(size) } else { size.to_string() }));
        // Non-human output swaps CREATED for CREATED AT in the default table.
        let default_fields: &'static [&'static str] = if human {
            &["ID", "CreatedSince", "CreatedBy", "Size", "Comment"]
        } else {
            &["ID", "CreatedAt", "CreatedBy", "Size", "Comment"]
        };
        rows.push(ValueRow { value: Value::Object(m), default_fields });
    }
    let format = ListFormat {
        format: parsed.string("format").unwrap_or(""),
        default_header: if human {
            "IMAGE\tCREATED\tCREATED BY\tSIZE\tCOMMENT"
        } else {
            "IMAGE\tCREATED AT\tCREATED BY\tSIZE\tCOMMENT"
        },
        quiet: parsed.bool("quiet"),
        header: json!({"ID": "IMAGE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "CreatedBy": "CREATED BY", "Size": "SIZE", "Comment": "COMMENT"}),
        type_name: "*image.historyContext",
    };
    print_listing(outcome, format.render(&rows));
}

/// `formatter.Ellipsis`: cut to `max` display characters, the last one `…`.
pub(crate) fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InspectKind {
    Image,
    Container,
    Any,
}

/// The members of the inspect structs that are Go maps: a missing key there is `<no value>`.
const INSPECT_MAPS: &[&str] = &["Labels", "ExposedPorts", "Volumes", "Data", "Ports", "Networks"];

/// inspector.go TemplateInspector.Inspect: the typed struct first; when that fails, the decoded
/// JSON with `missingkey=error`, whose error is the one reported.
fn execute_inspect_template(template: &Template, element: &Value) -> Result<String, String> {
    template
        .execute(element, DataKind::Typed(INSPECT_MAPS))
        .or_else(|_| template.execute(element, DataKind::MissingKeyError))
        .map_err(|e| format!("template parsing error: {e}"))
}

/// One argument's object (and the warning `--size` gives for an image), or its error.
fn lookup(daemon: &Daemon, arg: &str, kind: InspectKind, size: bool) -> Result<(Value, Option<String>), String> {
    if kind != InspectKind::Image {
        if let Some(c) = daemon.get_container(arg).ok().and_then(|id| daemon.store.containers.get(&id)) {
            return Ok((daemon.container_inspect(c, size), None));
        }
    }
    if kind != InspectKind::Container {
        if let Some(img) = daemon.get_image(arg).ok().and_then(|id| daemon.store.images.get(&id)) {
            let warning = size.then(|| "WARNING: --size ignored for image".to_string());
            return Ok((daemon.image_inspect(img), warning));
        }
    }
    Err(match kind {
        InspectKind::Image => match daemon.get_image(arg) {
            Err(e) => format!("Error response from daemon: {e}"),
            Ok(_) => format!("Error response from daemon: No such image: {arg}"),
        },
        InspectKind::Container => format!("Error response from daemon: No such container: {arg}"),
        InspectKind::Any => format!("Error: No such object: {arg}"),
    })
}

pub(super) fn inspect(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome, kind: InspectKind) {
    let kind = match (kind, parsed.string("type")) {
        (InspectKind::Any, Some("image")) => InspectKind::Image,
        (InspectKind::Any, Some("container")) => InspectKind::Container,
        (InspectKind::Any, Some(other)) if !other.is_empty() => {
            outcome.err(format!("\"{other}\" is not a valid value for --type"));
            outcome.exit = 1;
            return;
        }
        (k, _) => k,
    };
    // inspect.go Inspect: the template is parsed before any lookup; a parse error is status 64.
    let format = parsed.string("format").unwrap_or_default();
    let template = match format {
        "" | "json" => None,
        _ => match Template::parse(format) {
            Ok(t) => Some(t),
            Err(e) => {
                outcome.err(format!("template parsing error: {e}"));
                outcome.exit = 64;
                return;
            }
        },
    };
    let mut found = Vec::new();
    let mut rendered = Vec::new();
    let mut errors = Vec::new();
    for arg in &parsed.args {
        let element = match lookup(daemon, arg, kind, parsed.bool("size")) {
            Ok((element, warning)) => {
                // system/inspect.go inspectAll warns as it finds an object that has no size.
                if let Some(warning) = warning {
                    outcome.err(warning);
                }
                element
            }
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match &template {
            None => found.push(element),
            Some(template) => match execute_inspect_template(template, &element) {
                Ok(text) => rendered.push(text),
                Err(e) => errors.push(e),
            },
        }
    }
    // TemplateInspector.Flush writes one empty line when nothing was rendered;
    // elementsInspector.Flush writes `[]`.
    match (&template, format) {
        (Some(_), _) if rendered.is_empty() => outcome.out(String::new()),
        (Some(_), _) => rendered.into_iter().for_each(|text| outcome.out(text)),
        (None, "json") => {
            outcome.out(format!("[{}]", found.iter().map(crate::gojson::compact).collect::<Vec<_>>().join(",")))
        }
        (None, _) => outcome.out(crate::gojson::indent(&Value::Array(found))),
    }
    for e in &errors {
        outcome.err(e.clone());
    }
    if !errors.is_empty() {
        outcome.exit = 1;
    }
}
