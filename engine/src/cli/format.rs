//! Output formatting shared by the list commands: Go's `text/tabwriter` (minwidth 10,
//! padding 3) and docker's formatter contexts (`table`, `json`, raw templates).

use serde_json::Value;

use crate::template::{DataKind, Template};

const MIN_WIDTH: usize = 10;
const PADDING: usize = 3;

/// `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`: tab-terminated cells are aligned per column
/// block; text after a line's last tab is not a cell and is never padded.
pub fn tabwrite(text: &str) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if let Some(out) = tabwrite_uniform(body) {
        return if text.ends_with('\n') { out + "\n" } else { out };
    }
    let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut widths = Vec::new();
    let mut out = String::new();
    format_block(&lines, &mut widths, 0, lines.len(), &mut out);
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// When every line has the same number of cells (every listing the CLI prints), each column
/// is one block, so one pass for the widths and one for the output give tabwriter's result.
fn tabwrite_uniform(body: &str) -> Option<String> {
    let columns = body.split('\n').next()?.bytes().filter(|&b| b == b'\t').count();
    // Listings are ASCII almost always; then a cell's width is its length.
    let ascii = body.is_ascii();
    let width = |cell: &str| if ascii { cell.len() } else { width_of(cell) };
    let mut widths = vec![MIN_WIDTH; columns];
    for line in body.split('\n') {
        let mut column = 0;
        let mut start = 0;
        for (at, byte) in line.bytes().enumerate() {
            if byte == b'\t' {
                let slot = widths.get_mut(column)?;
                *slot = (*slot).max(width(&line[start..at]) + PADDING);
                column += 1;
                start = at + 1;
            }
        }
        if column != columns {
            return None;
        }
    }
    let mut out = String::with_capacity(body.len() + body.len() / 2);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        let mut start = 0;
        for (at, byte) in line.bytes().enumerate() {
            if byte == b'\t' {
                let cell = &line[start..at];
                out.push_str(cell);
                push_spaces(&mut out, widths[column].saturating_sub(width(cell)));
                column += 1;
                start = at + 1;
            }
        }
        out.push_str(&line[start..]);
    }
    Some(out)
}

fn push_spaces(out: &mut String, count: usize) {
    const SPACES: &str = "                                ";
    let mut left = count;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        left -= n;
    }
}

fn width_of(cell: &str) -> usize {
    cell.chars().count()
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], from: usize, to: usize, out: &mut String) {
    for line in &lines[from..to] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < line.len() {
                if let Some(w) = widths.get(j) {
                    out.push_str(&" ".repeat(w.saturating_sub(width_of(cell))));
                }
            }
        }
        out.push('\n');
    }
}

fn format_block(lines: &[Vec<&str>], widths: &mut Vec<usize>, mut line0: usize, line1: usize, out: &mut String) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(lines, widths, line0, this, out);
        line0 = this;
        let mut width = MIN_WIDTH;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(width_of(lines[this][column]) + PADDING);
            this += 1;
        }
        widths.push(width);
        format_block(lines, widths, line0, this, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, widths, line0, line1, out);
}

/// Prints a rendered listing, or its template error with exit status 1; says which.
pub fn print_listing(outcome: &mut crate::outcome::Outcome, rendered: Result<String, String>) -> bool {
    match rendered {
        Ok(text) => {
            if !text.is_empty() {
                outcome.out(text);
            }
            true
        }
        Err(e) => {
            outcome.err(e);
            outcome.exit = 1;
            false
        }
    }
}

/// A row of a list command, as docker's formatter context exposes it.
pub trait FormatRow {
    /// The row as template data (field names as in docker's formatter contexts).
    fn to_value(&self) -> Value;
    /// Appends the row of the default table, tab-separated (the default template's result,
    /// computed directly because listings of thousands of rows must stay fast).
    fn write_default_line(&self, line: &mut String);
    /// What `-q` prints.
    fn quiet_id(&self) -> &str;
}

/// A list command's rows rendered through `--format` (or the default table).
pub struct ListFormat<'a> {
    pub format: &'a str,
    /// The default table's header, tab-separated.
    pub default_header: &'a str,
    pub quiet: bool,
    pub header: Value,
    pub type_name: &'static str,
}

impl ListFormat<'_> {
    pub fn render<R: FormatRow>(&self, rows: &[R]) -> Result<String, String> {
        let default = self.format.is_empty() || self.format == "table";
        if self.quiet && default {
            let mut text = String::new();
            for row in rows {
                text.push_str(row.quiet_id());
                text.push('\n');
            }
            return Ok(text);
        }
        if default {
            let mut text = String::with_capacity(96 * (rows.len() + 1));
            text.push_str(self.default_header);
            text.push('\n');
            for row in rows {
                row.write_default_line(&mut text);
                text.push('\n');
            }
            return Ok(tabwrite(&text));
        }
        let format = if self.format == "json" { "{{json .}}" } else { self.format };
        let is_table = format.starts_with("table");
        let body = if is_table { &format["table".len()..] } else { format };
        let body = body.trim_matches(' ').replace("\\t", "\t").replace("\\n", "\n");
        let template = Template::parse(&body).map_err(|e| format!("template parsing error: {e}"))?;
        let mut buffer = String::new();
        for row in rows {
            let text = template
                .execute(&row.to_value(), DataKind::Struct(self.type_name))
                .map_err(|e| format!("template parsing error: {e}"))?;
            buffer.push_str(&text);
            buffer.push('\n');
        }
        if !is_table {
            return Ok(buffer);
        }
        let header = template.execute(&self.header, DataKind::Map).unwrap_or_default();
        Ok(tabwrite(&format!("{header}\n{buffer}")))
    }
}

/// Rows that are already template data (small listings: `system df`, `history`).
pub struct ValueRow {
    pub value: Value,
    pub default_fields: &'static [&'static str],
}

impl FormatRow for ValueRow {
    fn to_value(&self) -> Value {
        self.value.clone()
    }

    fn write_default_line(&self, line: &mut String) {
        for (i, field) in self.default_fields.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            line.push_str(&crate::template::print_value(self.value.get(field).unwrap_or(&Value::Null)));
        }
    }

    fn quiet_id(&self) -> &str {
        self.value.get("ID").and_then(Value::as_str).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_matches_docker_tables() {
        assert_eq!(
            tabwrite("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n"),
            "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n"
        );
        assert_eq!(tabwrite("REPOSITORY\tTAG\nbusybox\tlatest\n"), "REPOSITORY   TAG\nbusybox      latest\n");
        assert_eq!(tabwrite("a\tb\nlonger-cell\n"), "a         b\nlonger-cell\n");
        // The uniform fast path and the general algorithm agree.
        let uniform = "NAME\tSIZE\tX\nbusybox\t4.26MB\tlast cell\ncafé\t1B\t\n";
        let mut widths = Vec::new();
        let lines: Vec<Vec<&str>> =
            uniform.trim_end_matches('\n').split('\n').map(|l| l.split('\t').collect()).collect();
        let mut general = String::new();
        format_block(&lines, &mut widths, 0, lines.len(), &mut general);
        assert_eq!(tabwrite(uniform), general);
        assert!(general.contains("1B        \n"), "a tab-terminated last cell is padded, as in Go");
    }
}
