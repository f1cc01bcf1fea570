//! The forward simulation from a state equals in distribution the tail of
//! a full simulation conditioned on that state: full replications of the
//! default day are stopped at 21:00 on the 11th (their chats waiting and in
//! hand read from their records, as an export shows them), each state is
//! run forward with fresh customers, and the rest of the window's figures
//! of the two agree within their standard errors, replication by
//! replication (paired: the same state, the same agents).

use crate::common::mean_se;
use peakplan::model::forward::{Forward, ForwardDraws, SeenChat, StartState};
use peakplan::model::Replication;
use peakplan::Scenario;

/// 21:00 on the 11th, from 12:00 on the 10th [s].
const AT_S: f64 = 33.0 * 3600.0;

#[test]
fn forward_from_the_state_at_21_is_the_tail_of_the_full_run() {
    let mut s = Scenario::default_double11();
    s.model.volume_cv = 0.0;
    s.model.dispatch = None;
    let params = &s.model;
    let (mut full, mut fwd) = (Replication::new(params), Forward::new(params, AT_S));
    full.set_recording(true);
    let n = 600;
    let (mut sl, mut ab, mut waiting) = (vec![Vec::new(); 3], Vec::new(), Vec::new());
    for rep in 0..n {
        full.run(21, rep);
        let records = full.take_records();
        let state = StartState::at(AT_S, records.chats.iter().filter_map(SeenChat::of_record));
        waiting.push(state.waiting_arrivals_s.len() as f64);
        let whole = peakplan::model::forward::tail(&full.chat, AT_S, &s.targets);
        fwd.run(&state, ForwardDraws { agents: (21, rep), customers: (22, rep), volume: 1.0 });
        let ahead = fwd.tail(AT_S, &s.targets);
        assert_eq!((whole.first_period, ahead.first_period), (33, 33));
        for (i, d) in sl.iter_mut().enumerate() {
            d.push(whole.service_level[i] - ahead.service_level[i]);
        }
        ab.push(whole.abandon_share - ahead.abandon_share);
    }
    // The states are not trivial: chats wait at 21:00 in most replications.
    let (w, _) = mean_se(&waiting);
    assert!(w > 5.0, "mean chats waiting at 21:00: {w}");
    for (i, d) in sl.iter().enumerate() {
        let (m, se) = mean_se(d);
        eprintln!("sl {i}: {m:.5} ± {se:.5}");
        assert!(m.abs() < 4.0 * se, "service level of period {}: full − forward {m:.4} ± {se:.4}", 33 + i);
    }
    let (m, se) = mean_se(&ab);
    eprintln!("ab: {m:.5} ± {se:.5} waiting {w}");
    assert!(m.abs() < 4.0 * se, "abandonment: full − forward {m:.4} ± {se:.4}");
}
