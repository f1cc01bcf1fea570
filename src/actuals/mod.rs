//! After the sale: actual traffic read from CSV exports (`docs/actuals-format.md`),
//! fitted into a calibrated scenario, replayed, and set against the plan.
//!
//! * [`mapping`], [`timestamp`], [`reader`]: the streaming import of one
//!   file, with column mapping, time zones and the bad-row policy;
//! * [`inquiries`] and [`chat_actuals`]: chats, accumulated row by row in
//!   memory that does not grow with the file (except the replay trace, 16
//!   bytes per chat, kept only when asked);
//! * [`orders`], [`shipments`], [`order_actuals`] and [`dispatch_actuals`]:
//!   orders and parcels, accumulated the same way, joined on the order id
//!   (the payment time of each paid order is the one thing kept per order);
//! * [`fit`]: arrival profile, handle time, patience (with censoring),
//!   conversion and payment shares, written into a scenario;
//! * [`agent_states`]: the agents logged in, on a break and available,
//!   read from an agent-state export; [`presence`]: the agents available
//!   per period, estimated from the contacts when no such export exists;
//! * [`replay`]: the plan driven by the actual arrival times, and
//!   [`replay_check`]: how well that reproduces the day;
//!   [`replay_customers`]: the day's own customers in it, as ranks of the
//!   fitted distributions.

pub mod agent_states;
pub mod chat_actuals;
pub mod concurrency;
pub mod contact_classes;
pub mod dispatch_actuals;
mod error;
pub mod fit;
pub mod inquiries;
pub mod mapping;
pub mod order_actuals;
pub mod orders;
pub mod plan_vs_actual;
pub mod presence;
pub mod reader;
pub mod replay;
pub mod replay_check;
pub mod replay_customers;
pub mod replay_run;
pub mod shipments;
mod spill;
pub mod timestamp;
pub mod wait_bins;

pub use chat_actuals::ChatActuals;
pub use error::{BadReason, BadRows, ImportError};
pub use mapping::Mapping;
pub use order_actuals::OrderActuals;
pub use reader::RowCounts;

use crate::model::observe::Periods;
use crate::scenario::Scenario;
use std::io::Read;
use std::path::Path;
use timestamp::TimestampParser;

/// How to read an export.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Column mapping (canonical columns if default).
    pub mapping: Mapping,
    /// Skip and count bad rows instead of stopping at the first.
    pub skip_bad_rows: bool,
    /// Keep the arrival times for replay.
    pub keep_trace: bool,
    /// Length of a step of the fitted arrival profile [s]; 0: the
    /// scenario's reporting period.
    pub profile_step_s: f64,
}

/// The time-stamp parser of a file kind: its mapping's zone and format, or
/// the scenario's zone; measured from the window start. Errors name `file`.
fn parser(m: &mapping::FileMapping, scenario: &Scenario, file: &str) -> Result<TimestampParser, ImportError> {
    let zone = match &m.time_zone {
        Some(z) => {
            crate::scenario::parse_zone(z).map_err(|m| ImportError::whole_file(file, format!("mapping: {m}")))?
        }
        None => scenario.window.time_zone,
    };
    Ok(TimestampParser::new(zone, m.timestamp_format.clone(), scenario.window.start))
}

/// Opens the export at `path` (`.gz` decompressed) and the name its errors give.
fn open(path: &Path) -> Result<(Box<dyn Read>, String), ImportError> {
    let file = path.display().to_string();
    Ok((reader::open(path, &file)?, file))
}

/// Reads an inquiries export against `scenario`'s window and on-time
/// threshold.
pub fn import_inquiries(
    path: &Path,
    scenario: &Scenario,
    opts: &ImportOptions,
) -> Result<(ChatActuals, RowCounts), ImportError> {
    let (input, file) = open(path)?;
    import_inquiries_from(input, &file, scenario, opts)
}

/// [`import_inquiries`] from any byte stream; errors name it `file`.
pub fn import_inquiries_from(
    input: impl Read,
    file: &str,
    scenario: &Scenario,
    opts: &ImportOptions,
) -> Result<(ChatActuals, RowCounts), ImportError> {
    let m = &opts.mapping.inquiries;
    let ts = parser(m, scenario, file)?;
    let periods: Periods = scenario.model.periods;
    let step = if opts.profile_step_s > 0.0 { opts.profile_step_s } else { periods.length_s };
    let mut chats = ChatActuals::new(periods, scenario.model.chat.response_within_s, step, opts.keep_trace);
    let classes = contact_classes::ClassNames::new(m, scenario).map_err(|e| ImportError::whole_file(file, e))?;
    let counts = reader::read_rows_from(input, file, &inquiries::FIELDS, m, &ts, opts.skip_bad_rows, |row| {
        let mut chat = inquiries::parse(row)?;
        chat.class = classes.resolve(row)?;
        Ok(chats.add(&chat))
    })?;
    chats.finish();
    Ok((chats, counts))
}

/// Reads an orders export against `scenario`'s window: per-period counts,
/// shares and values, and the payment times that [`import_shipments`] joins.
pub fn import_orders(
    path: &Path,
    scenario: &Scenario,
    opts: &ImportOptions,
) -> Result<(OrderActuals, RowCounts), ImportError> {
    let (input, file) = open(path)?;
    import_orders_from(input, &file, scenario, opts)
}

/// [`import_orders`] from any byte stream; errors name it `file`.
pub fn import_orders_from(
    input: impl Read,
    file: &str,
    scenario: &Scenario,
    opts: &ImportOptions,
) -> Result<(OrderActuals, RowCounts), ImportError> {
    let m = &opts.mapping.orders;
    let ts = parser(m, scenario, file)?;
    let mut orders = OrderActuals::new(scenario.model.periods);
    let mut first = true;
    let counts = reader::read_rows_from(input, file, &orders::FIELDS, m, &ts, opts.skip_bad_rows, |row| {
        if std::mem::take(&mut first) {
            orders.columns = order_actuals::OrderColumns::of(row);
        }
        orders.add(&orders::parse(row)?).map_err(|reason| row.invalid("order_id", reason))
    })?;
    Ok((orders, counts))
}

/// Reads a shipments export into `orders` (imported first), joining each
/// parcel to its order's payment. A parcel whose order is not a paid order
/// of the window is counted, not refused; one handed over before its
/// order's payment is a bad row.
pub fn import_shipments(
    path: &Path,
    scenario: &Scenario,
    opts: &ImportOptions,
    orders: &mut OrderActuals,
) -> Result<RowCounts, ImportError> {
    let (input, file) = open(path)?;
    import_shipments_from(input, &file, scenario, opts, orders)
}

/// [`import_shipments`] from any byte stream; errors name it `file`.
pub fn import_shipments_from(
    input: impl Read,
    file: &str,
    scenario: &Scenario,
    opts: &ImportOptions,
    orders: &mut OrderActuals,
) -> Result<RowCounts, ImportError> {
    let m = &opts.mapping.shipments;
    let ts = parser(m, scenario, file)?;
    orders.shipments_read = true;
    reader::read_rows_from(input, file, &shipments::FIELDS, m, &ts, opts.skip_bad_rows, |row| {
        let parcel = shipments::parse(row)?;
        orders.add_shipment(&parcel).map_err(|reason| row.invalid("handed_over_at", reason))?;
        Ok(true)
    })
}

/// Reads an agent-state export against `scenario`'s window: who was logged
/// in, on a break and available, second by second, and each session.
pub fn import_agent_states(
    path: &Path,
    scenario: &Scenario,
    opts: &ImportOptions,
) -> Result<(agent_states::AgentStates, RowCounts), ImportError> {
    let (input, file) = open(path)?;
    import_agent_states_from(input, &file, scenario, opts)
}

/// [`import_agent_states`] from any byte stream; errors name it `file`.
pub fn import_agent_states_from(
    input: impl Read,
    file: &str,
    scenario: &Scenario,
    opts: &ImportOptions,
) -> Result<(agent_states::AgentStates, RowCounts), ImportError> {
    let m = &opts.mapping.agent_states;
    let ts = parser(m, scenario, file)?;
    let names = agent_states::StateNames::new(&m.states).map_err(|e| ImportError::whole_file(file, e))?;
    let mut log = agent_states::AgentStateLog::new(scenario.window.length_s);
    let counts = reader::read_rows_from(input, file, &agent_states::FIELDS, m, &ts, opts.skip_bad_rows, |row| {
        Ok(log.add(&agent_states::parse(row, &names)?))
    })?;
    if log.too_many_agents {
        return Err(ImportError::whole_file(
            file,
            format!("names more agents than {} MB of per-second states can hold", presence::MAX_BYTES >> 20),
        ));
    }
    Ok((log.finish(), counts))
}
