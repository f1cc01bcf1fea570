//! The packer requirement curve and designed packer shifts: the curve meets
//! the dispatch target on fresh replications, designed packer shifts keep
//! the rules and are written into the plan file as listed shifts.

use crate::common::sizing_config;
use peakplan::figures as fig;
use peakplan::scenario::{Scenario, DEFAULT_TOML};
use peakplan::sizing::curve::by_formula;
use peakplan::sizing::evaluate::{share, Evaluator};
use peakplan::sizing::packer_curve::{by_simulation, per_period_packer_model, scaled};
use peakplan::sizing::plan_file::plan_toml;
use peakplan::sizing::{size, Role};

#[test]
fn the_packer_curve_meets_the_dispatch_target_on_fresh_replications_and_one_step_less_does_not() {
    let s = Scenario::from_toml(DEFAULT_TOML, "default").unwrap();
    let agents = by_formula(&s);
    let mut ev = Evaluator::new(&s, 11, None);
    let c = by_simulation(&mut ev, &agents, 0..60).unwrap().expect("a dispatch side");
    let stations = s.model.dispatch.as_ref().unwrap().warehouse.stations.unwrap();
    assert!(c.share_meeting >= c.share_required && c.share_required <= c.share_ample, "{c:?}");
    assert!(c.scale > 0.0 && c.scale <= 1.0, "pickups give slack on the default: scale {}", c.scale);
    for (p, (&n, &w)) in c.required.iter().zip(&c.work).enumerate() {
        assert!(n <= stations, "period {p}: {n} packers for {stations} stations");
        assert_eq!(n == 0, w <= 1e-9, "period {p}: {n} packers for work {w}");
    }
    // The curve holds on fresh replications: the share of them meeting the
    // dispatch target is within 3 standard errors of the share required.
    let fresh = ev.run_model(&per_period_packer_model(&s.model, &agents, &c.required), 1000..1400).unwrap();
    let got = share(&fresh.samples, fig::MEETS_DISPATCH_TARGET);
    let se = (c.share_required * (1.0 - c.share_required) / 400.0).sqrt().max(1.0 / 400.0);
    assert!(got >= c.share_required - 3.0 * se, "fresh share {got} against {}", c.share_required);
    // One bisection step less staffs fewer packers and misses the share
    // on the search replications (the bracket the bisection closed).
    let less = scaled(&c.work, c.scale - 1.0 / 128.0, stations);
    if less != c.required {
        let e = ev.run_model(&per_period_packer_model(&s.model, &agents, &less), 0..60).unwrap();
        assert!(share(&e.samples, fig::MEETS_DISPATCH_TARGET) < c.share_required);
    }
}

#[test]
fn designed_packer_shifts_keep_the_rules_and_become_listed_shifts_in_the_plan_file() {
    let text = format!(
        "{DEFAULT_TOML}\n[sizing.packer_shift_design]\nlengths_h = [8, 12]\nstart_every_min = 240\nmin_per_shift = 2\n"
    );
    let s = Scenario::from_toml(&text, "designed packers").unwrap();
    let r = size(&s, &sizing_config(30, 60, 10)).unwrap();
    let packers: Vec<_> = r.plan.shifts.iter().filter(|p| p.role == Role::Packers).collect();
    assert!(!packers.is_empty());
    for p in &packers {
        let people: u32 = p.headcount.iter().sum();
        assert!(p.shift.starts_with("pack "), "{}", p.shift);
        assert!(people >= 2, "{}: {people} people", p.shift);
        assert!(p.hours == 8.0 || p.hours == 12.0, "{}: {} h", p.shift, p.hours);
        // Starts on the four-hour grid from the window start (12:00).
        let hour: u32 = p.start[6..8].parse().unwrap();
        assert_eq!(hour % 4, 0, "{} starts at {}", p.shift, p.start);
    }
    let dispatch = r.plan.kpis.get(fig::MEETS_DISPATCH_TARGET.name).unwrap().mean;
    assert!(dispatch >= 0.9, "dispatch target met in {dispatch}");
    let c = r.packer_curve.as_ref().unwrap();
    assert_eq!(r.periods.iter().map(|p| p.packers_required.unwrap()).collect::<Vec<_>>(), c.required);
    // The plan file lists the designed packer shifts and drops the rules.
    let file = plan_toml(&text, &s, &r, None).unwrap();
    assert!(!file.contains("[sizing.packer_shift_design]"));
    let plan = Scenario::from_toml(&file, "plan").unwrap();
    let listed = &plan.model.dispatch.as_ref().unwrap().warehouse.shifts;
    assert_eq!(listed.len(), packers.len());
    for (sh, p) in listed.iter().zip(&packers) {
        assert_eq!((&sh.name, &sh.headcount, sh.hours()), (&p.shift, &p.headcount, p.hours));
    }
}
