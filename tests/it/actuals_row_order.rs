//! An export means the same in any row order: the chats each agent held
//! (the concurrency correction of handle times) are measured alike for
//! rows in arrival order, reversed or shuffled, and the calibrated
//! scenario is the same; a repeated order id is refused in any position.

use crate::common::{fixed_cases, peakplan_in as peakplan};
use peakplan::actuals::concurrency::ConcurrencyTracker;
use proptest::prelude::*;
use std::path::Path;

/// The rows of `from` (after its header) in the order `order` gives.
fn reorder(d: &Path, from: &str, to: &str, order: impl Fn(Vec<String>) -> Vec<String>) {
    let text = std::fs::read_to_string(d.join(from)).unwrap();
    let mut lines = text.lines().map(str::to_string);
    let header = lines.next().unwrap();
    let rows = order(lines.collect());
    std::fs::write(d.join(to), [vec![header], rows].concat().join("\n") + "\n").unwrap();
}

/// `actuals fit` of `inquiries` as JSON, and the calibrated scenario
/// without its provenance line (which names the file).
fn fit(d: &Path, inquiries: &str) -> (serde_json::Value, String) {
    let out = format!("{inquiries}.toml");
    let run = peakplan(d)
        .args(["actuals", "fit", "--inquiries", inquiries, "--format", "json", "-q", "--out", &out])
        .assert()
        .success();
    let json = serde_json::from_slice(&run.get_output().stdout).unwrap();
    let toml = std::fs::read_to_string(d.join(out)).unwrap();
    (json, toml.lines().filter(|l| !l.starts_with("# From ")).collect::<Vec<_>>().join("\n"))
}

/// The handle-time fit of group `group`.
fn handle<'a>(fit: &'a serde_json::Value, group: &str) -> &'a serde_json::Value {
    fit["fit"]["handle"].as_array().unwrap().iter().find(|g| g["group"] == group).unwrap()
}

#[test]
fn reversed_or_shuffled_rows_give_the_same_fit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    peakplan(d).args(["actuals", "example", "--out", "."]).assert().success();
    reorder(d, "inquiries.csv", "reversed.csv", |mut rows| {
        rows.reverse();
        rows
    });
    // Every 7th row first, then the rest: far from arrival order.
    reorder(d, "inquiries.csv", "shuffled.csv", |rows| {
        let (a, b): (Vec<_>, Vec<_>) = rows.into_iter().enumerate().partition(|(i, _)| i % 7 == 0);
        a.into_iter().chain(b).map(|(_, r)| r).collect()
    });
    let (sorted, sorted_toml) = fit(d, "inquiries.csv");
    assert!(sorted["fit"]["concurrency_note"].is_null());
    for other in ["reversed.csv", "shuffled.csv"] {
        let (fit, toml) = fit(d, other);
        assert!(fit["fit"]["concurrency_note"].is_null(), "{other}: {}", fit["fit"]["concurrency_note"]);
        assert_eq!(toml, sorted_toml, "{other}: the calibrated scenario differs");
        for group in ["trained", "temp"] {
            let (a, b) = (handle(&sorted, group), handle(&fit, group));
            for figure in ["mean_s", "slowdown_per_extra_chat", "mean_concurrency", "chats"] {
                let (x, y) = (a[figure].as_f64().unwrap(), b[figure].as_f64().unwrap());
                assert!((x - y).abs() <= 1e-9 * x.abs(), "{other} {group} {figure}: {x} vs {y}");
            }
        }
    }
}

proptest! {
    #![proptest_config(fixed_cases(64))]

    /// Chats of a few agents, fed in any order, are counted alike.
    #[test]
    fn the_chats_in_hand_do_not_depend_on_the_row_order(
        chats in prop::collection::vec((0u32..2000, 0u32..50, 1u32..300, 0u32..3), 1..60),
        rotate in 0usize..60,
    ) {
        let run = |order: &[(u32, u32, u32, u32)]| {
            let mut t = ConcurrencyTracker::default();
            let agents: Vec<u32> = ["a", "b", "c"].iter().map(|n| t.agent(n)).collect();
            for &(arrival, wait, handle, who) in order {
                t.chat(f64::from(arrival), f64::from(wait), f64::from(handle), agents[who as usize], who % 2);
            }
            t.finish();
            prop_assert!(!t.unsorted);
            Ok(t.by_group)
        };
        let mut sorted = chats.clone();
        sorted.sort();
        let want = run(&sorted)?;
        let mut reversed = sorted.clone();
        reversed.reverse();
        let mut rotated = chats.clone();
        rotated.rotate_left(rotate % chats.len());
        for order in [chats, reversed, rotated] {
            let got = run(&order)?;
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert_eq!(&g.count, &w.count);
                for (x, y) in g.sum_s.iter().zip(&w.sum_s) {
                    prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0));
                }
            }
        }
    }
}
