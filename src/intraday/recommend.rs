//! The least-cost set of moves that restores the targets for the rest of
//! the window at the scenario's confidence, by forward simulation.
//!
//! The plan as it stands is run forward first: if it meets the targets in
//! the confidence's share of the forward replications, nothing is
//! recommended. Otherwise moves are added in rounds (one person, then two,
//! four, at most eight), each round the people who buy the most score per
//! yuan (score: the share of
//! replications meeting all targets, plus the mean share meeting the
//! service level per period, plus the share meeting the abandonment
//! target), until the targets are met or no move is left; then people are
//! taken away again, the dearest first, while the targets still hold. All
//! candidates are run on the same replications (common random numbers).
//! Last, the call-ins' start is put off in steps of a quarter-hour while
//! the targets still hold: the decision is due by the latest start less the
//! lead time. The search is greedy: the set is tight, not proven cheapest.

use super::moves::{apply, MoveKind, MoveOption};
use super::outlook::{tails, Outlook};
use super::reforecast::VolumePosterior;
use crate::model::forward::{StartState, Tail};
use crate::scenario::Scenario;

/// The step by which the call-ins' start is put off [s].
const DELAY_STEP_S: f64 = 900.0;

/// Most people added to one option in one round [people].
const MAX_STEP: u32 = 8;

/// Most people added in one search (a guard on the loop) [people].
const MAX_ADDED: u32 = 2_000;

/// What the search found.
#[derive(Debug, Clone)]
pub struct Found {
    /// People per move option.
    pub people: Vec<u32>,
    /// How long the call-ins can be put off [s].
    pub delay_s: f64,
    /// The plan's outlook as it stands.
    pub plan: Outlook,
    /// The outlook with the moves; `None` when none are needed.
    pub with_moves: Option<Outlook>,
    /// Sets of moves simulated [count].
    pub evaluations: u32,
}

/// The forward runs of one search.
struct Search<'a> {
    scenario: &'a Scenario,
    options: &'a [MoveOption],
    state: &'a StartState,
    post: &'a VolumePosterior,
    seed: u64,
    evaluations: u32,
}

impl Search<'_> {
    fn run(&mut self, people: &[u32], delay_s: f64) -> Vec<Tail> {
        self.evaluations += 1;
        let params = apply(&self.scenario.model, self.options, people, delay_s);
        let reps = self.scenario.intraday.replications;
        tails(&params, &self.scenario.targets, self.state, self.post, self.seed, reps)
    }

    fn meets(&self, o: &Outlook) -> bool {
        o.meets_confidence
    }

    fn outlook(&mut self, people: &[u32], delay_s: f64) -> Outlook {
        let t = self.run(people, delay_s);
        Outlook::of(&t, &self.scenario.targets)
    }
}

/// The score of an outlook: more is better, 3 at most.
fn score(o: &Outlook, abandon_met_share: f64) -> f64 {
    let n = o.service_level_met_share.len().max(1) as f64;
    o.p_meet + o.service_level_met_share.iter().sum::<f64>() / n + abandon_met_share
}

/// The outlook and score of `people`.
fn scored(s: &mut Search, people: &[u32]) -> (Outlook, f64) {
    let t = s.run(people, 0.0);
    let ab = t.iter().filter(|t| t.abandon_share <= s.scenario.targets.abandon_max).count() as f64;
    let o = Outlook::of(&t, &s.scenario.targets);
    let sc = score(&o, ab / t.len().max(1) as f64);
    (o, sc)
}

/// Adds people, the best score per yuan first, until the targets hold:
/// one person at first, then twice as many each round (at most
/// [`MAX_STEP`]), so a large shortfall takes few rounds; [`tighten`] takes
/// back what the last round added beyond need.
fn add(s: &mut Search, people: &mut [u32]) -> Outlook {
    let (mut now, mut now_score) = scored(s, people);
    let (mut added, mut step) = (0, 1);
    while !s.meets(&now) && added < MAX_ADDED {
        let mut best: Option<(usize, u32, f64, Outlook, f64)> = None;
        for k in 0..s.options.len() {
            let n = step.min(s.options[k].max_people - people[k]);
            if n == 0 {
                continue;
            }
            people[k] += n;
            let (o, sc) = scored(s, people);
            people[k] -= n;
            let per_cny = (sc - now_score) / (s.options[k].cost_per_person_cny * f64::from(n)).max(1e-9);
            if best.as_ref().is_none_or(|b| per_cny > b.2) {
                best = Some((k, n, per_cny, o, sc));
            }
        }
        let Some((k, n, _, o, sc)) = best else { break };
        people[k] += n;
        (now, now_score, added, step) = (o, sc, added + n, (step * 2).min(MAX_STEP));
    }
    now
}

/// Takes people away, the dearest first, while the targets still hold.
fn tighten(s: &mut Search, people: &mut [u32], mut now: Outlook) -> Outlook {
    let mut order: Vec<usize> = (0..s.options.len()).collect();
    order.sort_by(|&a, &b| s.options[b].cost_per_person_cny.total_cmp(&s.options[a].cost_per_person_cny));
    for k in order {
        while people[k] > 0 {
            people[k] -= 1;
            let o = s.outlook(people, 0.0);
            if !s.meets(&o) {
                people[k] += 1;
                break;
            }
            now = o;
        }
    }
    now
}

/// How long the call-ins of `people` can be put off with the targets
/// still met [s], and the outlook then.
fn delay(s: &mut Search, people: &[u32], now: Outlook) -> (f64, Outlook) {
    let room = s.options.iter().zip(people).filter(|(o, &n)| n > 0 && o.kind == MoveKind::CallIn);
    let latest = room.map(|(o, _)| o.end_s - o.start_s).fold(f64::NAN, f64::min);
    let (mut d, mut best) = (0.0, now);
    while d + DELAY_STEP_S < latest {
        let o = s.outlook(people, d + DELAY_STEP_S);
        if !s.meets(&o) {
            break;
        }
        (d, best) = (d + DELAY_STEP_S, o);
    }
    (d, best)
}

/// The least-cost moves among `options` for the rest of `scenario`'s
/// window from `state`, with the traffic of `post`, on `seed`.
pub fn recommend(
    scenario: &Scenario,
    options: &[MoveOption],
    state: &StartState,
    post: &VolumePosterior,
    seed: u64,
) -> Found {
    let mut s = Search { scenario, options, state, post, seed, evaluations: 0 };
    let mut people = vec![0; options.len()];
    let plan = s.outlook(&people, 0.0);
    if s.meets(&plan) || options.is_empty() {
        return Found { people, delay_s: 0.0, plan, with_moves: None, evaluations: s.evaluations };
    }
    let grown = add(&mut s, &mut people);
    let tight = if s.meets(&grown) { tighten(&mut s, &mut people, grown) } else { grown };
    let (delay_s, with) = if s.meets(&tight) { delay(&mut s, &people, tight) } else { (0.0, tight) };
    Found { people, delay_s, plan, with_moves: Some(with), evaluations: s.evaluations }
}
