//! Engine throughput on the benchmark workloads of issue 9 (see
//! `benches/workloads/`), each measured against the hand-specialised
//! M/M/c+M loop of `benches/baseline/` where the workload allows one:
//!
//! * **W1**, **W2**: the engine (a whole peakplan replication: event queue,
//!   chat stage, observation), the baseline and the specialised loop with
//!   lazy abandonment, on the same seed. All three must count the same
//!   customers, answered, on time and abandoned (checked first); then the
//!   engine's customers per second are printed as a share of each loop's,
//!   each the best of interleaved rounds in this process.
//! * the **default** scenario and the **large brand**: one replication of
//!   the whole pipeline (chats, orders, warehouse, couriers).
//!
//! Criterion then reports customers (or orders) per second and events per
//! second on one core for each. Run: `cargo bench --bench throughput`
//! (`-- w1/` keeps criterion's W1 benchmarks only; the ratios always print).

mod baseline;
mod workloads;

use baseline::{Counts, LazyWork, Mmc, Work};
use criterion::{Criterion, Throughput};
use peakplan::model::Replication;
use peakplan::Scenario;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Master seed of every benchmark.
const SEED: u64 = 1;

/// What the engine counted in the replication it just ran, as the baseline
/// counts it (a chat still waiting at the close counts as abandoned).
fn engine_counts(w: &Replication) -> Counts {
    let o = &w.chat.observer;
    let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
    Counts {
        arrived: sum(&o.arrivals),
        answered: sum(&o.answered),
        on_time: sum(&o.on_time),
        abandoned: sum(&o.abandoned) + sum(&o.unanswered),
    }
}

/// One workload's engine and baseline, with what replication 0 holds.
struct Pair<'s> {
    name: &'static str,
    engine: Replication<'s>,
    baseline: Mmc,
    work: Work,
    lazy_work: LazyWork,
    customers: u64,
    events: u64,
}

impl<'s> Pair<'s> {
    fn new(name: &'static str, s: &'s Scenario) -> Self {
        let mut engine = Replication::new(&s.model);
        let baseline = Mmc::from_scenario(s);
        let (mut work, mut lazy_work) = (Work::default(), LazyWork::default());
        for rep in 0..4 {
            engine.run(SEED, rep);
            let b = baseline.run(SEED, rep, &mut work);
            assert_eq!(engine_counts(&engine), b, "{name}, replication {rep}: the engine and the baseline disagree");
            let l = baseline.run_lazy(SEED, rep, &mut lazy_work);
            assert_eq!(
                engine_counts(&engine),
                l,
                "{name}, replication {rep}: the engine and the specialised loop disagree"
            );
        }
        engine.run(SEED, 0);
        let customers = engine_counts(&engine).arrived;
        Self { name, customers, events: engine.events_processed, engine, baseline, work, lazy_work }
    }

    /// Best time of one replication of the engine, the baseline and the
    /// specialised loop over `rounds` interleaved rounds; prints each and
    /// the engine's ratio to both loops.
    fn ratio(&mut self, rounds: u32, reps: u64) {
        let mut best = [Duration::MAX; 3];
        for _ in 0..rounds {
            for (side, b) in best.iter_mut().enumerate() {
                let t = Instant::now();
                for _ in 0..reps {
                    match side {
                        0 => self.engine.run(SEED, 0),
                        1 => _ = black_box(self.baseline.run(SEED, 0, &mut self.work)),
                        _ => _ = black_box(self.baseline.run_lazy(SEED, 0, &mut self.lazy_work)),
                    }
                }
                *b = (*b).min(t.elapsed() / reps as u32);
            }
        }
        let per_s = |n: u64, d: Duration| n as f64 / d.as_secs_f64();
        let [ce, cb, cl] = best.map(|d| per_s(self.customers, d));
        println!(
            "{}: {} customers, {} events per replication; engine {:.2} M customers/s ({:.2} M events/s), \
             baseline {:.2} M customers/s, specialised {:.2} M customers/s; \
             engine/baseline = {:.0}%, engine/specialised = {:.0}%",
            self.name,
            self.customers,
            self.events,
            ce / 1e6,
            per_s(self.events, best[0]) / 1e6,
            cb / 1e6,
            cl / 1e6,
            100.0 * ce / cb,
            100.0 * ce / cl
        );
    }

    fn bench(&mut self, c: &mut Criterion) {
        let mut g = c.benchmark_group(self.name);
        g.sample_size(20).measurement_time(Duration::from_secs(4));
        g.throughput(Throughput::Elements(self.customers));
        g.bench_function("engine_customers", |b| b.iter(|| self.engine.run(SEED, 0)));
        g.bench_function("baseline_customers", |b| b.iter(|| black_box(self.baseline.run(SEED, 0, &mut self.work))));
        g.bench_function("specialised_customers", |b| {
            b.iter(|| black_box(self.baseline.run_lazy(SEED, 0, &mut self.lazy_work)))
        });
        g.throughput(Throughput::Elements(self.events));
        g.bench_function("engine_events", |b| b.iter(|| self.engine.run(SEED, 0)));
        g.finish();
    }
}

/// One replication of a whole-pipeline scenario: orders (or inquiries) and
/// events per second.
fn pipeline(c: &mut Criterion, name: &str, s: &Scenario, samples: usize, secs: u64) {
    let mut w = Replication::new(&s.model);
    w.run(SEED, 0);
    let inquiries: u64 = w.chat.observer.arrivals.iter().map(|&x| u64::from(x)).sum();
    let orders = w.dispatch.as_ref().map_or(0, |d| u64::from(d.orders.observer.placed_total()));
    let events = w.events_processed;
    println!("{name}: replication 0 holds {inquiries} inquiries, {orders} orders, {events} events");
    let mut g = c.benchmark_group(name);
    g.sample_size(samples).measurement_time(Duration::from_secs(secs));
    g.throughput(Throughput::Elements(inquiries));
    g.bench_function("replication_inquiries", |b| b.iter(|| w.run(SEED, 0)));
    if orders > 0 {
        g.throughput(Throughput::Elements(orders));
        g.bench_function("replication_orders", |b| b.iter(|| w.run(SEED, 0)));
    }
    g.throughput(Throughput::Elements(events));
    g.bench_function("replication_events", |b| b.iter(|| w.run(SEED, 0)));
    g.finish();
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // then each benchmark runs once, as a test.
    let measuring = std::env::args().any(|a| a == "--bench");
    let (w1, w2) = (workloads::w1(), workloads::w2());
    let mut pairs = [Pair::new("w1", &w1), Pair::new("w2", &w2)];
    if measuring {
        for p in &mut pairs {
            p.ratio(9, 10);
        }
    }
    let mut c = Criterion::default().without_plots().configure_from_args();
    for p in &mut pairs {
        p.bench(&mut c);
    }
    pipeline(&mut c, "default_scenario", &Scenario::default_double11(), 20, 4);
    pipeline(&mut c, "large_brand", &workloads::large_brand(), 10, 10);
    if measuring {
        // The ratios again, after criterion, to show how much they move.
        for p in &mut pairs {
            p.ratio(9, 10);
        }
    }
    c.final_summary();
}
