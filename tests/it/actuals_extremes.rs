//! Exports at the edges of what the importer accepts: absurd numbers and
//! more agent groups than a 16-bit index holds, and names (agents, groups,
//! carriers) repeated or new on every row.

use peakplan::actuals::fit::fit_chats;
use peakplan::actuals::{import_inquiries_from, import_orders_from, import_shipments_from, ImportOptions};
use peakplan::Scenario;

/// Reads inquiries `csv` against the default scenario.
fn import(csv: &str, skip_bad_rows: bool) -> Result<peakplan::actuals::ChatActuals, String> {
    let opts = ImportOptions { skip_bad_rows, ..ImportOptions::default() };
    import_inquiries_from(csv.as_bytes(), "i.csv", &Scenario::default_double11(), &opts)
        .map(|(chats, _)| chats)
        .map_err(|e| e.to_string())
}

/// A wait or handle time of 1e308 s parses as a float but overflowed the
/// fit's sums to infinity (a patience and a handle time of `inf s`, NaN
/// beside them): such a number is a bad row, and up to 1e12 s the fit is
/// finite.
#[test]
fn absurd_durations_are_bad_rows_and_the_fit_stays_finite() {
    let csv = "arrived_at,wait_s,handle_s,agent,group,abandoned\n\
               2026-11-10 12:00:01,1e308,1e308,a,trained,0\n\
               2026-11-10 12:00:02,1e12,1e12,a,trained,0\n\
               2026-11-10 12:00:03,1e12,1e12,a,trained,0\n\
               2026-11-10 12:00:04,1e308,,,,1\n\
               2026-11-10 12:00:05,1e12,,,,1\n";
    let err = import(csv, false).unwrap_err();
    assert!(err.starts_with("i.csv:2: column `wait_s`: `1e308` is too large (at most 1e12)"), "{err}");
    let chats = import(csv, true).unwrap();
    let fit = fit_chats(&chats);
    let (p, h) = (fit.patience.unwrap(), &fit.handle[0]);
    assert_eq!((p.abandoned, p.censored, h.chats), (1, 2, 2));
    for x in [p.mean_s, p.exponential_mean_s, p.aic_lognormal_minus_exponential, p.naive_mean_s, h.mean_s, h.cv] {
        assert!(x.is_finite(), "{p:?} {h:?}");
    }
    assert_eq!(h.observed_mean_s, 1e12);
}

/// The chats an agent holds are counted per group; the group's index was
/// cut to 16 bits on the way, so the 65,537th group's chats were counted
/// as the first group's.
#[test]
fn chats_in_hand_stay_with_their_group_beyond_65536_groups() {
    let mut csv = String::from("arrived_at,wait_s,handle_s,agent,group\n");
    csv.push_str("2026-11-10 12:00:00,0,0.5,x,g0\n");
    for g in 1..65_536 {
        csv.push_str(&format!("2026-11-10 12:00:00,,,,g{g}\n"));
    }
    // The last group's agent holds two chats at once.
    csv.push_str("2026-11-10 12:00:01,0,100,x,last\n2026-11-10 12:00:02,0,5,x,last\n");
    let chats = import(&csv, false).unwrap();
    assert_eq!(chats.handle.len(), 65_537);
    let by_group = &chats.concurrency.by_group;
    assert_eq!(by_group[0].count, vec![1], "the first group's agent held one chat");
    assert_eq!(by_group[65_536].count, vec![1, 1]);
}

/// An agent who never lets a chat go (handle times in milliseconds read as
/// seconds, or one name for a whole team) holds every chat at once: each
/// start is counted at its number in hand, and the import stays linear in
/// the rows (the chats in hand are a heap, not a list scanned per chat).
#[test]
fn an_agent_holding_every_chat_counts_each_start_once() {
    const N: usize = 30_000;
    let mut csv = String::from("arrived_at,wait_s,handle_s,agent,group\n");
    for i in 0..N {
        csv.push_str(&format!("2026-11-10T12:00:00Z,{i},1000000,team,\n"));
    }
    let chats = import(&csv, false).unwrap();
    assert_eq!(chats.concurrency.by_group[0].count, vec![1; N]);
}

/// A shipments export whose carrier column holds a tracking number names a
/// new carrier on every row: each is counted once, found by name without
/// scanning the others.
#[test]
fn a_carrier_per_parcel_is_counted_once_each() {
    const N: usize = 30_000;
    let s = Scenario::default_double11();
    let orders = "order_id,placed_at,paid_at\nA,2026-11-10 12:00,2026-11-10 12:00\n";
    let mut ships = String::from("order_id,handed_over_at,carrier\n");
    for i in 0..N {
        ships.push_str(&format!("A,2026-11-10 13:00,SF{i:08}\n"));
    }
    let opts = ImportOptions::default();
    let (mut acc, _) = import_orders_from(orders.as_bytes(), "o.csv", &s, &opts).unwrap();
    let rows = import_shipments_from(ships.as_bytes(), "s.csv", &s, &opts, &mut acc).unwrap();
    assert_eq!(rows.used, N as u64);
    let carriers = &acc.dispatch.carriers;
    assert_eq!(carriers.len(), N);
    assert!(carriers.iter().all(|c| c.per_period.iter().sum::<u64>() == 1));
    assert_eq!(acc.dispatch.further_parcels, N as u64 - 1);
}
