//! Fitting a scenario's chat parameters to the actual traffic: arrival
//! profile and deflection, customer patience (with censoring), handle time
//! and slowdown per group ([`orders`]: the order and dispatch side);
//! [`calibrate`] writes them into a scenario file.

pub mod availability;
pub mod calibrate;
pub mod handle;
mod optimise;
pub mod orders;
pub mod patience;
pub mod states;

use super::chat_actuals::ChatActuals;
use handle::HandleFit;
use patience::PatienceFit;
use serde::Serialize;

/// What the chats of an export say about the scenario's parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChatFit {
    /// Chats opened in the window [count].
    pub inquiries: u64,
    /// Length of a profile step [min].
    pub profile_step_min: f64,
    /// Chats opened per step [count] (Poisson standard error: the square root).
    pub profile: Vec<u64>,
    /// Share closed by auto-reply [share].
    pub deflection_share: f64,
    /// Share of offered chats abandoned [share].
    pub abandon_share: f64,
    /// Patience; `None` if no chat was abandoned with a known wait.
    pub patience: Option<PatienceFit>,
    /// Handle time per group found in the export.
    pub handle: Vec<HandleFit>,
    /// Why the concurrency correction is missing, if it is.
    pub concurrency_note: Option<String>,
    /// Agent-hours and wrap-up seen in the contacts; `None` if the export
    /// names no agents.
    pub availability: Option<availability::AvailabilityFit>,
    /// The periods of the window (0-based) in which the export has no
    /// chat: the export may not cover them.
    pub periods_without_chats: Vec<usize>,
    /// What an agent-state export says of the people, against the plan;
    /// `None` (left out of JSON) without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_states: Option<states::StatesFit>,
}

/// Fits the chat parameters from accumulated chats.
pub fn fit_chats(chats: &ChatActuals) -> ChatFit {
    let c = &chats.counts;
    let total = |v: &[u64]| v.iter().sum::<u64>();
    let inquiries = total(&c.inquiries);
    let deflected = total(&c.deflected);
    let offered = inquiries - deflected;
    let ratio = |a: u64, b: u64| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let tracker = &chats.concurrency;
    let concurrency_note = if tracker.unsorted {
        Some(
            "the rows are not in order of arrival and could not be sorted (no temporary file could be written), so \
             the chats each agent held were not counted"
                .to_string(),
        )
    } else if tracker.agents_seen() == 0 {
        Some("the export names no agents (or no waits), so chats in hand were not measured".to_string())
    } else {
        None
    };
    let measured = concurrency_note.is_none();
    let handle = chats
        .handle
        .iter()
        .enumerate()
        .filter_map(|(g, (name, m))| handle::fit(name, m, tracker.by_group.get(g).filter(|_| measured)))
        .collect();
    ChatFit {
        inquiries,
        profile_step_min: chats.profile_step_s() / 60.0,
        profile: chats.profile.clone(),
        deflection_share: ratio(deflected, inquiries),
        abandon_share: ratio(total(&c.abandoned), offered),
        patience: patience::fit(&chats.abandoned_waits, &chats.answered_waits),
        handle,
        concurrency_note,
        availability: availability::fit(chats),
        periods_without_chats: (0..c.inquiries.len()).filter(|&p| c.inquiries[p] == 0).collect(),
        agent_states: None,
    }
}

/// [`fit_chats`], with the agent-state export the chats carry (if any)
/// held against `plan`.
pub fn fit_chats_on(chats: &ChatActuals, plan: &crate::scenario::Scenario) -> ChatFit {
    let mut fit = fit_chats(chats);
    fit.agent_states = chats.agent_states.as_ref().map(|s| states::fit(s, plan));
    fit
}
