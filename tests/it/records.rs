//! Per-customer records: recording changes no figure, and the records add
//! up to exactly what the observers counted; handle times carry the
//! concurrency slowdown.

use peakplan::kpi::{figures, RepFigures};
use peakplan::model::orders::OrderSource;
use peakplan::model::record::{ChatOutcome, Records};
use peakplan::model::Replication;
use peakplan::Scenario;
use std::collections::{HashMap, HashSet};

/// Every figure (scalars, then series) as bits, so that NaN compares equal
/// to itself.
fn bits(f: &RepFigures) -> Vec<(String, Vec<u64>)> {
    let scalars = f.scalars.iter().map(|(n, v)| (n.to_string(), vec![v.to_bits()]));
    let series = f.series.iter().map(|(n, v)| (n.to_string(), v.iter().map(|x| x.to_bits()).collect()));
    scalars.chain(series).collect()
}

fn scalar(f: &RepFigures, name: &str) -> f64 {
    f.scalars.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no figure {name}")).1
}

/// Counts records of chats that match `pick`.
fn chats(r: &Records, pick: fn(&ChatOutcome) -> bool) -> f64 {
    r.chats.iter().filter(|c| pick(&c.outcome)).count() as f64
}

/// The records agree with the replication's counts, one by one; `within_s`
/// is the on-time threshold [s].
fn check_counts(rep: &Replication, f: &RepFigures, r: &Records, within_s: f64) {
    let o = &rep.chat.observer;
    assert_eq!(r.chats.len() as f64, scalar(f, "inquiries"));
    assert_eq!(chats(r, |c| matches!(c, ChatOutcome::Deflected)), scalar(f, "deflected"));
    assert_eq!(chats(r, |c| matches!(c, ChatOutcome::Abandoned { .. })), scalar(f, "abandoned"));
    assert_eq!(chats(r, |c| matches!(c, ChatOutcome::Unanswered { .. })), scalar(f, "unanswered_at_close"));
    assert_eq!(chats(r, |c| matches!(c, ChatOutcome::Answered { .. })), scalar(f, "answered"));
    // By arrival period, and the answered chats' waits.
    let periods = o.periods();
    let mut arrivals = vec![0u32; periods.count];
    let (mut on_time, mut wait_sum_s) = (0.0, 0.0);
    for c in &r.chats {
        arrivals[periods.index(c.arrival_s)] += 1;
        if let ChatOutcome::Answered { wait_s, handle_s, .. } = c.outcome {
            assert!(wait_s >= 0.0 && handle_s > 0.0, "{c:?}");
            wait_sum_s += wait_s;
            on_time += f64::from(u8::from(wait_s <= within_s));
        }
    }
    assert_eq!(arrivals, o.arrivals);
    assert_eq!(on_time, scalar(f, "answered_on_time"));
    assert!((wait_sum_s - o.response_sum_s).abs() <= 1e-9 * o.response_sum_s.max(1.0));

    // Orders: one record each, ids 0..n, sources and fates as counted.
    assert_eq!(r.orders.len() as f64, scalar(f, "orders_placed"));
    let ids: HashSet<u32> = r.orders.iter().map(|o| o.id).collect();
    assert_eq!(ids, (0..r.orders.len() as u32).collect());
    let paid: HashMap<u32, f64> = r.orders.iter().filter_map(|o| Some((o.id, o.paid_s?))).collect();
    assert_eq!(paid.len() as f64, scalar(f, "orders_paid"));
    let count = |pick: &dyn Fn(&peakplan::model::record::OrderRecord) -> bool| {
        r.orders.iter().filter(|o| pick(o)).count() as f64
    };
    assert_eq!(count(&|o| o.source == OrderSource::Chat), scalar(f, "orders_from_chats"));
    assert_eq!(count(&|o| o.source == OrderSource::Silent), scalar(f, "orders_silent"));
    assert_eq!(count(&|o| o.source == OrderSource::Presale), scalar(f, "orders_presale"));
    assert_eq!(count(&|o| o.reminded), scalar(f, "orders_reminded"));
    assert_eq!(count(&|o| o.paid_s.is_none()), scalar(f, "orders_unpaid"));
    assert_eq!(count(&|o| o.reminded && o.paid_s.is_some()), scalar(f, "orders_recovered_by_reminder"));
    for o in &r.orders {
        assert!(o.paid_s.is_none_or(|p| p >= o.placed_s), "{o:?}");
        assert_eq!(o.paid_s == Some(o.placed_s), !o.reminded, "{o:?}");
    }
    let value: f64 = r.orders.iter().filter(|o| o.paid_s.is_some()).map(|o| o.value_cny).sum();
    assert!((value - scalar(f, "paid_value_cny")).abs() <= 1e-9 * value);

    // Shipments: one per parcel handed over, each a paid order, once.
    assert_eq!(r.shipments.len() as f64, scalar(f, "orders_dispatched"));
    let mut shipped = HashSet::new();
    for s in &r.shipments {
        assert!(shipped.insert(s.order_id), "order {} shipped twice", s.order_id);
        assert_eq!(paid.get(&s.order_id), Some(&s.paid_s), "{s:?}");
        assert!(s.paid_s <= s.packed_s && s.packed_s <= s.handed_over_s, "{s:?}");
    }
    assert!(r.shipments.windows(2).all(|w| w[0].handed_over_s <= w[1].handed_over_s), "in hand-over order");
}

#[test]
fn recording_changes_no_figure_and_records_add_up_to_the_counts() {
    let s = Scenario::default_double11();
    let mut plain = Replication::new(&s.model);
    let mut recorded = Replication::new(&s.model);
    recorded.set_recording(true);
    // Two replications on the same workers: records start afresh each run.
    for rep in [3, 4] {
        plain.run(11, rep);
        recorded.run(11, rep);
        let (f_plain, f_rec) = (figures(&plain, &s.targets), figures(&recorded, &s.targets));
        assert_eq!(bits(&f_plain), bits(&f_rec), "replication {rep}");
        assert!(plain.take_records() == Records::default(), "nothing is recorded when off");
        let r = recorded.take_records();
        assert!(r.chats.len() > 20_000 && r.orders.len() > 5_000, "{} chats", r.chats.len());
        check_counts(&recorded, &f_rec, &r, s.model.chat.response_within_s);
    }
}

/// One group with a fixed handle time of 100 s, three chats at once, each
/// extra chat stretching handling by 25%: every answered chat's handle time
/// is 100, 125 or 150 s, as many chats were in hand when it started; under
/// load all three occur.
#[test]
fn handle_times_carry_the_concurrency_slowdown() {
    let text = r#"
name = "slowdown"
[window]
start = "2026-11-10 00:00"
length_h = 2
[arrivals]
baseline_per_h = 600
volume_cv = 0
[chat]
deflection_share = 0.1
patience_s = { kind = "exponential", mean = 120 }
[[chat.groups]]
name = "solo"
max_concurrent = 3
slowdown_per_extra_chat = 0.25
handle_s = { kind = "fixed", value = 100 }
[[chat.groups]]
name = "duo"
max_concurrent = 1
slowdown_per_extra_chat = 0
handle_s = { kind = "fixed", value = 200 }
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-10 02:00"
agents = { solo = 4, duo = 2 }
"#;
    let s = Scenario::from_toml(text, "slowdown.toml").expect("valid");
    let mut rep = Replication::new(&s.model);
    rep.set_recording(true);
    rep.run(5, 0);
    let r = rep.take_records();
    let groups = rep.chat.agent_groups().to_vec();
    assert_eq!(groups, vec![0, 0, 0, 0, 1, 1]);
    let mut seen = HashMap::new();
    for c in &r.chats {
        if let ChatOutcome::Answered { handle_s, agent, group, .. } = c.outcome {
            assert_eq!(groups[agent as usize], group);
            let allowed: &[f64] = if group == 0 { &[100.0, 125.0, 150.0] } else { &[200.0] };
            assert!(allowed.iter().any(|&h| (h - handle_s).abs() < 1e-9), "{c:?}");
            *seen.entry((handle_s * 1000.0).round() as u64).or_insert(0u32) += 1;
        }
    }
    assert_eq!(seen.len(), 4, "every concurrency level occurs: {seen:?}");
    assert!(r.orders.is_empty() && r.shipments.is_empty(), "a chat-only scenario has no orders");
}
