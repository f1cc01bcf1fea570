//! One replication of the default Double 11 scenario, chats and the whole
//! dispatch side (orders, packing, pickups): orders simulated per second on
//! one core, and the same replication with the dispatch side left out.
//!
//! Run: `cargo bench --bench dispatch`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use peakplan::model::Replication;
use peakplan::Scenario;

fn one_replication_with_dispatch(c: &mut Criterion) {
    let s = Scenario::default_double11();
    let mut worker = Replication::new(&s.model);
    // Measure the workload of replication 0 once, to state throughput.
    worker.run(1, 0);
    let d = worker.dispatch.as_ref().expect("the default scenario has a dispatch side");
    let orders = u64::from(d.orders.observer.placed_total());
    let dispatched = u64::from(d.courier.observer.dispatched_total);
    let events = worker.events_processed;
    eprintln!("default scenario, replication 0: {orders} orders placed, {dispatched} dispatched, {events} events");

    let mut g = c.benchmark_group("default_scenario_dispatch");
    g.throughput(Throughput::Elements(orders));
    g.bench_function("one_replication_orders", |b| b.iter(|| worker.run(1, 0)));
    g.throughput(Throughput::Elements(events));
    g.bench_function("one_replication_events", |b| b.iter(|| worker.run(1, 0)));

    // The chats alone, for the cost of the dispatch side.
    let mut chat_only = s.model.clone();
    chat_only.dispatch = None;
    let mut chat_worker = Replication::new(&chat_only);
    chat_worker.run(1, 0);
    g.throughput(Throughput::Elements(chat_worker.events_processed));
    g.bench_function("one_replication_chats_only_events", |b| b.iter(|| chat_worker.run(1, 0)));
    g.finish();
}

criterion_group!(benches, one_replication_with_dispatch);
criterion_main!(benches);
