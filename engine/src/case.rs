//! Go's simple case mapping (`unicode.ToLower` / `unicode.ToUpper`, one rune to one rune), as
//! `strings.ToLower`, `strings.ToUpper` and the reference grammar's checks use it.
//!
//! Why not `str::to_lowercase`: Rust applies the full mappings (`ß` → `SS`, final sigma), which
//! Go does not, and its tables weigh ~30 KB in the page's wasm; these runs weigh ~5 KB.

mod tables;

/// `count` code points from `first`, `step` apart, each mapping to itself plus `delta`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    first: u32,
    count: u16,
    step: u8,
    delta: i32,
}

fn map_char(c: char, runs: &[Run]) -> char {
    let code = c as u32;
    let after = runs.partition_point(|run| run.first <= code);
    let Some(run) = after.checked_sub(1).map(|i| runs[i]) else {
        return c;
    };
    let offset = code - run.first;
    let step = u32::from(run.step);
    if !offset.is_multiple_of(step) || offset / step >= u32::from(run.count) {
        return c;
    }
    code.checked_add_signed(run.delta).and_then(char::from_u32).unwrap_or(c)
}

pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        map_char(c, tables::TO_LOWER)
    }
}

/// `unicode.ToTitle`: as [`upper_char`], except where Go's CaseRanges give title case its own
/// delta: the four Latin digraphs map to their title-case form (Ǆ ǅ ǆ → ǅ), and the Georgian
/// Mkhedruli letters, whose upper case is Mtavruli, stay as they are.
pub fn title_char(c: char) -> char {
    match c {
        '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
        '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
        '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
        '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
        '\u{10D0}'..='\u{10FA}' | '\u{10FD}'..='\u{10FF}' => c,
        _ => upper_char(c),
    }
}

pub fn upper_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_uppercase()
    } else {
        map_char(c, tables::TO_UPPER)
    }
}

/// `strings.ToLower`.
pub fn to_lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.chars().map(lower_char).collect()
    }
}

/// `strings.ToUpper`.
pub fn to_upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.chars().map(upper_char).collect()
    }
}

/// Whether lowering changes nothing (`strings.ToLower(s) == s`), without building the copy.
pub fn is_lower(s: &str) -> bool {
    s.chars().all(|c| lower_char(c) == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The simple mapping, read from the toolchain's full mapping: where that gives one
    /// character it is the simple mapping; where it gives several, UnicodeData's simple
    /// mapping is listed here.
    fn simple(c: char, upper: bool) -> char {
        let full: Vec<char> = if upper { c.to_uppercase().collect() } else { c.to_lowercase().collect() };
        if let [one] = full[..] {
            return one;
        }
        let code = c as u32;
        let iota_subscript_titlecase = |base: u32| (base..base + 8).contains(&code);
        match (upper, code) {
            (true, _) if [0x1F80, 0x1F90, 0x1FA0].into_iter().any(iota_subscript_titlecase) => {
                char::from_u32(code + 8).unwrap()
            }
            (true, 0x1FB3) => '\u{1FBC}',
            (true, 0x1FC3) => '\u{1FCC}',
            (true, 0x1FF3) => '\u{1FFC}',
            (false, 0x130) => 'i',
            _ => c,
        }
    }

    #[test]
    fn tables_match_the_toolchains_unicode() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(lower_char(c), simple(c, false), "lower of U+{:04X}", c as u32);
            assert_eq!(upper_char(c), simple(c, true), "upper of U+{:04X}", c as u32);
        }
    }

    #[test]
    fn strings_map_rune_by_rune_as_go_does() {
        assert_eq!(to_lower("Ubuntu:16.04"), "ubuntu:16.04");
        assert_eq!(to_upper("straße"), "STRAßE", "no full mapping: ß has no simple uppercase");
        assert_eq!(to_lower("ΟΔΟΣ"), "οδοσ", "no final-sigma rule");
        assert_eq!(to_lower("İ"), "i");
        assert_eq!(to_upper("ᾳ"), "ᾼ");
        assert_eq!(to_upper("ǆ"), "Ǆ");
        assert!(is_lower("busybox:латест"));
        assert!(!is_lower("BusyBox"));
    }

    #[test]
    #[ignore = "writes the tables; run by hand after a toolchain's Unicode update"]
    fn print_tables() {
        for (name, upper) in [("TO_LOWER", false), ("TO_UPPER", true)] {
            let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let mapped = simple(c, upper);
                if mapped == c {
                    continue;
                }
                let (code, delta) = (c as u32, i64::from(mapped as u32) - i64::from(c as u32));
                if let Some((first, count, step, run_delta)) = runs.last_mut() {
                    let gap = code - (*first + (*count - 1) * *step);
                    let extends = *run_delta == delta && (gap == *step || (*count == 1 && gap <= 2));
                    if extends && *count < u32::from(u16::MAX) {
                        *step = gap;
                        *count += 1;
                        continue;
                    }
                }
                runs.push((code, 1, 1, delta));
            }
            println!("pub(crate) const {name}: &[Run] = &[");
            for (first, count, step, delta) in runs {
                println!("    Run {{ first: 0x{first:04X}, count: {count}, step: {step}, delta: {delta} }},");
            }
            println!("];");
        }
    }
}
