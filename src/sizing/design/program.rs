//! The cheapest choice of designed shifts covering a requirement: a set
//! covering integer program over candidate shifts, solved with good_lp's
//! pure-Rust microlp backend.
//!
//! Variables: headcount `x[c][g]` of group `g` on candidate `c` (integer,
//! `0..=max[g]`; a pinned candidate, a shift the planner fixed, is held at
//! its headcount) and, when a rule needs it, `y[c]` (binary: the candidate
//! is in use). Constraints, for every elementary interval between two
//! consecutive shift or period boundaries (capacity on duty is constant on
//! it): `Σ_c Σ_g capacity[g] · x[c][g] + short ≥ requirement of its period`;
//! with `y`: `min_per_shift · y[c] ≤ Σ_g x[c][g] ≤ (Σ_g max[g]) · y[c]` and
//! `Σ_c y[c] ≤ max_distinct`. Minimised: `Σ cost[c][g] · x[c][g]` plus a
//! penalty far above any wage on every unit of shortfall (so a shortfall
//! appears only where no plan within the limits covers the requirement).

use good_lp::{
    constraint, microlp, variable, Expression, ProblemVariables, Solution, SolverModel, Variable, WithTimeLimit,
};

/// Penalty per reference agent of shortfall per interval [CNY].
const SHORTFALL_PENALTY: f64 = 1.0e6;

/// Guard on one solve's branch and bound [s]: when it runs out, the best
/// plan found so far is taken (on the default window a solve takes well
/// under a second, so the guard does not bind there; where it does, the
/// plan may depend on the machine's speed).
const TIME_LIMIT_S: f64 = 20.0;

/// One candidate shift of the program.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Start [s from the window start].
    pub start_s: f64,
    /// End [s from the window start].
    pub end_s: f64,
    /// Cost of one person of each group on it, premiums included [CNY].
    pub cost: Vec<f64>,
    /// `Some(headcount)`: held at this headcount (a fixed shift), outside
    /// the rules on people per shift and distinct shifts.
    pub pinned: Option<Vec<u32>>,
}

/// A shift-design program.
#[derive(Debug, Clone)]
pub struct Program<'a> {
    /// The candidates.
    pub candidates: &'a [Candidate],
    /// Requirement per period, in reference-agent equivalents.
    pub requirement: &'a [f64],
    /// Period length [s].
    pub period_s: f64,
    /// Capacity of one person of each group, in reference-agent equivalents.
    pub capacity: &'a [f64],
    /// Largest headcount of each group on one shift [people].
    pub max_per_shift: &'a [u32],
    /// A candidate in use has at least this many people [people].
    pub min_per_shift: u32,
    /// Most candidates in use, pinned ones aside (`None`: no limit).
    pub max_distinct: Option<u32>,
}

/// The solution of a shift-design program.
#[derive(Debug, Clone, PartialEq)]
pub struct Designed {
    /// Headcount per candidate and group.
    pub plan: Vec<Vec<u32>>,
    /// Largest shortfall in each period, in reference-agent equivalents
    /// (0 where the requirement is covered).
    pub shortfall: Vec<f64>,
    /// Labour cost of the plan [CNY].
    pub cost_cny: f64,
}

/// Why the program could not be solved.
#[derive(Debug, thiserror::Error)]
#[error("the shift-design program failed: {0}")]
pub struct DesignError(pub String);

impl Program<'_> {
    /// The elementary intervals `(start_s, end_s, period)` on which the
    /// requirement is positive.
    fn intervals(&self) -> Vec<(f64, f64, usize)> {
        let end = self.requirement.len() as f64 * self.period_s;
        let mut cuts: Vec<f64> = (0..=self.requirement.len()).map(|p| p as f64 * self.period_s).collect();
        cuts.extend(self.candidates.iter().flat_map(|c| [c.start_s, c.end_s]).filter(|&t| t > 0.0 && t < end));
        cuts.sort_by(f64::total_cmp);
        cuts.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
        cuts.windows(2)
            .map(|w| (w[0], w[1], ((w[0] / self.period_s + 1e-9).floor() as usize).min(self.requirement.len() - 1)))
            .filter(|&(_, _, p)| self.requirement[p] > 0.0)
            .collect()
    }

    /// Whether the rules need the in-use variables `y`.
    fn needs_use_flags(&self) -> bool {
        self.min_per_shift > 1 || self.max_distinct.is_some()
    }

    /// Solves the program.
    pub fn solve(&self) -> Result<Designed, DesignError> {
        let mut vars = ProblemVariables::new();
        let x: Vec<Vec<Variable>> = self
            .candidates
            .iter()
            .map(|c| {
                (0..self.capacity.len())
                    .map(|g| match &c.pinned {
                        Some(h) => vars.add(variable().integer().min(h[g]).max(h[g])),
                        None => vars.add(variable().integer().min(0).max(self.max_per_shift[g])),
                    })
                    .collect()
            })
            .collect();
        let free: Vec<usize> = (0..self.candidates.len()).filter(|&c| self.candidates[c].pinned.is_none()).collect();
        let y: Vec<Variable> =
            if self.needs_use_flags() { free.iter().map(|_| vars.add(variable().binary())).collect() } else { vec![] };
        let intervals = self.intervals();
        let short: Vec<Variable> = intervals.iter().map(|_| vars.add(variable().min(0.0))).collect();
        let mut cost = Expression::from(0.0);
        for (c, row) in self.candidates.iter().zip(&x) {
            for (&v, &k) in row.iter().zip(&c.cost) {
                cost += k * v;
            }
        }
        for &v in &short {
            cost += SHORTFALL_PENALTY * v;
        }
        let mut problem = vars.minimise(cost).using(microlp).with_time_limit(TIME_LIMIT_S);
        for (&(a, b, p), &sv) in intervals.iter().zip(&short) {
            let mut supply = Expression::from(0.0);
            for (c, row) in self.candidates.iter().zip(&x) {
                if c.start_s < b - 1e-6 && c.end_s > a + 1e-6 {
                    for (&v, &cap) in row.iter().zip(self.capacity) {
                        supply += cap * v;
                    }
                }
            }
            problem = problem.with(constraint!(supply + sv >= self.requirement[p]));
        }
        if !y.is_empty() {
            let most: f64 = self.max_per_shift.iter().map(|&m| f64::from(m)).sum();
            for (&c, &yc) in free.iter().zip(&y) {
                let people: Expression = x[c].iter().copied().sum();
                problem = problem.with(constraint!(people.clone() <= most * yc));
                problem = problem.with(constraint!(people >= f64::from(self.min_per_shift) * yc));
            }
            if let Some(k) = self.max_distinct {
                let used: Expression = y.iter().copied().sum();
                problem = problem.with(constraint!(used <= f64::from(k)));
            }
        }
        let solution = problem.solve().map_err(|e| DesignError(e.to_string()))?;
        let plan: Vec<Vec<u32>> =
            x.iter().map(|row| row.iter().map(|&v| solution.value(v).round().max(0.0) as u32).collect()).collect();
        let mut shortfall = vec![0.0f64; self.requirement.len()];
        for (&(_, _, p), &sv) in intervals.iter().zip(&short) {
            let v = solution.value(sv);
            if v > 1e-6 {
                shortfall[p] = shortfall[p].max(v);
            }
        }
        let cost_cny = self
            .candidates
            .iter()
            .zip(&plan)
            .map(|(c, h)| h.iter().zip(&c.cost).map(|(&n, &k)| f64::from(n) * k).sum::<f64>())
            .sum();
        Ok(Designed { plan, shortfall, cost_cny })
    }
}
