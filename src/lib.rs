//! # peakplan
//!
//! A discrete-event Monte Carlo capacity simulator for an e-commerce shop's
//! Double 11 (双十一) sale: chat inquiries arrive with the sale's peaks,
//! agents handle several chats at once, customers give up, and over many
//! seeded replications peakplan measures response times and service levels
//! with confidence intervals.
//!
//! Layers, dependencies pointing down:
//!
//! ```text
//! cli ─► experiment / report / scenario ─► kpi / result ─► model ─► engine
//! ```
//!
//! * [`engine`]: clock, event queue with cancellation, random streams; no
//!   domain words.
//! * [`model`]: the stages (arrivals, chat) on the engine.
//! * [`scenario`]: TOML files, checked into model inputs.
//! * [`experiment`]: replications in parallel, identical for any thread count.
//! * [`stats`], [`kpi`], [`result`]: figures across replications.
//! * [`report`]: renderers of the result (text, JSON, CSV).
//! * [`analytic`]: Erlang C / Erlang A formulas.
//! * [`cost`]: a plan and its per-replication figures → cost breakdown.

#![warn(missing_docs)]

pub mod actuals;
pub mod analytic;
pub mod cost;
pub mod engine;
pub mod experiment;
pub mod kpi;
pub mod model;
pub mod report;
pub mod result;
pub mod scenario;
pub mod sizing;
pub mod stats;
pub mod targets;

pub use experiment::{run, Outcome, RunConfig};
pub use result::SimulationReport;
pub use scenario::{Scenario, ScenarioError};
