//! Skills and tickets: two dedicated groups each meet Erlang C for their
//! own headcount; skills listing every class change nothing on the same
//! seed; a ticket backlog is conserved and worked only by agents with
//! nothing in hand, never while a live contact they take waits; the shipped
//! after-sales scenario routes by skill.

use crate::common::{mean_se, simulate, stationary_toml};
use peakplan::analytic::ErlangC;
use peakplan::figures::{
    class_figure, ABANDONED, ANSWERED, BACKLOG_AT_WINDOW_END, BACKLOG_PEAK, OFFERED, RESPONSE_MEAN_S, SERVICE_LEVEL,
    UNANSWERED_AT_CLOSE,
};
use peakplan::model::record::ChatOutcome;
use peakplan::model::Replication;
use peakplan::Scenario;

/// `stationary_toml`'s one group `g` split into `a` (taking `skills_a`)
/// and `b` (taking `skills_b`) with `ca` and `cb` agents; classes `x`
/// (share 0.4) and `y` (0.6). Both groups handle alike.
fn two_groups(rate_per_h: f64, ca: u32, cb: u32, skills: (&str, &str), hours: u32) -> String {
    let base = stationary_toml(rate_per_h, 60.0, 1, 1, r#"{ kind = "none" }"#, 20.0, hours);
    let group = "name = \"g\"\nmax_concurrent = 1\nslowdown_per_extra_chat = 0\n\
                 handle_s = { kind = \"exponential\", mean = 60 }\n";
    let groups = format!(
        "name = \"a\"\n{s_a}max_concurrent = 1\nslowdown_per_extra_chat = 0\n\
         handle_s = {{ kind = \"exponential\", mean = 60 }}\n[[chat.groups]]\nname = \"b\"\n{s_b}\
         max_concurrent = 1\nslowdown_per_extra_chat = 0\nhandle_s = {{ kind = \"exponential\", mean = 60 }}\n",
        s_a = skills.0,
        s_b = skills.1
    );
    assert!(base.contains(group) && base.contains("agents = { g = 1 }"));
    base.replacen(group, &groups, 1).replacen("agents = { g = 1 }", &format!("agents = {{ a = {ca}, b = {cb} }}"), 1)
        + "[[chat.classes]]\nname = \"x\"\nshare = 0.4\n[[chat.classes]]\nname = \"y\"\nshare = 0.6\n"
}

/// Two dedicated groups (5 agents take `x` only, 7 take `y` only), Poisson
/// arrivals at 480/h, exponential handle times of 60 s, one chat at a
/// time, no abandonment, 40 hours: each class's mean wait and service
/// level within 20 s equal Erlang C for its own group within four standard
/// errors plus 2% for starting empty. The pooled system (12 agents taking
/// both) lies outside the bands: the test tells dedicated groups from one.
#[test]
fn dedicated_groups_each_meet_erlang_c_for_their_own_headcount() {
    let rate_per_h = 480.0;
    let skills = ("skills = [\"x\"]\n", "skills = [\"y\"]\n");
    let s = Scenario::from_toml(&two_groups(rate_per_h, 5, 7, skills, 40), "dedicated.toml").unwrap();
    let o = simulate(&s, 17, 40, None);
    let pooled = ErlangC::new(rate_per_h / 3600.0, 60.0).unwrap().evaluate(12, 20.0).unwrap();
    for (class, share, agents) in [("x", 0.4, 5), ("y", 0.6, 7)] {
        let th = ErlangC::new(share * rate_per_h / 3600.0, 60.0).unwrap().evaluate(agents, 20.0).unwrap();
        let checks = [
            (RESPONSE_MEAN_S, th.mean_wait_s.unwrap(), pooled.mean_wait_s.unwrap()),
            (SERVICE_LEVEL, th.service_level, pooled.service_level),
        ];
        for (figure, th, pooled) in checks {
            let (m, se) = mean_se(o.samples.scalar(class_figure(class, figure)).unwrap());
            let tol = 4.0 * se + 0.02 * th;
            println!("{class} {figure}: simulated {m:.4} ± {se:.4} (SE), Erlang C {th:.4}, pooled {pooled:.4}");
            assert!((m - th).abs() <= tol, "{class} {figure}: simulated {m:.4} ± {tol:.4} vs Erlang C {th:.4}");
            assert!((m - pooled).abs() > tol, "{class} {figure}: no power, pooled {pooled:.4} also within {tol:.4}");
        }
    }
}

/// The default scenario with its chats as one class and two after-sales
/// classes; with `skills`, each chat group lists every class.
fn default_with_classes(skills: bool) -> Scenario {
    let mut text = peakplan::scenario::DEFAULT_TOML.replace("promise_h = 48 ", "promise_h = 12 ");
    if skills {
        for group in ["trained", "temp"] {
            let name = format!("name = \"{group}\"");
            let listed = format!("skills = [\"presale\", \"parcel_query\", \"complaint\"]\n{name}");
            text = text.replacen(&name, &listed, 1);
        }
    }
    text += "\n[[chat.classes]]\nname = \"presale\"\nshare = 1\n\
             [[chat.classes]]\nname = \"parcel_query\"\ndriven_by = \"dispatched\"\nper_event = 0.05\n\
             [[chat.classes]]\nname = \"complaint\"\ndriven_by = \"late_dispatch\"\nper_event = 0.1\npriority = 1\n";
    Scenario::from_toml(&text, "classes.toml").unwrap()
}

/// Skills listing every class give every figure, scalars and series, of
/// the same scenario without skills, bit for bit on the same seed.
#[test]
fn skills_listing_every_class_change_nothing() {
    let (plain, listed) = (default_with_classes(false), default_with_classes(true));
    assert!(listed.model.chat.groups.iter().all(|g| g.skills.is_some()));
    let (a, b) = (simulate(&plain, 4, 3, None), simulate(&listed, 4, 3, None));
    assert_eq!(a.samples.scalar_names, b.samples.scalar_names);
    assert!(b.samples.scalar(class_figure("complaint", ANSWERED)).unwrap().iter().sum::<f64>() > 0.0);
    let bits = |xs: Option<&[f64]>| xs.unwrap().iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    for name in &a.samples.scalar_names {
        assert_eq!(bits(a.samples.scalar(name)), bits(b.samples.scalar(name)), "{name}");
    }
    assert_eq!(a.samples.series_names, b.samples.series_names);
    for name in &a.samples.series_names {
        let series = |o: &peakplan::experiment::Outcome| -> Vec<Vec<u64>> {
            o.samples.series(name).unwrap().iter().map(|v| v.iter().map(|x| x.to_bits()).collect()).collect()
        };
        assert_eq!(series(&a), series(&b), "{name}");
    }
}

/// One group of 6 agents of up to 3 chats: live chats (share 0.9, 60 s)
/// and a ticket class `ret` (share 0.1, 10 min, target 2 h) over 12 hours.
fn with_tickets() -> Scenario {
    let text = stationary_toml(900.0, 60.0, 6, 3, r#"{ kind = "exponential", mean = 120 }"#, 20.0, 12)
        + "[[chat.classes]]\nname = \"chat\"\nshare = 0.9\n\
           [[chat.classes]]\nname = \"ret\"\nshare = 0.1\nmode = \"ticket\"\nresponse_within_s = 7200\n\
           handle_s = { kind = \"exponential\", mean = 600 }\n";
    Scenario::from_toml(&text, "tickets.toml").unwrap()
}

/// A ticket backlog: no ticket abandons; every ticket offered is answered
/// or waits at the window's end (the shift ends with the window, so none
/// is answered after it), which is the backlog at the close; the peak is
/// at least that.
#[test]
fn a_ticket_backlog_is_conserved() {
    let o = simulate(&with_tickets(), 8, 10, None);
    let f = |fig| o.samples.scalar(class_figure("ret", fig)).unwrap();
    assert!(o.samples.scalar(class_figure("chat", BACKLOG_PEAK)).is_none(), "backlog figures for tickets only");
    for r in 0..10 {
        assert_eq!(f(ABANDONED)[r], 0.0);
        assert_eq!(f(OFFERED)[r], f(ANSWERED)[r] + f(BACKLOG_AT_WINDOW_END)[r], "replication {r}");
        assert_eq!(f(UNANSWERED_AT_CLOSE)[r], f(BACKLOG_AT_WINDOW_END)[r]);
        assert!(f(BACKLOG_PEAK)[r] >= f(BACKLOG_AT_WINDOW_END)[r]);
    }
    let total = |fig| f(fig).iter().sum::<f64>();
    println!(
        "tickets offered {}, answered {}, peak mean {}",
        total(OFFERED),
        total(ANSWERED),
        total(BACKLOG_PEAK) / 10.0
    );
    assert!(total(ANSWERED) > 0.0 && total(BACKLOG_PEAK) > 0.0, "tickets are worked and wait");
}

/// From the per-chat records: a ticket starts only on an agent with no
/// other contact in hand, holds the agent alone until done, and starts
/// only when no live chat waits.
#[test]
fn tickets_go_only_to_agents_with_nothing_in_hand_and_after_live_chats() {
    let s = with_tickets();
    let mut rep = Replication::new(&s.model);
    rep.set_recording(true);
    let mut tickets_seen = 0;
    for r in 0..3 {
        rep.run(5, r);
        // (agent, start, end, is ticket) of answered contacts; (arrival, start) of live ones.
        let mut spans = Vec::new();
        let mut live = Vec::new();
        for c in rep.take_records().chats {
            if let ChatOutcome::Answered { wait_s, handle_s, agent, .. } = c.outcome {
                let start = c.arrival_s + wait_s;
                let ticket = c.class == Some(1);
                spans.push((agent, start, start + handle_s, ticket));
                if !ticket {
                    live.push((c.arrival_s, start));
                }
            }
        }
        for &(agent, start, end, _) in spans.iter().filter(|s| s.3) {
            tickets_seen += 1;
            // Ends rebuilt from the records may be off by rounding: 1 µs.
            let overlap = spans.iter().filter(|o| o.0 == agent && o.1 < end - 1e-6 && start < o.2 - 1e-6).count();
            assert_eq!(overlap, 1, "a ticket on agent {agent} from {start} to {end} shares the agent");
            let waiting = live.iter().filter(|l| l.0 < start - 1e-6 && start < l.1 - 1e-6).count();
            assert_eq!(waiting, 0, "a ticket started at {start} while {waiting} live chats waited");
        }
    }
    assert!(tickets_seen > 100, "{tickets_seen} tickets answered");
}

/// The shipped after-sales scenario runs: pre-sale chats are all the chats,
/// the after-sales group answers parcel queries and works the returns
/// backlog, which only the ticket class reports.
#[test]
fn the_after_sales_scenario_routes_by_skill() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/double11-aftersales.toml");
    let s = Scenario::load(std::path::Path::new(path)).unwrap();
    let o = simulate(&s, 1, 2, None);
    let f = |class, fig| o.samples.scalar(class_figure(class, fig)).map(|v| v.iter().sum::<f64>());
    assert_eq!(o.samples.scalar(OFFERED).map(|v| v.iter().sum::<f64>()), f("presale", OFFERED));
    assert!(f("parcel_query", ANSWERED).unwrap() > 0.0 && f("returns", ANSWERED).unwrap() > 0.0);
    assert!(f("returns", BACKLOG_PEAK).is_some() && f("complaint", BACKLOG_PEAK).is_none());
}

/// The HTML report of `simulate` on the after-sales scenario has the
/// section by contact type, in Chinese too: one row per class with its
/// own target's share met (the classes without a target show a dash).
#[test]
fn the_report_has_a_section_by_contact_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/double11-aftersales.toml");
    for (lang, heading) in [("en", "By contact type"), ("zh", "各种咨询")] {
        let out = dir.path().join(lang);
        crate::common::peakplan_in(dir.path())
            .args(["simulate", path, "--replications", "4", "--quiet", "--lang", lang, "--out"])
            .arg(&out)
            .assert()
            .success();
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let section = &html[html.find(heading).expect(heading)..];
        let section = &section[..section.find("</section>").unwrap()];
        for (class, target) in [
            ("presale", false),
            ("parcel_query", true),
            ("late_parcel_query", false),
            ("returns", true),
            ("complaint", true),
        ] {
            let start = section.find(&format!("<tr><td>{class}</td>")).expect(class);
            let row = &section[start..start + section[start..].find("</tr>").unwrap()];
            // The sixth cell: the share of replications meeting the class's
            // own target, or a dash for a class with none.
            let met = row.split("<td>").nth(6).unwrap().trim_end_matches("</td>");
            assert_eq!(met.ends_with('%'), target, "{lang} {class}: {row}");
        }
    }
}
