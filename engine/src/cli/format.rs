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
    let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut widths = Vec::new();
    let mut out = String::new();
    format_block(&lines, &mut widths, 0, lines.len(), &mut out);
    if !text.ends_with('\n') {
        out.pop();
    }
    out
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

/// A list command's rows rendered through `--format` (or the default table).
pub struct ListFormat<'a> {
    pub format: &'a str,
    pub default_table: &'a str,
    pub quiet_template: Option<&'a str>,
    pub quiet: bool,
    pub header: Value,
    pub type_name: &'static str,
}

impl ListFormat<'_> {
    pub fn render(&self, rows: &[Value]) -> Result<String, String> {
        let mut format = self.format.to_string();
        if self.quiet && (format.is_empty() || format == "table") {
            format = self.quiet_template.unwrap_or("{{.ID}}").to_string();
        }
        if format.is_empty() || format == "table" {
            format = self.default_table.to_string();
        } else if format == "json" {
            format = "{{json .}}".to_string();
        }
        let is_table = format.starts_with("table");
        let mut body = if is_table { format["table".len()..].to_string() } else { format };
        body = body.trim_matches(' ').replace("\\t", "\t").replace("\\n", "\n");
        let template = Template::parse(&body).map_err(|e| format!("template parsing error: {e}"))?;
        let mut buffer = String::new();
        for row in rows {
            let text = template
                .execute(row, DataKind::Struct(self.type_name))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_matches_docker_tables() {
        assert_eq!(
            tabwrite("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n"),
            "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n"
        );
        assert_eq!(
            tabwrite("REPOSITORY\tTAG\nbusybox\tlatest\n"),
            "REPOSITORY   TAG\nbusybox      latest\n"
        );
        assert_eq!(tabwrite("a\tb\nlonger-cell\n"), "a         b\nlonger-cell\n");
    }
}
