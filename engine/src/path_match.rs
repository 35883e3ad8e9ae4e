//! Go's `path.Match` (`src/path/match.go`), which moby's `reference=` filters use through
//! `reference.FamiliarMatch`.

use thiserror::Error;

/// `path.Match` is refused a malformed pattern (`syntax error in pattern`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("syntax error in pattern")]
pub struct BadPattern;

/// Go's `path.Match` (what `reference.FamiliarMatch` uses for `reference=` filters): `*` any
/// run of characters but `/`, `?` one character but `/`, `[…]` classes with `^` and ranges,
/// `\` escapes. Like Go, it matches chunk by chunk (the text between stars), trying each
/// start only for the chunk after a star, so its work is bounded by pattern × name and a
/// pattern like `*a*a*a*a*b` answers at once; and like Go 1.22 it reports a malformed
/// pattern even when the name already failed to match. Go steps `*` and `?` over bytes and this
/// over characters; the two agree on ASCII, which is all a reference can hold.
pub fn path_match(pattern: &str, name: &str) -> Result<bool, BadPattern> {
    let mut pattern = pattern;
    let mut name = name;
    'chunks: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // A trailing star matches the rest of the name unless it has a `/`.
            return Ok(!name.contains('/'));
        }
        // Where the chunk matches at the current position. The last chunk must use the name up.
        let (after, ok) = match_chunk(chunk, name)?;
        if ok && (after.is_empty() || !pattern.is_empty()) {
            name = after;
            continue;
        }
        if star {
            // Skip one more character each time, never a `/`.
            for (at, c) in name.char_indices() {
                if c == '/' {
                    break;
                }
                let (after, ok) = match_chunk(chunk, &name[at + c.len_utf8()..])?;
                if ok {
                    if pattern.is_empty() && !after.is_empty() {
                        continue;
                    }
                    name = after;
                    continue 'chunks;
                }
            }
        }
        // No match; the rest of the pattern must still be well formed.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, "")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// `scanChunk`: leading stars, then everything up to the next star outside a class.
fn scan_chunk(pattern: &str) -> (bool, &str, &str) {
    let trimmed = pattern.trim_start_matches('*');
    let star = trimmed.len() != pattern.len();
    let bytes = trimmed.as_bytes();
    let mut in_range = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (star, &trimmed[..i], &trimmed[i..])
}

/// `matchChunk`: whether `chunk` (no stars) matches the start of `s`, and what follows. After a
/// mismatch the chunk is still read to the end, to report a malformed class.
fn match_chunk<'a>(chunk: &str, s: &'a str) -> Result<(&'a str, bool), BadPattern> {
    let mut chunk = chunk;
    let mut s = s;
    let mut failed = false;
    while let Some(first) = chunk.chars().next() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match first {
            '[' => {
                let mut c = '\0';
                if !failed {
                    c = s.chars().next().unwrap_or('\0');
                    s = &s[c.len_utf8()..];
                }
                chunk = &chunk[1..];
                let negated = chunk.starts_with('^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if ranges > 0 && chunk.starts_with(']') {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = class_char(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if let Some(rest) = chunk.strip_prefix('-') {
                        let (high, rest) = class_char(rest)?;
                        hi = high;
                        chunk = rest;
                    }
                    matched |= lo <= c && c <= hi;
                    ranges += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            '?' => {
                if !failed {
                    match s.chars().next() {
                        Some('/') | None => failed = true,
                        Some(c) => s = &s[c.len_utf8()..],
                    }
                }
                chunk = &chunk[1..];
            }
            _ => {
                let literal_at = if first == '\\' { 1 } else { 0 };
                let Some(literal) = chunk[literal_at..].chars().next() else {
                    return Err(BadPattern);
                };
                if !failed {
                    match s.strip_prefix(literal) {
                        Some(rest) => s = rest,
                        None => failed = true,
                    }
                }
                chunk = &chunk[literal_at + literal.len_utf8()..];
            }
        }
    }
    Ok(if failed { ("", false) } else { (s, true) })
}

/// `getEsc`: one character of a class, possibly escaped; a class may not end there.
fn class_char(chunk: &str) -> Result<(char, &str), BadPattern> {
    let chunk = match chunk.chars().next() {
        None | Some('-') | Some(']') => return Err(BadPattern),
        Some('\\') => &chunk[1..],
        Some(_) => chunk,
    };
    let c = chunk.chars().next().ok_or(BadPattern)?;
    let rest = &chunk[c.len_utf8()..];
    if rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((c, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_match_follows_go() {
        let yes = |p: &str, n: &str| assert_eq!(path_match(p, n), Ok(true), "{p} ~ {n}");
        let no = |p: &str, n: &str| assert_eq!(path_match(p, n), Ok(false), "{p} !~ {n}");
        yes("*box*", "busybox");
        no("ubu", "ubuntu");
        yes("ubuntu:1?.04", "ubuntu:14.04");
        no("*", "a/b");
        yes("*/b", "a/b");
        yes("[a-c]*", "busybox");
        yes("[^a-c]*", "ubuntu");
        no("[^a-c]*", "alpine");
        yes("a\\*b", "a*b");
        no("a\\*b", "axb");
        yes("*a*b", "xaxxb");
        no("*a*b", "xaxxbx");
        yes("*", "");
        no("?", "");
        yes("日?", "日本");
        for bad in ["[", "[]", "[a-", "a\\", "[x-]", "x[", "*[a"] {
            assert_eq!(path_match(bad, "zzz"), Err(BadPattern), "{bad}");
        }
        // Malformed after a mismatch is still malformed (Go 1.22).
        assert_eq!(path_match("b[", "a"), Err(BadPattern));
    }

    /// Each star retries one chunk at each position; a backtracking matcher would take
    /// 2^12 paths here, this takes a few thousand steps.
    #[test]
    fn path_match_is_not_exponential() {
        let pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
        let name = "a".repeat(60);
        let started = std::time::Instant::now();
        assert_eq!(path_match(pattern, &name), Ok(false));
        assert_eq!(path_match(pattern, &(name.clone() + "b")), Ok(true));
        // A guard against a hang, not a speed target: exponential matching would never finish.
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
    }
}
