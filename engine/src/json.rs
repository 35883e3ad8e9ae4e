//! JSON for the whole engine: a decoded value ([`Value`], what Go's `interface{}` holds after
//! `json.Unmarshal`), a parser, the `json!` literal, and the writers: Go's `encoding/json`
//! (`<`, `>`, `&` and U+2028/9 escaped; `MarshalIndent` as docker inspect prints) and a plain
//! compact form for the saved session.
//!
//! Why not serde_json: it and the serde code derived for every stored type were a quarter of
//! the page's wasm; the engine needs only this much JSON.

use std::fmt;
use std::sync::Arc;

/// A decoded JSON value. Objects keep their members in insertion order, as the daemon wrote them.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// Integers stay exact (a seed is a full `u64`); anything with a fraction or exponent is a float.
#[derive(Debug, Clone, Copy)]
pub enum Number {
    Int(i64),
    Uint(u64),
    Float(f64),
}

impl Number {
    /// What Go's decoder would hold: every JSON number is a float64.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Uint(u) => u as f64,
            Number::Float(f) => f,
        }
    }

    fn write(self, out: &mut String) {
        match self {
            Number::Int(i) => crate::units::push_decimal(out, i),
            Number::Uint(u) => crate::units::push_unsigned(out, u),
            Number::Float(f) => write_go_float(f, out),
        }
    }
}

/// Integers compare exactly; a float equals an integer of the same value, as in Go's float64.
impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        let exact = |n: &Number| match *n {
            Number::Int(i) => Some(i128::from(i)),
            Number::Uint(u) => Some(i128::from(u)),
            Number::Float(_) => None,
        };
        match (exact(self), exact(other)) {
            (Some(a), Some(b)) => a == b,
            _ => self.as_f64() == other.as_f64(),
        }
    }
}

/// `encoding/json`'s float64: shortest digits, plain between 1e-6 and 1e21, else an exponent
/// with an explicit sign and no leading zero (`1e+21`, `1e-7`).
fn write_go_float(f: f64, out: &mut String) {
    use fmt::Write;
    let magnitude = f.abs();
    if magnitude == 0.0 || (1e-6..1e21).contains(&magnitude) {
        let _ = write!(out, "{f}");
    } else {
        let text = format!("{f:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                let _ = write!(out, "{mantissa}e+{exponent}");
            }
            _ => out.push_str(&text),
        }
    }
}

/// An object's members in insertion order; inserting an existing key replaces its value in place.
/// Lookups scan: objects the engine builds and reads by key are small.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    pub fn insert(&mut self, key: String, value: Value) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key, value)),
        }
    }

    /// Appends without looking for the key: for members known to be new, and for the parser,
    /// which keeps a repeated key twice (the last one wins lookups; stored maps refuse it).
    pub fn push(&mut self, key: String, value: Value) {
        self.0.push((key, value));
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(members: I) -> Map {
        let mut map = Map::new();
        for (key, value) in members {
            map.insert(key, value);
        }
        map
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Value {
    /// An object's member; `None` for a missing key or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Conversion into a [`Value`] by reference, as `json!` takes its expressions.
pub trait ToJson {
    fn to_json(&self) -> Value;
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for Map {
    fn to_json(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl<T: ToJson + ?Sized> ToJson for Arc<T> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! integer_to_json {
    ($($signed:ty),* ; $($unsigned:ty),*) => {
        $(impl ToJson for $signed {
            fn to_json(&self) -> Value {
                Value::Number(Number::Int(i64::from(*self)))
            }
        })*
        $(impl ToJson for $unsigned {
            fn to_json(&self) -> Value {
                Value::Number(Number::Uint(*self as u64))
            }
        })*
    };
}

integer_to_json!(i32, i64; u32, u64, usize);

impl ToJson for f64 {
    /// Go's decoder never yields NaN or infinities; like serde_json, they become `null`.
    fn to_json(&self) -> Value {
        if self.is_finite() {
            Value::Number(Number::Float(*self))
        } else {
            Value::Null
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

/// Why a decoded value does not have the shape a type needs, with the path to the spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(String);

impl DecodeError {
    pub fn new(message: impl Into<String>) -> DecodeError {
        DecodeError(message.into())
    }

    fn within(self, place: &str) -> DecodeError {
        DecodeError(format!("{place}: {}", self.0))
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reading typed data out of a decoded value.
pub trait FromJson: Sized {
    fn from_json(v: &Value) -> Result<Self, DecodeError>;

    /// What an absent object member means; only optional values may be absent.
    fn when_missing(name: &str) -> Result<Self, DecodeError> {
        Err(DecodeError(format!("missing field `{name}`")))
    }
}

fn expected<T>(what: &str, found: &Value) -> Result<T, DecodeError> {
    Err(DecodeError(format!("expected {what}, found {}", kind_of(found))))
}

impl Value {
    /// An object's member as `T`; errors name the member.
    pub fn field<T: FromJson>(&self, name: &str) -> Result<T, DecodeError> {
        let Value::Object(map) = self else {
            return expected("an object", self);
        };
        match map.get(name) {
            Some(v) => T::from_json(v).map_err(|e| e.within(name)),
            None => T::when_missing(name),
        }
    }

    /// An object's member as `T`, or `T`'s default when it is absent or null (Go's decoder
    /// leaves such fields at their zero value).
    pub fn field_or_default<T: FromJson + Default>(&self, name: &str) -> Result<T, DecodeError> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(T::default()),
            Some(_) => self.field(name),
        }
    }

    /// An object's members, each decoded as `T`.
    pub fn members<T: FromJson>(&self) -> Result<Vec<(&String, T)>, DecodeError> {
        let Value::Object(map) = self else {
            return expected("an object", self);
        };
        // Plain loops rather than collecting into a `Result`: that adapter is instantiated per
        // element type and costs the wasm more than the loop.
        let mut members = Vec::with_capacity(map.len());
        for (key, value) in map.iter() {
            members.push((key, T::from_json(value).map_err(|e| e.within(key))?));
        }
        Ok(members)
    }
}

impl FromJson for Value {
    fn from_json(v: &Value) -> Result<Value, DecodeError> {
        Ok(v.clone())
    }
}

impl FromJson for String {
    fn from_json(v: &Value) -> Result<String, DecodeError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            other => expected("a string", other),
        }
    }
}

impl FromJson for Arc<str> {
    fn from_json(v: &Value) -> Result<Arc<str>, DecodeError> {
        match v {
            Value::String(s) => Ok(Arc::from(s.as_str())),
            other => expected("a string", other),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Value) -> Result<bool, DecodeError> {
        match v {
            Value::Bool(b) => Ok(*b),
            other => expected("a boolean", other),
        }
    }
}

macro_rules! integer_from_json {
    ($($integer:ty),*) => {
        $(impl FromJson for $integer {
            fn from_json(v: &Value) -> Result<$integer, DecodeError> {
                let exact = match v {
                    Value::Number(Number::Int(i)) => <$integer>::try_from(*i).ok(),
                    Value::Number(Number::Uint(u)) => <$integer>::try_from(*u).ok(),
                    other => return expected("an integer", other),
                };
                exact.ok_or_else(|| DecodeError(format!("integer out of range for {}", stringify!($integer))))
            }
        })*
    };
}

integer_from_json!(i32, i64, u32, u64);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value) -> Result<Option<T>, DecodeError> {
        match v {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn when_missing(_: &str) -> Result<Option<T>, DecodeError> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> Result<Vec<T>, DecodeError> {
        match v {
            Value::Array(items) => {
                let mut decoded = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    decoded.push(T::from_json(item).map_err(|e| e.within(&i.to_string()))?);
                }
                Ok(decoded)
            }
            other => expected("an array", other),
        }
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(v: &Value) -> Result<(A, B), DecodeError> {
        match v {
            Value::Array(items) if items.len() == 2 => Ok((A::from_json(&items[0])?, B::from_json(&items[1])?)),
            other => expected("a pair", other),
        }
    }
}

impl<T: FromJson> FromJson for std::collections::BTreeMap<String, T> {
    fn from_json(v: &Value) -> Result<Self, DecodeError> {
        // Inserted one by one: collecting into a `BTreeMap` sorts through a stable sort
        // instantiated per entry type, which the wasm then carries four times.
        let mut map = std::collections::BTreeMap::new();
        for (key, item) in v.members()? {
            map.insert(key.clone(), item);
        }
        Ok(map)
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn to_json(&self) -> Value {
        Value::Array(vec![self.0.to_json(), self.1.to_json()])
    }
}

/// A JSON literal: objects and arrays nest, any other value is an expression converted by
/// reference with [`ToJson`] (`json!({"Id": id, "Tags": [a, b], "Parent": null})`).
#[macro_export]
macro_rules! json {
    (null) => { $crate::json::Value::Null };
    ([ $($elements:tt)* ]) => { $crate::json::Value::Array($crate::json_elements!([] $($elements)*)) };
    ({ $($members:tt)* }) => {{
        #[allow(unused_mut)]
        let mut object = $crate::json::Map::new();
        $crate::json_members!(object; $($members)*);
        $crate::json::Value::Object(object)
    }};
    ($other:expr) => { $crate::json::ToJson::to_json(&$other) };
}

/// `json!`'s object members, one at a time; nested literals are matched before expressions.
/// Members are appended: a literal names each key once.
#[doc(hidden)]
#[macro_export]
macro_rules! json_members {
    ($object:ident;) => {};
    ($object:ident; $key:literal : null $(, $($rest:tt)*)?) => {
        $object.push(String::from($key), $crate::json::Value::Null);
        $( $crate::json_members!($object; $($rest)*); )?
    };
    ($object:ident; $key:literal : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $object.push(String::from($key), $crate::json!({ $($inner)* }));
        $( $crate::json_members!($object; $($rest)*); )?
    };
    ($object:ident; $key:literal : [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $object.push(String::from($key), $crate::json!([ $($inner)* ]));
        $( $crate::json_members!($object; $($rest)*); )?
    };
    ($object:ident; $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $object.push(String::from($key), $crate::json::ToJson::to_json(&$value));
        $( $crate::json_members!($object; $($rest)*); )?
    };
}

/// `json!`'s array elements, accumulated in order.
#[doc(hidden)]
#[macro_export]
macro_rules! json_elements {
    ([ $($done:expr,)* ]) => { vec![ $($done,)* ] };
    ([ $($done:expr,)* ] null $(, $($rest:tt)*)?) => {
        $crate::json_elements!([ $($done,)* $crate::json::Value::Null, ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $crate::json_elements!([ $($done,)* $crate::json!({ $($inner)* }), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] [ $($inner:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::json_elements!([ $($done,)* $crate::json!([ $($inner)* ]), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] $value:expr $(, $($rest:tt)*)?) => {
        $crate::json_elements!([ $($done,)* $crate::json::ToJson::to_json(&$value), ] $($($rest)*)?)
    };
}

/// `ToJson` and `FromJson` for a struct saved as an object of its fields, named as in Rust and
/// in this order; fields after `; default:` may be absent (older data) and then take their
/// default. The struct literal in `from_json` makes leaving a field out a compile error.
#[macro_export]
macro_rules! json_struct {
    ($type:ident { $($field:ident),* $(,)? $(; default: $($defaulted:ident),* $(,)?)? }) => {
        impl $crate::json::ToJson for $type {
            fn to_json(&self) -> $crate::json::Value {
                let mut object = $crate::json::Map::new();
                $( object.push(stringify!($field).to_string(), $crate::json::ToJson::to_json(&self.$field)); )*
                $($( object.push(stringify!($defaulted).to_string(), $crate::json::ToJson::to_json(&self.$defaulted)); )*)?
                $crate::json::Value::Object(object)
            }
        }

        impl $crate::json::FromJson for $type {
            fn from_json(v: &$crate::json::Value) -> Result<$type, $crate::json::DecodeError> {
                Ok($type {
                    $( $field: v.field(stringify!($field))?, )*
                    $($( $defaulted: v.field_or_default(stringify!($defaulted))?, )*)?
                })
            }
        }
    };
}

/// How strings are escaped: Go's encoder also escapes HTML-significant characters.
#[derive(Clone, Copy, PartialEq)]
enum Escaping {
    Go,
    Plain,
}

fn escape_into(s: &str, escaping: Escaping, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let go = escaping == Escaping::Go;
    let bytes = s.as_bytes();
    out.push('"');
    // Runs that need no escape are copied whole; only the bytes below decide where runs end.
    let mut run_start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        // The escape, and how many input bytes it replaces.
        let (escape, width): (&str, usize) = match byte {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            0x08 if !go => ("\\b", 1),
            0x0c if !go => ("\\f", 1),
            b'<' if go => ("\\u003c", 1),
            b'>' if go => ("\\u003e", 1),
            b'&' if go => ("\\u0026", 1),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            0xE2 if go && bytes.get(at + 1..at + 3) == Some(&[0x80, 0xA8]) => ("\\u2028", 3),
            0xE2 if go && bytes.get(at + 1..at + 3) == Some(&[0x80, 0xA9]) => ("\\u2029", 3),
            0x00..=0x1f => ("", 1),
            _ => continue,
        };
        out.push_str(&s[run_start..at]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        run_start = at + width;
    }
    out.push_str(&s[run_start..]);
    out.push('"');
}

struct Style<'a> {
    indent: Option<&'a str>,
    sort_keys: bool,
    escaping: Escaping,
}

fn write(v: &Value, style: &Style, depth: usize, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        if let Some(unit) = style.indent {
            out.push('\n');
            for _ in 0..depth {
                out.push_str(unit);
            }
        }
    };
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => n.write(out),
        Value::String(s) => escape_into(s, style.escaping, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write(item, style, depth + 1, out);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if style.sort_keys {
                crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            }
            for (i, (k, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                escape_into(k, style.escaping, out);
                out.push(':');
                if style.indent.is_some() {
                    out.push(' ');
                }
                write(item, style, depth + 1, out);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

/// `json.Marshal` of a decoded value: map keys come out sorted.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write(v, &Style { indent: None, sort_keys: true, escaping: Escaping::Go }, 0, &mut out);
    out
}

/// `json.Indent(raw, "", "    ")`, as `docker inspect` prints the daemon's answer: field
/// order as the daemon wrote it.
pub fn go_json_indent(v: &Value) -> String {
    let mut out = String::new();
    write(v, &Style { indent: Some("    "), sort_keys: false, escaping: Escaping::Go }, 0, &mut out);
    out
}

/// Compact, members in insertion order, only the escapes JSON requires: the saved session, and
/// the config a commit hashes into its image ID.
pub fn to_compact(v: &Value) -> String {
    let mut out = String::new();
    write(v, &Style { indent: None, sort_keys: false, escaping: Escaping::Plain }, 0, &mut out);
    out
}

/// Why a text is not JSON, and where (1-based line, column of the offending character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// Nesting deeper than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 128;

pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser { bytes: text.as_bytes(), at: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> ParseError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = self.at - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        ParseError { message, line, column }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.at).copied()
    }

    fn expect_word(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.expect_word("null", Value::Null),
            Some(b't') => self.expect_word("true", Value::Bool(true)),
            Some(b'f') => self.expect_word("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                let mut items = Vec::new();
                self.delimited(b']', ["EOF while parsing a list", "expected `,` or `]`"], |p| {
                    items.push(p.value(depth + 1)?);
                    Ok(())
                })?;
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                let mut map = Map::new();
                self.delimited(b'}', ["EOF while parsing an object", "expected `,` or `}`"], |p| {
                    if p.peek() != Some(b'"') {
                        return Err(p.error("key must be a string"));
                    }
                    let key = p.string()?;
                    if p.peek() != Some(b':') {
                        return Err(p.error("expected `:`"));
                    }
                    p.at += 1;
                    let value = p.value(depth + 1)?;
                    map.push(key, value);
                    Ok(())
                })?;
                Ok(Value::Object(map))
            }
            Some(_) => Err(self.error("expected value")),
        }
    }

    /// The items of an array or object from its opening byte through `close`: `item` reads
    /// one, commas separate them; the messages say what ended the input or stood in the way.
    fn delimited(
        &mut self,
        close: u8,
        [eof, unexpected]: [&'static str; 2],
        mut item: impl FnMut(&mut Self) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        self.at += 1;
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {
                    self.at += 1;
                    return Ok(());
                }
                None => return Err(self.error(eof)),
                Some(_) => return Err(self.error(unexpected)),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut code = 0;
        for &d in digits {
            let nibble = char::from(d).to_digit(16).ok_or_else(|| self.error("invalid escape"))?;
            code = code * 16 + nibble;
        }
        self.at += 4;
        Ok(code)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a `str` and the run stops only at ASCII bytes, so it is whole UTF-8.
            out.push_str(std::str::from_utf8(&self.bytes[run_start..self.at]).unwrap_or_default());
            match self.bytes.get(self.at) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.bytes.get(self.at).copied();
                    self.at += 1;
                    let c = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        None => return Err(self.error("EOF while parsing a string")),
                        Some(_) => {
                            self.at -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("invalid surrogate pair in hex escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate in hex escape"))
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.bytes.get(p.at), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at - from
        };
        if self.bytes[self.at] == b'-' {
            self.at += 1;
        }
        let integer_digits = digits(self);
        let leading_zero = self.bytes.get(self.at - integer_digits) == Some(&b'0') && integer_digits > 1;
        if integer_digits == 0 || leading_zero {
            return Err(self.error("invalid number"));
        }
        let mut float = false;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            float = true;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            float = true;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default();
        let number = if float {
            None
        } else if let Ok(i) = text.parse::<i64>() {
            Some(Number::Int(i))
        } else {
            text.parse::<u64>().ok().map(Number::Uint)
        };
        match number {
            Some(n) => Ok(Value::Number(n)),
            None => match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Ok(Value::Number(Number::Float(f))),
                _ => Err(self.error("number out of range")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_go() {
        assert_eq!(go_json(&json!({"a": "<b>&"})), "{\"a\":\"\\u003cb\\u003e\\u0026\"}");
        assert_eq!(go_json_indent(&json!([{"x": []}])), "[\n    {\n        \"x\": []\n    }\n]");
        assert_eq!(go_json(&json!({"b": 1, "a": [null, true, 1.5, -2]})), "{\"a\":[null,true,1.5,-2],\"b\":1}");
        assert_eq!(go_json(&json!([1e21, 1e-7, 0.000001])), "[1e+21,1e-7,0.000001]");
        assert_eq!(go_json(&json!("é\u{2028}\u{2029}\u{1}\u{8}\"\\")), r#""é\u2028\u2029\u0001\u0008\"\\""#);
    }

    #[test]
    fn compact_form_escapes_only_what_json_requires() {
        assert_eq!(to_compact(&json!({"b": "<\u{8}\u{1}>", "a": 1})), "{\"b\":\"<\\b\\u0001>\",\"a\":1}");
    }

    #[test]
    fn parses_what_it_writes_and_keeps_integers_exact() {
        let text =
            r#"{"seed":18446744073709551615,"n":-3,"f":2.5e3,"s":"a\"\\\/\u00e9\ud83d\ude00\n","l":[{},[]],"z":null}"#;
        let value = parse(text).unwrap();
        assert_eq!(value.get("seed"), Some(&Value::Number(Number::Uint(u64::MAX))));
        assert_eq!(value.get("n"), Some(&Value::Number(Number::Int(-3))));
        assert_eq!(value.get("f"), Some(&json!(2500.0)));
        assert_eq!(value.get("s").and_then(Value::as_str), Some("a\"\\/é😀\n"));
        assert_eq!(parse(&to_compact(&value)).unwrap(), value);
    }

    #[test]
    fn refuses_what_is_not_json_with_a_position() {
        for (text, message) in [
            ("", "EOF while parsing a value"),
            ("{\"a\" 1}", "expected `:`"),
            ("[1,]", "expected value"),
            ("[1 2]", "expected `,` or `]`"),
            ("01", "invalid number"),
            ("\"\\x\"", "invalid escape"),
            ("\"\\ud800\"", "lone leading surrogate in hex escape"),
            ("{} x", "trailing characters"),
            ("1e999", "number out of range"),
            ("\"abc", "EOF while parsing a string"),
            ("tru", "expected value"),
        ] {
            assert_eq!(parse(text).map_err(|e| e.message), Err(message), "{text}");
        }
        assert_eq!(parse("[\n  x]").unwrap_err().to_string(), "expected value at line 2 column 3");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
    }
}
