//! Designed shifts: the integer program against brute force on cases small
//! enough to enumerate, and `size` with designed shifts end to end.

use crate::common::two_shifts_toml;
use peakplan::scenario::Scenario;
use peakplan::sizing::design::program::{Candidate, Program};
use peakplan::sizing::{size, SizingConfig};

/// Every headcount vector with each entry in `0..=max[g]`, as a flat list of
/// `candidates × groups` entries.
fn all_plans(candidates: usize, max: &[u32]) -> Vec<Vec<Vec<u32>>> {
    let groups = max.len();
    let mut out = vec![vec![]];
    for _ in 0..candidates {
        let mut next = Vec::new();
        for plan in &out {
            let mut row = vec![0u32; groups];
            loop {
                let mut p: Vec<Vec<u32>> = plan.clone();
                p.push(row.clone());
                next.push(p);
                // Odometer over the groups.
                let mut g = 0;
                while g < groups && row[g] == max[g] {
                    row[g] = 0;
                    g += 1;
                }
                if g == groups {
                    break;
                }
                row[g] += 1;
            }
        }
        out = next;
    }
    out
}

/// Whether `plan` follows the program's rules and covers its requirement.
fn feasible(p: &Program, plan: &[Vec<u32>]) -> bool {
    let in_use = |c: usize| plan[c].iter().sum::<u32>() > 0;
    let free: Vec<usize> = (0..p.candidates.len()).filter(|&c| p.candidates[c].pinned.is_none()).collect();
    if free.iter().any(|&c| in_use(c) && plan[c].iter().sum::<u32>() < p.min_per_shift) {
        return false;
    }
    if p.max_distinct.is_some_and(|k| free.iter().filter(|&&c| in_use(c)).count() > k as usize) {
        return false;
    }
    if p.candidates.iter().zip(plan).any(|(c, h)| c.pinned.as_ref().is_some_and(|pin| pin != h)) {
        return false;
    }
    // Capacity is constant between boundaries on the half-hour grid used
    // below, so checking every half hour checks every instant.
    let step = 1800.0;
    let slots = (p.requirement.len() as f64 * p.period_s / step) as usize;
    (0..slots).all(|k| {
        let t = (k as f64 + 0.5) * step;
        let need = p.requirement[(t / p.period_s) as usize];
        let have: f64 = p
            .candidates
            .iter()
            .zip(plan)
            .filter(|(c, _)| c.start_s <= t && t < c.end_s)
            .map(|(_, h)| h.iter().zip(p.capacity).map(|(&n, &cap)| f64::from(n) * cap).sum::<f64>())
            .sum();
        have >= need - 1e-9
    })
}

fn cost(p: &Program, plan: &[Vec<u32>]) -> f64 {
    p.candidates
        .iter()
        .zip(plan)
        .map(|(c, h)| h.iter().zip(&c.cost).map(|(&n, &k)| f64::from(n) * k).sum::<f64>())
        .sum()
}

fn candidate(start_h: f64, end_h: f64, cost: &[f64]) -> Candidate {
    Candidate { start_s: start_h * 3600.0, end_s: end_h * 3600.0, cost: cost.to_vec(), pinned: None }
}

/// Checks the program's plan against every plan of the enumeration.
fn check_against_brute_force(p: &Program, max: &[u32]) {
    let sol = p.solve().unwrap();
    assert!(sol.shortfall.iter().all(|&s| s == 0.0), "coverable case: {:?}", sol.shortfall);
    assert!(feasible(p, &sol.plan), "the program's plan breaks a rule: {:?}", sol.plan);
    let mut best: Option<(f64, Vec<Vec<Vec<u32>>>)> = None;
    for plan in all_plans(p.candidates.len(), max) {
        if !feasible(p, &plan) {
            continue;
        }
        let c = cost(p, &plan);
        match &mut best {
            Some((b, plans)) if (c - *b).abs() < 1e-9 => plans.push(plan),
            Some((b, _)) if c > *b => {}
            _ => best = Some((c, vec![plan])),
        }
    }
    let (best_cost, best_plans) = best.expect("some plan is feasible");
    assert!((sol.cost_cny - best_cost).abs() < 1e-6, "program {} CNY, cheapest {} CNY", sol.cost_cny, best_cost);
    assert!((cost(p, &sol.plan) - best_cost).abs() < 1e-6);
    assert!(best_plans.contains(&sol.plan), "the plan is one of the cheapest");
}

#[test]
fn program_finds_the_cheapest_plan_of_all() {
    // Four hours needing 2, 3, 3, 1 agents; candidates of 1, 2 and 3 hours,
    // the late ones dearer per hour (a night premium). Max 3 per shift.
    let candidates = [
        candidate(0.0, 1.0, &[40.0]),
        candidate(0.0, 2.0, &[70.0]),
        candidate(1.0, 3.0, &[66.0]),
        candidate(1.0, 4.0, &[105.0]),
        candidate(2.0, 4.0, &[80.0]),
        candidate(3.0, 4.0, &[45.0]),
        candidate(0.5, 2.5, &[64.0]),
    ];
    let p = Program {
        candidates: &candidates,
        requirement: &[2.0, 3.0, 3.0, 1.0],
        period_s: 3600.0,
        capacity: &[1.0],
        max_per_shift: &[3],
        min_per_shift: 1,
        max_distinct: None,
    };
    check_against_brute_force(&p, &[3]);
}

#[test]
fn program_keeps_people_per_shift_distinct_shifts_and_fixed_shifts() {
    // Two groups (the second at half capacity, cheaper per person), a
    // fixed shift, at least 2 people on a shift in use, at most 2 shifts.
    let mut candidates = vec![
        candidate(0.0, 2.0, &[60.0, 35.0]),
        candidate(1.0, 3.0, &[62.0, 36.0]),
        candidate(2.0, 4.0, &[66.0, 40.0]),
        candidate(0.0, 4.0, &[130.0, 75.0]),
    ];
    candidates.push(Candidate { pinned: Some(vec![1, 0]), ..candidate(1.5, 2.5, &[30.0, 18.0]) });
    for (min_per_shift, max_distinct) in [(2, Some(2)), (1, Some(1)), (3, None)] {
        let p = Program {
            candidates: &candidates,
            requirement: &[1.5, 3.0, 2.0, 1.0],
            period_s: 3600.0,
            capacity: &[1.0, 0.5],
            max_per_shift: &[2, 2],
            min_per_shift,
            max_distinct,
        };
        check_against_brute_force(&p, &[2, 2]);
    }
}

#[test]
fn designed_plan_meets_targets_on_fresh_replications() {
    // The stationary case of the sizing test (each hour M/M/c with 4
    // Erlangs; 6 agents by Erlang C), with shifts of 1 or 2 hours on the
    // hour designed by `size`.
    let text = format!("{}\n[sizing.shift_design]\nlengths_h = [1, 2]\n", two_shifts_toml(240.0, 0.9));
    let s = Scenario::from_toml(&text, "designed.toml").unwrap();
    assert_eq!(s.sizing.shift_design.as_ref().unwrap().candidates.len(), 4 + 3);
    let cfg = SizingConfig {
        seed: 3,
        search_replications: 60,
        verify_replications: 200,
        sensitivity_replications: 200,
        threads: None,
    };
    let r = size(&s, &cfg).unwrap();
    assert!(r.feasible);
    let se = (0.9f64 * 0.1 / 200.0).sqrt();
    assert!(r.plan.p_meet_all >= 0.9 - 3.0 * se, "p_meet {}", r.plan.p_meet_all);
    // Only shifts in use are listed, all of them candidates of the rules.
    assert!(r.plan.shifts.iter().all(|sh| sh.headcount.iter().sum::<u32>() > 0));
    assert!(r.plan.shifts.iter().all(|sh| sh.hours == 1.0 || sh.hours == 2.0));
    // The explanation adds up: a replication missing the chat targets per
    // hour misses at least one hour; one missing exactly one hour counts
    // for that hour alone; the joint rule is the strictest reading.
    let sc = &r.scope_shares;
    let missed = 1.0 - sc.every_period_jointly;
    let any: f64 = r.binding_periods.iter().map(|b| b.fail_share).sum();
    let only: f64 = r.binding_periods.iter().map(|b| b.only_fail_share).sum();
    assert!(only <= missed + 1e-9 && missed <= any + 1e-9, "{only} ≤ {missed} ≤ {any}");
    assert!(r.binding_periods.iter().all(|b| b.only_fail_share <= b.fail_share && b.fail_share > 0.0));
    assert!(sc.every_period_jointly <= sc.each_period_worst + 1e-9);
    // No dispatch side here: all targets are the chat targets, whose
    // abandonment cap over the window is looser than the same cap per hour.
    assert!(sc.every_period_jointly <= r.plan.p_meet_all + 1e-9);
    // Efficiency: the curve and the paid hours the report gives elsewhere;
    // breaks are only ever taken off the paid hours.
    let e = &r.efficiency;
    let curve: f64 = r.periods.iter().map(|p| f64::from(p.required_sim)).sum();
    assert_eq!((e.requirement_agent_hours, e.paid_agent_hours), (curve, r.plan.agent_hours));
    assert!(e.break_agent_hours >= 0.0 && e.on_duty_efficiency >= e.paid_efficiency);
    assert!((e.paid_efficiency - curve / r.plan.agent_hours).abs() < 1e-12);
    // Each hour needs 6 to 9 agents on duty (see the listed-shift test).
    for p in &r.periods {
        assert!((6.0..=9.0).contains(&p.plan_capacity), "{}: {}", p.period, p.plan_capacity);
    }
}

#[test]
fn designed_shifts_stay_within_a_pool_of_people() {
    // Each hour needs 6 agents; with 11 h of rest nobody works two shifts
    // of a 4-hour window, so covering it takes 12 people at least. A pool
    // of 8 binds: the plan stays within it and names what it misses.
    let base = two_shifts_toml(240.0, 0.9).replace("name = \"g\"\n", "name = \"g\"\npeople = 8\n");
    let text = format!("{base}\n[sizing.shift_design]\nlengths_h = [1, 2]\n");
    let s = Scenario::from_toml(&text, "designed.toml").unwrap();
    let cfg = SizingConfig {
        seed: 3,
        search_replications: 40,
        verify_replications: 60,
        sensitivity_replications: 10,
        threads: None,
    };
    let r = size(&s, &cfg).unwrap();
    assert!(!r.feasible);
    let people: u32 = r.plan.shifts.iter().map(|sh| sh.headcount[0]).sum();
    assert!(people <= 8, "{people} people in a pool of 8");
    assert_eq!(r.pools.len(), 1);
    assert!(r.pools[0].binding && r.pools[0].people == people);
    assert!(!r.shortfall.is_empty());
}
