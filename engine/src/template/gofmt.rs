//! Go's `fmt.Sprintf` as the template function `printf` runs it, over the values a template
//! holds (decoded JSON): `fmt/print.go` (doPrintf, printArg, printValue, badVerb, the
//! `%!verb(…)` notes) and `fmt/format.go` (pad, fmtInteger, fmtFloat, fmtS, fmtQ, fmtSbx), with
//! `strconv/ftoa.go` (formatDigits) for floats. Widths, precisions and the flags `-`, `+`, ` `,
//! `0`, `#` (for integers and strings) are kept; `*` widths and `[n]` argument indexes are read
//! as Go reads them.

use serde_json::Value;

use super::exec::NO_VALUE;

#[derive(Default, Clone, Copy)]
struct Flags {
    wid: Option<usize>,
    prec: Option<usize>,
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    /// `%+v` and `%#v` (print.go moves plus and sharp here for `v`).
    plus_v: bool,
    sharp_v: bool,
}

/// One operand: what a template value is to fmt.
#[derive(Clone, Copy)]
enum Arg<'a> {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(&'a str),
    List(&'a [Value]),
    Map(&'a serde_json::Map<String, Value>),
}

fn arg_of(v: &Value) -> Arg<'_> {
    match v {
        Value::Null => Arg::Nil,
        Value::Bool(b) => Arg::Bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Arg::Int(i),
            (None, Some(u)) => Arg::Uint(u),
            _ => Arg::Float(n.as_f64().unwrap_or(0.0)),
        },
        // A missing map key reaches a function as a nil interface (exec.go validateType).
        Value::String(s) if s == NO_VALUE => Arg::Nil,
        Value::String(s) => Arg::Str(s),
        Value::Array(items) => Arg::List(items),
        Value::Object(map) => Arg::Map(map),
    }
}

/// The Go type `%!verb(TYPE=…)` names: integers the template wrote are `int`, JSON numbers with
/// a fraction `float64`, lists and objects the decoded JSON's types.
fn type_name(arg: Arg) -> &'static str {
    match arg {
        Arg::Nil => "<nil>",
        Arg::Bool(_) => "bool",
        Arg::Int(_) => "int",
        Arg::Uint(_) => "uint64",
        Arg::Float(_) => "float64",
        Arg::Str(_) => "string",
        Arg::List(_) => "[]interface {}",
        Arg::Map(_) => "map[string]interface {}",
    }
}

struct Printer {
    buf: String,
    f: Flags,
}

/// `fmt.Sprintf(format, args…)`.
pub(super) fn sprintf(format: &str, args: &[Value]) -> String {
    let mut p = Printer { buf: String::new(), f: Flags::default() };
    let bytes = format.as_bytes();
    let end = bytes.len();
    let mut arg_num = 0usize;
    let mut reordered = false;
    let mut i = 0;
    while i < end {
        let mut good_arg_num = true;
        let last = i;
        while i < end && bytes[i] != b'%' {
            i += 1;
        }
        p.buf.push_str(&format[last..i]);
        if i >= end {
            break;
        }
        i += 1;
        p.f = Flags::default();
        while i < end {
            match bytes[i] {
                b'#' => p.f.sharp = true,
                b'0' => p.f.zero = true,
                b'+' => p.f.plus = true,
                b'-' => p.f.minus = true,
                b' ' => p.f.space = true,
                _ => break,
            }
            i += 1;
        }
        // An explicit argument index `[n]`.
        let mut after_index;
        (arg_num, i, after_index) = arg_number(&mut reordered, &mut good_arg_num, arg_num, format, i, args.len());
        if i < end && bytes[i] == b'*' {
            i += 1;
            let (wid, ok, next) = int_from_arg(args, arg_num);
            arg_num = next;
            if !ok {
                p.buf.push_str("%!(BADWIDTH)");
            }
            match wid {
                Some(w) if w < 0 => {
                    p.f.wid = Some(w.unsigned_abs() as usize);
                    p.f.minus = true;
                    p.f.zero = false;
                }
                Some(w) => p.f.wid = Some(w as usize),
                None => {}
            }
            after_index = false;
        } else {
            let (num, present, next) = parse_num(bytes, i, end);
            if present {
                p.f.wid = Some(num);
                if after_index {
                    good_arg_num = false;
                }
            }
            i = next;
        }
        if i + 1 < end && bytes[i] == b'.' {
            i += 1;
            if after_index {
                good_arg_num = false;
            }
            (arg_num, i, after_index) = arg_number(&mut reordered, &mut good_arg_num, arg_num, format, i, args.len());
            if i < end && bytes[i] == b'*' {
                i += 1;
                let (prec, ok, next) = int_from_arg(args, arg_num);
                arg_num = next;
                // Negative precisions make no sense: none at all.
                p.f.prec = prec.filter(|p| *p >= 0).map(|p| p as usize);
                if !ok || p.f.prec.is_none() {
                    p.buf.push_str("%!(BADPREC)");
                }
                after_index = false;
            } else {
                let (num, present, next) = parse_num(bytes, i, end);
                p.f.prec = Some(if present { num } else { 0 });
                i = next;
            }
        }
        if !after_index {
            (arg_num, i, _) = arg_number(&mut reordered, &mut good_arg_num, arg_num, format, i, args.len());
        }
        if i >= end {
            p.buf.push_str("%!(NOVERB)");
            break;
        }
        let verb = format[i..].chars().next().unwrap_or('?');
        i += verb.len_utf8();
        match verb {
            // Percent takes no operand and ignores width and precision.
            '%' => p.buf.push('%'),
            _ if !good_arg_num => {
                p.buf.push_str("%!");
                p.buf.push(verb);
                p.buf.push_str("(BADINDEX)");
            }
            _ if arg_num >= args.len() => {
                p.buf.push_str("%!");
                p.buf.push(verb);
                p.buf.push_str("(MISSING)");
            }
            _ => {
                if verb == 'v' {
                    p.f.sharp_v = std::mem::take(&mut p.f.sharp);
                    p.f.plus_v = std::mem::take(&mut p.f.plus);
                }
                p.print_arg(arg_of(&args[arg_num]), verb);
                arg_num += 1;
            }
        }
    }
    // Arguments left over, unless the format picked them by index.
    if !reordered && arg_num < args.len() {
        p.f = Flags::default();
        p.buf.push_str("%!(EXTRA ");
        for (n, arg) in args[arg_num..].iter().enumerate() {
            if n > 0 {
                p.buf.push_str(", ");
            }
            let arg = arg_of(arg);
            if let Arg::Nil = arg {
                p.buf.push_str("<nil>");
            } else {
                p.buf.push_str(type_name(arg));
                p.buf.push('=');
                p.print_arg(arg, 'v');
            }
        }
        p.buf.push(')');
    }
    p.buf
}

/// parsenum: decimal digits; absurd sizes are no number.
fn parse_num(s: &[u8], start: usize, end: usize) -> (usize, bool, usize) {
    let mut num: usize = 0;
    let mut present = false;
    let mut i = start;
    while i < end && s[i].is_ascii_digit() {
        if num > 1_000_000 {
            return (0, false, end);
        }
        num = num * 10 + (s[i] - b'0') as usize;
        present = true;
        i += 1;
    }
    (num, present, i)
}

/// argNumber: `[n]` (one-based) picks the operand; a bad one spoils this verb.
fn arg_number(
    reordered: &mut bool,
    good: &mut bool,
    arg_num: usize,
    format: &str,
    i: usize,
    num_args: usize,
) -> (usize, usize, bool) {
    let bytes = format.as_bytes();
    if i >= bytes.len() || bytes[i] != b'[' {
        return (arg_num, i, false);
    }
    *reordered = true;
    let rest = &bytes[i..];
    // parseArgNumber
    let (index, wid, ok) = if rest.len() < 3 {
        (0usize, 1usize, false)
    } else {
        match rest.iter().position(|&b| b == b']') {
            Some(close) => {
                let (num, present, next) = parse_num(rest, 1, close);
                if !present || next != close {
                    (0, close + 1, false)
                } else {
                    (num.wrapping_sub(1), close + 1, true)
                }
            }
            None => (0, 1, false),
        }
    };
    if ok && index < num_args {
        return (index, i + wid, true);
    }
    *good = false;
    (arg_num, i + wid, ok)
}

/// intFromArg: an integer operand for `*`.
fn int_from_arg(args: &[Value], arg_num: usize) -> (Option<i64>, bool, usize) {
    match args.get(arg_num).map(arg_of) {
        Some(Arg::Int(n)) if n.unsigned_abs() <= 1_000_000 => (Some(n), true, arg_num + 1),
        Some(Arg::Uint(n)) if n <= 1_000_000 => (Some(n as i64), true, arg_num + 1),
        Some(_) => (None, false, arg_num + 1),
        None => (None, false, arg_num),
    }
}

impl Printer {
    fn print_arg(&mut self, arg: Arg, verb: char) {
        if let Arg::Nil = arg {
            match verb {
                'T' | 'v' => self.pad_string("<nil>"),
                _ => self.bad_verb(arg, verb),
            }
            return;
        }
        if verb == 'T' {
            let name = type_name(arg);
            self.fmt_s(name);
            return;
        }
        self.print_value(arg, verb);
    }

    fn print_value(&mut self, arg: Arg, verb: char) {
        match arg {
            // A nil inside a list or map (an empty interface) prints as <nil> whatever the verb.
            Arg::Nil => self.buf.push_str("<nil>"),
            Arg::Bool(b) => match verb {
                't' | 'v' => self.pad_string(if b { "true" } else { "false" }),
                _ => self.bad_verb(arg, verb),
            },
            Arg::Int(n) => self.fmt_integer(n.unsigned_abs(), n < 0, true, verb, arg),
            Arg::Uint(n) => self.fmt_integer(n, false, false, verb, arg),
            Arg::Float(v) => self.fmt_float_verb(v, verb, arg),
            Arg::Str(s) => match verb {
                'v' if self.f.sharp_v => self.fmt_q(s),
                'v' | 's' => self.fmt_s(s),
                'x' => self.fmt_sx(s, false),
                'X' => self.fmt_sx(s, true),
                'q' => self.fmt_q(s),
                _ => self.bad_verb(arg, verb),
            },
            Arg::List(items) => {
                self.buf.push('[');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        self.buf.push(' ');
                    }
                    self.print_value(arg_of(item), verb);
                }
                self.buf.push(']');
            }
            // fmtsort: keys in order.
            Arg::Map(map) => {
                self.buf.push_str("map[");
                let mut keys: Vec<&String> = map.keys().collect();
                crate::sorting::sort_by(&mut keys, |a, b| a.cmp(b));
                for (n, key) in keys.into_iter().enumerate() {
                    if n > 0 {
                        self.buf.push(' ');
                    }
                    self.print_value(Arg::Str(key), verb);
                    self.buf.push(':');
                    self.print_value(arg_of(&map[key]), verb);
                }
                self.buf.push(']');
            }
        }
    }

    /// badVerb: `%!verb(TYPE=VALUE)`, the value printed with `%v` and no flags' effect on it
    /// beyond what `v` keeps.
    fn bad_verb(&mut self, arg: Arg, verb: char) {
        self.buf.push_str("%!");
        self.buf.push(verb);
        self.buf.push('(');
        if let Arg::Nil = arg {
            self.buf.push_str("<nil>");
        } else {
            self.buf.push_str(type_name(arg));
            self.buf.push('=');
            self.print_value(arg, 'v');
        }
        self.buf.push(')');
    }

    fn write_padding(&mut self, n: usize) {
        let byte = if self.f.zero { '0' } else { ' ' };
        self.buf.extend(std::iter::repeat_n(byte, n));
    }

    /// pad: to the width, counted in runes, on the left or (`-`) the right.
    fn pad_string(&mut self, s: &str) {
        let Some(wid) = self.f.wid.filter(|w| *w > 0) else {
            self.buf.push_str(s);
            return;
        };
        let width = wid.saturating_sub(s.chars().count());
        if self.f.minus {
            self.buf.push_str(s);
            self.write_padding(width);
        } else {
            self.write_padding(width);
            self.buf.push_str(s);
        }
    }

    /// fmtS: the precision cuts the string to that many runes.
    fn fmt_s(&mut self, s: &str) {
        let s = match self.f.prec {
            Some(n) => s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i]),
            None => s,
        };
        self.pad_string(s);
    }

    /// fmtSbx for a string: two hex digits a byte, `#` adds 0x, ` ` separates bytes.
    fn fmt_sx(&mut self, s: &str, upper: bool) {
        let digits: &[u8; 16] = if upper { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
        let x = if upper { 'X' } else { 'x' };
        let mut length = s.len();
        if let Some(p) = self.f.prec {
            length = length.min(p);
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.f.space {
                if self.f.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.f.sharp {
                width += 2;
            }
        } else {
            if let Some(w) = self.f.wid {
                self.write_padding(w);
            }
            return;
        }
        let wid = self.f.wid.unwrap_or(0);
        if wid > width && !self.f.minus {
            self.write_padding(wid - width);
        }
        if self.f.sharp {
            self.buf.push('0');
            self.buf.push(x);
        }
        for (n, b) in s.as_bytes()[..length].iter().enumerate() {
            if self.f.space && n > 0 {
                self.buf.push(' ');
                if self.f.sharp {
                    self.buf.push('0');
                    self.buf.push(x);
                }
            }
            self.buf.push(digits[(b >> 4) as usize] as char);
            self.buf.push(digits[(b & 0xF) as usize] as char);
        }
        if wid > width && self.f.minus {
            self.write_padding(wid - width);
        }
    }

    /// fmtQ: strconv.Quote (`+`: ASCII only), or a raw string with `#` when it can be one.
    fn fmt_q(&mut self, s: &str) {
        let s = match self.f.prec {
            Some(n) => s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i]),
            None => s,
        };
        let can_backquote = !s.chars().any(|c| c == '`' || c == '\u{FEFF}' || (c.is_control() && c != '\t'));
        let quoted = if self.f.sharp && can_backquote { format!("`{s}`") } else { quote(s, self.f.plus, '"') };
        self.pad_string(&quoted);
    }

    fn fmt_integer(&mut self, magnitude: u64, negative: bool, signed: bool, verb: char, arg: Arg) {
        let (base, upper) = match verb {
            'v' | 'd' => (10, false),
            'b' => (2, false),
            'o' | 'O' => (8, false),
            'x' => (16, false),
            'X' => (16, true),
            'c' => {
                let c = char::from_u32(magnitude as u32).filter(|_| !negative).unwrap_or('\u{FFFD}');
                return self.pad_string(&c.to_string());
            }
            'q' => {
                let c = char::from_u32(magnitude as u32).filter(|_| !negative).unwrap_or('\u{FFFD}');
                return self.pad_string(&quote(&c.to_string(), self.f.plus, '\''));
            }
            'U' => {
                let mut s = format!("U+{magnitude:04X}");
                if self.f.sharp {
                    if let Some(c) = char::from_u32(magnitude as u32).filter(|c| !c.is_control()) {
                        s.push_str(&format!(" '{c}'"));
                    }
                }
                return self.pad_string(&s);
            }
            _ => return self.bad_verb(arg, verb),
        };
        let _ = signed;
        // Precision 0 and value 0 print nothing but the padding.
        if self.f.prec == Some(0) && magnitude == 0 {
            let zero = std::mem::take(&mut self.f.zero);
            self.write_padding(self.f.wid.unwrap_or(0));
            self.f.zero = zero;
            return;
        }
        // Two ways to ask for leading zeros, %.3d and %03d; the first cancels the second.
        let mut prec = 0;
        if let Some(p) = self.f.prec {
            prec = p;
        } else if self.f.zero && !self.f.minus && self.f.wid.is_some() {
            prec = self.f.wid.unwrap_or(0);
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1);
            }
        }
        let digits = match base {
            2 => format!("{magnitude:b}"),
            8 => format!("{magnitude:o}"),
            16 if upper => format!("{magnitude:X}"),
            16 => format!("{magnitude:x}"),
            _ => magnitude.to_string(),
        };
        let mut body = "0".repeat(prec.saturating_sub(digits.len()));
        body.push_str(&digits);
        let mut prefix = String::new();
        if self.f.sharp {
            match base {
                2 => prefix.push_str("0b"),
                8 if !body.starts_with('0') => prefix.push('0'),
                16 if upper => prefix.push_str("0X"),
                16 => prefix.push_str("0x"),
                _ => {}
            }
        }
        if verb == 'O' {
            prefix = "0o".to_string();
        }
        let sign = if negative {
            "-"
        } else if self.f.plus {
            "+"
        } else if self.f.space {
            " "
        } else {
            ""
        };
        let text = format!("{sign}{prefix}{body}");
        // Zero padding was done as precision, or an explicit precision turned it off.
        let zero = std::mem::take(&mut self.f.zero);
        self.pad_string(&text);
        self.f.zero = zero;
    }

    fn fmt_float_verb(&mut self, v: f64, verb: char, arg: Arg) {
        let (fmt, default_prec) = match verb {
            'v' => ('g', None),
            'g' | 'G' => (verb, None),
            'f' | 'F' => ('f', Some(6)),
            'e' | 'E' => (verb, Some(6)),
            _ => return self.bad_verb(arg, verb),
        };
        let prec = self.f.prec.or(default_prec);
        let mut num = format_float(v, fmt, prec);
        // The sign: `+` shows it, ` ` a space instead of a plus.
        if !num.starts_with('-') {
            num.insert(0, '+');
        }
        if self.f.space && num.starts_with('+') && !self.f.plus {
            num.replace_range(0..1, " ");
        }
        if num[1..].starts_with("Inf") || num[1..].starts_with("NaN") {
            let zero = std::mem::take(&mut self.f.zero);
            if num[1..].starts_with("NaN") && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            self.pad_string(&num);
            self.f.zero = zero;
            return;
        }
        if self.f.plus || !num.starts_with('+') {
            // Zero padding goes between the sign and the digits.
            if self.f.zero && !self.f.minus && self.f.wid.is_some_and(|w| w > num.len()) {
                let wid = self.f.wid.unwrap_or(0);
                self.buf.push_str(&num[..1]);
                self.write_padding(wid - num.len());
                self.buf.push_str(&num[1..]);
                return;
            }
            self.pad_string(&num);
            return;
        }
        self.pad_string(&num[1..]);
    }
}

/// strconv.FormatFloat(v, fmt, prec, 64) for 'e', 'E', 'f', 'g', 'G' (`None`: the shortest
/// that reads back, ftoa.go's prec -1).
fn format_float(v: f64, fmt: char, prec: Option<usize>) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf".to_string() } else { "-Inf".to_string() };
    }
    let neg = v.is_sign_negative();
    if fmt == 'f' {
        // Rust rounds the exact binary value half to even, as ftoa's decimal does.
        let p = prec.unwrap_or(6);
        return format!("{v:.p$}");
    }
    let upper = fmt == 'E' || fmt == 'G';
    let e = if upper { 'E' } else { 'e' };
    match fmt {
        'e' | 'E' => {
            let (digits, dp) = decimal_digits(v, prec.map(|p| p + 1));
            let p = prec.unwrap_or(digits.len().saturating_sub(1));
            fmt_e(neg, &digits, dp, p, e)
        }
        _ => {
            // %g: ftoa.go formatDigits.
            let shortest = prec.is_none();
            let wanted = prec.map(|p| p.max(1));
            let (digits, dp) = decimal_digits(v, wanted);
            let nd = digits.len() as i64;
            let mut p = wanted.map_or(nd, |p| p as i64);
            let mut eprec = p;
            if eprec > nd && nd >= dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dp - 1;
            if exp < -4 || exp >= eprec {
                if p > nd {
                    p = nd;
                }
                return fmt_e(neg, &digits, dp, (p - 1).max(0) as usize, e);
            }
            if p > dp {
                p = nd;
            }
            fmt_f(neg, &digits, dp, (p - dp).max(0) as usize)
        }
    }
}

/// The decimal digits of |v| (trailing zeros trimmed, none for zero) and the position of the
/// decimal point, rounded to `significant` digits or the shortest that reads back.
fn decimal_digits(v: f64, significant: Option<usize>) -> (Vec<u8>, i64) {
    let v = v.abs();
    if v == 0.0 {
        return (Vec::new(), 0);
    }
    let text = match significant {
        Some(n) => format!("{:.*e}", n.max(1) - 1, v),
        None => format!("{v:e}"),
    };
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, exponent + 1)
}

/// %e: -d.ddddde±dd
fn fmt_e(neg: bool, digits: &[u8], dp: i64, prec: usize, e: char) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push(digits.first().map_or('0', |d| *d as char));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(digits.get(i).map_or('0', |d| *d as char));
        }
    }
    out.push(e);
    let exp = if digits.is_empty() { 0 } else { dp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let exp = exp.unsigned_abs();
    if exp < 10 {
        out.push('0');
    }
    out.push_str(&exp.to_string());
    out
}

/// %f: -ddddd.ddddd
fn fmt_f(neg: bool, digits: &[u8], dp: i64, prec: usize) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if dp > 0 {
        for i in 0..dp as usize {
            out.push(digits.get(i).map_or('0', |d| *d as char));
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec as i64 {
            let j = dp + i;
            out.push(if j >= 0 { digits.get(j as usize).map_or('0', |d| *d as char) } else { '0' });
        }
    }
    out
}

/// strconv.Quote / QuoteToASCII / QuoteRune: Go's escapes; printable runes kept (beyond ASCII
/// Rust's notion of a control character stands in for unicode.IsPrint).
fn quote(s: &str, ascii_only: bool, q: char) -> String {
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            _ if c == q => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7F => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_ascii() => out.push(c),
            c if !ascii_only && !c.is_control() => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(q);
    out
}

#[cfg(test)]
mod tests {
    use super::sprintf;
    use serde_json::json;

    fn f(format: &str, args: serde_json::Value) -> String {
        sprintf(format, args.as_array().unwrap())
    }

    #[test]
    fn widths_precisions_and_flags() {
        assert_eq!(f("[%5s|%-5s|%.2s]", json!(["ab", "ab", "abc"])), "[   ab|ab   |ab]");
        assert_eq!(
            f("[%5d|%-5d|%05d|%+d|% d|%x|%#x|%X|%o|%b]", json!([3, 3, -3, 3, 3, 255, 255, 255, 8, 5])),
            "[    3|3    |-0003|+3| 3|ff|0xff|FF|10|101]"
        );
        assert_eq!(
            f("[%.2f|%8.3f|%e|%g|%g|%v|%G]", json!([1.005, 2.71, 1234.5678, 1e6, 0.0001, 2.5, 1e-7])),
            "[1.00|   2.710|1.234568e+03|1e+06|0.0001|2.5|1E-07]"
        );
        assert_eq!(f("%d %s", json!(["x", 1])), "%!d(string=x) %!s(int=1)");
        assert_eq!(f("%d", json!([])), "%!d(MISSING)");
        assert_eq!(f("%d", json!([1, "a"])), "1%!(EXTRA string=a)");
        assert_eq!(f("%q %v %d", json!(["a\"b", null, null])), "\"a\\\"b\" <nil> %!d(<nil>)");
        assert_eq!(f("%", json!([])), "%!(NOVERB)");
        assert_eq!(f("%*d|%-*d|", json!([4, 7, 3, 1])), "   7|1  |");
        assert_eq!(f("%[2]s %[1]s", json!(["a", "b"])), "b a");
        assert_eq!(f("%s", json!([["a", "b"]])), "[a b]");
        assert_eq!(f("%5.1f%%", json!([99.44])), " 99.4%");
    }
}
