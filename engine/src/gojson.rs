//! Go's `encoding/json` output, written by serde_json through a formatter of our own: what the
//! daemon's encoder escapes (`<`, `>`, `&`, U+2028, U+2029; since Go 1.22 `\b` and `\f` as
//! themselves, as serde_json writes them), Go's float64 format, `json.Marshal`'s sorted map
//! keys, and `json.Indent(raw, "", "    ")` as `docker inspect` prints the daemon's answer.

use std::io;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value;

/// A serde_json formatter that writes strings and floats as Go's encoder does, around another
/// formatter that decides the layout (compact, or indented).
struct GoFormatter<F> {
    layout: F,
    escape_html: bool,
}

impl<F: Formatter> Formatter for GoFormatter<F> {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(go_float(value).as_bytes())
    }

    /// serde_json hands over runs that JSON itself does not need escaped; Go's encoder also
    /// escapes the HTML-significant characters and the two JavaScript line separators in them.
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            let escape = match c {
                '<' if self.escape_html => "\\u003c",
                '>' if self.escape_html => "\\u003e",
                '&' if self.escape_html => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..at])?;
            writer.write_all(escape.as_bytes())?;
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.layout.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.layout.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.layout.end_object_value(writer)
    }
}

/// `encoding/json`'s float64: shortest digits, plain between 1e-6 and 1e21, else an exponent
/// with an explicit sign and no leading zero (`1e+21`, `1e-7`).
fn go_float(f: f64) -> String {
    let magnitude = f.abs();
    if magnitude == 0.0 || (1e-6..1e21).contains(&magnitude) {
        return format!("{f}");
    }
    let text = format!("{f:e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) if !exponent.starts_with('-') => format!("{mantissa}e+{exponent}"),
        _ => text,
    }
}

fn write<F: Formatter>(value: &impl Serialize, layout: F) -> String {
    write_escaping(value, layout, true)
}

fn write_escaping<F: Formatter>(value: &impl Serialize, layout: F, escape_html: bool) -> String {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, GoFormatter { layout, escape_html });
    // Writing into memory cannot fail, and every value here has string keys.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    // The formatter writes only whole UTF-8 sequences and ASCII escapes.
    String::from_utf8(out).unwrap_or_default()
}

/// A decoded value written as `json.Marshal` writes an `interface{}`: map keys sorted.
struct SortedKeys<'a>(&'a Value);

impl Serialize for SortedKeys<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&SortedKeys(item))?;
                }
                seq.end()
            }
            Value::Object(members) => {
                let mut entries: Vec<(&String, &Value)> = members.iter().collect();
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, member) in entries {
                    map.serialize_entry(key, &SortedKeys(member))?;
                }
                map.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

/// `json.Marshal` of decoded data (a map, as docker/cli's formatters marshal their rows).
pub fn marshal(value: &Value) -> String {
    write(&SortedKeys(value), CompactFormatter)
}

/// An `Encoder` with `SetEscapeHTML(false)`, as docker/cli's `json` template function writes:
/// `<`, `>` and `&` as themselves. `sorted` when the value is a Go map (rows, decoded JSON).
pub fn encode_unescaped(value: &Value, sorted: bool) -> String {
    if sorted {
        write_escaping(&SortedKeys(value), CompactFormatter, false)
    } else {
        write_escaping(value, CompactFormatter, false)
    }
}

/// `json.Compact` of what the daemon encoded (`docker inspect --format json`).
pub fn compact(value: &impl Serialize) -> String {
    write(value, CompactFormatter)
}

/// `json.Indent(raw, "", "    ")` of what the daemon encoded: members in the order the daemon
/// wrote them (its structs' field order), escaped as its encoder escapes.
pub fn indent(value: &impl Serialize) -> String {
    write(value, PrettyFormatter::with_indent(b"    "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn marshal_sorts_keys_and_escapes_like_go() {
        let value = json!({"b": "<none> & more", "a": [1, 2.5, 1e21, 1e-7], "c": "\u{2028}\u{8}\u{c}\u{1}"});
        assert_eq!(
            marshal(&value),
            r#"{"a":[1,2.5,1e+21,1e-7],"b":"\u003cnone\u003e \u0026 more","c":"\u2028\b\f\u0001"}"#
        );
    }

    #[test]
    fn indent_keeps_member_order_and_writes_empty_containers_closed() {
        let value = json!({"Id": "x", "Args": [], "Config": {}, "Tags": ["a"]});
        assert_eq!(
            indent(&value),
            "{\n    \"Id\": \"x\",\n    \"Args\": [],\n    \"Config\": {},\n    \"Tags\": [\n        \"a\"\n    ]\n}"
        );
    }
}
