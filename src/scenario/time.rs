//! Local date-times in the window's time zone.

use chrono::{DateTime, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

const FORMATS: [&str; 4] = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"];

/// Parses an IANA time-zone name such as `Asia/Shanghai`.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| format!("unknown time zone `{name}` (use an IANA name such as `Asia/Shanghai`)"))
}

/// Parses `YYYY-MM-DD HH:MM[:SS]` as a local time in `tz`.
pub fn parse_local(text: &str, tz: Tz) -> Result<DateTime<Tz>, String> {
    let naive = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text.trim(), f).ok())
        .ok_or_else(|| format!("`{text}` is not a date-time of the form `YYYY-MM-DD HH:MM`"))?;
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => Ok(t),
        chrono::LocalResult::Ambiguous(_, _) => {
            Err(format!("`{text}` happens twice in {tz} (clocks go back); pick another time"))
        }
        chrono::LocalResult::None => {
            Err(format!("`{text}` does not exist in {tz} (clocks go forward); pick another time"))
        }
    }
}

/// Formats `seconds` after `start` as a local `MM-DD HH:MM` label.
pub fn label(start: &DateTime<Tz>, seconds: f64) -> String {
    let t = *start + chrono::Duration::milliseconds((seconds * 1000.0).round() as i64);
    t.format("%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_local_times_and_rejects_dst_gaps() {
        let sh = parse_zone("Asia/Shanghai").unwrap();
        let t = parse_local("2026-11-10 12:00", sh).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-10T12:00:00+08:00");
        assert_eq!(label(&t, 12.0 * 3600.0), "11-11 00:00");
        let ny = parse_zone("America/New_York").unwrap();
        assert!(parse_local("2026-03-08 02:30", ny).unwrap_err().contains("does not exist"));
        assert!(parse_local("2026-11-01 01:30", ny).unwrap_err().contains("twice"));
        assert!(parse_zone("Mars/Olympus").is_err());
        assert!(parse_local("11/10 noon", sh).is_err());
    }
}
