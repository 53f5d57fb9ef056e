//! HTML's microsyntaxes for form values: numbers, dates and times, e-mail addresses and
//! URLs, as the input types sanitize, compare and validate them.

/// A "valid floating-point number" (strict: `-`? digits `.digits`? exponent?, or `.digits`).
pub(crate) fn parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let has_int = i > int_start;
    let mut has_frac = false;
    if i < b.len() && b[i] == b'.' {
        let frac_start = i + 1;
        let mut j = frac_start;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j == frac_start {
            return None;
        }
        has_frac = true;
        i = j;
    }
    if !has_int && !has_frac {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

const DAY_MS: f64 = 86_400_000.0;

fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn year(s: &str) -> Option<i64> {
    let y = digits(s, 4, 6)? as i64;
    (y > 0 && y <= 275_760).then_some(y)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a (proleptic Gregorian) date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` as days since the epoch.
fn date_days(s: &str) -> Option<i64> {
    let mut parts = s.splitn(3, '-');
    let y = year(parts.next()?)?;
    let m = digits(parts.next()?, 2, 2)?;
    let d = digits(parts.next()?, 2, 2)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `HH:MM[:SS[.fff]]` as milliseconds.
fn time_ms(s: &str) -> Option<f64> {
    let mut parts = s.splitn(3, ':');
    let h = digits(parts.next()?, 2, 2)?;
    let m = digits(parts.next()?, 2, 2)?;
    if h > 23 || m > 59 {
        return None;
    }
    let mut ms = (h as f64 * 60.0 + m as f64) * 60_000.0;
    if let Some(sec) = parts.next() {
        let (whole, frac) = match sec.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (sec, None),
        };
        let sv = digits(whole, 2, 2)?;
        if sv > 59 {
            return None;
        }
        ms += sv as f64 * 1000.0;
        if let Some(f) = frac {
            let fv = digits(f, 1, 3)?;
            ms += fv as f64 * 10f64.powi(3 - f.len() as i32);
        }
    }
    Some(ms)
}

/// The value of a date/time-like input type in the unit its step and range use.
pub(crate) fn parse_temporal(ty: &str, s: &str) -> Option<f64> {
    match ty {
        "date" => Some(date_days(s)? as f64 * DAY_MS),
        "month" => {
            let (y, m) = s.split_once('-')?;
            let y = year(y)?;
            let m = digits(m, 2, 2)?;
            (1..=12)
                .contains(&m)
                .then(|| ((y - 1970) * 12 + m as i64 - 1) as f64)
        }
        "week" => {
            let (y, w) = s.split_once("-W")?;
            let y = year(y)?;
            let w = digits(w, 2, 2)? as i64;
            // Week 1 is the week with the year's first Thursday.
            let jan1 = days_from_civil(y, 1, 1);
            let jan1_weekday = (jan1 + 3).rem_euclid(7); // 0 = Monday
            let weeks = if jan1_weekday == 3 || (jan1_weekday == 2 && is_leap(y)) {
                53
            } else {
                52
            };
            if w < 1 || w > weeks {
                return None;
            }
            let week1_monday = if jan1_weekday <= 3 {
                jan1 - jan1_weekday
            } else {
                jan1 + 7 - jan1_weekday
            };
            Some((week1_monday + (w - 1) * 7) as f64 * DAY_MS)
        }
        "time" => time_ms(s),
        "datetime-local" => {
            let i = s.find(['T', ' '])?;
            let days = date_days(&s[..i])?;
            Some(days as f64 * DAY_MS + time_ms(&s[i + 1..])?)
        }
        _ => None,
    }
}

/// The step unit of a type (what `step="1"` means) and its default step and step base.
pub(crate) fn step_rules(ty: &str) -> Option<(f64, f64, f64)> {
    Some(match ty {
        "number" | "range" => (1.0, 1.0, 0.0),
        "date" => (DAY_MS, 1.0, 0.0),
        "month" => (1.0, 1.0, 0.0),
        "week" => (7.0 * DAY_MS, 1.0, -259_200_000.0),
        "time" | "datetime-local" => (1000.0, 60.0, 0.0),
        _ => return None,
    })
}

/// Parses a value of a numeric or date-like input type.
pub(crate) fn parse_for_type(ty: &str, s: &str) -> Option<f64> {
    match ty {
        "number" | "range" => parse_float(s),
        _ => parse_temporal(ty, s),
    }
}

/// A "valid e-mail address".
pub(crate) fn is_valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"\x2E!#$%&'*+/=?^_`{|}~-".contains(&b))
        && !domain.is_empty()
        && domain.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        })
}

/// Whether a string parses as an absolute URL (a scheme, and for the special schemes a
/// host).
pub(crate) fn is_valid_absolute_url(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    let mut sb = scheme.bytes();
    if !sb.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !sb.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return false;
    }
    let rest = &s[colon + 1..];
    let special = ["http", "https", "ws", "wss", "ftp"]
        .iter()
        .any(|k| scheme.eq_ignore_ascii_case(k));
    if !special {
        return true;
    }
    let after = rest.trim_start_matches(['/', '\\']);
    let end = after.find(['/', '\\', '?', '#']).unwrap_or(after.len());
    let authority = &after[..end];
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host_port.rfind(':') {
        Some(i) if !host_port.starts_with('[') || host_port[..i].ends_with(']') => {
            if !host_port[i + 1..].bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            &host_port[..i]
        }
        _ => host_port,
    };
    !host.is_empty()
        && !host
            .chars()
            .any(|c| c.is_whitespace() || "<>^|%#?@[]\\/".contains(c) && !host.starts_with('['))
}
