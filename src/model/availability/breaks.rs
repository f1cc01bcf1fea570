//! Placing breaks: each person of a shift gets the breaks its rules give,
//! staggered evenly across the group (rest in turns) and kept out of the
//! no-break periods.

use super::{BreakPolicy, BreakRule, Role};
use crate::model::shifts::Shift;
use serde::Serialize;

/// One change of a person's break state.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BreakChange {
    /// When [s from the window start].
    pub at_s: f64,
    /// The person, numbered within the shift group by group (as the
    /// shift's `headcount` lists them).
    pub person: u32,
    /// The group of the person.
    pub group: u16,
    /// `true`: the break starts; `false`: it ends.
    pub starts: bool,
    /// When the break ends [s from the window start].
    pub ends_s: f64,
}

/// The breaks of one shift's people.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ShiftBreaks {
    /// Starts and ends, by time; at equal times starts first (as a shift's
    /// end comes before a start).
    pub changes: Vec<BreakChange>,
    /// Scheduled break time of all the shift's people [s].
    pub scheduled_s: f64,
    /// Breaks the rules give that could not be placed [count].
    pub dropped: u32,
}

/// The break starts allowed in `[lo, hi]` for a break of `len` seconds:
/// closed intervals that keep `[t, t + len)` out of every no-break period.
fn allowed_starts(lo: f64, hi: f64, len: f64, no_breaks: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut free = if lo <= hi { vec![(lo, hi)] } else { Vec::new() };
    for &(b0, b1) in no_breaks {
        // Starts in the open interval (b0 − len, b1) would overlap [b0, b1).
        let (x0, x1) = (b0 - len, b1);
        free = free
            .into_iter()
            .flat_map(|(a, b)| {
                let mut parts = Vec::with_capacity(2);
                if a <= x0 {
                    parts.push((a, b.min(x0)));
                }
                if b >= x1 {
                    parts.push((a.max(x1), b));
                }
                parts
            })
            .collect();
    }
    free
}

/// The total length of `intervals` [s].
fn measure(intervals: &[(f64, f64)]) -> f64 {
    intervals.iter().map(|(a, b)| b - a).sum()
}

/// The point at `fraction` of the measure of `intervals` (the first point
/// when their measure is zero).
fn at_fraction(intervals: &[(f64, f64)], fraction: f64) -> Option<f64> {
    let total = measure(intervals);
    let first = intervals.first()?.0;
    if total <= 0.0 {
        return Some(first);
    }
    let mut left = fraction * total;
    for &(a, b) in intervals {
        if left <= b - a {
            return Some(a + left);
        }
        left -= b - a;
    }
    intervals.last().map(|&(_, b)| b)
}

/// Where one person's breaks fall: at `fraction` of each rule's allowed
/// window, after the person's previous break.
fn person_breaks(shift: &Shift, rules: &[&BreakRule], no_breaks: &[(f64, f64)], fraction: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(rules.len());
    let mut previous_end = shift.start_s;
    for rule in rules {
        let lo = (shift.start_s + rule.earliest_after_start_s).max(previous_end);
        let hi = shift.end_s - rule.latest_before_end_s - rule.length_s;
        let mut allowed = allowed_starts(lo, hi, rule.length_s, no_breaks);
        if measure(&allowed) < rule.length_s {
            // No-break periods leave the rule's window too little room to
            // rest in turns: the break may fall anywhere in the shift after
            // the previous one.
            allowed = allowed_starts(previous_end, shift.end_s - rule.length_s, rule.length_s, no_breaks);
        }
        match at_fraction(&allowed, fraction) {
            Some(t) => {
                out.push((t, t + rule.length_s));
                previous_end = t + rule.length_s;
            }
            None => out.push((f64::NAN, f64::NAN)),
        }
    }
    out
}

/// The breaks of the people of `shift` held by `role` under `policy`.
pub fn place_breaks(shift: &Shift, policy: &BreakPolicy, role: Role) -> ShiftBreaks {
    let length = shift.end_s - shift.start_s;
    let rules: Vec<&BreakRule> = policy.rules.iter().filter(|r| r.applies(length, role)).collect();
    let mut out = ShiftBreaks::default();
    if rules.is_empty() {
        return out;
    }
    let mut person = 0u32;
    for (group, &n) in shift.headcount.iter().enumerate() {
        for k in 0..n {
            let fraction = (f64::from(k) + 0.5) / f64::from(n);
            for (start, end) in person_breaks(shift, &rules, &policy.no_breaks, fraction) {
                if start.is_nan() {
                    out.dropped += 1;
                    continue;
                }
                let group = group as u16;
                out.changes.push(BreakChange { at_s: start, person, group, starts: true, ends_s: end });
                out.changes.push(BreakChange { at_s: end, person, group, starts: false, ends_s: end });
                out.scheduled_s += end - start;
            }
            person += 1;
        }
    }
    out.changes.sort_by(|a, b| a.at_s.total_cmp(&b.at_s).then(b.starts.cmp(&a.starts)).then(a.person.cmp(&b.person)));
    out
}

/// People in the nominal crew of [`BreakLoad`]: enough that the staggered
/// breaks spread as they do in a real shift.
const NOMINAL_CREW: u32 = 24;

/// The share of a shift's people on a break over any interval, for a
/// nominal crew (staggering makes it nearly independent of the headcount):
/// what a shift's capacity loses to breaks, for planning.
#[derive(Debug, Clone)]
pub struct BreakLoad {
    /// `(start, end)` of every break of the nominal crew [s].
    breaks: Vec<(f64, f64)>,
    crew: f64,
}

impl BreakLoad {
    /// The load of `shift` held by `role` under `policy`.
    pub fn new(shift: &Shift, policy: &BreakPolicy, role: Role) -> Self {
        let nominal = Shift { headcount: vec![NOMINAL_CREW], ..shift.clone() };
        let placed = place_breaks(&nominal, policy, role);
        let breaks = placed.changes.iter().filter(|c| c.starts).map(|c| (c.at_s, c.ends_s)).collect();
        Self { breaks, crew: f64::from(NOMINAL_CREW) }
    }

    /// Mean share of the people on a break over `[a, b)` [share].
    pub fn share(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        let on_break: f64 = self.breaks.iter().map(|&(s, e)| (e.min(b) - s.max(a)).max(0.0)).sum();
        on_break / (self.crew * (b - a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, len_min: f64, earliest_h: f64, latest_h: f64) -> BreakRule {
        BreakRule {
            name: name.into(),
            length_s: len_min * 60.0,
            min_shift_s: 4.0 * 3600.0,
            max_shift_s: f64::INFINITY,
            earliest_after_start_s: earliest_h * 3600.0,
            latest_before_end_s: latest_h * 3600.0,
            agents: true,
            packers: true,
        }
    }

    fn shift(len_h: f64, headcount: Vec<u32>) -> Shift {
        Shift { name: "s".into(), start_s: 0.0, end_s: len_h * 3600.0, headcount }
    }

    #[test]
    fn breaks_are_staggered_inside_their_window() {
        let policy = BreakPolicy { rules: vec![rule("meal", 30.0, 3.0, 3.0)], ..Default::default() };
        let b = place_breaks(&shift(8.0, vec![4]), &policy, Role::Agents);
        let starts: Vec<f64> = b.changes.iter().filter(|c| c.starts).map(|c| c.at_s / 3600.0).collect();
        // Window for starts: [3 h, 8 − 3 − 0.5 = 4.5 h], people at 1/8, 3/8, 5/8, 7/8 of it.
        assert_eq!(starts, vec![3.1875, 3.5625, 3.9375, 4.3125]);
        assert_eq!(b.scheduled_s, 4.0 * 1800.0);
        assert_eq!(b.dropped, 0);
    }

    #[test]
    fn no_break_periods_are_kept_free_and_groups_rest_in_turns_apart() {
        let policy = BreakPolicy {
            rules: vec![rule("meal", 30.0, 2.0, 2.0)],
            no_breaks: vec![(3.0 * 3600.0, 4.0 * 3600.0)],
            recall_when_waiting_over: None,
        };
        let b = place_breaks(&shift(8.0, vec![3, 2]), &policy, Role::Packers);
        for c in b.changes.iter().filter(|c| c.starts) {
            let (s, e) = (c.at_s, c.at_s + 1800.0);
            assert!(e <= 3.0 * 3600.0 + 1e-9 || s >= 4.0 * 3600.0 - 1e-9, "break {s}..{e} in the no-break period");
            assert!(s >= 2.0 * 3600.0 && e <= 6.0 * 3600.0 + 1e-9);
        }
        assert_eq!(b.changes.iter().filter(|c| c.starts && c.group == 1).count(), 2);
        assert_eq!(b.changes.len(), 10);
    }

    #[test]
    fn a_break_with_no_room_is_dropped_and_rules_follow_shift_length() {
        let mut meal = rule("meal", 30.0, 1.0, 1.0);
        let policy =
            BreakPolicy { rules: vec![meal.clone()], no_breaks: vec![(0.0, 8.0 * 3600.0)], ..Default::default() };
        let b = place_breaks(&shift(6.0, vec![2]), &policy, Role::Agents);
        assert_eq!((b.changes.len(), b.dropped, b.scheduled_s), (0, 2, 0.0));
        meal.min_shift_s = 7.0 * 3600.0;
        let policy = BreakPolicy { rules: vec![meal], ..Default::default() };
        assert!(place_breaks(&shift(6.0, vec![2]), &policy, Role::Agents).changes.is_empty());
    }

    #[test]
    fn break_load_integrates_to_the_scheduled_time() {
        let policy = BreakPolicy { rules: vec![rule("meal", 30.0, 3.0, 3.0)], ..Default::default() };
        let load = BreakLoad::new(&shift(8.0, vec![3]), &policy, Role::Agents);
        // Half an hour of each 8 hours, all of it between 3 h and 5 h.
        assert!((load.share(0.0, 8.0 * 3600.0) - 0.5 / 8.0).abs() < 1e-12);
        assert!((load.share(3.0 * 3600.0, 5.0 * 3600.0) - 0.25).abs() < 1e-12);
        assert_eq!(load.share(0.0, 3.0 * 3600.0), 0.0);
    }

    #[test]
    fn a_window_squeezed_by_a_no_break_period_widens_to_the_shift() {
        // The meal window [3 h, 4.5 h] lies in the no-break period but for
        // its first instant: rather than everyone at that instant, the meals
        // spread over the free part of the shift.
        let policy = BreakPolicy {
            rules: vec![rule("meal", 30.0, 3.0, 3.0)],
            no_breaks: vec![(3.5 * 3600.0, 5.0 * 3600.0)],
            recall_when_waiting_over: None,
        };
        let b = place_breaks(&shift(8.0, vec![4]), &policy, Role::Agents);
        let starts: Vec<f64> = b.changes.iter().filter(|c| c.starts).map(|c| c.at_s).collect();
        assert_eq!(starts.len(), 4);
        assert!(starts.windows(2).all(|w| w[1] - w[0] > 1800.0), "{starts:?}");
    }

    #[test]
    fn a_person_takes_breaks_in_order_without_overlap() {
        let policy = BreakPolicy {
            rules: vec![rule("a", 15.0, 1.0, 5.0), rule("b", 30.0, 2.0, 2.0), rule("c", 15.0, 4.0, 1.0)],
            ..Default::default()
        };
        let b = place_breaks(&shift(8.0, vec![5]), &policy, Role::Agents);
        for p in 0..5 {
            let mine: Vec<&BreakChange> = b.changes.iter().filter(|c| c.person == p).collect();
            assert_eq!(mine.len(), 6);
            assert!(mine.windows(2).all(|w| w[0].at_s <= w[1].at_s), "person {p}: {mine:?}");
            assert!(mine.chunks(2).all(|b| b[0].starts && !b[1].starts && b[1].at_s - b[0].at_s >= 900.0));
        }
    }
}
