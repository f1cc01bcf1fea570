//! How many people of one group a set of shifts needs when a person may work
//! at most so many paid hours in the window, and whether the group's pool of
//! people holds them.
//!
//! Without an hours limit the count is [`people_needed`] (exact: the largest
//! overlap of shift-plus-rest intervals). With one, shifts are chained in
//! start order: each seat goes to a rested person (free at least
//! `rest_between_shifts_h` after their last shift) who still has the shift's
//! paid hours left, the one with the fewest hours so far; a new person
//! otherwise. The count is feasible (every person keeps the rest and the
//! limit, except that a single shift longer than the limit takes one person
//! each), never below the exact count without the limit, nor below the paid
//! hours divided by the limit.

use super::pay::{people_needed, shift_pay};
use crate::model::shifts::Shift;
use crate::scenario::{Pool, Scenario};

/// The people of group `g` who can work every shift of `shifts`, resting
/// `rest_h` hours between two shifts and working at most `max_hours` paid
/// hours each; `paid_h[i]` is what one person on `shifts[i]` is paid [h].
pub fn people_within_hours(shifts: &[Shift], paid_h: &[f64], g: usize, rest_h: f64, max_hours: Option<f64>) -> u32 {
    let Some(max_h) = max_hours else {
        return people_needed(shifts, g, rest_h);
    };
    let rest_s = rest_h * 3600.0;
    let mut order: Vec<usize> = (0..shifts.len()).collect();
    order.sort_by(|&a, &b| shifts[a].start_s.total_cmp(&shifts[b].start_s).then(a.cmp(&b)));
    // (free from [s], paid so far [h]) of each person.
    let mut people: Vec<(f64, f64)> = Vec::new();
    for i in order {
        let (sh, h) = (&shifts[i], paid_h[i]);
        for _ in 0..sh.headcount.get(g).copied().unwrap_or(0) {
            let fits = |p: &&mut (f64, f64)| p.0 <= sh.start_s && p.1 + h <= max_h + 1e-9;
            match people.iter_mut().filter(fits).min_by(|a, b| a.1.total_cmp(&b.1)) {
                Some(p) => *p = (sh.end_s + rest_s, p.1 + h),
                None => people.push((sh.end_s + rest_s, h)),
            }
        }
    }
    people.len() as u32
}

/// The people each group of a role needs for `shifts` in scenario `s`, with
/// the group's pool `pools[g]` (hours limit included).
pub fn people_by_group(s: &Scenario, shifts: &[Shift], pools: &[Pool]) -> Vec<u32> {
    let paid_h: Vec<f64> =
        shifts.iter().map(|sh| shift_pay(&s.costs, &s.window, sh.start_s, sh.end_s).paid_h).collect();
    let rest_h = s.costs.pay.rest_between_shifts_h;
    (0..pools.len()).map(|g| people_within_hours(shifts, &paid_h, g, rest_h, pools[g].max_hours)).collect()
}

/// Whether `people` of a group stay within its pool.
pub fn pool_holds(pool: &Pool, people: u32) -> bool {
    pool.people.is_none_or(|n| people <= n)
}

/// The groups of `s` whose pool of people its shifts exceed, as
/// `"<group> (<people needed> people, pool <pool>)"`, agents then packers.
pub fn over_pools(s: &Scenario) -> Vec<String> {
    let m = &s.model;
    let mut roles =
        vec![(&m.chat.shifts, m.chat.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>(), &s.pools.agents)];
    if let Some(d) = &m.dispatch {
        roles.push((
            &d.warehouse.shifts,
            d.warehouse.groups.iter().map(|g| g.name.clone()).collect(),
            &s.pools.packers,
        ));
    }
    let mut out = Vec::new();
    for (shifts, names, pools) in roles {
        if pools.iter().all(|p| p.people.is_none()) {
            continue;
        }
        for (g, n) in people_by_group(s, shifts, pools).into_iter().enumerate() {
            if let (false, Some(pool)) = (pool_holds(&pools[g], n), pools[g].people) {
                out.push(format!("{} ({n} people, pool {pool})", names[g]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shift(start_h: f64, end_h: f64, n: u32) -> Shift {
        Shift { name: format!("{start_h}"), start_s: start_h * 3600.0, end_s: end_h * 3600.0, headcount: vec![n] }
    }

    #[test]
    fn hours_limit_stops_chaining() {
        // 0-8 (5 people), 8-16 (3), 20-28 (4); 11 h rest: the third shift's
        // people can be the first's (8 people). At 8 paid hours each, nobody
        // works twice: 12. At 16, chaining is free again: 8.
        let shifts = [shift(0.0, 8.0, 5), shift(8.0, 16.0, 3), shift(20.0, 28.0, 4)];
        let paid = [8.0; 3];
        assert_eq!(people_within_hours(&shifts, &paid, 0, 11.0, None), 8);
        assert_eq!(people_within_hours(&shifts, &paid, 0, 11.0, Some(16.0)), 8);
        assert_eq!(people_within_hours(&shifts, &paid, 0, 11.0, Some(8.0)), 12);
        // With no rest needed, 5 people could do 8-16 and 20-28 after 0-8,
        // but 12 paid hours each allow one shift only: 12 again.
        assert_eq!(people_within_hours(&shifts, &paid, 0, 0.0, Some(12.0)), 12);
        // At 24 h each and no rest, the first shift's 5 people work the
        // other two shifts as well: 5.
        assert_eq!(people_within_hours(&shifts, &paid, 0, 0.0, Some(24.0)), 5);
    }

    #[test]
    fn a_plan_over_its_pool_is_named() {
        let mut s = Scenario::default_double11();
        assert!(over_pools(&s).is_empty());
        s.pools.agents[0].people = Some(1);
        let over = over_pools(&s);
        assert_eq!(over.len(), 1, "{over:?}");
        assert!(over[0].starts_with(&s.model.chat.groups[0].name) && over[0].ends_with("pool 1)"), "{over:?}");
    }

    #[test]
    fn pool_holds_up_to_its_people() {
        let pool = Pool { people: Some(8), max_hours: None };
        assert!(pool_holds(&pool, 8));
        assert!(!pool_holds(&pool, 9));
        assert!(pool_holds(&Pool::default(), u32::MAX));
    }
}
