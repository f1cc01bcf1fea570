//! The same seed gives the same numbers whatever the thread count.

use crate::common::simulate;
use peakplan::report::json;
use peakplan::{Scenario, SimulationReport};

#[test]
fn one_and_two_threads_give_identical_results() {
    let s = Scenario::default_double11();
    let one = simulate(&s, 7, 70, Some(1));
    let two = simulate(&s, 7, 70, Some(2));
    assert_eq!(one.samples, two.samples);
    let (a, b) = (SimulationReport::new(&s, 7, &one), SimulationReport::new(&s, 7, &two));
    assert_eq!(json::render(&a).unwrap(), json::render(&b).unwrap());
}

#[test]
fn a_different_seed_gives_different_numbers() {
    let s = Scenario::default_double11();
    let a = simulate(&s, 1, 3, Some(1));
    let b = simulate(&s, 2, 3, Some(1));
    assert_ne!(a.samples.scalar("inquiries"), b.samples.scalar("inquiries"));
}

#[test]
fn more_agents_see_the_same_customers() {
    // Common random numbers: staffing does not change arrivals or deflection.
    let s = Scenario::default_double11();
    let mut more = s.clone();
    for sh in &mut more.model.chat.shifts {
        sh.headcount[0] += 2;
    }
    let a = simulate(&s, 5, 8, Some(1));
    let b = simulate(&more, 5, 8, Some(1));
    assert_eq!(a.samples.scalar("inquiries"), b.samples.scalar("inquiries"));
    assert_eq!(a.samples.scalar("deflected"), b.samples.scalar("deflected"));
    let sl = |o: &peakplan::Outcome| o.samples.scalar("service_level").unwrap().iter().sum::<f64>();
    assert!(sl(&b) > sl(&a), "two more agents on every shift must raise the service level");
}
