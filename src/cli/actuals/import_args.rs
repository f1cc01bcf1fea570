//! The arguments every `actuals` subcommand shares: which exports, how to
//! read them, and against which scenario.

use crate::cli::OrFailure;
use crate::cli::{load_scenario, Failure};
use peakplan::actuals::fit::orders::{fit_orders, OrderFit};
use peakplan::actuals::replay::{replay_scenario, ReplayChoice};
use peakplan::actuals::replay_run::Replay;
use peakplan::actuals::{
    import_agent_states, import_inquiries, import_orders, import_shipments, ChatActuals, ImportOptions, Mapping,
    OrderActuals, RowCounts,
};
use peakplan::Scenario;
use std::path::{Path, PathBuf};

/// Where the actual traffic is and how to read it.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Inquiries export (CSV, `.gz` allowed; format in docs/actuals-format.md).
    #[arg(long, value_name = "FILE")]
    pub inquiries: PathBuf,
    /// Orders export: fits the order side (conversion, payment shares,
    /// value, VIP and pre-packed shares) too.
    #[arg(long, value_name = "FILE")]
    pub orders: Option<PathBuf>,
    /// Shipments export, joined to --orders on the order id: dispatch lead
    /// times and parcels per carrier.
    #[arg(long, value_name = "FILE", requires = "orders")]
    pub shipments: Option<PathBuf>,
    /// Agent-state export (log-ins, breaks, after-contact work; format in
    /// docs/actuals-format.md): the agents available are measured, not
    /// estimated from the contacts, and absence, late starts, breaks and
    /// wrap-up are fitted against the plan.
    #[arg(long, value_name = "FILE")]
    pub agent_states: Option<PathBuf>,
    /// Column mapping for exports not in the canonical format (TOML).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Skip rows that cannot be read, and report how many and why, instead
    /// of stopping at the first.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// The scenario whose window, time zone and targets frame the actuals
    /// (the pre-sale plan); the built-in default when omitted.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

/// The rows read from each file, by file name, in the order read.
pub type FileRows = Vec<(String, RowCounts)>;

/// The options of an import: the mapping file read, if any.
fn options(
    mapping: Option<&Path>,
    skip_bad_rows: bool,
    keep_trace: bool,
    step_s: f64,
) -> Result<ImportOptions, Failure> {
    let mapping = match mapping {
        Some(p) => Mapping::load(p).map_err(Failure::Input)?,
        None => Mapping::default(),
    };
    Ok(ImportOptions { mapping, skip_bad_rows, keep_trace, profile_step_s: step_s })
}

/// Refuses a file none of whose rows falls in the window.
fn some_in_window(path: &Path, scenario: &Scenario, counts: &RowCounts) -> Result<(), Failure> {
    if counts.used > 0 {
        return Ok(());
    }
    Err(Failure::Input(format!(
        "{}: no row falls inside the scenario's window ({} h from {}); check the dates, the time zone or the scenario",
        path.display(),
        scenario.window.length_s / 3600.0,
        scenario.window.start_local()
    )))
}

/// Reads the inquiries export at `path` against `scenario`.
pub fn import(scenario: &Scenario, path: &Path, opts: &ImportOptions) -> Result<(ChatActuals, RowCounts), Failure> {
    let (chats, counts) = import_inquiries(path, scenario, opts).input()?;
    some_in_window(path, scenario, &counts)?;
    Ok((chats, counts))
}

/// Reads the agent-state export, if given, into `chats`; returns its rows.
fn import_states(
    scenario: &Scenario,
    path: Option<&Path>,
    opts: &ImportOptions,
    chats: &mut ChatActuals,
) -> Result<Option<(String, RowCounts)>, Failure> {
    let Some(path) = path else { return Ok(None) };
    let (states, counts) = import_agent_states(path, scenario, opts).input()?;
    some_in_window(path, scenario, &counts)?;
    chats.agent_states = Some(states);
    Ok(Some((path.display().to_string(), counts)))
}

/// Reads the orders export (and the shipments joined to it), if given.
fn import_order_files(
    scenario: &Scenario,
    orders: Option<&Path>,
    shipments: Option<&Path>,
    opts: &ImportOptions,
    rows: &mut FileRows,
) -> Result<Option<OrderActuals>, Failure> {
    let Some(path) = orders else { return Ok(None) };
    let (mut actuals, counts) = import_orders(path, scenario, opts).input()?;
    some_in_window(path, scenario, &counts)?;
    rows.push((path.display().to_string(), counts));
    if let Some(path) = shipments {
        let counts = import_shipments(path, scenario, opts, &mut actuals).input()?;
        rows.push((path.display().to_string(), counts));
    }
    Ok(Some(actuals))
}

/// The text of the scenario at `path`, or of the built-in default.
pub fn scenario_text(path: Option<&Path>) -> Result<String, Failure> {
    match path {
        Some(p) => std::fs::read_to_string(p).map_err(|e| Failure::Input(format!("{}: {e}", p.display()))),
        None => Ok(peakplan::scenario::DEFAULT_TOML.to_string()),
    }
}

/// The exports of one replay: inquiries, and optionally orders with shipments.
#[derive(Debug, Clone, Copy)]
pub struct ReplayFiles<'a> {
    /// The inquiries export.
    pub inquiries: &'a Path,
    /// The orders export.
    pub orders: Option<&'a Path>,
    /// The shipments export (needs `orders`).
    pub shipments: Option<&'a Path>,
    /// The agent-state export.
    pub agent_states: Option<&'a Path>,
    /// The column mapping.
    pub mapping: Option<&'a Path>,
    /// Skip bad rows.
    pub skip_bad_rows: bool,
}

/// The replay of the exports `files` on the plan at `plan_path` (or the
/// default): calibrated on the exports, driven by the actual arrival times.
pub fn replay(
    plan_path: Option<&Path>,
    files: ReplayFiles,
    choice: ReplayChoice,
) -> Result<(Scenario, FileRows), Failure> {
    replay_with_actuals(plan_path, files, choice).map(|(r, rows, _)| (r.scenario, rows))
}

/// [`replay`], with the chats read (their counts, for holding the replay
/// against them).
pub fn replay_with_actuals(
    plan_path: Option<&Path>,
    files: ReplayFiles,
    choice: ReplayChoice,
) -> Result<(Replay, FileRows, ChatActuals), Failure> {
    let plan = load_scenario(plan_path)?;
    let opts = options(files.mapping, files.skip_bad_rows, true, 0.0)?;
    let (mut chats, counts) = import(&plan, files.inquiries, &opts)?;
    let mut rows = vec![(files.inquiries.display().to_string(), counts)];
    rows.extend(import_states(&plan, files.agent_states, &opts, &mut chats)?);
    let orders = import_order_files(&plan, files.orders, files.shipments, &opts, &mut rows)?;
    let order_fit = orders.as_ref().map(|o| fit_orders(o, Some(&chats)));
    let provenance = format!("Replay of {} on the plan {}.", files.inquiries.display(), plan.name);
    let scenario =
        replay_scenario(&scenario_text(plan_path)?, &plan, &mut chats, order_fit.as_ref(), choice, &provenance)
            .input()?;
    Ok((scenario, rows, chats))
}

/// Everything one `actuals fit` reads.
pub struct Imported {
    /// The scenario framing the actuals.
    pub scenario: Scenario,
    /// The chats.
    pub chats: ChatActuals,
    /// The orders (with the shipments joined), if given.
    pub orders: Option<OrderFit>,
    /// The rows read from the inquiries, orders and shipments files.
    pub rows: FileRows,
    /// The rows read from the agent-state export, if any.
    pub state_rows: Option<(String, RowCounts)>,
}

impl ImportArgs {
    /// The exports, as a replay reads them.
    pub fn files(&self) -> ReplayFiles<'_> {
        ReplayFiles {
            inquiries: &self.inquiries,
            orders: self.orders.as_deref(),
            shipments: self.shipments.as_deref(),
            agent_states: self.agent_states.as_deref(),
            mapping: self.mapping.as_deref(),
            skip_bad_rows: self.skip_bad_rows,
        }
    }

    /// Loads the scenario and reads the exports; `profile_step_s` 0 uses the
    /// scenario's period.
    pub fn import(&self, profile_step_s: f64) -> Result<Imported, Failure> {
        let scenario = load_scenario(self.scenario.as_deref())?;
        let opts = options(self.mapping.as_deref(), self.skip_bad_rows, false, profile_step_s)?;
        let (mut chats, counts) = import(&scenario, &self.inquiries, &opts)?;
        let mut rows = vec![(self.inquiries.display().to_string(), counts)];
        let state_rows = import_states(&scenario, self.agent_states.as_deref(), &opts, &mut chats)?;
        let orders =
            import_order_files(&scenario, self.orders.as_deref(), self.shipments.as_deref(), &opts, &mut rows)?;
        let orders = orders.map(|o| fit_orders(&o, Some(&chats)));
        Ok(Imported { scenario, chats, orders, rows, state_rows })
    }
}
