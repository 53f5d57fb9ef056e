//! The value sanitization algorithm of each input type (HTML §4.10.5.1): what `input.value`
//! returns for a value attribute of that type.

use super::syntax::{parse_float, parse_temporal};
use crate::dom::ElementData;

fn strip_newlines(s: &str) -> String {
    s.chars().filter(|&c| c != '\n' && c != '\r').collect()
}

fn trim_ascii_ws(s: &str) -> &str {
    s.trim_matches(['\t', '\n', '\u{c}', '\r', ' '])
}

/// The value sanitization algorithm of each input type.
pub fn sanitize(t: &str, v: &str, el: Option<&ElementData>) -> String {
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
            if parse_float(v).is_some() {
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
        "date" | "month" | "week" | "time" => {
            if parse_temporal(t, v).is_some() {
                v.to_owned()
            } else {
                String::new()
            }
        }
        "datetime-local" => normalize_datetime_local(v),
        _ => v.to_owned(),
    }
}

fn sanitize_range(v: &str, el: Option<&ElementData>) -> String {
    let num = |name: &str, default: f64| {
        el.and_then(|e| e.attr(name))
            .filter(|s| parse_float(s).is_some())
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
    let mut x = if parse_float(v).is_some() {
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
                    .filter(|f| *f > 0.0 && parse_float(s).is_some())
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

fn normalize_datetime_local(v: &str) -> String {
    let Some(i) = v.find(['T', ' ']) else {
        return String::new();
    };
    let (date, time) = (&v[..i], &v[i + 1..]);
    if parse_temporal("date", date).is_none() || parse_temporal("time", time).is_none() {
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
    fn sanitizes_like_the_browser() {
        assert_eq!(sanitize("number", "abc", None), "");
        assert_eq!(sanitize("number", "1e3", None), "1e3");
        assert_eq!(sanitize("date", "2023-02-29", None), "");
        assert_eq!(sanitize("date", "2024-02-29", None), "2024-02-29");
        assert_eq!(sanitize("color", "#ABCDEF", None), "#abcdef");
        assert_eq!(sanitize("color", "red", None), "#000000");
        assert_eq!(sanitize("range", "abc", None), "50");
        assert_eq!(sanitize("text", "a\nb", None), "ab");
        assert_eq!(
            sanitize("datetime-local", "2024-01-02 10:00:00", None),
            "2024-01-02T10:00"
        );
    }
}
