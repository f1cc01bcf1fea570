//! `peakplan erlang`: analytic staffing for one interval with Erlang C, or
//! Erlang A when a mean patience is given, optionally for chat agents with
//! concurrency. Prints the model, the offered load, the least headcount
//! meeting the targets (and on payroll after shrinkage) and a table of
//! headcounts around it, as text (≤ 80 columns) or JSON.
//!
//! Flags take rates per hour and times in seconds; the library works per
//! second. Invalid flag values are reported as [`UsageError`] (exit code 2).

use std::io::Write;

use peakplan::analytic::{
    headcount_table, payroll_agents, required_agents, AnalyticError, ChatConcurrency, ModelKind, QueueMetrics,
    StaffingModel, Target,
};

/// Service-level share used when no target flag is given.
const DEFAULT_SL_SHARE: f64 = 0.8;
/// Seconds per hour, for converting `--rate-per-h`.
const SECONDS_PER_HOUR: f64 = 3600.0;

/// A user error in the flags of `peakplan erlang` (maps to exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Output format of `peakplan erlang`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable report, at most 80 columns.
    Text,
    /// One JSON object; field names carry units.
    Json,
}

/// Flags of `peakplan erlang`.
#[derive(clap::Args, Debug)]
pub struct ErlangArgs {
    /// Arrivals per hour (calls or chats) [1/h]
    #[arg(long, value_name = "PER_H", allow_negative_numbers = true, required_unless_present = "scenario")]
    pub rate_per_h: Option<f64>,
    /// Mean handle time incl. wrap-up [s] (for chats: handled alone)
    #[arg(long, value_name = "S", allow_negative_numbers = true, required_unless_present = "scenario")]
    pub handle_s: Option<f64>,
    /// Per-hour requirement for a scenario's profile instead (`default`: the
    /// built-in Double 11 scenario); targets, patience and concurrency come
    /// from the scenario, `--shrinkage` and `--format` from the flags.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["rate_per_h", "handle_s", "agents", "sl", "max_mean_wait_s", "max_abandon", "patience_s"])]
    pub scenario: Option<std::path::PathBuf>,
    /// Also evaluate this headcount [agents]
    #[arg(long, value_name = "N")]
    pub agents: Option<u32>,
    /// Service-level target: share answered within --within-s [0..1]
    /// (default 0.8 when no other target is given)
    #[arg(long, value_name = "SHARE", allow_negative_numbers = true)]
    pub sl: Option<f64>,
    /// Answer-time threshold of the service level [s]
    #[arg(long, value_name = "S", default_value_t = 30.0, allow_negative_numbers = true)]
    pub within_s: f64,
    /// Target: mean wait over all arrivals at most this [s]
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub max_mean_wait_s: Option<f64>,
    /// Target: abandonment share at most this [0..1] (needs --patience-s)
    #[arg(long, value_name = "SHARE", allow_negative_numbers = true)]
    pub max_abandon: Option<f64>,
    /// Mean patience before abandoning [s]; switches to Erlang A
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub patience_s: Option<f64>,
    /// Chats handled at once per agent [chats]
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub concurrency: u32,
    /// Handle-time slowdown per extra concurrent chat [fraction]
    #[arg(long, value_name = "S", default_value_t = 0.0, allow_negative_numbers = true)]
    pub slowdown: f64,
    /// Maximum occupancy (offered load / agents) (0..1]
    #[arg(long, value_name = "SHARE", allow_negative_numbers = true)]
    pub occupancy_cap: Option<f64>,
    /// Share of paid time not available for handling (breaks, absence, late starts) [0..1): what `simulate` reports as
    /// agent_shrinkage_share
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, allow_negative_numbers = true)]
    pub shrinkage: f64,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Runs `peakplan erlang`: the report for `args`, to be printed on
/// standard output.
pub fn exec(args: &ErlangArgs) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    match &args.scenario {
        Some(path) => super::erlang_scenario::write_report(path, args, &mut out)?,
        None => write_report(args, &mut out)?,
    }
    Ok(out)
}

/// Computes the report for `args` and writes it to `out` in `args.format`.
pub fn write_report(args: &ErlangArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let report = Report::build(args)?;
    match args.format {
        OutputFormat::Text => report.write_text(out)?,
        OutputFormat::Json => {
            out.write_all(peakplan::report::json::render(&report)?.as_bytes())?;
        }
    }
    Ok(())
}

/// Everything printed; serialised as the JSON output.
#[derive(Debug, serde::Serialize)]
struct Report {
    model: ModelKind,
    model_description: &'static str,
    rate_per_h: f64,
    handle_s: f64,
    patience_s: Option<f64>,
    concurrency: u32,
    slowdown: f64,
    effective_handle_s: f64,
    offered_load_erlangs: f64,
    agent_load_erlangs: f64,
    targets: Vec<Target>,
    occupancy_cap: Option<f64>,
    shrinkage: f64,
    required_agents: u32,
    payroll_agents: u32,
    within_s: f64,
    evaluated: Option<Evaluated>,
    table: Vec<QueueMetrics>,
}

/// The `--agents` headcount and whether it meets the targets and the
/// occupancy cap.
#[derive(Debug, serde::Serialize)]
struct Evaluated {
    #[serde(flatten)]
    metrics: QueueMetrics,
    meets_targets: bool,
}

impl Report {
    fn build(args: &ErlangArgs) -> Result<Self, UsageError> {
        let model = model_from(args)?;
        let targets = targets_from(args)?;
        if let Some(cap) = args.occupancy_cap {
            if !(cap > 0.0 && cap <= 1.0) {
                return Err(flag_error("--occupancy-cap", "must be in (0, 1]", cap));
            }
        }
        if !(0.0..1.0).contains(&args.shrinkage) {
            return Err(flag_error("--shrinkage", "must be in [0, 1)", args.shrinkage));
        }
        let required = required_agents(&model, &targets, args.occupancy_cap).map_err(|e| search_error(&e))?;
        let payroll = payroll_agents(required, args.shrinkage).map_err(|e| UsageError(format!("--shrinkage: {e}")))?;
        let table = headcount_table(&model, required, args.within_s).map_err(|e| search_error(&e))?;
        let evaluated = args.agents.map(|n| evaluate(&model, n, &targets, args)).transpose()?;
        Ok(Self {
            model: model.kind(),
            model_description: model.kind().description(),
            rate_per_h: rate_per_h(args)?,
            handle_s: handle_s(args)?,
            patience_s: args.patience_s,
            concurrency: args.concurrency,
            slowdown: args.slowdown,
            effective_handle_s: model.effective_handle_s(),
            offered_load_erlangs: model.offered_load_erlangs(),
            agent_load_erlangs: model.agent_load_erlangs(),
            targets,
            occupancy_cap: args.occupancy_cap,
            shrinkage: args.shrinkage,
            required_agents: required,
            payroll_agents: payroll,
            within_s: args.within_s,
            evaluated,
            table,
        })
    }

    fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let field = |out: &mut dyn Write, name: &str, value: String| writeln!(out, "{name:<14}{value}");
        field(out, "Model", self.model_description.to_owned())?;
        let per_s = self.rate_per_h / SECONDS_PER_HOUR;
        field(out, "Arrivals", format!("{} per h ({} per s)", num(self.rate_per_h), num(per_s)))?;
        field(out, "Handle time", format!("{} s", num(self.handle_s)))?;
        if let Some(p) = self.patience_s {
            field(out, "Patience", format!("{} s (mean)", num(p)))?;
        }
        if self.concurrency > 1 {
            let chats = format!("{} chats per agent, slowdown {}", self.concurrency, num(self.slowdown));
            field(out, "Concurrency", chats)?;
            field(out, "Eff. handle", format!("{} s per chat", num(self.effective_handle_s)))?;
        }
        let mut load = format!("{} Erlangs", num(self.offered_load_erlangs));
        if self.concurrency > 1 {
            load += &format!(" ({} agent-equivalents)", num(self.agent_load_erlangs));
        }
        field(out, "Offered load", load)?;
        for target in &self.targets {
            field(out, "Target", describe(target))?;
        }
        if let Some(cap) = self.occupancy_cap {
            field(out, "Occupancy cap", pct(cap))?;
        }
        field(out, "Required", format!("{} agents", self.required_agents))?;
        if self.shrinkage > 0.0 {
            let paid = format!("{} agents at {} shrinkage", self.payroll_agents, pct(self.shrinkage));
            field(out, "On payroll", paid)?;
        }
        writeln!(out)?;
        let sl_label = format!("SL {}s", num(self.within_s));
        writeln!(out, "Headcounts around the requirement (* = required):")?;
        write_header(out, &sl_label)?;
        for row in &self.table {
            let mark = if row.agents == self.required_agents { '*' } else { ' ' };
            write_row(out, mark, row, sl_label.len())?;
        }
        if let Some(e) = &self.evaluated {
            let verdict = if e.meets_targets { "meets" } else { "does NOT meet" };
            writeln!(out)?;
            writeln!(out, "Evaluated headcount (--agents) {verdict} the targets:")?;
            write_header(out, &sl_label)?;
            write_row(out, ' ', &e.metrics, sl_label.len())?;
        }
        if self.model == ModelKind::ErlangA {
            writeln!(out)?;
            writeln!(out, "SL = share of ALL arrivals answered within the threshold;")?;
            writeln!(out, "abandoned arrivals count as failures.")?;
        }
        Ok(())
    }
}

/// `--rate-per-h`, required outside the scenario mode.
fn rate_per_h(args: &ErlangArgs) -> Result<f64, UsageError> {
    args.rate_per_h.ok_or_else(|| UsageError("--rate-per-h is required (or give --scenario)".to_owned()))
}

/// `--handle-s`, required outside the scenario mode.
fn handle_s(args: &ErlangArgs) -> Result<f64, UsageError> {
    args.handle_s.ok_or_else(|| UsageError("--handle-s is required (or give --scenario)".to_owned()))
}

/// Builds the queueing model from the demand flags.
fn model_from(args: &ErlangArgs) -> Result<StaffingModel, UsageError> {
    let (rate, handle) = (rate_per_h(args)?, handle_s(args)?);
    if !(rate.is_finite() && rate > 0.0) {
        return Err(flag_error("--rate-per-h", "must be a finite number > 0", rate));
    }
    if !(handle.is_finite() && handle > 0.0) {
        return Err(flag_error("--handle-s", "must be a finite number > 0", handle));
    }
    if let Some(p) = args.patience_s {
        if !(p.is_finite() && p > 0.0) {
            return Err(flag_error("--patience-s", "must be a finite number > 0", p));
        }
    }
    if args.concurrency == 0 {
        return Err(UsageError("--concurrency must be at least 1".to_owned()));
    }
    if !(args.slowdown.is_finite() && args.slowdown >= 0.0) {
        return Err(flag_error("--slowdown", "must be a finite number >= 0", args.slowdown));
    }
    let chat = ChatConcurrency::new(args.concurrency, args.slowdown)
        .map_err(|e| UsageError(format!("--concurrency/--slowdown: {e}")))?;
    let rate_per_s = rate / SECONDS_PER_HOUR;
    StaffingModel::new(rate_per_s, handle, args.patience_s, chat)
        .map_err(|e| UsageError(format!("--handle-s/--slowdown/--patience-s: {e}")))
}

/// Targets from the target flags (service level by default).
fn targets_from(args: &ErlangArgs) -> Result<Vec<Target>, UsageError> {
    if !(args.within_s.is_finite() && args.within_s >= 0.0) {
        return Err(flag_error("--within-s", "must be a finite number >= 0", args.within_s));
    }
    let mut targets = Vec::new();
    if args.sl.is_some() || (args.max_mean_wait_s.is_none() && args.max_abandon.is_none()) {
        let share = args.sl.unwrap_or(DEFAULT_SL_SHARE);
        if !(0.0..=1.0).contains(&share) {
            return Err(flag_error("--sl", "must be a share in [0, 1]", share));
        }
        targets.push(Target::ServiceLevel { share, within_s: args.within_s });
    }
    if let Some(max_s) = args.max_mean_wait_s {
        if !(max_s.is_finite() && max_s >= 0.0) {
            return Err(flag_error("--max-mean-wait-s", "must be a finite number >= 0", max_s));
        }
        targets.push(Target::MeanWait { max_s });
    }
    if let Some(max) = args.max_abandon {
        if !(0.0..=1.0).contains(&max) {
            return Err(flag_error("--max-abandon", "must be a share in [0, 1]", max));
        }
        if args.patience_s.is_none() {
            return Err(UsageError("--max-abandon needs --patience-s (Erlang C has no abandonment)".to_owned()));
        }
        targets.push(Target::AbandonShare { max });
    }
    Ok(targets)
}

/// Evaluates the `--agents` headcount against the targets and the cap.
fn evaluate(
    model: &StaffingModel,
    agents: u32,
    targets: &[Target],
    args: &ErlangArgs,
) -> Result<Evaluated, UsageError> {
    let to_usage = |e: AnalyticError| UsageError(format!("--agents {agents}: {e}"));
    let meets = model.meets(agents, targets).map_err(to_usage)?;
    Ok(Evaluated {
        metrics: model.evaluate(agents, args.within_s).map_err(to_usage)?,
        meets_targets: meets && model.within_occupancy_cap(agents, args.occupancy_cap),
    })
}

fn flag_error(flag: &str, rule: &str, got: f64) -> UsageError {
    UsageError(format!("{flag} {rule}, got {got}"))
}

fn search_error(e: &AnalyticError) -> UsageError {
    let hint = match e {
        AnalyticError::Unreachable { .. } => "relax --sl/--within-s, --max-mean-wait-s or --max-abandon",
        _ => "check --rate-per-h, --handle-s, --patience-s and --concurrency",
    };
    UsageError(format!("{e}; {hint}"))
}

fn describe(target: &Target) -> String {
    match *target {
        Target::ServiceLevel { share, within_s } => {
            format!("service level >= {} within {} s", pct(share), num(within_s))
        }
        Target::MeanWait { max_s } => format!("mean wait <= {} s", num(max_s)),
        Target::AbandonShare { max } => format!("abandonment <= {}", pct(max)),
    }
}

fn write_header(out: &mut dyn Write, sl_label: &str) -> std::io::Result<()> {
    let w = sl_label.len().max(7);
    writeln!(
        out,
        "{:>9}{:>9}  {sl_label:>w$}{:>15}{:>9}{:>11}",
        "Agents", "P(wait)", "Mean wait [s]", "Abandon", "Occupancy"
    )
}

fn write_row(out: &mut dyn Write, mark: char, row: &QueueMetrics, sl_width: usize) -> std::io::Result<()> {
    let w = sl_width.max(7);
    let wait = match row.mean_wait_s {
        Some(s) if s < 1e6 => format!("{s:.1}"),
        Some(s) => num(s),
        None => "unstable".to_owned(),
    };
    writeln!(
        out,
        "{mark:>2}{:>7}{:>9}  {:>w$}{wait:>15}{:>9}{:>11}",
        row.agents,
        pct(row.p_wait),
        pct(row.service_level),
        pct(row.abandon_share),
        pct(row.occupancy)
    )
}

/// A share as a percentage with one decimal.
fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A number in at most ~10 characters: up to 3 decimals, or scientific.
fn num(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && !(1e-3..1e7).contains(&a) {
        return format!("{x:.3e}");
    }
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: ErlangArgs,
    }

    fn run(flags: &[&str]) -> anyhow::Result<String> {
        let cli = Cli::try_parse_from(std::iter::once("erlang").chain(flags.iter().copied()))?;
        let mut out = Vec::new();
        write_report(&cli.args, &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    fn usage_message(flags: &[&str]) -> String {
        let err = run(flags).expect_err("should fail");
        err.downcast_ref::<UsageError>().unwrap_or_else(|| panic!("not a UsageError: {err}")).0.clone()
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn text_report_fits_80_columns() {
        let runs = [
            vec!["--rate-per-h", "250", "--handle-s", "330"],
            vec![
                "--rate-per-h",
                "1800",
                "--handle-s",
                "420",
                "--patience-s",
                "90",
                "--concurrency",
                "3",
                "--slowdown",
                "0.25",
                "--sl",
                "0.9",
                "--within-s",
                "12.5",
                "--max-mean-wait-s",
                "8",
                "--max-abandon",
                "0.03",
                "--occupancy-cap",
                "0.85",
                "--shrinkage",
                "0.3",
                "--agents",
                "7",
            ],
        ];
        for flags in runs {
            let text = run(&flags).unwrap();
            assert!(text.contains("Required"), "{text}");
            for line in text.lines() {
                assert!(line.chars().count() <= 80, "too wide: {line:?}");
            }
        }
    }

    #[test]
    fn text_report_shows_published_requirement() {
        // 250 calls/h, AHT 330 s, 80 % in 30 s → 28 agents (jonesthenet.com,
        // "Erlang uplift"); see tests/it/erlang.rs for the citation.
        let text = run(&["--rate-per-h", "250", "--handle-s", "330"]).unwrap();
        assert!(text.contains("Required      28 agents"), "{text}");
        assert!(text.contains(" *     28"), "{text}");
    }

    #[test]
    fn json_report_carries_units_and_table() {
        let json = run(&[
            "--rate-per-h",
            "360",
            "--handle-s",
            "240",
            "--patience-s",
            "120",
            "--format",
            "json",
            "--agents",
            "20",
            "--shrinkage",
            "0.3",
        ])
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["model"], "erlang_a");
        assert_eq!(v["rate_per_h"], 360.0);
        assert_eq!(v["handle_s"], 240.0);
        let required = v["required_agents"].as_u64().unwrap();
        let table = v["table"].as_array().unwrap();
        assert_eq!(table.len(), 6);
        assert_eq!(table[2]["agents"].as_u64(), Some(required));
        for key in ["p_wait", "service_level", "mean_wait_s", "abandon_share", "occupancy"] {
            assert!(table[0][key].is_number(), "{key}");
        }
        assert_eq!(v["evaluated"]["agents"], 20);
        assert!(v["evaluated"]["meets_targets"].is_boolean());
        assert_eq!(v["targets"][0]["kind"], "service_level");
    }

    #[test]
    fn invalid_flags_are_usage_errors_naming_the_flag() {
        let base = ["--rate-per-h", "100", "--handle-s", "200"];
        let cases: [(&[&str], &str); 10] = [
            (&["--rate-per-h", "0", "--handle-s", "200"], "--rate-per-h"),
            (&["--rate-per-h", "100", "--handle-s", "-3"], "--handle-s"),
            (&["--sl", "1.5"], "--sl"),
            (&["--within-s", "-1"], "--within-s"),
            (&["--max-mean-wait-s", "NaN"], "--max-mean-wait-s"),
            (&["--max-abandon", "0.1"], "--patience-s"),
            (&["--patience-s", "0"], "--patience-s"),
            (&["--concurrency", "0"], "--concurrency"),
            (&["--occupancy-cap", "0"], "--occupancy-cap"),
            (&["--shrinkage", "1"], "--shrinkage"),
        ];
        for (flags, flag) in cases {
            let mut all: Vec<&str> = if flags.starts_with(&["--rate-per-h"]) { Vec::new() } else { base.to_vec() };
            all.extend_from_slice(flags);
            let msg = usage_message(&all);
            assert!(msg.contains(flag), "{all:?}: {msg}");
        }
    }

    #[test]
    fn unstable_rows_print_unstable() {
        let text = run(&["--rate-per-h", "3600", "--handle-s", "3", "--agents", "2"]).unwrap();
        assert!(text.contains("unstable"), "{text}");
        assert!(text.contains("does NOT meet"), "{text}");
    }

    #[test]
    fn number_formatting() {
        assert_eq!(num(30.0), "30");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(1e9), "1.000e9");
        assert_eq!(pct(0.8), "80.0%");
    }
}
