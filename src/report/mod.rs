//! Renderers of a [`SimulationReport`](crate::result::SimulationReport):
//! each turns the plain result into one format and never reaches into the
//! simulation.

pub mod csv;
pub mod json;
pub mod text;
pub mod write;
