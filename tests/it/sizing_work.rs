//! The work-saving parts of sizing give exactly the answers of plain
//! simulation: the parallel runner of several candidates, the early stop of
//! a failing candidate, the memory of plans already tried, the chats-only
//! requirement curve, and the whole sizing for any number of threads.

use crate::common::{simulate, two_shifts};
use peakplan::experiment::{run, RunConfig};
use peakplan::report::json;
use peakplan::sizing::curve::per_period_model;
use peakplan::sizing::evaluate::{failures_to_fail, with_plan, Evaluator};
use peakplan::sizing::replicate::{run_jobs, Job};
use peakplan::sizing::{size, SizingConfig};
use peakplan::Scenario;

/// Replications 0..n in a scrambled order (a fixed permutation).
fn scrambled(n: u64) -> Vec<u64> {
    let mut reps: Vec<u64> = (0..n).collect();
    reps.sort_by_key(|&r| (r * 37 + 11) % n);
    reps
}

#[test]
fn several_jobs_at_once_give_the_figures_of_separate_runs() {
    let s = two_shifts(240.0, 0.9);
    let models: Vec<_> = [5, 7].iter().map(|&n| with_plan(&s.model, &vec![vec![n], vec![n]], 1.0)).collect();
    for threads in [Some(1), Some(2)] {
        let jobs: Vec<Job> = models
            .iter()
            .zip([0..40u64, 10..50])
            .map(|(m, reps)| Job { model: m, reps: reps.collect(), fail_limit: None })
            .collect();
        let results = run_jobs(&jobs, &s.targets, 9, threads).unwrap();
        for (r, job) in results.iter().zip(&jobs) {
            let first = job.reps[0];
            let cfg = RunConfig { seed: 9, replications: first..first + 40, threads: Some(1), progress: false };
            let alone = run(job.model, &s.targets, &cfg).unwrap();
            assert_eq!(r.samples.as_ref(), Some(&alone.samples), "threads {threads:?}");
            assert_eq!(r.met.len(), 40);
        }
    }
}

#[test]
fn early_stop_answers_exactly_whether_the_failure_limit_is_reached() {
    let s = two_shifts(240.0, 0.9);
    let model = with_plan(&s.model, &vec![vec![6], vec![6]], 1.0);
    let n = 64;
    let full =
        run(&model, &s.targets, &RunConfig { seed: 4, replications: 0..n, threads: None, progress: false }).unwrap();
    let failures = full.samples.scalar("meets_all_targets").unwrap().iter().filter(|&&x| x < 0.5).count() as u64;
    assert!(failures > 2 && failures < n - 2, "the test needs a plan that sometimes fails: {failures} of {n}");
    for limit in [1, failures - 1, failures, failures + 1, n] {
        for threads in [Some(1), Some(2)] {
            let job = Job { model: &model, reps: scrambled(n), fail_limit: Some(limit) };
            let r = run_jobs(&[job], &s.targets, 4, threads).unwrap().pop().unwrap();
            let reached = r.samples.is_none();
            assert_eq!(reached, failures >= limit, "limit {limit}, {failures} failures, threads {threads:?}");
            if let Some(samples) = r.samples {
                // Complete despite the scrambled order: figures in replication order.
                assert_eq!(samples, full.samples);
            }
        }
    }
}

#[test]
fn failure_limit_matches_the_share_comparison() {
    for n in [1u64, 7, 200, 1000] {
        for required in [0.0, 0.5, 0.9, 0.95, 0.965_41, 1.0] {
            let limit = failures_to_fail(n, required);
            for f in 0..=n {
                let meets = ((n - f) as f64) / (n as f64) >= required;
                assert_eq!(meets, limit.is_none_or(|k| f < k), "n {n}, required {required}, {f} failures");
            }
        }
    }
}

#[test]
fn meets_agrees_with_full_simulation_and_remembers_plans() {
    let s = two_shifts(240.0, 0.9);
    let mut ev = Evaluator::new(&s, 3, None);
    for n in [5, 6, 7, 8] {
        let plan = vec![vec![n], vec![n + 1]];
        for required in [0.5, 0.9] {
            let mut fresh = Evaluator::new(&s, 3, Some(2));
            let quick = fresh.meets(&plan, required, 0..60).unwrap();
            let full = ev.run_plan(&plan, 1.0, 0..60).unwrap();
            assert_eq!(quick, full.p_meet >= required, "{n} agents, required {required}");
            // Asked again: answered from memory, nothing simulated.
            let before = (fresh.evaluations, fresh.replications);
            assert_eq!(fresh.meets(&plan, required, 0..60).unwrap(), quick);
            assert_eq!((fresh.evaluations, fresh.replications), before);
            // A plan simulated in full is remembered too.
            let before = ev.evaluations;
            assert_eq!(ev.meets(&plan, required, 0..60).unwrap(), quick);
            assert_eq!(ev.evaluations, before);
        }
    }
}

#[test]
fn chats_only_requirement_curve_sees_the_chats_of_the_whole_model() {
    let s = Scenario::default_double11();
    let agents: Vec<u32> = (0..s.model.periods.count).map(|p| 8 + (p as u32 % 5) * 6).collect();
    let chats_only = per_period_model(&s.model, &agents);
    assert!(chats_only.dispatch.is_none());
    let mut whole = chats_only.clone();
    whole.dispatch.clone_from(&s.model.dispatch);
    let a = simulate(&Scenario { model: chats_only, ..s.clone() }, 6, 6, None);
    let b = simulate(&Scenario { model: whole, ..s.clone() }, 6, 6, None);
    for k in ["service_level", "abandon_share", "offered", "occupancy"] {
        assert_eq!(a.samples.series(k), b.samples.series(k), "{k}");
    }
    for k in ["inquiries", "meets_chat_targets", "periods_below_service_level", "response_p95_s"] {
        assert_eq!(a.samples.scalar(k), b.samples.scalar(k), "{k}");
    }
}

#[test]
fn sizing_is_identical_for_one_and_two_threads() {
    let s = two_shifts(240.0, 0.9);
    let cfg = |threads| SizingConfig {
        seed: 8,
        search_replications: 40,
        verify_replications: 80,
        sensitivity_replications: 50,
        threads,
    };
    let one = size(&s, &cfg(Some(1))).unwrap();
    let two = size(&s, &cfg(Some(2))).unwrap();
    assert_eq!(json::render(&one), json::render(&two));
    // The sensitivity table: the plan itself on the first 50 verification
    // replications, then each variant on the same ones.
    assert_eq!(one.sensitivity_replications, 50);
    assert!(one.sensitivity.iter().all(|row| row.replications == 50));
    let base = &one.sensitivity[0];
    assert_eq!(base.change, "plan as recommended");
    assert!(base.p_meet_all_ci95.0 <= base.p_meet_all && base.p_meet_all <= base.p_meet_all_ci95.1);
    // Asked for more than the verification set: all of it, and the plan's
    // row is its verification, not simulated again.
    let all = size(&s, &SizingConfig { sensitivity_replications: 1000, ..cfg(None) }).unwrap();
    assert_eq!(all.sensitivity_replications, 80);
    assert_eq!(all.sensitivity[0].p_meet_all, all.plan.p_meet_all);
    assert_eq!(all.sensitivity[0].p_meet_all_ci95, all.plan.p_meet_all_ci95);
}

#[test]
fn sequential_evaluation_stops_at_a_settled_verdict_on_a_prefix_of_the_replications() {
    use peakplan::sizing::evaluate::SEQUENTIAL_BLOCK;
    use peakplan::stats::wilson95;
    let s = two_shifts(240.0, 0.9);
    // Far too few agents (fails in nearly every replication), many (meets in
    // nearly all) and a plan near the confidence.
    let models: Vec<_> = [2, 12, 6].iter().map(|&n| with_plan(&s.model, &vec![vec![n], vec![n]], 1.0)).collect();
    let n = 3 * SEQUENTIAL_BLOCK + 17;
    let jobs: Vec<_> = models.iter().map(|m| (m.clone(), 5..5 + n)).collect();
    for threads in [Some(1), Some(2)] {
        let mut ev = Evaluator::new(&s, 3, threads);
        let got = ev.run_models_sequential(&jobs, s.targets.confidence).unwrap();
        assert_eq!(ev.evaluations, 3, "each model counts once");
        for (e, (m, reps)) in got.iter().zip(&jobs) {
            let k = e.samples.len() as u64;
            assert!(k == n || k % SEQUENTIAL_BLOCK == 0, "whole blocks: {k}");
            // The figures of a plain run on the same first replications.
            let cfg =
                RunConfig { seed: 3, replications: reps.start..reps.start + k, threads: Some(1), progress: false };
            // (Compared as text: a period with nobody answered has NaN figures.)
            let plain = run(m, &s.targets, &cfg).unwrap().samples;
            assert_eq!(format!("{:?}", e.samples), format!("{plain:?}"), "{k} replications");
            let (lo, hi) = wilson95(e.p_meet * k as f64, k as f64);
            let settled = hi < s.targets.confidence || lo > s.targets.confidence;
            assert!(settled || k == n, "stopped at {k} unsettled ({lo}..{hi})");
        }
        assert!(got[0].samples.len() as u64 == SEQUENTIAL_BLOCK, "a clear failure stops after one block");
    }
    // A range of one block or less is the plain evaluation.
    let mut ev = Evaluator::new(&s, 3, None);
    let short: Vec<_> = models.iter().map(|m| (m.clone(), 0..40)).collect();
    let (a, b) = (ev.run_models_sequential(&short, 0.9).unwrap(), ev.run_models(&short).unwrap());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((format!("{:?}", x.samples), x.p_meet), (format!("{:?}", y.samples), y.p_meet));
    }
}
