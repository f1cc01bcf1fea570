//! One replication of the default Double 11 scenario: inquiries and events
//! simulated per second on one core.
//!
//! Run: `cargo bench --bench replication`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use peakplan::model::Replication;
use peakplan::Scenario;

fn one_replication(c: &mut Criterion) {
    let s = Scenario::default_double11();
    let mut worker = Replication::new(&s.model);
    // Measure the workload of replication 0 once, to state throughput.
    worker.run(1, 0);
    let inquiries: u64 = worker.chat.observer.arrivals.iter().map(|&x| u64::from(x)).sum();
    let events = worker.events_processed;
    eprintln!("default scenario, replication 0: {inquiries} inquiries, {events} events");

    let mut g = c.benchmark_group("default_scenario");
    g.throughput(Throughput::Elements(inquiries));
    g.bench_function("one_replication_inquiries", |b| b.iter(|| worker.run(1, 0)));
    g.throughput(Throughput::Elements(events));
    g.bench_function("one_replication_events", |b| b.iter(|| worker.run(1, 0)));
    g.finish();
}

criterion_group!(benches, one_replication);
criterion_main!(benches);
