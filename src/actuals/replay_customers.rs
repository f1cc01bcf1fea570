//! The day's own customers in a replay: what each traced chat showed of its
//! customer (the handle time it needed, the patience it had) as ranks of
//! the replay scenario's distributions ([`CustomerRanks`]).
//!
//! A chat that was answered after waiting `w` needed its exported handle
//! time, and its customer would have waited longer than `w`: the patience
//! rank is drawn in `[F(w), 1]`. A chat abandoned after `w` had a patience
//! of exactly `w`. What the export does not show (the handle time of a chat
//! never answered, the patience of one answered at once) is drawn from the
//! fits. Mapped through the fitted distribution of the group that answered
//! it, a rank gives back the exported time exactly, so the replay serves
//! the day's long mornings and its quick evening callers as they were,
//! while a different staffing still changes who waits and who leaves.
//!
//! An agent holding several chats takes longer over each (the model's
//! slowdown); the export's times include the slowdown of the day, so a
//! chat's time is divided by its group's mean stretch on the day (its
//! fitted slowdown at the mean number of chats in hand) to give the base
//! time the model stretches again. That is exact on average, not chat by
//! chat. A group that holds one chat at a time is never stretched.

use super::chat_actuals::TracedChat;
use super::fit::ChatFit;
use crate::model::trace::CustomerRanks;
use crate::scenario::Scenario;

/// Which customers a replay serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Customers {
    /// The day's own: each chat's exported handle time and the patience its
    /// wait showed (see the module's documentation); the rest drawn from
    /// the fits.
    #[default]
    Actual,
    /// Drawn afresh from the fitted distributions, as a forecast would.
    Fitted,
}

impl Customers {
    /// How the customers were found, as the replay's reports state it.
    pub fn note(self) -> &'static str {
        match self {
            Customers::Actual => {
                "customers: the day's own (exported handle times; patience as each wait showed it, drawn where censored)"
            }
            Customers::Fitted => "customers: drawn from the fitted patience and handle-time distributions",
        }
    }
}

/// The ranks of `chats` under `scenario` (the replay scenario, calibrated
/// by `fit`); `group_names` are the export's groups, indexed by
/// [`TracedChat::group`].
pub fn customer_ranks(
    scenario: &Scenario,
    fit: &ChatFit,
    group_names: &[String],
    chats: &[TracedChat],
) -> Vec<CustomerRanks> {
    let groups = &scenario.model.chat.groups;
    // Each export group's model group (by name, else the first) and the
    // stretch its exported times carry.
    let model_group: Vec<(usize, f64)> = group_names
        .iter()
        .map(|name| {
            let g = groups.iter().position(|m| &m.name == name).unwrap_or(0);
            let concurrency = fit.handle.iter().find(|h| &h.group == name).and_then(|h| h.mean_concurrency);
            // A group that holds one chat at a time is never slowed down.
            let extra = if groups[g].max_concurrent > 1 { (concurrency.unwrap_or(1.0) - 1.0).max(0.0) } else { 0.0 };
            let stretch = 1.0 + groups[g].slowdown_per_extra_chat * extra;
            (g, stretch)
        })
        .collect();
    let classes = &scenario.model.chat.classes;
    let mut ranks: Vec<CustomerRanks> = chats
        .iter()
        .map(|c| {
            let class = classes.get(usize::from(c.class));
            // A known class's own patience; the chat's otherwise.
            let patience = class.map_or(scenario.model.chat.patience_s.as_ref(), |k| k.patience_s.as_ref());
            let wait = f64::from(c.wait_s);
            let patience_u = match (patience, wait.is_finite()) {
                (Some(d), true) if c.abandoned => [d.cdf(wait); 2],
                (Some(d), true) => [d.cdf(wait), 1.0],
                _ => CustomerRanks::UNKNOWN.patience_u,
            };
            let handle = f64::from(c.handle_s);
            let handle_u = model_group
                .get(usize::from(c.group))
                .filter(|_| handle.is_finite() && !c.abandoned)
                .map_or(CustomerRanks::UNKNOWN.handle_u, |&(g, stretch)| [groups[g].handle_s.cdf(handle / stretch); 2]);
            CustomerRanks { patience_u, handle_u, class: class.map(|_| c.class) }
        })
        .collect();
    bound_unknown_handle_times(&mut ranks, chats);
    ranks
}

/// Answered chats on each side of an unanswered one whose handle-time
/// ranks bound its draw.
pub const HANDLE_NEIGHBOURS: usize = 10;

/// Gives each chat whose handle time the export does not show (it was never
/// answered) the range of the handle-time ranks of the answered chats of
/// its class nearest to it in arrival order, [`HANDLE_NEIGHBOURS`] on each
/// side: handle times change over a day (a wave of quick evening callers,
/// long mornings), so a chat served in the replay that was not on the day
/// needs about what its neighbours needed, not the day's average. `chats`
/// are in arrival order; chats whose handle time is known keep it.
fn bound_unknown_handle_times(ranks: &mut [CustomerRanks], chats: &[TracedChat]) {
    let known = |r: &CustomerRanks| r.handle_u[0] == r.handle_u[1];
    // Per class (the last slot: class unknown), the answered chats' ranks
    // in arrival order.
    let mut answered: Vec<Vec<f64>> = vec![Vec::new(); usize::from(u8::MAX) + 1];
    // Per chat, how many answered chats of its class came before it.
    let before: Vec<usize> = chats
        .iter()
        .zip(ranks.iter())
        .map(|(c, r)| {
            let list = &mut answered[usize::from(c.class)];
            let n = list.len();
            if known(r) {
                list.push(r.handle_u[0]);
            }
            n
        })
        .collect();
    for ((c, r), &i) in chats.iter().zip(ranks.iter_mut()).zip(&before) {
        let list = &answered[usize::from(c.class)];
        if known(r) || list.is_empty() {
            continue;
        }
        let near = &list[i.saturating_sub(HANDLE_NEIGHBOURS)..(i + HANDLE_NEIGHBOURS).min(list.len())];
        let (lo, hi) = near.iter().fold((1.0f64, 0.0f64), |(lo, hi), &u| (lo.min(u), hi.max(u)));
        r.handle_u = [lo, hi];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::chat_actuals::ChatActuals;
    use crate::actuals::fit::fit_chats;

    fn scenario() -> Scenario {
        Scenario::from_toml(crate::scenario::DEFAULT_TOML, "default").unwrap()
    }

    #[test]
    fn a_rank_maps_back_to_the_exported_time_and_the_seen_patience() {
        let s = scenario();
        let chats = ChatActuals::new(s.model.periods, 60.0, 3600.0, true);
        let fit = fit_chats(&chats);
        let traced = [
            TracedChat { arrival_cs: 0, wait_s: 42.0, handle_s: 317.0, abandoned: false, group: 0, class: u8::MAX },
            TracedChat {
                arrival_cs: 5,
                wait_s: 12.5,
                handle_s: f32::NAN,
                abandoned: true,
                group: u16::MAX,
                class: u8::MAX,
            },
            TracedChat {
                arrival_cs: 9,
                wait_s: f32::NAN,
                handle_s: f32::NAN,
                abandoned: false,
                group: 0,
                class: u8::MAX,
            },
        ];
        let names = vec![s.model.chat.groups[0].name.clone()];
        let r = customer_ranks(&s, &fit, &names, &traced);
        let g = &s.model.chat.groups[0];
        let patience = s.model.chat.patience_s.as_ref().unwrap();
        let stretch_free = g.slowdown_per_extra_chat == 0.0 || fit.handle.is_empty();
        assert!(stretch_free, "no concurrency measured: the exported time is the base time");
        assert!((g.handle_s.quantile(r[0].handle_u[0]) - 317.0).abs() < 1e-6);
        assert_eq!(r[0].handle_u[0], r[0].handle_u[1], "answered: handle time seen");
        assert!((patience.quantile(r[0].patience_u[0]) - 42.0).abs() < 1e-6);
        assert_eq!(r[0].patience_u[1], 1.0, "answered: patience only known to be longer");
        assert_eq!(r[1].patience_u[0], r[1].patience_u[1], "abandoned: patience seen");
        assert!((patience.quantile(r[1].patience_u[0]) - 12.5).abs() < 1e-6);
        assert_eq!(r[1].handle_u, r[0].handle_u, "not answered: bounded by its answered neighbours'");
        assert_eq!(r[2].patience_u, CustomerRanks::UNKNOWN.patience_u);
    }
}
