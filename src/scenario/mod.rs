//! Scenarios: TOML files parsed into a raw mirror (`raw`), then checked and
//! converted into internal units (`validate`). The default Double 11 scenario
//! is compiled into the binary.

mod error;
mod locate;
pub mod raw;
pub mod raw_availability;
pub mod raw_classes;
pub mod raw_demand;
pub mod raw_dispatch;
pub mod raw_intraday;
pub mod raw_plan;
mod time;
mod validate;
mod validate_availability;
mod validate_classes;
mod validate_conversion;
mod validate_demand;
mod validate_design;
mod validate_dispatch;
mod validate_intraday;
mod validate_limits;
mod validate_plan;
mod validate_skills;

pub use error::ScenarioError;
pub use time::{label as time_label, parse_local, parse_zone};
pub use validate::{MAX_INQUIRIES, MAX_PERIODS, MAX_REPLICATIONS, MAX_WINDOW_H};
pub use validate_availability::Pool;
pub use validate_design::{ShiftDesign, MAX_CANDIDATES};
pub use validate_intraday::{Extensions, Floaters, Intraday, MAX_INTRADAY_REPLICATIONS};
pub use validate_limits::{volume_multiplier_tail, VOLUME_TAIL};
pub use validate_plan::{Costs, RoleSettings, SizingSettings, DEFAULT_MAX_PER_SHIFT};

use crate::model::ModelParams;
use crate::targets::Targets;
use chrono::DateTime;
use chrono_tz::Tz;
use raw::RawScenario;
use std::path::Path;

/// The default scenario's text, as shipped in `scenarios/double11.toml`.
pub const DEFAULT_TOML: &str = include_str!("../../scenarios/double11.toml");

/// The name under which the embedded default is reported.
pub const DEFAULT_SOURCE: &str = "<built-in default: scenarios/double11.toml>";

/// The simulated window.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Start, in the window's time zone.
    pub start: DateTime<Tz>,
    /// Time zone of every local time in the scenario.
    pub time_zone: Tz,
    /// Length [s].
    pub length_s: f64,
    /// Reporting period [s].
    pub period_s: f64,
}

impl Window {
    /// The start as `YYYY-MM-DD HH:MM` local time.
    pub fn start_local(&self) -> String {
        self.start.format("%Y-%m-%d %H:%M").to_string()
    }

    /// Labels (`MM-DD HH:MM`, local) of the periods' starts.
    pub fn period_labels(&self) -> Vec<String> {
        let n = (self.length_s / self.period_s).round() as usize;
        (0..n).map(|i| time_label(&self.start, i as f64 * self.period_s)).collect()
    }
}

/// Default run settings of a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunSettings {
    /// Replications [count].
    pub replications: u64,
    /// Master seed.
    pub seed: u64,
}

/// A checked scenario, ready to simulate.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Short name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Where it was read from.
    pub source_name: String,
    /// The window.
    pub window: Window,
    /// The model's inputs.
    pub model: ModelParams,
    /// Service targets.
    pub targets: Targets,
    /// Default run settings.
    pub run: RunSettings,
    /// Staff costs.
    pub costs: Costs,
    /// Sizing settings.
    pub sizing: SizingSettings,
    /// People per group and their hours: the pools plans must stay within.
    pub pools: RoleSettings<Pool>,
    /// During the sale: the re-forecast's settings and the moves allowed.
    pub intraday: Intraday,
    /// The file as read (for reports).
    pub raw: RawScenario,
}

impl Scenario {
    /// Parses and checks scenario `text`, naming it `source` in errors.
    pub fn from_toml(text: &str, source: &str) -> Result<Self, ScenarioError> {
        let raw: RawScenario = toml::from_str(text).map_err(|e| {
            let span = e.span().map(|s| s.start.min(text.len())..s.end.min(text.len()));
            let at = span.as_ref().map(|s| s.start);
            let field = span.and_then(|s| locate::path_at(text, s));
            let mut message = error::plain_words(e.message());
            // A syntax error has no field: say where on the line it is.
            let syntax = toml_edit::ImDocument::parse(text).is_err();
            if let (Some(o), true) = (at, syntax) {
                message = format!("{message} (column {})", locate::column_of(text, o));
            }
            ScenarioError {
                source_name: source.to_string(),
                line: at.map(|o| locate::line_of(text, o)),
                field: field.map(|p| locate::render(&p)),
                message,
            }
        })?;
        validate::validate(raw, text, source)
    }

    /// The embedded default Double 11 scenario.
    pub fn default_double11() -> Self {
        Self::from_toml(DEFAULT_TOML, DEFAULT_SOURCE).expect("the embedded default scenario is valid")
    }

    /// Reads and checks the scenario file at `path`.
    pub fn load(path: &Path) -> Result<Self, ScenarioError> {
        let source = path.display().to_string();
        let fail = |message: String| ScenarioError { source_name: source.clone(), line: None, field: None, message };
        if path.is_dir() {
            return Err(fail("is a directory, not a scenario file".into()));
        }
        let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            fail(format!(
                "is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            return Err(fail("is empty: a scenario needs at least `[arrivals]` and `[chat]`".into()));
        }
        Self::from_toml(&text, &source)
    }
}
