//! The value sanitization algorithm of each input type (HTML §4.10.5.1): what `input.value`
//! returns for a value attribute of that type.

use crate::dom::ElementData;

fn strip_newlines(s: &str) -> String {
    s.chars().filter(|&c| c != '\n' && c != '\r').collect()
}

fn trim_ascii_ws(s: &str) -> &str {
    s.trim_matches(['\t', '\n', '\u{c}', '\r', ' '])
}

/// The value sanitization algorithm of each input type.
pub(crate) fn sanitize(t: &str, v: &str, el: Option<&ElementData>) -> String {
    match t {
        "text" | "search" | "tel" | "password" => strip_newlines(v),
        "url" => trim_ascii_ws(&strip_newlines(v)).to_owned(),
        "email" => {
            let v = strip_newlines(v);
            if el.is_some_and(|e| e.attr("multiple").is_some()) {
                v.split(',')
                    .map(trim_ascii_ws)
                    .collect::<Vec<_>>()
                    .join(",")
            } else {
                trim_ascii_ws(&v).to_owned()
            }
        }
        "number" => {
            if is_valid_float(v) {
                v.to_owned()
            } else {
                String::new()
            }
        }
        "range" => sanitize_range(v, el),
        "color" => {
            let ok =
                v.len() == 7 && v.starts_with('#') && v[1..].bytes().all(|b| b.is_ascii_hexdigit());
            if ok {
                v.to_ascii_lowercase()
            } else {
                "#000000".to_owned()
            }
        }
        "date" => keep_if(v, is_valid_date),
        "month" => keep_if(v, is_valid_month),
        "week" => keep_if(v, is_valid_week),
        "time" => keep_if(v, is_valid_time),
        "datetime-local" => normalize_datetime_local(v),
        _ => v.to_owned(),
    }
}

fn keep_if(v: &str, ok: fn(&str) -> bool) -> String {
    if ok(v) { v.to_owned() } else { String::new() }
}

/// HTML "valid floating-point number".
fn is_valid_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i = 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s2 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s2;
        if frac_digits == 0 {
            return false;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s3 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s3 {
            return false;
        }
    }
    i == b.len() && s.parse::<f64>().is_ok_and(f64::is_finite)
}

fn sanitize_range(v: &str, el: Option<&ElementData>) -> String {
    let num = |name: &str, default: f64| {
        el.and_then(|e| e.attr(name))
            .filter(|s| is_valid_float(s))
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(default)
    };
    let min = num("min", 0.0);
    let mut max = num("max", 100.0);
    if max < min {
        max = min;
    }
    let default = if max < min {
        min
    } else {
        min + (max - min) / 2.0
    };
    let mut x = if is_valid_float(v) {
        v.parse::<f64>().unwrap_or(default)
    } else {
        default
    };
    x = x.clamp(min, max);
    let step = el
        .and_then(|e| e.attr("step"))
        .and_then(|s| {
            if s.eq_ignore_ascii_case("any") {
                Some(None)
            } else {
                s.parse::<f64>()
                    .ok()
                    .filter(|f| *f > 0.0 && is_valid_float(s))
                    .map(Some)
            }
        })
        .unwrap_or(Some(1.0));
    if let Some(step) = step {
        let base = min;
        let n = ((x - base) / step).round();
        let mut y = base + n * step;
        if y > max {
            y -= step;
        }
        x = y;
    }
    format_number(x)
}

/// JavaScript's `Number.prototype.toString` for the values a range produces.
fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e21 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

fn year(s: &str) -> Option<u32> {
    (s.len() >= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
        .filter(|&y| y > 0)
}

fn is_valid_month(s: &str) -> bool {
    let Some((y, m)) = s.rsplit_once('-') else {
        return false;
    };
    year(y).is_some() && digits(m, 2).is_some_and(|m| (1..=12).contains(&m))
}

fn is_valid_date(s: &str) -> bool {
    let mut it = s.rsplitn(3, '-');
    let (Some(d), Some(m), Some(y)) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    let (Some(y), Some(m), Some(d)) = (year(y), digits(m, 2), digits(d, 2)) else {
        return false;
    };
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

fn is_valid_week(s: &str) -> bool {
    let Some((y, w)) = s.split_once("-W") else {
        return false;
    };
    let (Some(y), Some(w)) = (year(y), digits(w, 2)) else {
        return false;
    };
    // Years whose 1 January is a Thursday, or a Wednesday in a leap year, have 53 weeks.
    let jan1 = weekday(y, 1, 1);
    let leap = days_in_month(y, 2) == 29;
    let max = if jan1 == 4 || (leap && jan1 == 3) {
        53
    } else {
        52
    };
    (1..=max).contains(&w)
}

/// Day of the week (0 = Sunday) by Zeller's congruence.
fn weekday(y: u32, m: u32, d: u32) -> u32 {
    let (y, m) = if m < 3 { (y - 1, m + 12) } else { (y, m) };
    let k = y % 100;
    let j = y / 100;
    let h = (d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
    (h + 6) % 7
}

fn is_valid_time(s: &str) -> bool {
    let (hm, sec) = match s.len() {
        5 => (s, None),
        _ => (s.get(..5).unwrap_or(""), s.get(5..)),
    };
    let Some((h, m)) = hm.split_once(':') else {
        return false;
    };
    let (Some(h), Some(m)) = (digits(h, 2), digits(m, 2)) else {
        return false;
    };
    if h > 23 || m > 59 {
        return false;
    }
    match sec {
        None => true,
        Some(rest) => {
            let Some(rest) = rest.strip_prefix(':') else {
                return false;
            };
            let (sec, frac) = match rest.split_once('.') {
                Some((s, f)) => (s, Some(f)),
                None => (rest, None),
            };
            digits(sec, 2).is_some_and(|s| s <= 59)
                && frac.is_none_or(|f| {
                    (1..=3).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit())
                })
        }
    }
}

fn normalize_datetime_local(v: &str) -> String {
    let Some(i) = v.find(['T', ' ']) else {
        return String::new();
    };
    let (date, time) = (&v[..i], &v[i + 1..]);
    if !is_valid_date(date) || !is_valid_time(time) {
        return String::new();
    }
    // The normalized form drops zero seconds and uses "T".
    let mut t = time.to_owned();
    if let Some(stripped) = t
        .strip_suffix(".000")
        .or_else(|| t.strip_suffix(".00"))
        .or_else(|| t.strip_suffix(".0"))
    {
        t = stripped.to_owned();
    }
    if t.len() == 8 && t.ends_with(":00") {
        t.truncate(5);
    }
    format!("{date}T{t}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        for ok in ["1", "-1", "1.5", ".5", "1e3", "1E-3", "0"] {
            assert!(is_valid_float(ok), "{ok}");
        }
        for bad in ["", "abc", "1.", "+1", "1e", " 1", "--1", "Infinity"] {
            assert!(!is_valid_float(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(is_valid_month("2024-12"));
        assert!(is_valid_week("2020-W53"));
        assert!(!is_valid_week("2021-W53"));
        assert!(is_valid_time("23:59:59.999"));
        assert!(!is_valid_time("24:00"));
        assert_eq!(
            normalize_datetime_local("2024-01-02 10:00:00"),
            "2024-01-02T10:00"
        );
    }
}
