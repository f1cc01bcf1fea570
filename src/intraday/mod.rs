//! During the sale: what the traffic so far says about the rest of the
//! window, and what to change now.
//!
//! * [`ahead`]: the periods of the rest, forecast and re-forecast.
//! * [`reforecast`]: the volume of the rest of the window updated from the
//!   inquiries seen so far (gamma–Poisson, with a change of level).
//! * [`so_far`]: the export read up to a moment, actual against forecast
//!   per period.
//! * [`outlook`]: forward replications from the state at the moment
//!   with the re-forecast traffic, judged against the targets.
//! * [`moves`]: the moves the scenario allows (people called in, shifts
//!   extended) as extra shifts.
//! * [`recommend`]: the least-cost moves that restore the targets.
//! * [`result`]: the plain result the renderers print.

pub mod ahead;
pub mod moves;
pub mod outlook;
pub mod recommend;
pub mod reforecast;
pub mod result;
pub mod so_far;
