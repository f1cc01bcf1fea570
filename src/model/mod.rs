//! The Double 11 model, built on the generic [engine](crate::engine).
//!
//! ```text
//!  arrivals ──► chat ──────────────► (orders ─► warehouse ─► courier)
//!  (NHPP)       deflect / wait /
//!               answer / abandon
//! ```
//!
//! Each stage lives in its own module and owns its state and observations;
//! [`Replication`] wires them to one event queue and runs one replication.

pub mod arrivals;
pub mod chat;
pub mod dist;
pub mod event;
pub mod observe;
mod replication;
pub mod shifts;

pub use replication::{ModelParams, Replication, StreamId};
