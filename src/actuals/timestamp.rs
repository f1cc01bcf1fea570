//! Timestamps of an export, turned into seconds from the window start.

use chrono::{DateTime, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::error::shown;

/// Local forms accepted when no format is given.
const LOCAL_FORMATS: [&str; 4] = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"];

/// Parses timestamps as RFC 3339 (with an offset) or as local date-times in
/// a time zone, giving seconds from an origin (the window start).
#[derive(Debug, Clone)]
pub struct TimestampParser {
    zone: Tz,
    format: Option<String>,
    origin: DateTime<Tz>,
}

impl TimestampParser {
    /// A parser reading local times in `zone`, with `format` (chrono
    /// `strftime`) if given, measuring from `origin`.
    pub fn new(zone: Tz, format: Option<String>, origin: DateTime<Tz>) -> Self {
        Self { zone, format, origin }
    }

    /// Seconds from the origin to `text`, or the reason it cannot be read.
    pub fn seconds(&self, text: &str) -> Result<f64, String> {
        let text = text.trim();
        let instant = match &self.format {
            Some(f) => match DateTime::parse_from_str(text, f) {
                Ok(t) => t.timestamp_millis(),
                Err(_) => {
                    let naive = NaiveDateTime::parse_from_str(text, f)
                        .map_err(|e| format!("`{}` does not match the format `{f}` ({e})", shown(text)))?;
                    self.local(naive, text)?
                }
            },
            None => match DateTime::parse_from_rfc3339(text) {
                Ok(t) => t.timestamp_millis(),
                Err(_) => {
                    let naive = LOCAL_FORMATS
                        .iter()
                        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                        .ok_or_else(|| {
                            format!(
                                "`{}` is not a timestamp (expected e.g. `2026-11-11 00:00:03` or RFC 3339)",
                                shown(text)
                            )
                        })?;
                    self.local(naive, text)?
                }
            },
        };
        Ok((instant - self.origin.timestamp_millis()) as f64 / 1000.0)
    }

    fn local(&self, naive: NaiveDateTime, text: &str) -> Result<i64, String> {
        match self.zone.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => Ok(t.timestamp_millis()),
            chrono::LocalResult::Ambiguous(_, _) => Err(format!(
                "`{}` happens twice in {} (clocks go back); export with an offset (RFC 3339)",
                shown(text),
                self.zone
            )),
            chrono::LocalResult::None => Err(format!(
                "`{}` does not exist in {} (clocks go forward); check the time zone",
                shown(text),
                self.zone
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parser(format: Option<&str>) -> TimestampParser {
        let sh: Tz = "Asia/Shanghai".parse().unwrap();
        let origin = sh.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
        TimestampParser::new(sh, format.map(str::to_string), origin)
    }

    #[test]
    fn reads_offsets_local_times_and_formats() {
        let p = parser(None);
        assert_eq!(p.seconds("2026-11-10 12:00:01").unwrap(), 1.0);
        assert_eq!(p.seconds("2026-11-10T12:00:01.250").unwrap(), 1.25);
        assert_eq!(p.seconds("2026-11-11 00:00").unwrap(), 43_200.0);
        assert_eq!(p.seconds("2026-11-10T04:00:02Z").unwrap(), 2.0);
        assert_eq!(p.seconds("2026-11-10T13:00:00+09:00").unwrap(), 0.0);
        assert!(p.seconds("11/10/2026 12:00").unwrap_err().contains("not a timestamp"));
        let bank = parser(Some("%y%m%d %H:%M:%S"));
        assert_eq!(bank.seconds("261110 12:00:31").unwrap(), 31.0);
        assert!(bank.seconds("261110 25:00:00").unwrap_err().contains("does not match"));
    }

    #[test]
    fn refuses_local_times_that_a_clock_change_makes_ambiguous() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let origin = ny.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let p = TimestampParser::new(ny, None, origin);
        assert!(p.seconds("2026-11-01 01:30:00").unwrap_err().contains("twice"));
        assert_eq!(p.seconds("2026-11-01T01:30:00-05:00").unwrap(), 2.5 * 3600.0);
    }
}
