//! go-units formatting: `HumanSizeWithPrecision` and `HumanDuration`, plus Go's `%.Ng`.

const DECIMAL_UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/// `units.HumanSizeWithPrecision(size, precision)`: decimal units, `%.{precision}g`, no space.
pub fn human_size_with_precision(bytes: f64, precision: usize) -> String {
    if let Some(fast) = fixed_point_size(bytes, precision) {
        return fast;
    }
    let mut size = bytes;
    let mut unit = 0;
    while size >= 1000.0 && unit < DECIMAL_UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    format!("{}{}", format_g(size, precision), DECIMAL_UNITS[unit])
}

/// The common case of `%.Ng` without the scientific detour: a value in [1, 1000) whose
/// rounding stays below 1000 prints in fixed notation with trailing zeros trimmed.
fn fixed_point_size(bytes: f64, precision: usize) -> Option<String> {
    let mut size = bytes;
    let mut unit = 0;
    while size >= 1000.0 && unit < DECIMAL_UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    if !(1.0..1000.0).contains(&size) || !(1..=6).contains(&precision) {
        return None;
    }
    let integer_digits = if size >= 100.0 {
        3
    } else if size >= 10.0 {
        2
    } else {
        1
    };
    let decimals = precision.saturating_sub(integer_digits);
    let text = format!("{size:.decimals$}");
    // Rounding up can add a digit (9.996 -> "10.00"); let the general path decide then.
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits != precision.max(integer_digits) || text.starts_with("1000") {
        return None;
    }
    let mut text = text;
    let kept = trim_fraction_zeros(&text).len();
    text.truncate(kept);
    text.push_str(DECIMAL_UNITS[unit]);
    Some(text)
}

/// `docker images` SIZE column: 3 significant digits.
pub fn image_size(bytes: u64) -> String {
    human_size_with_precision(bytes as f64, 3)
}

/// `units.HumanSize`: 4 significant digits (prune totals).
pub fn human_size(bytes: u64) -> String {
    human_size_with_precision(bytes as f64, 4)
}

/// Go's `fmt.Sprintf("%.*g", precision, v)` for finite non-negative values.
pub fn format_g(value: f64, precision: usize) -> String {
    let precision = precision.max(1);
    if value == 0.0 {
        return "0".to_string();
    }
    let scientific = format!("{:.*e}", precision - 1, value);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if exponent < -4 || exponent >= precision as i32 {
        let mantissa = trim_fraction_zeros(mantissa);
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    } else {
        let decimals = (precision as i32 - 1 - exponent).max(0) as usize;
        trim_fraction_zeros(&format!("{value:.decimals$}")).to_string()
    }
}

fn trim_fraction_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// `units.HumanDuration` for a duration in nanoseconds.
pub fn human_duration(nanos: i64) -> String {
    let mut out = String::new();
    write_human_duration(&mut out, nanos);
    out
}

/// [`human_duration`] appended to `out` (listings write thousands of these).
pub fn write_human_duration(out: &mut String, nanos: i64) {
    let seconds = nanos / NANOS_PER_SECOND;
    let minutes = seconds / 60;
    let hours_f = nanos as f64 / 3_600e9;
    let hours = (hours_f + 0.5) as i64;
    let (count, unit) = if seconds < 1 {
        return out.push_str("Less than a second");
    } else if seconds == 1 {
        return out.push_str("1 second");
    } else if seconds < 60 {
        (seconds, " seconds")
    } else if minutes == 1 {
        return out.push_str("About a minute");
    } else if minutes < 60 {
        (minutes, " minutes")
    } else if hours == 1 {
        return out.push_str("About an hour");
    } else if hours < 48 {
        (hours, " hours")
    } else if hours < 24 * 7 * 2 {
        (hours / 24, " days")
    } else if hours < 24 * 30 * 2 {
        (hours / 24 / 7, " weeks")
    } else if hours < 24 * 365 * 2 {
        (hours / 24 / 30, " months")
    } else {
        ((hours_f as i64) / 24 / 365, " years")
    };
    push_decimal(out, count);
    out.push_str(unit);
}

/// Appends `n` in decimal without going through `fmt`.
pub fn push_decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_unsigned(out, n.unsigned_abs());
}

pub fn push_unsigned(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut rest = n;
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// Civil date from days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Go's `time.RFC3339Nano` in UTC: trailing zeros of the fraction dropped.
pub fn rfc3339_nano(nanos: i64) -> String {
    let secs = nanos.div_euclid(NANOS_PER_SECOND);
    let frac = nanos.rem_euclid(NANOS_PER_SECOND);
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    let mut out = format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
    if frac != 0 {
        let digits = format!("{frac:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// Go's `time.Time.String()` as `docker ps --format '{{.CreatedAt}}'` prints it (UTC).
pub fn go_time_string(nanos: i64) -> String {
    let secs = nanos.div_euclid(NANOS_PER_SECOND);
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!("{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02} +0000 UTC", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days in month `mo` (1-based) of year `y`, leap years as the Gregorian calendar has them.
fn days_in_month(y: i64, mo: u32) -> u32 {
    match mo {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` into nanoseconds since the epoch.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.strip_suffix('Z')?;
    let (date, time) = s.split_once('T')?;
    let mut date_parts = date.splitn(3, '-');
    let y: i64 = date_parts.next()?.parse().ok()?;
    let mo: u32 = date_parts.next()?.parse().ok()?;
    let d: u32 = date_parts.next()?.parse().ok()?;
    let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut clock_parts = clock.splitn(3, ':');
    let h: i64 = clock_parts.next()?.parse().ok()?;
    let mi: i64 = clock_parts.next()?.parse().ok()?;
    let se: i64 = clock_parts.next()?.parse().ok()?;
    // Go's `time.Parse` refuses a day the month does not have ("day out of range").
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let mut frac_nanos = 0i64;
    if !fraction.is_empty() {
        if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        frac_nanos = format!("{fraction:0<9}").parse().ok()?;
    }
    let days = days_from_civil(y, mo, d);
    Some(((days * 86_400) + h * 3600 + mi * 60 + se) * NANOS_PER_SECOND + frac_nanos)
}

/// Go's `time.ParseDuration` (`1h30m`, `90s`, `1.5h`), in nanoseconds.
pub fn parse_go_duration(s: &str) -> Option<i64> {
    let (negative, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let number_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let value: f64 = rest[..number_len].parse().ok()?;
        rest = &rest[number_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += value * scale;
        rest = &rest[unit_len..];
    }
    Some(if negative { -total as i64 } else { total as i64 })
}

/// `timetypes.GetTimestamp`: a duration before `now` (but "0" is the epoch), an RFC 3339 time,
/// or Unix seconds.
pub fn parse_timestamp(value: &str, now: i64) -> Option<i64> {
    if let Some(d) = parse_go_duration(value).filter(|_| value != "0") {
        return Some(now - d);
    }
    if let Some(t) = parse_rfc3339(value) {
        return Some(t);
    }
    if let Ok(seconds) = value.parse::<f64>() {
        return Some((seconds * 1e9) as i64);
    }
    let date_only = format!("{value}T00:00:00Z");
    parse_rfc3339(&date_only)
}

/// `GetTimestamp` with its errors: a value with a `-` that is no time is the time parser's
/// error (the day or month out of range is worded as Go words it); anything else that is
/// neither a time, a duration nor Unix seconds is "failed to parse value as time or duration".
pub fn get_timestamp(value: &str, now: i64) -> Result<i64, String> {
    if let Some(t) = parse_timestamp(value, now) {
        return Ok(t);
    }
    if value.contains('-') {
        if let Some(range_error) = date_range_error(value, now) {
            return Err(format!("parsing time {value:?}: {range_error}"));
        }
    }
    Err(format!("failed to parse value as time or duration: {value:?}"))
}

/// Go's time.Parse range checks on a `YYYY-MM-DD` prefix: a month is checked as it is read, a
/// day once the whole value has been read (so only when the value parses with a day that exists).
fn date_range_error(value: &str, now: i64) -> Option<&'static str> {
    let date = value.get(..10)?;
    let (year, rest) = date.split_once('-')?;
    let (month, day) = rest.split_once('-')?;
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day): (i64, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if !(1..=12).contains(&month) {
        return Some("month out of range");
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let with_first_day = format!("{}01{}", &value[..8], &value[10..]);
    ((day < 1 || day > days) && parse_timestamp(&with_first_day, now).is_some()).then_some("day out of range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_durations_without_fmt() {
        for n in [0, 7, 10, 99, 1_000_000, -5, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_decimal(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        let second = NANOS_PER_SECOND;
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(45 * second), "45 seconds");
        assert_eq!(human_duration(90 * second), "About a minute");
        assert_eq!(human_duration(3 * 3600 * second), "3 hours");
        assert_eq!(human_duration(10 * 24 * 3600 * second), "10 days");
        assert_eq!(human_duration(3 * 365 * 24 * 3600 * second), "3 years");
    }

    #[test]
    fn go_durations_and_timestamps() {
        assert_eq!(parse_go_duration("1h30m"), Some(5_400_000_000_000));
        assert_eq!(parse_go_duration("1.5s"), Some(1_500_000_000));
        assert_eq!(parse_go_duration("10x"), None);
        assert_eq!(parse_timestamp("1h", 7_200_000_000_000), Some(3_600_000_000_000));
        assert_eq!(parse_timestamp("1970-01-02", 0), Some(86_400_000_000_000));
        assert_eq!(parse_timestamp("60", 0), Some(60_000_000_000));
        assert_eq!(parse_timestamp("soon", 0), None);
        // "0" is Unix time 0, not a zero duration before now.
        assert_eq!(parse_timestamp("0", 5_000), Some(0));
        assert_eq!(get_timestamp("2025-02-31", 0).unwrap_err(), "parsing time \"2025-02-31\": day out of range");
        assert_eq!(get_timestamp("2025-13-01", 0).unwrap_err(), "parsing time \"2025-13-01\": month out of range");
        assert_eq!(get_timestamp("soon", 0).unwrap_err(), "failed to parse value as time or duration: \"soon\"");
        // Days a month does not have are refused, leap days only in leap years.
        assert_eq!(parse_timestamp("2025-02-31", 0), None);
        assert_eq!(parse_timestamp("2025-04-31T00:00:00Z", 0), None);
        assert_eq!(parse_timestamp("2025-02-29", 0), None);
        assert!(parse_timestamp("2024-02-29", 0).is_some());
        assert_eq!(parse_timestamp("1900-02-29", 0), None);
        assert!(parse_timestamp("2000-02-29", 0).is_some());
    }

    #[test]
    fn sizes_match_go_units() {
        assert_eq!(image_size(4_261_550), "4.26MB");
        assert_eq!(image_size(116_549_211), "117MB");
        assert_eq!(image_size(7_797_760), "7.8MB");
        assert_eq!(image_size(13_256), "13.3kB");
        assert_eq!(image_size(0), "0B");
        assert_eq!(image_size(999_600), "1e+03kB");
        assert_eq!(image_size(1_500_000_000), "1.5GB");
        assert_eq!(human_size(187_763_105), "187.8MB");
        assert_eq!(human_size(4_261_550), "4.262MB");
        assert_eq!(human_size(13_256), "13.26kB");
        for bytes in
            [1u64, 9, 999, 1_000, 9_995, 9_996, 99_949, 99_950, 999_499, 999_500, 4_261_550, 187_921_878, 5_000_000_000]
        {
            for precision in [3, 4] {
                let v = bytes as f64;
                let mut size = v;
                let mut unit = 0;
                while size >= 1000.0 && unit < DECIMAL_UNITS.len() - 1 {
                    size /= 1000.0;
                    unit += 1;
                }
                let general = format!("{}{}", format_g(size, precision), DECIMAL_UNITS[unit]);
                assert_eq!(human_size_with_precision(v, precision), general, "{bytes} at {precision}");
            }
        }
    }

    #[test]
    fn durations_match_go_units() {
        let s = 1_000_000_000;
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(s), "1 second");
        assert_eq!(human_duration(59 * s), "59 seconds");
        assert_eq!(human_duration(60 * s), "About a minute");
        assert_eq!(human_duration(119 * s), "About a minute");
        assert_eq!(human_duration(45 * 60 * s), "45 minutes");
        assert_eq!(human_duration(3600 * s), "About an hour");
        assert_eq!(human_duration(47 * 3600 * s), "47 hours");
        assert_eq!(human_duration(15 * 86_400 * s), "2 weeks");
        assert_eq!(human_duration(3 * 86_400 * s), "3 days");
        assert_eq!(human_duration(100 * 86_400 * s), "3 months");
        assert_eq!(human_duration(800 * 86_400 * s), "2 years");
    }

    #[test]
    fn rfc3339_round_trips() {
        let t = parse_rfc3339("2024-09-26T21:31:42Z").unwrap();
        assert_eq!(rfc3339_nano(t), "2024-09-26T21:31:42Z");
        assert_eq!(rfc3339_nano(t + 120_000_000), "2024-09-26T21:31:42.12Z");
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("garbage"), None);
        assert_eq!(go_time_string(0), "1970-01-01 00:00:00 +0000 UTC");
    }
}
