//! JSON as Go's `encoding/json` writes it: `<`, `>`, `&` and U+2028/9 escaped; `MarshalIndent`
//! with the prefix and indent docker inspect uses.

use serde_json::Value;

fn escape_into(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write(v: &Value, indent: Option<(&str, usize)>, sort_keys: bool, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        if let Some((unit, _)) = indent {
            out.push('\n');
            for _ in 0..depth {
                out.push_str(unit);
            }
        }
    };
    let depth = indent.map_or(0, |(_, d)| d);
    let deeper = indent.map(|(u, d)| (u, d + 1));
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => escape_into(s, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write(item, deeper, sort_keys, out);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if sort_keys {
                crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            }
            for (i, (k, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                escape_into(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(item, deeper, sort_keys, out);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

/// `json.Marshal` of a decoded value: map keys come out sorted.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write(v, None, true, &mut out);
    out
}

/// `json.Indent(raw, "", "    ")`, as `docker inspect` prints the daemon's answer: field
/// order as the daemon wrote it.
pub fn go_json_indent(v: &Value) -> String {
    let mut out = String::new();
    write(v, Some(("    ", 0)), false, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_like_go() {
        assert_eq!(go_json(&json!({"a": "<b>&"})), "{\"a\":\"\\u003cb\\u003e\\u0026\"}");
        assert_eq!(go_json_indent(&json!([{"x": []}])), "[\n    {\n        \"x\": []\n    }\n]");
    }
}
