//! `image prune`, `container prune`, `system prune`, `system df`, `version`, `info`.

use serde_json::{json, Value};

use super::format::{print_listing, tabwrite, ListFormat, ValueRow};
use super::spec::Parsed;
use super::{confirmed, daemon_error, filter_args, image_deletions, CLIENT_VERSION};
use crate::daemon::{Daemon, ImageService};
use crate::outcome::PendingQuestion;
use crate::outcome::{Event, Line, Outcome, Stream};
use crate::units::{human_size, image_size};

const DANGLING_WARNING: &str =
    "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ";
const ALL_IMAGES_WARNING: &str =
    "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ";
const CONTAINERS_WARNING: &str =
    "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ";

/// system/prune.go confirmationMessage: the warnings, then the `label`, `label!` and `until`
/// filters in natural order (sortorder.NaturalLess), as its template lays them out.
fn system_warning(all: bool, filters: &[(String, String)]) -> String {
    let images =
        if all { "all images without at least one container associated to them" } else { "all dangling images" };
    let cache = if all { "all build cache" } else { "unused build cache" };
    let mut listed: Vec<String> = ["label", "label!", "until"]
        .iter()
        .flat_map(|name| filters.iter().filter(move |(k, _)| k == name).map(move |(_, v)| format!("{name}={v}")))
        .collect();
    crate::sorting::sort_by(&mut listed, |a, b| natural_order(a, b));
    let mut filtered = String::new();
    if !listed.is_empty() {
        filtered.push_str("\n  Items to be pruned will be filtered with:");
        for item in &listed {
            filtered.push_str("\n  - ");
            filtered.push_str(item);
        }
        filtered.push('\n');
    }
    format!(
        "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - {images}\n  - {cache}\n{filtered}\nAre you sure you want to continue? [y/N] "
    )
}

/// fvbommel/sortorder NaturalLess: runs of digits compare by their value, other text bytewise.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let run = |s: &[u8], mut k: usize| {
                while k < s.len() && s[k] == b'0' {
                    k += 1;
                }
                let start = k;
                while k < s.len() && s[k].is_ascii_digit() {
                    k += 1;
                }
                (start, k)
            };
            let ((sa, ea), (sb, eb)) = (run(a, i), run(b, j));
            let order = (ea - sa).cmp(&(eb - sb)).then_with(|| a[sa..ea].cmp(&b[sb..eb]));
            if order.is_ne() {
                return order;
            }
            // Equal values: fewer leading zeros first.
            let zeros = (sa - i).cmp(&(sb - j));
            if zeros.is_ne() {
                return zeros;
            }
            (i, j) = (ea, eb);
        } else {
            if a[i] != b[j] {
                return a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// Asks the question; a pipe answers at once, otherwise the next line typed does.
fn ask(daemon: &mut Daemon, question: PendingQuestion, warning: &str, stdin: Option<&str>, outcome: &mut Outcome) {
    outcome.out(warning);
    match stdin {
        Some(answer) => {
            if confirmed(answer) {
                run_confirmed(daemon, &question, outcome);
            }
        }
        None => outcome.question = Some(question),
    }
}

/// The `--filter` pairs, sent as they are: the daemon checks them once the prune runs.
fn prune_filters(parsed: &Parsed) -> Vec<(String, String)> {
    filter_args(&parsed.all("filter"))
}

pub(super) fn image_prune(daemon: &mut Daemon, parsed: &Parsed, stdin: Option<&str>, outcome: &mut Outcome) {
    let all = parsed.bool("all");
    let question = PendingQuestion::ImagePrune { all, filters: prune_filters(parsed) };
    if parsed.bool("force") {
        return run_confirmed(daemon, &question, outcome);
    }
    ask(daemon, question, if all { ALL_IMAGES_WARNING } else { DANGLING_WARNING }, stdin, outcome);
}

pub(super) fn container_prune(daemon: &mut Daemon, parsed: &Parsed, stdin: Option<&str>, outcome: &mut Outcome) {
    let filters = prune_filters(parsed);
    let question = if filters.is_empty() {
        PendingQuestion::ContainerPrune
    } else {
        PendingQuestion::ContainerPruneFiltered { filters }
    };
    if parsed.bool("force") {
        return run_confirmed(daemon, &question, outcome);
    }
    ask(daemon, question, CONTAINERS_WARNING, stdin, outcome);
}

pub(super) fn system_prune(daemon: &mut Daemon, parsed: &Parsed, stdin: Option<&str>, outcome: &mut Outcome) {
    let all = parsed.bool("all");
    let filters = prune_filters(parsed);
    // system/prune.go runPrune: checked before the question.
    if parsed.bool("volumes") && filters.iter().any(|(k, _)| k == "until") {
        outcome.err("ERROR: The \"until\" filter is not supported with \"--volumes\"");
        outcome.exit = 1;
        return;
    }
    let warning = system_warning(all, &filters);
    let question = PendingQuestion::SystemPrune { all, filters };
    if parsed.bool("force") {
        return run_confirmed(daemon, &question, outcome);
    }
    ask(daemon, question, &warning, stdin, outcome);
}

/// `Deleted Images:` and a line per untagged reference and deleted image or layer, then the
/// blank line `Fprintln` leaves.
fn print_image_deletions(outcome: &mut Outcome, events: &[Event]) {
    let mut deletions = image_deletions(events).peekable();
    if deletions.peek().is_none() {
        return;
    }
    outcome.lines.reserve(events.len() + 2);
    outcome.out("Deleted Images:");
    for (deleted, subject) in deletions {
        let mut line = String::with_capacity(subject.len() + 10);
        line.push_str(if deleted { "deleted: " } else { "untagged: " });
        line.push_str(subject);
        outcome.lines.push(Line { stream: Stream::Stdout, text: line });
    }
    outcome.out("");
}

/// `Deleted Containers:` and the removed containers' IDs, then a blank line.
fn print_container_removals(outcome: &mut Outcome, events: &[Event]) {
    let mut removed = events
        .iter()
        .filter_map(|event| match event {
            Event::ContainerRemoved { container } => Some(container),
            _ => None,
        })
        .peekable();
    if removed.peek().is_none() {
        return;
    }
    outcome.out("Deleted Containers:");
    for id in removed {
        outcome.out(id.clone());
    }
    outcome.out("");
}

/// What each prune does once confirmed. `fmt.Fprintln(output)` of a text that already ends in
/// a newline leaves the blank line Docker shows before the total.
pub(crate) fn run_confirmed(daemon: &mut Daemon, question: &PendingQuestion, outcome: &mut Outcome) {
    let no_filters = Vec::new();
    let (containers, images) = match question {
        PendingQuestion::ContainerPrune => (Some(&no_filters), None),
        PendingQuestion::ContainerPruneFiltered { filters } => (Some(filters), None),
        PendingQuestion::ImagePrune { all, filters } => (None, Some((*all, filters))),
        PendingQuestion::SystemPrune { all, filters } => (Some(filters), Some((*all, filters))),
    };
    let mut reclaimed = 0;
    if let Some(filters) = containers {
        let mark = daemon.event_mark();
        match daemon.containers_prune(filters) {
            Ok(bytes) => reclaimed += bytes,
            Err(e) => return prune_failed(outcome, e),
        }
        print_container_removals(outcome, daemon.events_since(mark));
    }
    if let Some((all, filters)) = images {
        // image/prune.go runPrune adds `dangling=<not --all>` to the filters given.
        let mut filters = filters.clone();
        filters.push(("dangling".to_string(), (!all).to_string()));
        let mark = daemon.event_mark();
        match daemon.images_prune(&filters) {
            Ok(bytes) => reclaimed += bytes,
            Err(e) => return prune_failed(outcome, e),
        }
        print_image_deletions(outcome, daemon.events_since(mark));
    }
    outcome.out(format!("Total reclaimed space: {}", human_size(reclaimed)));
}

fn prune_failed(outcome: &mut Outcome, error: String) {
    daemon_error(outcome, error);
    outcome.exit = 1;
}

/// The repository and tag `system df -v` shows an image under: its first tag in lexical order
/// of the full references, `<none>` for both when it has none.
fn first_tag(daemon: &Daemon, image: &crate::store::Image) -> (String, String) {
    let first = daemon
        .store
        .refs_of(&image.id)
        .iter()
        .filter_map(|r| crate::store::reference::Named::from_full(r))
        .filter(|r| r.tag.is_some())
        .min_by_key(|r| r.full());
    match first {
        Some(r) => (r.familiar_name(), r.tag.unwrap_or_default()),
        None => ("<none>".to_string(), "<none>".to_string()),
    }
}

fn with_percent(part: u64, total: u64) -> String {
    match (part * 100).checked_div(total) {
        Some(percent) => format!("{} ({percent}%)", human_size(part)),
        None => human_size(part),
    }
}

/// `system df -v --format TEMPLATE` (formatter/disk_usage.go verboseWrite): the template runs
/// once over `{Images, Containers, Volumes, BuildCache}`, rows untruncated (a format that is not
/// a table).
fn df_verbose_template(
    daemon: &Daemon,
    usage: &crate::daemon::disk_usage::DiskUsage,
    format: &str,
) -> Result<String, String> {
    let mut images: Vec<(i64, Value)> = Vec::new();
    for (id, shared, unique, containers) in &usage.per_image {
        let Some(image) = daemon.store.images.get(id.as_str()) else {
            continue;
        };
        let (repository, tag) = first_tag(daemon, image);
        images.push((
            image.created,
            json!({
                "ID": image.id.to_string(), "Repository": repository, "Tag": tag, "Digest": "",
                "CreatedSince": super::images::since(daemon, image.created),
                "CreatedAt": crate::units::go_time_string(image.created),
                "Size": image_size(shared + unique), "VirtualSize": human_size(shared + unique),
                "SharedSize": human_size(*shared), "UniqueSize": human_size(*unique),
                "Containers": containers.to_string(),
            }),
        ));
    }
    images.sort_by_key(|image| std::cmp::Reverse(image.0));
    let mut containers: Vec<&crate::store::Container> = daemon.store.containers.values().map(|c| &**c).collect();
    crate::sorting::sort_by(&mut containers, |a, b| b.created.cmp(&a.created));
    let containers: Vec<Value> = containers
        .into_iter()
        .map(|c| {
            json!({
                "ID": c.id.to_string(), "Image": super::containers::image_column(daemon, c, false),
                "Command": format!("{:?}", c.command_line()), "LocalVolumes": "0", "Size": image_size(c.size_rw),
                "RunningFor": super::images::since(daemon, c.created), "Status": super::containers::status_text(daemon, c),
                "State": c.state_word(), "Names": c.name,
            })
        })
        .collect();
    let data = json!({
        "Images": images.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
        "Containers": containers, "Volumes": [], "BuildCache": [],
    });
    let template = crate::template::Template::parse(format).map_err(|e| format!("template parsing error: {e}"))?;
    template.execute(&data, crate::template::DataKind::Struct("*formatter.diskUsageContext"))
}

pub(super) fn df(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let usage = daemon.disk_usage();
    let format = parsed.string("format").unwrap_or("");
    if parsed.bool("verbose") && !format.is_empty() && format != "table" {
        match df_verbose_template(daemon, &usage, format) {
            Ok(text) => outcome.out(text.strip_suffix('\n').unwrap_or(&text).to_string()),
            Err(e) => {
                outcome.err(e);
                outcome.exit = 1;
            }
        }
        return;
    }
    if parsed.bool("verbose") {
        let mut images =
            String::from("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS\n");
        // formatter/disk_usage.go verboseWrite: one row per listed image, under its first tag
        // (references in lexical order), SHARED SIZE and UNIQUE SIZE as units.HumanSize.
        let mut rows: Vec<(&crate::store::Image, u64, u64, usize)> = usage
            .per_image
            .iter()
            .filter_map(|(id, shared, unique, containers)| {
                daemon.store.images.get(id.as_str()).map(|image| (&**image, *shared, *unique, *containers))
            })
            .collect();
        crate::sorting::sort_by(&mut rows, |a, b| b.0.created.cmp(&a.0.created));
        for (image, shared, unique, containers) in rows {
            let (repository, tag) = first_tag(daemon, image);
            let created = super::images::since(daemon, image.created);
            images.push_str(&format!(
                "{repository}\t{tag}\t{}\t{created}\t{}\t{}\t{}\t{containers}\n",
                crate::store::digest::short_id(&image.id),
                image_size(shared + unique),
                human_size(shared),
                human_size(unique)
            ));
        }
        let mut containers =
            String::from("CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n");
        let mut list: Vec<&crate::store::Container> = daemon.store.containers.values().map(|c| &**c).collect();
        crate::sorting::sort_by(&mut list, |a, b| b.created.cmp(&a.created));
        for c in list {
            containers.push_str(&format!(
                "{}\t{}\t\"{}\"\t0\t{}\t{}\t{}\t{}\n",
                c.short_id(),
                super::containers::image_column(daemon, c, true),
                super::images::ellipsis(&c.command_line(), 20),
                image_size(c.size_rw),
                super::images::since(daemon, c.created),
                // ContainerContext.Status: the API's status, as `ps` shows it.
                super::containers::status_text(daemon, c),
                c.name
            ));
        }
        // verboseWriteTable writes each title with an empty line after it (a line's own newline
        // is implied here, so each text ends in one more).
        outcome.out("Images space usage:\n\n");
        outcome.out(tabwrite(&images));
        outcome.out("\nContainers space usage:\n\n");
        outcome.out(tabwrite(&containers));
        outcome.out("\nLocal Volumes space usage:\n\n");
        outcome.out(tabwrite("VOLUME NAME\tLINKS\tSIZE\n"));
        outcome.out("\nBuild cache usage: 0B\n\n");
        outcome.out(tabwrite("CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED\n"));
        return;
    }
    let df_row =
        |value: Value| ValueRow { value, default_fields: &["Type", "TotalCount", "Active", "Size", "Reclaimable"] };
    let rows = vec![
        json!({"Type": "Images", "TotalCount": usage.images_total.to_string(), "Active": usage.images_active.to_string(),
               "Size": human_size(usage.layers_size), "Reclaimable": with_percent(usage.images_reclaimable, usage.layers_size)}),
        json!({"Type": "Containers", "TotalCount": usage.containers_total.to_string(), "Active": usage.containers_active.to_string(),
               "Size": human_size(usage.containers_size), "Reclaimable": with_percent(usage.containers_reclaimable, usage.containers_size)}),
        json!({"Type": "Local Volumes", "TotalCount": "0", "Active": "0", "Size": "0B", "Reclaimable": "0B"}),
        json!({"Type": "Build Cache", "TotalCount": "0", "Active": "0", "Size": "0B", "Reclaimable": "0B"}),
    ];
    let rows: Vec<ValueRow> = rows.into_iter().map(df_row).collect();
    let format = ListFormat {
        format: parsed.string("format").unwrap_or(""),
        default_header: "TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE",
        quiet: false,
        header: json!({"Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE", "Reclaimable": "RECLAIMABLE"}),
        type_name: "*formatter.diskUsageContext",
    };
    print_listing(outcome, format.render(&rows));
}

fn version_data() -> Value {
    json!({
        "Client": {"Platform": {"Name": "Docker Engine - Community"}, "Version": CLIENT_VERSION, "APIVersion": "1.47",
                   "DefaultAPIVersion": "1.47", "GitCommit": "9f9e405", "GoVersion": "go1.22.11", "Os": "linux",
                   "Arch": "amd64", "BuildTime": "Wed Jan 22 13:41:48 2025", "Context": "default"},
        "Server": {"Platform": {"Name": "Docker Engine - Community"}, "Version": CLIENT_VERSION, "APIVersion": "1.47",
                   "MinAPIVersion": "1.24", "GitCommit": "4c9b3b0", "GoVersion": "go1.22.11", "Os": "linux",
                   "Arch": "amd64", "KernelVersion": "6.8.0", "BuildTime": "2025-01-22T13:41:48.000000000+00:00"}
    })
}

pub(super) fn version(_engine: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    if let Some(format) = parsed.string("format").filter(|f| !f.is_empty()) {
        let format = if format == "json" { "{{json .}}" } else { format };
        match crate::template::Template::parse(format)
            .and_then(|t| t.execute(&version_data(), crate::template::DataKind::Map))
        {
            Ok(text) => outcome.out(text),
            Err(e) => {
                outcome.err(format!("template parsing error: {e}"));
                outcome.exit = 1;
            }
        }
        return;
    }
    outcome.out(format!(
        "Client: Docker Engine - Community
 Version:           {CLIENT_VERSION}
 API version:       1.47
 Go version:        go1.22.11
 Git commit:        9f9e405
 Built:             Wed Jan 22 13:41:48 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          {CLIENT_VERSION}
  API version:      1.47 (minimum version 1.24)
  Go version:       go1.22.11
  Git commit:       4c9b3b0
  Built:            Wed Jan 22 13:41:48 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.7.25
  GitCommit:        bcc810d6b9066471b0b6fa75f557a15a1cbf31bb
 runc:
  Version:          1.2.4
  GitCommit:        v1.2.4-0-g6c52b3f
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0"
    ));
}

pub(super) fn info(daemon: &mut Daemon, parsed: &Parsed, outcome: &mut Outcome) {
    let store = &daemon.store;
    let running = store.containers.values().filter(|c| c.is_running()).count();
    let total = store.containers.len();
    let data = json!({
        "Containers": total, "ContainersRunning": running, "ContainersPaused": 0, "ContainersStopped": total - running,
        "Images": store.images.len(), "Driver": "overlay2", "ServerVersion": CLIENT_VERSION, "OperatingSystem": "rmi-playground (in your browser)",
        "OSType": "linux", "Architecture": "x86_64", "NCPU": 2, "Name": "playground",
    });
    if let Some(format) = parsed.string("format").filter(|f| !f.is_empty()) {
        let format = if format == "json" { "{{json .}}" } else { format };
        match crate::template::Template::parse(format)
            .and_then(|t| t.execute(&data, crate::template::DataKind::Struct("system.dockerInfo")))
        {
            Ok(text) => outcome.out(text),
            Err(e) => {
                outcome.err(e);
                outcome.exit = 1;
            }
        }
        return;
    }
    outcome.out(format!(
        "Client: Docker Engine - Community
 Version:    {CLIENT_VERSION}
 Context:    default
 Debug Mode: false

Server:
 Containers: {total}
  Running: {running}
  Paused: 0
  Stopped: {}
 Images: {}
 Server Version: {CLIENT_VERSION}
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Using metacopy: false
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Default Runtime: runc
 Kernel Version: 6.8.0
 Operating System: rmi-playground (in your browser)
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Name: playground
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Live Restore Enabled: false",
        total - running,
        store.images.len()
    ));
}
