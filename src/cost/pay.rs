//! How one shift of one person is paid, and how many people a set of shifts
//! needs.
//!
//! One person on a shift of length `L` hours costs the group's hourly cost
//! times
//!
//! ```text
//! L                                     every hour on shift
//! + (overtime_multiplier − 1) × max(0, L − overtime_after_h)   overtime
//! + night_premium_share × (hours of the shift in the night)    night premium
//! + max(0, min_paid_h − L)              minimum paid hours, at the plain rate
//! ```
//!
//! The night runs every day from `night_start` to `night_end` local time (over
//! midnight when the end is earlier than the start); its bounds are placed in
//! the window's time zone day by day, so a daylight-saving change is honoured.
//!
//! **People needed.** One person can work two shifts of a group when the
//! second starts at least `rest_between_shifts_h` after the first ends. The
//! fewest people covering all shifts is then the largest headcount, summed
//! over shifts, whose shift-plus-rest intervals overlap at one moment (the
//! chromatic number of an interval graph equals its largest clique).

use crate::model::shifts::Shift;
use crate::scenario::{Costs, Window};
use chrono::{Duration, NaiveTime, TimeZone};

/// What one person on one shift is paid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShiftPay {
    /// Hours paid: the shift's length, at least the minimum paid hours [h].
    pub paid_h: f64,
    /// Hours of the shift in the night [h].
    pub night_h: f64,
    /// Overtime hours [h].
    pub overtime_h: f64,
    /// Cost in hours at the plain hourly cost, premiums included [h]: one
    /// person costs `cost_h × hourly cost`.
    pub cost_h: f64,
}

/// Seconds from the window start to local clock time `clock_s` [s after
/// midnight] on local date `day` (NaN if the zone cannot place it).
fn local_clock(w: &Window, day: chrono::NaiveDate, clock_s: f64) -> f64 {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(clock_s as u32 % 86_400, 0).unwrap_or(NaiveTime::MIN);
    let naive = day.and_time(time);
    // A clock time skipped by a daylight-saving jump falls an hour later.
    let at = w
        .time_zone
        .from_local_datetime(&naive)
        .earliest()
        .or_else(|| w.time_zone.from_local_datetime(&(naive + Duration::hours(1))).earliest());
    at.map_or(f64::NAN, |t| (t - w.start).num_milliseconds() as f64 / 1000.0)
}

/// Hours of `[start_s, end_s)` (from the window start) in the night.
pub fn night_hours(costs: &Costs, w: &Window, start_s: f64, end_s: f64) -> f64 {
    let p = &costs.pay;
    if p.night_start_s == p.night_end_s || end_s <= start_s {
        return 0.0;
    }
    let date_at = |s: f64| (w.start + Duration::milliseconds((s * 1000.0).round() as i64)).date_naive();
    let (first, last) = (date_at(start_s) - Duration::days(1), date_at(end_s) + Duration::days(1));
    let mut total = 0.0;
    let mut day = first;
    while day <= last {
        let a = local_clock(w, day, p.night_start_s);
        let end_day = if p.night_end_s < p.night_start_s { day + Duration::days(1) } else { day };
        let b = local_clock(w, end_day, p.night_end_s);
        if a.is_finite() && b.is_finite() {
            total += (end_s.min(b) - start_s.max(a)).max(0.0);
        }
        day += Duration::days(1);
    }
    total / 3600.0
}

/// What one person is paid for working `[start_s, end_s)` (from the window
/// start).
pub fn shift_pay(costs: &Costs, w: &Window, start_s: f64, end_s: f64) -> ShiftPay {
    let p = &costs.pay;
    let length_h = (end_s - start_s).max(0.0) / 3600.0;
    let overtime_h = (length_h - p.overtime_after_h).max(0.0);
    let night_h = night_hours(costs, w, start_s, end_s);
    let topped_up_h = (p.min_paid_h - length_h).max(0.0);
    ShiftPay {
        paid_h: length_h + topped_up_h,
        night_h,
        overtime_h,
        cost_h: length_h + (p.overtime_multiplier - 1.0) * overtime_h + p.night_premium_share * night_h + topped_up_h,
    }
}

/// The fewest people of group `g` who can work every shift of `shifts`,
/// resting at least `rest_h` hours between two shifts.
pub fn people_needed(shifts: &[Shift], g: usize, rest_h: f64) -> u32 {
    let rest_s = rest_h * 3600.0;
    shifts
        .iter()
        .map(|at| {
            shifts
                .iter()
                .filter(|s| s.start_s <= at.start_s && at.start_s < s.end_s + rest_s)
                .map(|s| s.headcount.get(g).copied().unwrap_or(0))
                .sum::<u32>()
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scenario;

    fn shift(start_h: f64, end_h: f64, n: u32) -> Shift {
        Shift { name: format!("{start_h}"), start_s: start_h * 3600.0, end_s: end_h * 3600.0, headcount: vec![n] }
    }

    #[test]
    fn night_hours_follow_the_local_clock() {
        // The default window starts on Nov 10 at 12:00 Asia/Shanghai; the
        // night is 22:00-06:00.
        let s = Scenario::default_double11();
        let (c, w) = (&s.costs, &s.window);
        // 20:00-04:00: 22:00-04:00 is night.
        assert!((night_hours(c, w, 8.0 * 3600.0, 16.0 * 3600.0) - 6.0).abs() < 1e-9);
        // 12:00-20:00: no night.
        assert_eq!(night_hours(c, w, 0.0, 8.0 * 3600.0), 0.0);
        // 20:00 on the 10th to 08:00 on the 12th: two nights of 8 hours.
        assert!((night_hours(c, w, 8.0 * 3600.0, 44.0 * 3600.0) - 16.0).abs() < 1e-9);
    }

    #[test]
    fn pay_adds_overtime_night_and_minimum_hours() {
        let s = Scenario::default_double11();
        let (c, w) = (&s.costs, &s.window);
        // 20:00-08:00, 12 h: 4 h overtime at 1.5, 8 night hours at +20%.
        let p = shift_pay(c, w, 8.0 * 3600.0, 20.0 * 3600.0);
        assert_eq!((p.paid_h, p.overtime_h, p.night_h), (12.0, 4.0, 8.0));
        assert!((p.cost_h - (12.0 + 0.5 * 4.0 + 0.2 * 8.0)).abs() < 1e-9);
        // 13:30-16:30, 3 h: paid 4 h at the plain rate.
        let p = shift_pay(c, w, 1.5 * 3600.0, 4.5 * 3600.0);
        assert_eq!((p.paid_h, p.cost_h), (4.0, 4.0));
    }

    #[test]
    fn people_needed_reuses_rested_workers() {
        // 0-8 and 8-16 overlap with 11 h of rest; 20-28 starts 12 h after
        // the first ends, so its people can be the first shift's.
        let shifts = [shift(0.0, 8.0, 5), shift(8.0, 16.0, 3), shift(20.0, 28.0, 4)];
        assert_eq!(people_needed(&shifts, 0, 11.0), 8);
        assert_eq!(people_needed(&shifts, 0, 0.0), 5);
        assert_eq!(people_needed(&shifts, 0, 100.0), 12);
        assert_eq!(people_needed(&[], 0, 11.0), 0);
    }
}
