//! The pools of people in the search: a plan never needs more people of a
//! group than its pool holds ([`crate::cost::pool`] counts them, the rest
//! rule and the hours limit included).
//!
//! The starting plan (from the covering program) is trimmed into the pools,
//! one person at a time from the group's fullest shift; the repair adds
//! nobody whose group would then need more people than its pool. With no
//! pool set, nothing changes.

use super::evaluate::Plan;
use super::{Role, Row};
use crate::cost::pool::{people_by_group, pool_holds};
use crate::scenario::{Pool, Scenario};
use serde::Serialize;

/// One group's people in a plan, next to its pool.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolUse {
    /// The role.
    pub role: Role,
    /// The group's name.
    pub group: String,
    /// People the plan needs [people].
    pub people: u32,
    /// People of the group's pool; `None`: no limit [people].
    pub pool_people: Option<u32>,
    /// Most paid hours of one person; `None`: no limit [h].
    pub max_hours: Option<f64>,
    /// Whether the pool binds: the plan needs all of its people (or more,
    /// when fixed shifts alone need more).
    pub binding: bool,
}

/// The pools of a scenario, ready for the search.
pub struct Pools<'a> {
    s: &'a Scenario,
}

impl<'a> Pools<'a> {
    /// The pools of `s`.
    pub fn new(s: &'a Scenario) -> Self {
        Pools { s }
    }

    fn of(&self, role: Role) -> &[Pool] {
        match role {
            Role::Agents => &self.s.pools.agents,
            Role::Packers => &self.s.pools.packers,
        }
    }

    /// Whether any group of any role has a pool of people.
    pub fn any(&self) -> bool {
        [Role::Agents, Role::Packers].iter().any(|&r| self.of(r).iter().any(|p| p.people.is_some()))
    }

    /// People each group of `role` needs in `plan`.
    fn people(&self, rows: &[Row], plan: &Plan, role: Role) -> Vec<u32> {
        let shifts: Vec<_> = rows
            .iter()
            .zip(plan)
            .filter(|(row, _)| row.role == role)
            .map(|(row, h)| crate::model::shifts::Shift { headcount: h.clone(), ..row.shift.clone() })
            .collect();
        people_by_group(self.s, &shifts, self.of(role))
    }

    /// Whether `plan` with one more person of group `g` on row `r` stays
    /// within `g`'s pool.
    pub fn allows(&self, rows: &[Row], plan: &Plan, r: usize, g: usize) -> bool {
        let role = rows[r].role;
        let Some(pool) = self.of(role).get(g).filter(|p| p.people.is_some()) else {
            return true;
        };
        let mut more = plan.clone();
        more[r][g] += 1;
        pool_holds(pool, self.people(rows, &more, role)[g])
    }

    /// `plan` lowered into the pools: while a group needs more people than
    /// its pool, one person of it leaves its fullest open shift (a designed
    /// shift keeps its least headcount or closes). Fixed shifts stay.
    pub fn trim(&self, rows: &[Row], mut plan: Plan) -> Plan {
        for role in [Role::Agents, Role::Packers] {
            for (g, pool) in self.of(role).iter().enumerate() {
                if pool.people.is_none() {
                    continue;
                }
                while !pool_holds(pool, self.people(rows, &plan, role)[g]) {
                    let removable = |&(r, row): &(usize, &Row)| {
                        let left = plan[r].iter().sum::<u32>().saturating_sub(1);
                        row.role == role && !row.fixed && plan[r][g] > 0 && (left == 0 || left >= row.min_people)
                    };
                    let fullest = rows.iter().enumerate().filter(removable).max_by_key(|&(r, _)| (plan[r][g], r));
                    match fullest {
                        Some((r, _)) => plan[r][g] -= 1,
                        None => break,
                    }
                }
            }
        }
        plan
    }

    /// Every group's people in `plan` next to its pool; `names(role, g)`
    /// names group `g`.
    pub fn usage(&self, rows: &[Row], plan: &Plan, names: impl Fn(Role, usize) -> String) -> Vec<PoolUse> {
        let mut out = Vec::new();
        for role in [Role::Agents, Role::Packers] {
            let people = self.people(rows, plan, role);
            for (g, pool) in self.of(role).iter().enumerate() {
                out.push(PoolUse {
                    role,
                    group: names(role, g),
                    people: people[g],
                    pool_people: pool.people,
                    max_hours: pool.max_hours,
                    binding: pool.people.is_some_and(|n| people[g] >= n),
                });
            }
        }
        out
    }
}
