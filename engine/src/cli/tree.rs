//! `docker images --tree` (docker/cli `cli/command/image/tree.go`): the experimental tree view,
//! as it prints when its output is not a terminal (no colours, 80 columns).
//!
//! The classic graphdriver store the playground models ignores the list API's `manifests`
//! option and leaves `Containers` at -1 (moby daemon/images/image_list.go newImageSummary), so
//! every image is a top row without platform children, its content size is 0B and it is never
//! marked in use.

use crate::daemon::images::ListedImage;
use crate::store::digest::short_id;
use crate::units::human_size_with_precision;

const COLUMN_SPACING: usize = 3;

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
    Right,
}

struct Column {
    title: &'static str,
    width: usize,
    align: Align,
}

/// truncateRunes: a value wider than its column keeps `width - 3` runes and `...`.
fn truncate_runes(s: &str, width: usize) -> String {
    if s.chars().count() > width {
        let kept: String = s.chars().take(width.saturating_sub(3)).collect();
        return kept + "...";
    }
    s.to_string()
}

impl Column {
    /// imgColumn.Print: PrintL, PrintC or PrintR.
    fn print(&self, s: &str) -> String {
        let len = s.chars().count();
        if len > self.width {
            return truncate_runes(s, self.width);
        }
        let fill = self.width - len;
        match self.align {
            Align::Left => format!("{s}{}", " ".repeat(fill)),
            Align::Right => format!("{}{s}", " ".repeat(fill)),
            Align::Center => format!("{}{s}{}", " ".repeat(fill / 2), " ".repeat(fill - fill / 2)),
        }
    }
}

/// runTree and printImageTree: the listing newest first, names one per line with the details
/// on the last, after the experimental warning and a blank line.
pub(super) fn print_tree(listed: &[ListedImage], lines: &mut Vec<String>) {
    let mut images: Vec<(i64, &str, Vec<String>, u64)> = listed
        .iter()
        .map(|l| {
            let names = l.refs.iter().filter_map(|r| r.tag.map(|tag| format!("{}:{tag}", r.familiar_name))).collect();
            (l.image.created, &*l.image.id, names, l.image.size)
        })
        .collect();
    // sort.Slice by Created, newest first (ties, which Go leaves in no set order, by ID).
    images.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let width = 80;
    let mut columns = vec![
        Column { title: "Image", width: 0, align: Align::Left },
        Column { title: "ID", width: 12, align: Align::Left },
        Column { title: "Disk usage", width: 10, align: Align::Right },
        Column { title: "Content size", width: 12, align: Align::Right },
        Column { title: "In Use", width: 6, align: Align::Center },
    ];
    let mut name_width: usize = width;
    for idx in 1..columns.len() {
        let d = columns[idx].width + COLUMN_SPACING;
        if name_width.saturating_sub(d) < 12 {
            columns.truncate(idx);
            break;
        }
        name_width -= d;
    }
    // widestFirstColumnValue counts bytes.
    let widest = images.iter().flat_map(|i| i.2.iter()).map(String::len).fold(columns[0].title.len(), usize::max);
    columns[0].width = name_width.min(widest);
    lines.push("WARNING: This is an experimental feature. The output may change and shouldn't be depended on.".into());
    lines.push(String::new());
    let header: Vec<String> = columns.iter().map(|c| c.print(&c.title.to_uppercase())).collect();
    lines.push(header.join(&" ".repeat(COLUMN_SPACING)));
    for (_, id, names, size) in &images {
        let mut name_lines: Vec<String> = if names.is_empty() {
            vec![columns[0].print("<untagged>")]
        } else {
            names.iter().map(|n| columns[0].print(n)).collect()
        };
        let size = *size as f64;
        let values = [
            short_id(id).to_string(),
            human_size_with_precision(size, 3),
            human_size_with_precision(0.0, 3),
            " ".to_string(),
        ];
        let last = name_lines.last_mut().expect("at least one name line");
        for (column, value) in columns[1..].iter().zip(values) {
            last.push_str(&" ".repeat(COLUMN_SPACING));
            last.push_str(&column.print(&value));
        }
        lines.extend(name_lines);
    }
}
