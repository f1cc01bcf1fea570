//! Orders and shipments exports: the accumulator and the join on a tiny
//! hand-computed export, the shares' fit on a generated one, the bad rows,
//! and `actuals fit --orders --shipments` end to end.

use assert_cmd::Command;
use peakplan::actuals::chat_actuals::ChatActuals;
use peakplan::actuals::fit::calibrate::calibrated_toml;
use peakplan::actuals::fit::fit_chats;
use peakplan::actuals::fit::orders::{fit_orders, Share};
use peakplan::actuals::inquiries::{Inquiry, Outcome};
use peakplan::actuals::{import_orders, import_shipments, ImportOptions};
use peakplan::engine::{stream_rng, StreamRng};
use peakplan::model::dist::Dist;
use peakplan::scenario::DEFAULT_TOML;
use peakplan::Scenario;
use rand::Rng;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The default scenario: window from 2026-11-10 12:00 (Shanghai), 36 one-hour periods.
fn scenario() -> Scenario {
    let s = Scenario::default_double11();
    assert_eq!((s.model.periods.length_s, s.model.periods.count), (3600.0, 36));
    s
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `answered` answered chats, in the first period.
fn chats(s: &Scenario, answered: u64) -> ChatActuals {
    let mut c = ChatActuals::new(s.model.periods, 30.0, 3600.0, false);
    for i in 0..answered {
        let chat = Inquiry {
            arrival_s: i as f64,
            outcome: Outcome::Answered,
            wait_s: Some(5.0),
            handle_s: Some(100.0),
            agent: None,
            group: None,
            class: None,
        };
        assert!(c.add(&chat));
    }
    c
}

const ORDERS: &str = "\
order_id,placed_at,paid_at,source,reminded,value_cny,vip,prepacked
A1,2026-11-10 12:10:00,2026-11-10 12:10:30,chat,0,100,1,1
A2,2026-11-10 12:20:00,2026-11-10 13:20:00,silent,1,200,0,0
A3,2026-11-10 13:05:00,,silent,1,300,0,1
A4,2026-11-11 00:00:00,2026-11-11 00:00:00,presale,0,400,0,0
A5,2026-11-09 10:00:00,2026-11-09 10:00:00,silent,0,50,0,0
";

const SHIPMENTS: &str = "\
order_id,packed_at,handed_over_at,carrier
A1,2026-11-10 14:00:00,2026-11-10 15:10:30,SF
A2,,2026-11-11 14:20:00,YTO
A1,,2026-11-10 16:00:00,SF
A9,,2026-11-10 16:00:00,SF
A3,,2026-11-10 16:00:00,
A4,,2026-11-12 09:00:00,YTO
";

#[test]
fn accumulates_and_joins_a_hand_computed_export() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let opts = ImportOptions::default();
    let (mut orders, rows) = import_orders(&write(dir.path(), "orders.csv", ORDERS), &s, &opts).unwrap();
    assert_eq!((rows.rows, rows.used, rows.outside_window), (5, 4, 1));
    let c = &orders.counts;
    let at = |v: &[u64], ps: &[(usize, u64)]| {
        let mut want = vec![0; 36];
        for &(p, n) in ps {
            want[p] = n;
        }
        assert_eq!(v, want.as_slice());
    };
    at(&c.placed, &[(0, 2), (1, 1), (12, 1)]);
    at(&c.paid, &[(0, 1), (1, 1), (12, 1)]); // by payment time
    at(&c.chat, &[(0, 1)]);
    at(&c.silent, &[(0, 1), (1, 1)]);
    at(&c.presale, &[(12, 1)]);
    let sh = &orders.shares;
    assert_eq!((sh.payable, sh.paid_at_once, sh.reminded, sh.reminded_paid), (3, 1, 2, 1));
    assert_eq!((sh.vip, sh.prepacked, orders.value_cny.n), (1, 2, 4));

    let ship = import_shipments(&write(dir.path(), "shipments.csv", SHIPMENTS), &s, &opts, &mut orders).unwrap();
    assert_eq!((ship.rows, ship.used), (6, 6));
    let d = &orders.dispatch;
    // Leads: A1 3 h, A2 25 h, A4 33 h; the second A1 parcel is a further parcel.
    assert_eq!((d.shipped_orders(), d.within_24h, d.further_parcels, d.without_paid_order), (3, 1, 1, 2));
    let close = |x: Option<f64>, want: f64| assert!((x.unwrap() - want).abs() < 0.001 * want, "{x:?} vs {want}");
    close(d.lead_quantile_h(0.0), 3.0);
    close(d.lead_quantile_h(0.5), 25.0);
    close(d.lead_quantile_h(1.0), 33.0);
    let carrier = |name: &str| d.carriers.iter().find(|c| c.name == name).unwrap();
    at(&carrier("SF").per_period, &[(3, 1), (4, 2)]);
    at(&carrier("YTO").per_period, &[(26, 1)]);
    assert_eq!(carrier("YTO").outside_window, 1);
    at(&carrier("").per_period, &[(4, 1)]);

    let fit = fit_orders(&orders, Some(&chats(&s, 10)));
    assert_eq!((fit.orders, fit.paid), (4, 3));
    assert_eq!(fit.chat_conversion.map(|c| (c.share, c.of)), Some((0.1, 10)));
    assert_eq!(fit.silent_total.unwrap().orders, 2);
    assert_eq!(fit.presale_total.unwrap().orders, 1);
    assert_eq!(fit.paid_at_once_share.unwrap().of, 3);
    assert_eq!(fit.remind_paid_share.map(|r| r.share), Some(0.5));
    let v = fit.value_cny.unwrap();
    assert!((v.mean_cny - 250.0).abs() < 1e-9);
    assert!((v.cv - (50_000.0f64 / 3.0).sqrt() / 250.0).abs() < 1e-9, "{v:?}");
    assert_eq!(fit.vip_share.map(|x| x.share), Some(0.25));
    assert_eq!(fit.prepacked_share.map(|x| x.share), Some(0.5));
    let disp = fit.dispatch.as_ref().unwrap();
    assert_eq!(disp.paid_not_shipped, 0);
    assert_eq!(disp.within_24h_of_paid.map(|x| (x.share * 3.0, x.of)), Some((1.0, 3)));
    // Without the inquiries the conversion is left unfitted.
    assert!(fit_orders(&orders, None).chat_conversion.is_none());

    // Written into the default scenario, which has a dispatch side.
    let text = calibrated_toml(DEFAULT_TOML, &fit_chats(&chats(&s, 10)), Some(&fit), "test").unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let o = doc["orders"].as_table().unwrap();
    assert_eq!(o["chat_conversion"].as_float(), Some(0.1));
    assert_eq!(o["silent_total"].as_integer(), Some(2));
    assert_eq!(o["paid_at_once_share"].as_float(), Some(0.333));
    assert_eq!(o["remind_paid_share"].as_float(), Some(0.5));
    assert_eq!(o["vip_share"].as_float(), Some(0.25));
    assert_eq!(o["value_cny"]["mean"].as_float(), Some(250.0));
    assert_eq!(o["presale"]["total"].as_integer(), Some(1));
    assert_eq!(doc["warehouse"]["prepacked_share"].as_float(), Some(0.5));
    assert!(text.contains("# Fitted from the orders: chat_conversion"));
}

#[test]
fn a_chat_only_scenario_stays_chat_only() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let (orders, _) = import_orders(&write(dir.path(), "o.csv", ORDERS), &s, &ImportOptions::default()).unwrap();
    let fit = fit_orders(&orders, None);
    assert!(fit.dispatch.is_none());
    let base = r#"
name = "chats"
[window]
start = "2026-11-10 12:00"
length_h = 36
[arrivals]
baseline_per_h = 100
[chat]
patience_s = { kind = "exponential", mean = 120 }
[[chat.groups]]
name = "g"
handle_s = { kind = "exponential", mean = 300 }
[[chat.shifts]]
name = "all"
start = "2026-11-10 12:00"
end = "2026-11-12 00:00"
agents = { g = 5 }
"#;
    let text = calibrated_toml(base, &fit_chats(&chats(&s, 10)), Some(&fit), "test").unwrap();
    assert!(!text.contains("[orders]") && !text.contains("Fitted from the orders"), "{text}");
}

/// Within `k` standard errors of `want`.
fn near(share: Option<Share>, want: f64, what: &str) {
    let s = share.unwrap_or_else(|| panic!("{what} not fitted"));
    let se = (want * (1.0 - want) / s.of as f64).sqrt();
    assert!((s.share - want).abs() < 4.0 * se, "{what}: {} vs {want} (se {se})", s.share);
}

#[test]
fn fits_known_shares_of_a_generated_export() {
    let (n, answered) = (20_000u64, 40_000u64);
    let (p_chat, p_presale, at_once, recovered, vip, prepacked) = (0.2, 0.1, 0.6, 0.3, 0.1, 0.4);
    let value = Dist::lognormal(399.0, 0.6).unwrap();
    let mean_lead_h = 10.0;
    let mut rng = stream_rng(8, 0, 0);
    let mut orders = String::from("order_id,placed_at,paid_at,source,reminded,value_cny,vip,prepacked\n");
    let mut ships = String::from("order_id,handed_over_at,carrier\n");
    let base = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap().and_hms_opt(12, 0, 0).unwrap();
    let stamp = |s: f64| (base + chrono::Duration::milliseconds((s * 1000.0) as i64)).format("%Y-%m-%d %H:%M:%S%.3f");
    let (mut chat_orders, mut silent_orders) = (0u64, 0u64);
    for i in 0..n {
        let placed = rng.random::<f64>() * 30.0 * 3600.0;
        let u = rng.random::<f64>();
        let source = if u < p_chat {
            chat_orders += 1;
            "chat"
        } else if u < p_chat + p_presale {
            "presale"
        } else {
            silent_orders += 1;
            "silent"
        };
        let (paid, reminded) = if source == "presale" || rng.random::<f64>() < at_once {
            (Some(placed), false)
        } else {
            (rng.random_bool(recovered).then_some(placed + 3600.0), true)
        };
        let flag = |p: f64, rng: &mut StreamRng| u8::from(rng.random_bool(p));
        let (v, is_vip, is_pre) = (value.sample(&mut rng), flag(vip, &mut rng), flag(prepacked, &mut rng));
        let paid_text = paid.map_or(String::new(), |p| stamp(p).to_string());
        let _ = writeln!(
            orders,
            "O{i},{},{paid_text},{source},{},{v:.2},{is_vip},{is_pre}",
            stamp(placed),
            u8::from(reminded)
        );
        if let Some(p) = paid {
            let lead_s = -mean_lead_h * 3600.0 * (1.0 - rng.random::<f64>()).ln();
            let _ = writeln!(ships, "O{i},{},SF", stamp(p + lead_s));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let opts = ImportOptions::default();
    let (mut acc, rows) = import_orders(&write(dir.path(), "o.csv", &orders), &s, &opts).unwrap();
    assert_eq!(rows.used, n);
    import_shipments(&write(dir.path(), "s.csv", &ships), &s, &opts, &mut acc).unwrap();
    let fit = fit_orders(&acc, Some(&chats(&s, answered)));
    assert!(fit.notes.is_empty(), "{:?}", fit.notes);
    near(fit.chat_conversion, p_chat * n as f64 / answered as f64, "chat_conversion");
    let silent = fit.silent_total.unwrap();
    assert_eq!(silent.orders, silent_orders);
    let expected_silent = (1.0 - p_chat - p_presale) * n as f64;
    assert!((silent.orders as f64 - expected_silent).abs() < 4.0 * expected_silent.sqrt(), "{silent:?}");
    assert_eq!(fit.chat_conversion.unwrap().share * answered as f64, chat_orders as f64);
    near(fit.paid_at_once_share, at_once, "paid_at_once_share");
    near(fit.remind_paid_share, recovered, "remind_paid_share");
    near(fit.vip_share, vip, "vip_share");
    near(fit.prepacked_share, prepacked, "prepacked_share");
    let v = fit.value_cny.unwrap();
    assert!((v.mean_cny - 399.0).abs() < 4.0 * v.mean_se_cny, "{v:?}");
    assert!((v.cv - 0.6).abs() < 0.05, "{v:?}");
    // Exponential leads: P(≤ 24 h) = 1 − e^(−2.4); median 10 ln 2 h.
    let d = fit.dispatch.unwrap();
    assert_eq!((d.paid_not_shipped, d.without_paid_order), (0, 0));
    near(d.within_24h_of_paid, 1.0 - (-24.0 / mean_lead_h).exp(), "within 24 h");
    // Standard error of the median: √(p(1−p)/n) / f(median), f = 1/(2·mean).
    let median_se_h = (0.25 / d.shipped_orders as f64).sqrt() * 2.0 * mean_lead_h;
    let median = d.lead_p50_h.unwrap();
    assert!((median - mean_lead_h * 2f64.ln()).abs() < 4.0 * median_se_h + 0.01, "median {median} h");
}

/// The import error of `text` as file `name` (orders, or shipments after
/// `ORDERS`).
fn error_of(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let opts = ImportOptions::default();
    let path = write(dir.path(), name, text);
    if name.starts_with("orders") {
        return import_orders(&path, &s, &opts).unwrap_err().to_string();
    }
    let (mut orders, _) = import_orders(&write(dir.path(), "o.csv", ORDERS), &s, &opts).unwrap();
    import_shipments(&path, &s, &opts, &mut orders).unwrap_err().to_string()
}

#[test]
fn bad_rows_name_the_file_line_and_column() {
    let head = "order_id,placed_at,paid_at,source\n";
    let e = error_of("orders.csv", &format!("{head}A1,2026-11-10 12:00,,chat\nA2,2026-11-10 13:00,soon,chat\n"));
    assert!(e.contains("orders.csv:3: column `paid_at`: `soon` is not a timestamp"), "{e}");
    let e = error_of("orders.csv", &format!("{head}A1,2026-11-10 12:00,2026-11-10 11:00,chat\n"));
    assert!(e.contains("orders.csv:2: column `paid_at`") && e.contains("before `placed_at`"), "{e}");
    let e = error_of("orders.csv", &format!("{head}A1,2026-11-10 12:00,,phone\n"));
    assert!(e.contains("orders.csv:2: column `source`: `phone` is not a source"), "{e}");
    // An order id twice is refused whether either row is paid or not.
    for (first, second) in
        [("", ""), ("", "2026-11-10 12:30"), ("2026-11-10 12:30", ""), ("2026-11-10 12:30", "2026-11-10 12:40")]
    {
        let e = error_of(
            "orders.csv",
            &format!("{head}A1,2026-11-10 12:00,{first},chat\nA1,2026-11-10 12:10,{second},chat\n"),
        );
        assert!(e.contains("orders.csv:3: column `order_id`: `A1` is an order id seen on an earlier row"), "{e}");
    }
    let ship = "order_id,handed_over_at\n";
    let e = error_of("shipments.csv", &format!("{ship}A1,2026-11-10 15:00\nA2,\n"));
    assert!(e.contains("shipments.csv:3: column `handed_over_at`: is empty"), "{e}");
    let e = error_of("shipments.csv", &format!("{ship}A2,2026-11-10 13:00\n"));
    assert!(e.contains("shipments.csv:2: column `handed_over_at`") && e.contains("before the order was paid"), "{e}");
}

#[test]
fn actuals_fit_reads_orders_and_shipments() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut inquiries = String::from("arrived_at,wait_s,handle_s,abandoned\n");
    for i in 0..40 {
        let _ = writeln!(inquiries, "2026-11-10 12:{:02}:00,{},300,{}", i, 5 + i, u8::from(i % 4 == 0));
    }
    let args = |extra: &[&str]| {
        let mut a = vec!["actuals".to_string(), "fit".into(), "--format".into(), "json".into(), "-q".into()];
        a.push("--allow-empty-periods".into()); // chats of one hour only
        a.extend(["--inquiries".into(), write(d, "inquiries.csv", &inquiries).display().to_string()]);
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let orders = write(d, "orders.csv", ORDERS).display().to_string();
    let ships = write(d, "shipments.csv", SHIPMENTS).display().to_string();
    let out = d.join("cal.toml").display().to_string();
    let run = Command::cargo_bin("peakplan")
        .unwrap()
        .args(args(&["--orders", &orders, "--shipments", &ships, "--out", &out]))
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    let fit = &json["orders"]["fit"];
    assert_eq!(fit["orders"], 4);
    assert_eq!(fit["chat_conversion"]["of"], 30, "answered chats: {fit}");
    assert_eq!(fit["dispatch"]["shipped_orders"], 3);
    assert_eq!(json["orders"]["files"][1]["rows"]["rows"], 6);
    let calibrated = Scenario::load(Path::new(&out)).unwrap();
    assert_eq!(calibrated.model.dispatch.unwrap().orders.vip_share, 0.25);
    // Shipments need the orders they join to: refused, nothing written.
    let out2 = d.join("cal2.toml");
    Command::cargo_bin("peakplan")
        .unwrap()
        .args(args(&["--shipments", &ships, "--out", out2.to_str().unwrap()]))
        .assert()
        .code(2);
    assert!(!out2.exists());
}

#[test]
fn every_command_reading_orders_applies_one_rule_to_a_repeated_order_id() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut inquiries = String::from("arrived_at,wait_s,handle_s,abandoned\n");
    for i in 0..40 {
        let _ = writeln!(inquiries, "2026-11-10 12:{:02}:00,{},300,0", i, 5 + i);
    }
    write(d, "inquiries.csv", &inquiries);
    // The second A1 is unpaid: once counted twice without a word.
    write(d, "orders.csv", "order_id,placed_at,paid_at\nA1,2026-11-10 12:00,2026-11-10 12:05\nA1,2026-11-10 12:10,\n");
    let common = ["--inquiries", "inquiries.csv", "--orders", "orders.csv", "-q"];
    let commands: [&[&str]; 3] = [
        &["actuals", "fit", "--allow-empty-periods", "--out", "cal.toml"],
        &["actuals", "compare", "-n", "2", "--no-plots", "--out", "vs"],
        &["actuals", "replay", "-n", "2", "--no-plots", "--out", "replay"],
    ];
    for args in commands {
        let run = Command::cargo_bin("peakplan").unwrap().current_dir(d).args(args).args(common).assert().code(2);
        let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
        assert!(
            err.contains("orders.csv:3: column `order_id`: `A1` is an order id seen on an earlier row"),
            "{args:?}: {err}"
        );
        // With --skip-bad-rows the repeat is skipped and reported.
        let run = Command::cargo_bin("peakplan")
            .unwrap()
            .current_dir(d)
            .args(args)
            .args(["--skip-bad-rows", "--force", "--inquiries", "inquiries.csv", "--orders", "orders.csv"])
            .assert()
            .success();
        let o = run.get_output();
        let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(said.contains("is an order id seen on an earlier row"), "{args:?}: {said}");
    }
}
