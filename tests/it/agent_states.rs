//! The agent-state export round trip: `actuals example` writes the log-ins,
//! breaks, finishing time and after-chat work of one replication; `actuals
//! fit --agent-states` gives back the replication's absences exactly, its
//! available agent-hours to the rounding of a second per change, the
//! wrap-up and absence and late-start parameters within their standard
//! errors; `actuals replay` staffs each group from the log.

use assert_cmd::Command;
use peakplan::actuals::replay::{replay_scenario, ReplayChoice, Staffing};
use peakplan::actuals::replay_customers::Customers;
use peakplan::actuals::{import_agent_states, import_inquiries, ImportOptions};
use peakplan::model::Replication;
use peakplan::Scenario;
use serde_json::Value;
use std::path::Path;

const SEED: u64 = 7;

fn peakplan() -> Command {
    Command::cargo_bin("peakplan").unwrap()
}

/// The default scenario with late starts for the trained agents (30% of
/// them, exponential with a mean of 10 minutes), and no recall from breaks.
fn late_scenario_text() -> String {
    let mut doc: toml_edit::DocumentMut = peakplan::scenario::DEFAULT_TOML.parse().unwrap();
    doc["availability"].as_table_mut().unwrap().remove("recall_when_waiting_over");
    let groups = doc["chat"]["groups"].as_array_of_tables_mut().unwrap();
    let trained = groups.iter_mut().find(|g| g["name"].as_str() == Some("trained")).unwrap();
    trained["late_start_share"] = toml_edit::value(0.3);
    doc.to_string()
}

/// Writes the export of replication 0 of the scenario at `scenario` into
/// `dir`/export and fits it with the agent states: the fit's JSON.
fn export_and_fit(dir: &Path, scenario: &Path) -> Value {
    let out = dir.join("export");
    let s = scenario.to_str().unwrap();
    let args = ["actuals", "example", "--scenario", s, "--seed", "7", "--out", out.to_str().unwrap()];
    peakplan().args(args).assert().success();
    let file = |f: &str| out.join(f).to_str().unwrap().to_string();
    let fit = peakplan()
        .args(["actuals", "fit", "--scenario", s, "--inquiries", &file("inquiries.csv")])
        .args(["--agent-states", &file("agent_states.csv"), "--format", "json", "--quiet"])
        .args(["--out", dir.join("calibrated.toml").to_str().unwrap()])
        .assert()
        .success();
    serde_json::from_slice(&fit.get_output().stdout).unwrap()
}

fn group<'v>(fit: &'v Value, name: &str) -> &'v Value {
    let groups = fit["fit"]["agent_states"]["groups"].as_array().unwrap();
    groups.iter().find(|g| g["group"] == name).unwrap()
}

#[test]
fn a_replications_people_are_given_back_by_its_agent_state_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("late.toml");
    std::fs::write(&path, late_scenario_text()).unwrap();
    let fit = export_and_fit(dir.path(), &path);

    let s = Scenario::from_toml(&late_scenario_text(), "late").unwrap();
    let mut rep = Replication::new(&s.model);
    rep.run(SEED, 0);
    let chat = &rep.chat.observer;

    // Every absent person-shift is found, and no present one is missed.
    let absent: u64 = ["trained", "temp"]
        .iter()
        .map(|g| {
            group(&fit, g)["planned_person_shifts"].as_u64().unwrap()
                - group(&fit, g)["matched_sessions"].as_u64().unwrap()
        })
        .sum();
    assert_eq!(absent, u64::from(chat.absent));
    assert_eq!(fit["fit"]["agent_states"]["unmatched_sessions"], 0);

    // Available agent-hours: each change is rounded to the second.
    let model_h = chat.agents_available.area.iter().sum::<f64>() / 3600.0;
    let fitted_h = fit["fit"]["agent_states"]["available_agent_hours"].as_f64().unwrap();
    assert!((fitted_h - model_h).abs() < 0.25, "{fitted_h} vs {model_h}");

    // Parameters within 4 standard errors of the scenario's.
    let within = |v: &Value, truth: f64, what: &str| {
        let (x, se) = (v["share"].as_f64().or(v["mean"].as_f64()).unwrap(), v["se"].as_f64().unwrap());
        assert!((x - truth).abs() <= 4.0 * se.max(1e-9), "{what}: {x} ± {se} vs {truth}");
    };
    within(&group(&fit, "trained")["absence_share"], 0.05, "trained absence");
    within(&group(&fit, "temp")["absence_share"], 0.10, "temp absence");
    within(&group(&fit, "trained")["late_start_share"], 0.3, "trained late starts");
    within(&group(&fit, "trained")["late_start_min"], 10.0, "trained lateness");
    within(&group(&fit, "trained")["wrap_up_s"], 20.0, "trained wrap-up");
    within(&group(&fit, "temp")["wrap_up_s"], 25.0, "temp wrap-up");
    assert_eq!(group(&fit, "temp")["late_start_share"]["share"], 0.0);

    // Without a recall every break is taken as planned, to the second.
    for g in ["trained", "temp"] {
        let rules = group(&fit, g)["break_rules"].as_array().unwrap();
        assert_eq!(rules.len(), 4, "{g}: every rule matched");
        for r in rules {
            let (taken, planned) = (r["taken_min"]["mean"].as_f64().unwrap(), r["planned_min"].as_f64().unwrap());
            assert!((taken - planned).abs() < 1.0 / 60.0, "{g} {}: {taken} vs {planned}", r["rule"]);
        }
    }

    // The calibrated scenario carries them, and loads.
    let calibrated = std::fs::read_to_string(dir.path().join("calibrated.toml")).unwrap();
    assert!(calibrated.contains("late_start_min = { kind = \"exponential\""), "{calibrated}");
    Scenario::from_toml(&calibrated, "calibrated").unwrap();
}

#[test]
fn the_replay_staffs_each_group_from_the_agent_states() {
    let dir = tempfile::tempdir().unwrap();
    let default = dir.path().join("default.toml");
    std::fs::write(&default, peakplan::scenario::DEFAULT_TOML).unwrap();
    export_and_fit(dir.path(), &default);
    let plan = Scenario::default_double11();
    let opts = ImportOptions { keep_trace: true, ..ImportOptions::default() };
    let out = dir.path().join("export");
    let (mut chats, _) = import_inquiries(&out.join("inquiries.csv"), &plan, &opts).unwrap();
    let (states, _) = import_agent_states(&out.join("agent_states.csv"), &plan, &opts).unwrap();
    let hours = states.agent_hours().1;
    chats.agent_states = Some(states);
    let choice = ReplayChoice { staffing: Staffing::Actual, customers: Customers::Fitted };
    let replay = replay_scenario(peakplan::scenario::DEFAULT_TOML, &plan, &mut chats, None, choice, "test").unwrap();
    assert!(replay.estimated_staffing.is_none(), "a measured staffing is run as it is");
    let chat = &replay.scenario.model.chat;
    for g in 0..chat.groups.len() {
        assert!(chat.shifts.iter().any(|s| s.headcount[g] > 0), "group {} staffed", chat.groups[g].name);
    }
    let staffed: f64 = chat.shifts.iter().map(|s| s.hours() * f64::from(s.headcount.iter().sum::<u32>())).sum();
    // Whole agents per quarter-hour keep each group's agent-time within
    // half an agent-quarter-hour.
    assert!((staffed - hours).abs() <= 0.125 * chat.groups.len() as f64 + 1e-9, "{staffed} vs {hours}");
    assert!(choice.note(&chats).contains("agent-state export"));
}

#[test]
fn an_unknown_state_is_a_bad_row_named_by_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let inquiries = dir.path().join("inquiries.csv");
    std::fs::write(&inquiries, "arrived_at\n2026-11-10 13:00:00\n").unwrap();
    let states = dir.path().join("states.csv");
    let rows = "agent,state,start,end\na,logged_in,2026-11-10 12:00,2026-11-10 20:00\na,lunch,2026-11-10 15:00,2026-11-10 15:30\n";
    std::fs::write(&states, rows).unwrap();
    let run = peakplan()
        .args(["actuals", "fit", "--inquiries", inquiries.to_str().unwrap(), "--allow-empty-periods"])
        .args(["--agent-states", states.to_str().unwrap(), "--out", dir.path().join("c.toml").to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(err.contains("states.csv") && err.contains(":3") && err.contains("state"), "{err}");
    assert!(err.contains("`lunch` is not a state"), "{err}");
    assert!(!dir.path().join("c.toml").exists(), "nothing written");

    // Mapped, it is a break.
    let mapping = dir.path().join("mapping.toml");
    std::fs::write(&mapping, "[agent_states]\nstates = { break = [\"LUNCH\"] }\n").unwrap();
    let fit = peakplan()
        .args(["actuals", "fit", "--inquiries", inquiries.to_str().unwrap(), "--allow-empty-periods"])
        .args(["--agent-states", states.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()])
        .args(["--out", dir.path().join("c.toml").to_str().unwrap(), "--format", "json", "--quiet"])
        .assert()
        .success();
    let fit: Value = serde_json::from_slice(&fit.get_output().stdout).unwrap();
    let g = &fit["fit"]["agent_states"]["groups"][0];
    assert_eq!(g["break_hours"], 0.5);
    assert_eq!(g["logged_in_hours"], 8.0);

    // State names in another table are refused.
    std::fs::write(&mapping, "[inquiries]\nstates = { break = [\"LUNCH\"] }\n").unwrap();
    let run = peakplan()
        .args(["actuals", "fit", "--inquiries", inquiries.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&run.get_output().stderr).contains("[agent_states]"));
}
