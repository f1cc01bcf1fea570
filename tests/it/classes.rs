//! Classes of contacts with non-preemptive priority against Cobham's
//! formula, and a scenario whose one class is the whole traffic against
//! the same scenario without classes.

use crate::common::{mean_se, simulate, stationary_toml};
use peakplan::actuals::Mapping;
use peakplan::analytic::{priority_mean_waits_s, ErlangC};
use peakplan::figures::{
    class_figure, ABANDONED, ABANDON_SHARE_IN_WINDOW, ANSWERED, ANSWERED_ON_TIME, BUSY_HOURS, LATE_ORDERS,
    MEETS_ABANDON_CAP, MEETS_CHAT_TARGETS, MEETS_CLASS_TARGETS, MEETS_SERVICE_LEVEL, MEETS_TARGET, OFFERED,
    ORDERS_DISPATCHED, ORDERS_PAID, ORDERS_UNDISPATCHED, RESPONSE_MEAN_S, SERVICE_LEVEL_IN_WINDOW, UNANSWERED_AT_CLOSE,
};
use peakplan::Scenario;

const CLASSES: &str = r#"
[[chat.classes]]
name = "high"
share = 0.3
priority = 1
[[chat.classes]]
name = "low"
share = 0.7
"#;

/// Two classes, non-preemptive priority, 10 agents of one chat each,
/// exponential handle times with one mean for both, no abandonment,
/// constant arrivals over 40 hours: each class's mean wait equals Cobham's
/// formula within four standard errors of the replication means, plus 2%
/// for starting empty (the relaxation takes minutes of a 40-hour window).
/// The first-come-first-served mean (Erlang C) lies outside both bands:
/// the test can tell priority from none.
#[test]
fn mean_waits_of_two_priority_classes_match_cobham() {
    let (rate_per_h, handle_s, agents) = (480.0, 60.0, 10);
    let text = stationary_toml(rate_per_h, handle_s, agents, 1, r#"{ kind = "none" }"#, 20.0, 40) + CLASSES;
    let s = Scenario::from_toml(&text, "classes.toml").unwrap();
    let o = simulate(&s, 21, 40, None);
    let rates = [0.3 * rate_per_h / 3600.0, 0.7 * rate_per_h / 3600.0];
    let theory = priority_mean_waits_s(&rates, handle_s, agents).unwrap();
    let fcfs = ErlangC::new(rate_per_h / 3600.0, handle_s).unwrap().evaluate(agents, 0.0).unwrap();
    let fcfs = fcfs.mean_wait_s.unwrap();
    for (class, th) in ["high", "low"].into_iter().zip(theory) {
        let th = th.unwrap();
        let (w, se) = mean_se(o.samples.scalar(class_figure(class, RESPONSE_MEAN_S)).unwrap());
        let tol = 4.0 * se + 0.02 * th;
        println!("{class}: simulated {w:.3} s ± {se:.3} (SE), Cobham {th:.3} s, FCFS {fcfs:.3} s");
        assert!((w - th).abs() <= tol, "{class}: simulated {w:.3} ± {tol:.3} vs Cobham {th:.3}");
        assert!((w - fcfs).abs() > tol, "{class}: no power, FCFS {fcfs:.3} also within {tol:.3} of {w:.3}");
        // The slot time a class takes is its handle time per answered
        // contact (one chat at a time, no after-chat work): the mean of the
        // exponential, within four standard errors of a mean of some
        // 5,800 (high) or 13,400 (low) handle times per replication.
        let busy = o.samples.scalar(class_figure(class, BUSY_HOURS)).unwrap();
        let answered = o.samples.scalar(class_figure(class, ANSWERED)).unwrap();
        let per: Vec<f64> = busy.iter().zip(answered).map(|(b, n)| b * 3600.0 / n).collect();
        let (m, se) = mean_se(&per);
        let se_theory = handle_s / (answered.iter().sum::<f64>()).sqrt();
        println!("{class}: slot time per answered {m:.3} s ± {se:.3}");
        assert!((m - handle_s).abs() < 4.0 * se.max(se_theory), "{class}: {m} s per contact");
    }
}

/// One class holding the whole traffic gives the figures of the same
/// scenario without classes, on the same seed (no class is drawn, and its
/// patience and handle time are the chat's).
#[test]
fn one_class_gives_the_figures_of_no_class() {
    let base = stationary_toml(480.0, 60.0, 8, 2, r#"{ kind = "exponential", mean = 120 }"#, 20.0, 4);
    let one = base.clone() + "[[chat.classes]]\nname = \"all\"\nshare = 1\nwait_credit_s = 30\n";
    let (a, b) = (Scenario::from_toml(&base, "a").unwrap(), Scenario::from_toml(&one, "b").unwrap());
    let (oa, ob) = (simulate(&a, 5, 8, None), simulate(&b, 5, 8, None));
    for name in ["answered", "abandoned", "response_mean_s", "service_level", "events"] {
        assert_eq!(oa.samples.scalar(name), ob.samples.scalar(name), "{name}");
    }
}

/// A scenario with a VIP class of patience 1 s and a waiting credit, with
/// one agent; the export's rows with their class.
fn vip_day() -> Scenario {
    let text = stationary_toml(60.0, 60.0, 1, 1, r#"{ kind = "exponential", mean = 600 }"#, 20.0, 2)
        + "[[chat.classes]]\nname = \"regular\"\nshare = 0.5\n"
        + "[[chat.classes]]\nname = \"vip\"\nshare = 0.5\nwait_credit_s = 90\n";
    Scenario::from_toml(&text, "vip.toml").unwrap()
}

const EXPORT: &str = "arrived_at,abandoned,wait_s,handle_s,class\n\
    2026-11-10 00:00:01,0,0,100,0\n\
    2026-11-10 00:00:02,0,5,100,2\n\
    2026-11-10 00:00:03,1,4,,1\n";

fn import(csv: &str, mapping: &str) -> Result<peakplan::actuals::ChatActuals, peakplan::actuals::ImportError> {
    use peakplan::actuals::{import_inquiries_from, ImportOptions, Mapping};
    let mapping = Mapping::from_toml(mapping, "m.toml").unwrap();
    let opts = ImportOptions { mapping, keep_trace: true, ..ImportOptions::default() };
    import_inquiries_from(csv.as_bytes(), "i.csv", &vip_day(), &opts).map(|(c, _)| c)
}

/// The class column reaches the trace through the mapping's `classes`
/// table; a value that is no class is a bad row naming the column and the
/// classes; a mapped class the scenario lacks is refused.
#[test]
fn an_export_gives_each_chat_its_class_through_the_mapping() {
    let mapping = "[inquiries]\nclasses = { vip = [\"2\"], regular = [\"0\", \"1\"] }\n";
    let trace = import(EXPORT, mapping).unwrap().trace();
    assert_eq!(trace.iter().map(|c| c.class).collect::<Vec<_>>(), [0, 1, 0]);
    let by_name = EXPORT.replace(",0\n", ",regular\n").replace(",2\n", ",vip\n").replace(",1\n", ",regular\n");
    assert_eq!(import(&by_name, "").unwrap().trace().iter().map(|c| c.class).collect::<Vec<_>>(), [0, 1, 0]);
    let e = import(EXPORT, "").unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("class")), "{e:?}");
    assert!(e.message.contains("`0` is not a class of the scenario (classes: regular, vip)"), "{e:?}");
    let e = import(EXPORT, "[inquiries]\nclasses = { gold = [\"2\"] }\n").unwrap_err();
    assert!(e.message.contains("classes.gold` is not a class"), "{e:?}");
    let bad = Mapping::from_toml("[orders]\nclasses = { vip = [\"2\"] }\n", "m.toml").unwrap_err();
    assert!(bad.contains("belongs in the `[inquiries]` table only"), "{bad}");
}

/// The default scenario (its promise `promise_h`) with its chats as one
/// class and after-sales classes: parcel queries, `per` per paid order a
/// few hours later; tracking questions, `per` per parcel handed over; and
/// complaints, `per` per parcel handed over late.
fn with_after_sales(per: f64, promise_h: f64) -> Scenario {
    Scenario::from_toml(&after_sales_toml(per, promise_h), "after-sales.toml").unwrap()
}

/// The text of [`with_after_sales`]; the complaints' table is the last.
fn after_sales_toml(per: f64, promise_h: f64) -> String {
    peakplan::scenario::DEFAULT_TOML.replace("promise_h = 48 ", &format!("promise_h = {promise_h} "))
        + "\n[[chat.classes]]\nname = \"presale\"\nshare = 1\n"
        + &format!(
            "[[chat.classes]]\nname = \"parcel_query\"\ndriven_by = \"paid\"\nper_event = {per}\n\
             after_h = {{ kind = \"exponential\", mean = 6 }}\nresponse_within_s = 7200\n\
             [[chat.classes]]\nname = \"tracking\"\ndriven_by = \"dispatched\"\nper_event = {per}\n\
             [[chat.classes]]\nname = \"complaint\"\ndriven_by = \"late_dispatch\"\nper_event = {per}\n\
             priority = 1\nresponse_within_s = 1800\n"
        )
}

/// Without arrivals of the after-sales classes, every figure of the
/// default scenario is what it is without classes, on the same seed.
#[test]
fn after_sales_classes_without_arrivals_change_nothing() {
    let (plain, none) = (Scenario::default_double11(), with_after_sales(0.0, 48.0));
    let (a, b) = (simulate(&plain, 9, 4, None), simulate(&none, 9, 4, None));
    for name in &a.samples.scalar_names {
        assert_eq!(a.samples.scalar(name), b.samples.scalar(name), "{name}");
    }
    for class in ["parcel_query", "tracking", "complaint"] {
        assert_eq!(b.samples.scalar(class_figure(class, OFFERED)).unwrap(), [0.0; 4]);
    }
}

/// Paid orders, parcels handed over and parcels handed over late bring
/// their contacts at their rates (binomial, within four standard errors
/// of the pooled share), served by the same agents in their own classes;
/// the pre-sale chats are the same customers as without them, the
/// after-sales contacts are not counted as chats, and each ends answered,
/// abandoned or waiting at the close.
#[test]
fn orders_and_parcels_bring_after_sales_contacts_at_their_rates() {
    let per = 0.1;
    let (plain, after) = (Scenario::default_double11(), with_after_sales(per, 12.0));
    let (a, b) = (simulate(&plain, 3, 20, None), simulate(&after, 3, 20, None));
    let total = |name: &str| b.samples.scalar(name).unwrap().iter().sum::<f64>();
    let late_dispatched = total(LATE_ORDERS.name) - total(ORDERS_UNDISPATCHED.name);
    assert!(late_dispatched > 1000.0, "a 12-hour promise leaves parcels late: {late_dispatched}");
    for (class, events) in [
        ("parcel_query", total(ORDERS_PAID.name)),
        ("tracking", total(ORDERS_DISPATCHED.name)),
        ("complaint", late_dispatched),
    ] {
        let contacts = total(&class_figure(class, OFFERED));
        let se = (per * (1.0 - per) / events).sqrt();
        assert!((contacts / events - per).abs() < 4.0 * se, "{class}: {contacts} contacts for {events} events");
    }
    assert_eq!(a.samples.scalar(OFFERED), b.samples.scalar(OFFERED), "the same pre-sale chats");
    let presale: Vec<f64> = b.samples.scalar(class_figure("presale", OFFERED)).unwrap().to_vec();
    assert_eq!(Some(presale.as_slice()), b.samples.scalar(OFFERED), "after-sales contacts are not chats");
    for class in ["parcel_query", "tracking", "complaint"] {
        let f = |fig| b.samples.scalar(class_figure(class, fig)).unwrap();
        for r in 0..20 {
            let ended = f(ANSWERED)[r] + f(ABANDONED)[r] + f(UNANSWERED_AT_CLOSE)[r];
            assert_eq!(f(OFFERED)[r], ended, "{class}: every contact answered, abandoned or waiting at the close");
            assert!(f(ANSWERED_ON_TIME)[r] <= f(ANSWERED)[r]);
        }
    }
}

/// A class's own target (`service_level`, `abandon_max`) is judged per
/// replication from its own figures, and a replication meets the chat
/// targets only when every class with a target meets it; no other figure
/// changes on the same seed.
#[test]
fn a_class_target_is_judged_from_its_own_figures() {
    let plain = with_after_sales(0.1, 12.0);
    let a = simulate(&plain, 3, 20, None);
    // Targets at the medians of the complaints' figures over the window's
    // contacts (read with a target always met): some replications meet
    // them and some do not.
    let probe = after_sales_toml(0.1, 12.0) + "service_level = 0\n";
    let probe = simulate(&Scenario::from_toml(&probe, "probe.toml").unwrap(), 3, 20, None);
    let median = |f| {
        let mut v = probe.samples.scalar(class_figure("complaint", f)).unwrap().to_vec();
        v.sort_by(f64::total_cmp);
        (v[9] * 1e6).round() / 1e6
    };
    let (sl_min, ab_max) = (median(SERVICE_LEVEL_IN_WINDOW), median(ABANDON_SHARE_IN_WINDOW));
    let text = after_sales_toml(0.1, 12.0) + &format!("service_level = {sl_min}\nabandon_max = {ab_max}\n");
    let target = Scenario::from_toml(&text, "after-sales.toml").unwrap();
    let b = simulate(&target, 3, 20, None);
    let col = |name: &str| b.samples.scalar(name).unwrap().to_vec();
    let sl = col(&class_figure("complaint", SERVICE_LEVEL_IN_WINDOW));
    let ab = col(&class_figure("complaint", ABANDON_SHARE_IN_WINDOW));
    let met = col(&class_figure("complaint", MEETS_TARGET));
    let (chat, cap, classes, flag) = (
        col(MEETS_SERVICE_LEVEL.name),
        col(MEETS_ABANDON_CAP.name),
        col(MEETS_CLASS_TARGETS.name),
        col(MEETS_CHAT_TARGETS.name),
    );
    for r in 0..20 {
        assert_eq!(met[r], f64::from(u8::from(sl[r] >= sl_min && ab[r] <= ab_max)), "replication {r}");
        assert_eq!(classes[r], met[r], "one class with a target");
        assert_eq!(flag[r], chat[r] * cap[r] * met[r], "replication {r}");
    }
    assert!(met.contains(&0.0) && met.contains(&1.0), "the target can fail and hold: {met:?}");
    for name in &a.samples.scalar_names {
        if !name.starts_with("meets_") {
            assert_eq!(a.samples.scalar(name), b.samples.scalar(name), "{name}");
        }
    }
    assert!(a.samples.scalar(MEETS_CLASS_TARGETS).is_none(), "no class target, no figure");
    let one = Scenario::from_toml(
        &format!(
            "{}\n[[chat.classes]]\nname = \"all\"\nshare = 1\nservice_level = 0.9\n",
            peakplan::scenario::DEFAULT_TOML
        ),
        "one.toml",
    );
    let e = one.unwrap_err().to_string();
    assert!(e.contains("chat.classes[0].service_level") && e.contains("at least two classes"), "{e}");
}

/// `size` meets a class's own target: a low-priority class that must be
/// answered within 20 s in 95% of cases needs more agents than the chat
/// targets alone ask for, and the sized plan meets it with the confidence
/// on fresh replications.
#[test]
fn size_meets_a_class_target() {
    let cfg = crate::common::sizing_config(60, 200, 100);
    let classes = "[[chat.classes]]\nname = \"first\"\nshare = 0.7\npriority = 1\n\
                   [[chat.classes]]\nname = \"low\"\nshare = 0.3\n";
    let base = crate::common::two_shifts_toml(240.0, 0.9).replace("[targets]\n", &format!("{classes}[targets]\n"));
    let with_target = base.replace("share = 0.3\n", "share = 0.3\nservice_level = 0.95\n");
    let sized = |text: &str| peakplan::sizing::size(&Scenario::from_toml(text, "small.toml").unwrap(), &cfg).unwrap();
    let (plain, target) = (sized(&base), sized(&with_target));
    let se = (0.9f64 * 0.1 / 200.0).sqrt();
    let heads = |r: &peakplan::sizing::SizingReport| r.plan.shifts.iter().map(|s| s.headcount[0]).collect::<Vec<_>>();
    eprintln!(
        "without the class target {:?}, with it {:?} (p_meet {})",
        heads(&plain),
        heads(&target),
        target.plan.p_meet_all
    );
    assert!(target.feasible && target.plan.p_meet_all >= 0.9 - 3.0 * se, "p_meet {}", target.plan.p_meet_all);
    assert!(
        target.plan.agent_hours > plain.plan.agent_hours,
        "{} against {} agent-hours",
        target.plan.agent_hours,
        plain.plan.agent_hours
    );
}
