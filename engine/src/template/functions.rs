//! The template functions docker/cli registers (`templates.go`) and Go's built-ins (`print`,
//! `printf`, `len`, `index`, `eq`, `and`, …), and Go's `fmt.Print` of a value.

use super::exec::{Ctx, NO_VALUE};
use super::*;

pub(super) const FUNCTIONS: &[&str] = &[
    "json", "join", "len", "index", "upper", "lower", "title", "split", "truncate", "pad", "println", "print",
    "printf", "not", "and", "or", "eq", "ne", "lt", "le", "gt", "ge", "slice",
];

pub(super) fn call(ctx: &Ctx, name: &str, args: &[Value], offset: usize) -> Result<Value, String> {
    let wrong = |n: usize| {
        Err(format!(
            "template: :{}: executing \"\" at <{name}>: wrong number of args for {name}: want {n} got {}",
            position(ctx.source, offset),
            args.len()
        ))
    };
    let text = |v: &Value| print_value(v);
    match name {
        // templates.go: an Encoder with SetEscapeHTML(false), trailing newline trimmed. A list
        // row is a formatter context whose MarshalJSON is json.Marshal of a map (escaped, sorted,
        // and the encoder keeps a Marshaler's escapes); a typed struct keeps its declared member
        // order; decoded maps are sorted.
        "json" => match (args, ctx.kind) {
            // marshalForMethod keeps only methods without arguments: the one-argument method
            // members (objects) are left out.
            ([Value::Object(members)], DataKind::Struct(super::exec::CONTAINER_CONTEXT)) => {
                let kept: serde_json::Map<String, Value> =
                    members.iter().filter(|(_, v)| !v.is_object()).map(|(k, v)| (k.clone(), v.clone())).collect();
                Ok(Value::String(crate::gojson::marshal(&Value::Object(kept))))
            }
            ([v @ Value::Object(_)], DataKind::Struct(_)) => Ok(Value::String(crate::gojson::marshal(v))),
            ([v], kind) => Ok(Value::String(crate::gojson::encode_unescaped(v, !matches!(kind, DataKind::Typed(_))))),
            _ => wrong(1),
        },
        "join" => match args {
            [Value::Array(items), sep] => {
                Ok(Value::String(items.iter().map(text).collect::<Vec<_>>().join(&text(sep))))
            }
            [Value::Null, _] => Ok(Value::String(String::new())),
            [_, _] => Err(format!(
                "template: :{}: executing \"\" at <join>: wrong type for value; expected []string",
                position(ctx.source, offset)
            )),
            _ => wrong(2),
        },
        "len" => match args {
            [Value::Array(a)] => Ok(Value::from(a.len())),
            [Value::Object(m)] => Ok(Value::from(m.len())),
            [Value::String(s)] => Ok(Value::from(s.len())),
            [Value::Null] => Ok(Value::from(0usize)),
            [_] => Err(format!(
                "template: :{}: executing \"\" at <len>: error calling len: len of type",
                position(ctx.source, offset)
            )),
            _ => wrong(1),
        },
        "index" => {
            let Some((base, keys)) = args.split_first() else {
                return wrong(1);
            };
            let mut current = base.clone();
            for key in keys {
                current = match (&current, key) {
                    (Value::Array(a), Value::Number(n)) => {
                        let i = n.as_f64().unwrap_or(0.0);
                        if i < 0.0 || i as usize >= a.len() {
                            return Err(format!(
                                "template: :{}: executing \"\" at <index>: error calling index: index out of range: {i}",
                                position(ctx.source, offset)
                            ));
                        }
                        a[i as usize].clone()
                    }
                    (Value::Object(m), k) => m.get(&text(k)).cloned().unwrap_or(Value::String(NO_VALUE.to_string())),
                    _ => Value::Null,
                };
            }
            Ok(current)
        }
        // funcs.go slice: `slice x 1 2` is x[1:2]; strings take at most two indexes.
        "slice" => {
            let fail = |message: String| {
                Err(format!(
                    "template: :{}: executing \"\" at <slice>: error calling slice: {message}",
                    position(ctx.source, offset)
                ))
            };
            let Some((item, indexes)) = args.split_first() else {
                return Err(format!(
                    "template: :{}: executing \"\" at <slice>: wrong number of args for slice: want at least 1 got 0",
                    position(ctx.source, offset)
                ));
            };
            let len = match item {
                Value::Null => return fail("slice of untyped nil".to_string()),
                Value::String(s) if s == NO_VALUE => return fail("slice of untyped nil".to_string()),
                _ if indexes.len() > 3 => return fail(format!("too many slice indexes: {}", indexes.len())),
                Value::String(_) if indexes.len() == 3 => return fail("cannot 3-index slice a string".to_string()),
                Value::String(s) => s.len(),
                Value::Array(items) => items.len(),
                other => return fail(format!("can't slice item of type {}", super::exec::go_type_name(other))),
            };
            // indexArg: integers only, within the capacity (a decoded list's is its length).
            let mut idx = [0, len, len];
            for (i, index) in indexes.iter().enumerate() {
                let x = match index {
                    Value::Number(n) if n.is_i64() || n.is_u64() => n.as_i64().unwrap_or(i64::MAX),
                    Value::Null => return fail("cannot index slice/array with nil".to_string()),
                    other => {
                        return fail(format!("cannot index slice/array with type {}", super::exec::go_type_name(other)))
                    }
                };
                if x < 0 || x > len as i64 {
                    return fail(format!("index out of range: {x}"));
                }
                idx[i] = x as usize;
            }
            if idx[0] > idx[1] {
                return fail(format!("invalid slice index: {} > {}", idx[0], idx[1]));
            }
            if indexes.len() == 3 && idx[1] > idx[2] {
                return fail(format!("invalid slice index: {} > {}", idx[1], idx[2]));
            }
            Ok(match item {
                // Byte offsets, as Go slices a string; a cut inside a UTF-8 sequence keeps the
                // replacement character where Go would keep the broken bytes.
                Value::String(s) => Value::String(String::from_utf8_lossy(&s.as_bytes()[idx[0]..idx[1]]).into_owned()),
                Value::Array(items) => Value::Array(items[idx[0]..idx[1]].to_vec()),
                _ => Value::Null,
            })
        }
        "upper" => one_string(args, crate::case::to_upper).map_or_else(|| wrong(1), Ok),
        "lower" => one_string(args, crate::case::to_lower).map_or_else(|| wrong(1), Ok),
        "title" => one_string(args, go_title).map_or_else(|| wrong(1), Ok),
        // strings.Split: an empty separator splits after each UTF-8 sequence.
        "split" => match args {
            [s, sep] => {
                let (s, sep) = (text(s), text(sep));
                let parts: Vec<Value> = if sep.is_empty() {
                    s.chars().map(|c| Value::String(c.to_string())).collect()
                } else {
                    s.split(sep.as_str()).map(|p| Value::String(p.to_string())).collect()
                };
                Ok(Value::Array(parts))
            }
            _ => wrong(2),
        },
        // templates.go truncateWithLength: `source[:length]` counts bytes; a cut inside a UTF-8
        // sequence keeps the whole sequences before it.
        "truncate" => match args {
            [s, Value::Number(n)] => {
                let s = text(s);
                let mut end = (n.as_f64().unwrap_or(0.0).max(0.0) as usize).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                Ok(Value::String(s[..end].to_string()))
            }
            _ => wrong(2),
        },
        // templates.go padWithSpace: an empty string stays empty.
        "pad" => match args {
            [s, Value::Number(l), Value::Number(r)] => {
                let s = text(s);
                if s.is_empty() {
                    return Ok(Value::String(s));
                }
                let repeat = |n: &serde_json::Number| " ".repeat(n.as_f64().unwrap_or(0.0).max(0.0) as usize);
                Ok(Value::String(format!("{}{s}{}", repeat(l), repeat(r))))
            }
            _ => wrong(3),
        },
        // fmt.Sprintln: spaces between all operands; fmt.Sprint: a space only between two
        // operands neither of which is a string (print.go doPrint). A missing map key is nil.
        "println" => Ok(Value::String(args.iter().map(print_arg).collect::<Vec<_>>().join(" ") + "\n")),
        "print" => {
            let mut out = String::new();
            let mut previous_string = false;
            for (n, arg) in args.iter().enumerate() {
                let is_string = matches!(arg, Value::String(s) if s != NO_VALUE);
                if n > 0 && !is_string && !previous_string {
                    out.push(' ');
                }
                out.push_str(&print_arg(arg));
                previous_string = is_string;
            }
            Ok(Value::String(out))
        }
        "printf" => match args.split_first() {
            Some((Value::String(fmt), rest)) => Ok(Value::String(super::gofmt::sprintf(fmt, rest))),
            _ => wrong(1),
        },
        "not" => match args {
            [v] => Ok(Value::Bool(!truthy(v))),
            _ => wrong(1),
        },
        "and" => Ok(args.iter().find(|v| !truthy(v)).or(args.last()).cloned().unwrap_or(Value::Null)),
        "or" => Ok(args.iter().find(|v| truthy(v)).or(args.last()).cloned().unwrap_or(Value::Null)),
        "eq" | "ne" => match args {
            [a, rest @ ..] if !rest.is_empty() => {
                let equal = rest.iter().any(|b| text(a) == text(b));
                Ok(Value::Bool(if name == "eq" { equal } else { !equal }))
            }
            _ => wrong(2),
        },
        // text/template funcs.go lt/le/gt/ge: numbers compare as numbers, strings as strings,
        // anything else is incomparable.
        "lt" | "le" | "gt" | "ge" => match args {
            [a, b] => {
                let order = match (a, b) {
                    (Value::Number(x), Value::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()),
                    (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
                    _ => None,
                };
                let Some(order) = order else {
                    return Err(format!(
                        "template: :{}: executing \"\" at <{name}>: error calling {name}: incompatible types for comparison",
                        position(ctx.source, offset)
                    ));
                };
                Ok(Value::Bool(match name {
                    "lt" => order.is_lt(),
                    "le" => order.is_le(),
                    "gt" => order.is_gt(),
                    _ => order.is_ge(),
                }))
            }
            _ => wrong(2),
        },
        _ => Err(format!("template: :1: function \"{name}\" not defined")),
    }
}

/// Go's strings.Title: a letter after a separator (any ASCII character but letters, digits and
/// `_`; beyond ASCII, white space) is mapped to title case (unicode.ToTitle).
fn go_title(s: &str) -> String {
    let is_separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            !(c.is_alphabetic() || c.is_numeric()) && c.is_whitespace()
        }
    };
    let mut previous = ' ';
    s.chars()
        .map(|c| {
            let mapped = if is_separator(previous) { crate::case::title_char(c) } else { c };
            previous = c;
            mapped
        })
        .collect()
}

pub(super) fn one_string(args: &[Value], f: impl Fn(&str) -> String) -> Option<Value> {
    match args {
        [v] => Some(Value::String(f(&print_value(v)))),
        _ => None,
    }
}

/// An operand of print/println: a missing map key arrives as a nil interface (exec.go
/// validateType), which prints `<nil>`.
fn print_arg(v: &Value) -> String {
    match v {
        Value::String(s) if s == NO_VALUE => "<nil>".to_string(),
        other => print_value(other),
    }
}

pub(super) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().unwrap_or(0.0) != 0.0,
        Value::String(s) => !s.is_empty() && s != NO_VALUE,
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// Go's `fmt.Print` of a decoded JSON value.
pub fn print_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64().unwrap_or(0.0) {
            f if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", f as i64),
            f => crate::units::format_g(f, 17),
        },
        Value::String(s) if s == NO_VALUE => "<no value>".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!("[{}]", items.iter().map(print_value).collect::<Vec<_>>().join(" ")),
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            format!(
                "map[{}]",
                entries.iter().map(|(k, v)| format!("{k}:{}", print_value(v))).collect::<Vec<_>>().join(" ")
            )
        }
    }
}
