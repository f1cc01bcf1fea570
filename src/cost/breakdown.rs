//! The cost of one replication, from the scenario's plan and the
//! replication's figures ([`crate::kpi`]):
//!
//! * **labour**: every listed agent and packer shift, each person paid as
//!   [`super::pay`] says; plus the packer shifts repeated after the window
//!   (`warehouse.after_window = "repeat_last_day"`), which differ between
//!   replications: the warehouse records the rounds of each listed shift it
//!   repeated ([`Samples::rounds_repeated`]), and each round is paid as a
//!   shift of its own, a day (or two, ...) after the listed one.
//!   The repeats are also their own figure, `labour_packer_repeats_cny`.
//! * **courier**: parcels handed to each carrier (`dispatched_via_<carrier>`)
//!   × the carrier's cost per parcel.
//! * **compensation**: `late_compensation_cny`, owed for late orders.
//! * **lost margin**: orders the abandoned chats would have placed if
//!   answered, `abandoned × (chat_conversion − abandoned_conversion) +
//!   unanswered_at_close × chat_conversion`, × the mean order value ×
//!   `margin_share`.
//! * **fixed**: training of every temporary worker hired, and the material
//!   of the pre-packed parcels: the whole `prepacked_stock` when it is set
//!   (packed before the sale, sold or not), otherwise the orders served
//!   from pre-packed stock.
//!
//! Courier, compensation and lost margin are 0 without a dispatch side (no
//! order value is known).

use super::pay::shift_pay;
use super::pool::people_within_hours;
use crate::figures::{self as fig, Figure, MissingFigure};
use crate::model::shifts::Shift;
use crate::model::warehouse::DAY_S;
use crate::scenario::{Pool, Scenario};
use crate::stats::Samples;
use serde::Serialize;

/// The cost figures of one replication, in output order. Packer, order and
/// courier figures only with a dispatch side.
pub const FIGURES: [&str; 22] = [
    fig::TOTAL_CNY.name,
    fig::LABOUR_CNY.name,
    fig::COURIER_CNY.name,
    fig::COMPENSATION_CNY.name,
    fig::LOST_MARGIN_CNY.name,
    fig::FIXED_CNY.name,
    fig::COST_PER_PAID_ORDER_CNY.name,
    fig::LABOUR_AGENTS_CNY.name,
    fig::LABOUR_PACKERS_CNY.name,
    fig::LABOUR_PACKER_REPEATS_CNY.name,
    fig::TRAINING_CNY.name,
    fig::PREPACK_MATERIAL_CNY.name,
    fig::LOST_ORDERS.name,
    fig::AGENT_PEOPLE.name,
    fig::AGENT_PERSON_SHIFTS.name,
    fig::AGENT_PAID_H.name,
    fig::PACKER_PEOPLE.name,
    fig::PACKER_PERSON_SHIFTS.name,
    fig::PACKER_PAID_H.name,
    fig::PACKER_SHIFT_REPEATS.name,
    fig::TEMPS_TRAINED.name,
    fig::PARCELS_SHIPPED.name,
];

/// Figures that exist only with a dispatch side.
const DISPATCH_ONLY: [&str; 8] = [
    fig::COST_PER_PAID_ORDER_CNY.name,
    fig::LABOUR_PACKERS_CNY.name,
    fig::LABOUR_PACKER_REPEATS_CNY.name,
    fig::PACKER_PEOPLE.name,
    fig::PACKER_PERSON_SHIFTS.name,
    fig::PACKER_PAID_H.name,
    fig::PACKER_SHIFT_REPEATS.name,
    fig::PARCELS_SHIPPED.name,
];

/// One role's staffing as planned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleStaffing {
    /// Fewest people who can work every listed shift, resting
    /// `rest_between_shifts_h` between two shifts and working at most the
    /// group's `max_hours` ([`crate::cost::pool`]) [people].
    pub people: u32,
    /// Headcounts summed over the listed shifts [person-shifts].
    pub person_shifts: u32,
    /// Temporary workers among `people` [people].
    pub temps: u32,
}

/// The pay of one round of a packer shift repeated after the window.
#[derive(Debug, Clone, Copy)]
struct Repeat {
    /// Paid hours, all people [h].
    paid_h: f64,
    /// Cost [CNY].
    cny: f64,
}

/// Labour of one role's listed shifts.
struct RoleLabour {
    staffing: RoleStaffing,
    cny: f64,
    paid_h: f64,
}

fn role_labour(s: &Scenario, shifts: &[Shift], hourly: &[f64], temp: &[bool], pools: &[Pool]) -> RoleLabour {
    let rest = s.costs.pay.rest_between_shifts_h;
    let mut out =
        RoleLabour { staffing: RoleStaffing { people: 0, person_shifts: 0, temps: 0 }, cny: 0.0, paid_h: 0.0 };
    for sh in shifts {
        let pay = shift_pay(&s.costs, &s.window, sh.start_s, sh.end_s);
        for (g, &n) in sh.headcount.iter().enumerate() {
            out.cny += f64::from(n) * pay.cost_h * hourly[g];
        }
        out.paid_h += f64::from(sh.total()) * pay.paid_h;
        out.staffing.person_shifts += sh.total();
    }
    let paid_h: Vec<f64> =
        shifts.iter().map(|sh| shift_pay(&s.costs, &s.window, sh.start_s, sh.end_s).paid_h).collect();
    for (g, &is_temp) in temp.iter().enumerate() {
        let max_hours = pools.get(g).and_then(|p| p.max_hours);
        let n = people_within_hours(shifts, &paid_h, g, rest, max_hours);
        out.staffing.people += n;
        if is_temp {
            out.staffing.temps += n;
        }
    }
    out
}

/// Everything about a plan's cost that does not change between
/// replications, and how to price what does.
pub struct CostModel {
    agents: RoleLabour,
    packers: Option<RoleLabour>,
    /// `repeats[i][k − 1]`: the pay of round `k` of listed packer shift `i`
    /// after the window (empty for a shift that does not repeat).
    repeats: Vec<Vec<Repeat>>,
    /// Temporary workers hired, both roles [people].
    temps: u32,
    training_cny: f64,
    /// Pre-packing material when the stock is fixed [CNY].
    prepack_fixed_cny: Option<f64>,
    prepack_material_cny: f64,
    /// `(kpi name, cost per parcel)` of each carrier.
    carriers: Vec<(String, f64)>,
    /// Orders lost per abandoned chat and per chat unanswered at close.
    lost_per_abandoned: f64,
    lost_per_unanswered: f64,
    /// Margin of one order [CNY].
    margin_per_order_cny: f64,
}

impl CostModel {
    /// The cost model of `s` as planned.
    pub fn new(s: &Scenario) -> Self {
        let m = &s.model;
        let c = &s.costs;
        let agents = role_labour(s, &m.chat.shifts, &c.hourly_cny.agents, &c.temp.agents, &s.pools.agents);
        let packers = m
            .dispatch
            .as_ref()
            .map(|d| role_labour(s, &d.warehouse.shifts, &c.hourly_cny.packers, &c.temp.packers, &s.pools.packers));
        let temps = agents.staffing.temps + packers.as_ref().map_or(0, |p| p.staffing.temps);
        let repeats =
            m.dispatch.as_ref().map_or_else(Vec::new, |d| repeat_rounds(s, &d.warehouse.shifts, d.max_drain_s));
        let orders = m.dispatch.as_ref().map(|d| &d.orders);
        Self {
            agents,
            packers,
            repeats,
            temps,
            training_cny: f64::from(temps) * c.training_per_temp_cny,
            prepack_fixed_cny: m
                .dispatch
                .as_ref()
                .and_then(|d| d.warehouse.prepacked_stock)
                .map(|n| n as f64 * c.prepack_material_cny),
            prepack_material_cny: c.prepack_material_cny,
            carriers: m.dispatch.as_ref().map_or(Vec::new(), |d| {
                d.courier
                    .carriers
                    .iter()
                    .zip(&c.courier_per_parcel_cny)
                    .map(|(k, &p)| (k.kpi_name.clone(), p))
                    .collect()
            }),
            lost_per_abandoned: orders.map_or(0.0, |o| (o.chat_conversion - o.abandoned_conversion).max(0.0)),
            lost_per_unanswered: orders.map_or(0.0, |o| o.chat_conversion),
            margin_per_order_cny: orders.map_or(0.0, |o| o.value_cny.mean() * c.margin_share),
        }
    }

    /// The agents' staffing as planned.
    pub fn agent_staffing(&self) -> &RoleStaffing {
        &self.agents.staffing
    }

    /// The packers' staffing as planned; `None` without a dispatch side.
    pub fn packer_staffing(&self) -> Option<&RoleStaffing> {
        self.packers.as_ref().map(|p| &p.staffing)
    }

    /// Labour of the listed shifts of both roles [CNY]: what the plan costs
    /// before any repeat after the window.
    pub fn planned_labour_cny(&self) -> f64 {
        self.agents.cny + self.packers.as_ref().map_or(0.0, |p| p.cny)
    }

    /// The cost figures of replication `r` of `samples`, in [`FIGURES`]
    /// order (those of a dispatch side only with one). The figures of a
    /// dispatch side are read only when the plan has one (without it they
    /// cost nothing); a figure the run should have produced and did not is
    /// an error, never a 0.
    pub fn replication(&self, samples: &Samples, r: usize) -> Result<Vec<(&'static str, f64)>, MissingFigure> {
        let value = |name: &str| -> Result<f64, MissingFigure> {
            samples
                .scalar(name)
                .and_then(|v| v.get(r))
                .copied()
                .ok_or(MissingFigure { name: name.to_string(), per_period: false })
        };
        let get = |f: Figure| value(f.name);
        let dispatch = self.packers.is_some();
        let get_dispatch = |f: Figure| if dispatch { get(f) } else { Ok(0.0) };
        let (mut packer_cny, mut packer_paid_h, mut repeats, mut repeats_cny) = (0.0, 0.0, 0.0, 0.0);
        if let Some(p) = &self.packers {
            let missing = || MissingFigure { name: fig::PACKER_SHIFT_REPEATS.name.to_string(), per_period: false };
            let rounds = samples.rounds_repeated.get(r).ok_or_else(missing)?;
            let mut done: Vec<&Repeat> = Vec::new();
            for (all, &n) in self.repeats.iter().zip(rounds) {
                // Every round the warehouse can repeat starts by the close.
                done.extend(all.get(..usize::from(n)).ok_or_else(missing)?);
            }
            // Folded from +0: an empty float sum is −0, which prints "-0".
            repeats_cny = done.iter().fold(0.0, |acc, x| acc + x.cny);
            packer_cny = p.cny + repeats_cny;
            packer_paid_h = p.paid_h + done.iter().map(|x| x.paid_h).sum::<f64>();
            repeats = done.len() as f64;
        }
        let labour = self.agents.cny + packer_cny;
        let parcels: Vec<(f64, f64)> =
            self.carriers.iter().map(|(k, price)| Ok((value(k)?, *price))).collect::<Result<_, MissingFigure>>()?;
        // Folded from +0 (an empty float sum is −0, which would print "-0").
        let courier = parcels.iter().fold(0.0, |acc, (n, p)| acc + n * p);
        let compensation = get_dispatch(fig::LATE_COMPENSATION_CNY)?;
        let lost_orders =
            get(fig::ABANDONED)? * self.lost_per_abandoned + get(fig::UNANSWERED_AT_CLOSE)? * self.lost_per_unanswered;
        let lost_margin = lost_orders * self.margin_per_order_cny;
        let prepack = match self.prepack_fixed_cny {
            Some(cny) => cny,
            None => get_dispatch(fig::ORDERS_LABELLED_PREPACKED)? * self.prepack_material_cny,
        };
        let prepack = if dispatch { prepack } else { 0.0 };
        let fixed = self.training_cny + prepack;
        let total = labour + courier + compensation + lost_margin + fixed;
        let paid = get_dispatch(fig::ORDERS_PAID)?;
        let values = [
            total,
            labour,
            courier,
            compensation,
            lost_margin,
            fixed,
            if paid > 0.0 { total / paid } else { 0.0 },
            self.agents.cny,
            packer_cny,
            repeats_cny,
            self.training_cny,
            prepack,
            lost_orders,
            f64::from(self.agents.staffing.people),
            f64::from(self.agents.staffing.person_shifts),
            self.agents.paid_h,
            self.packers.as_ref().map_or(0.0, |p| f64::from(p.staffing.people)),
            self.packers.as_ref().map_or(0.0, |p| f64::from(p.staffing.person_shifts)),
            packer_paid_h,
            repeats,
            f64::from(self.temps),
            parcels.iter().map(|(n, _)| n).sum(),
        ];
        Ok(FIGURES
            .iter()
            .zip(values)
            .filter(|(name, _)| dispatch || !DISPATCH_ONLY.contains(name))
            .map(|(&name, v)| (name, v))
            .collect())
    }
}

/// The pay of round `k` ≥ 1 of packer shift `sh` after the window: the
/// same shift `k` days later.
fn repeat_pay(s: &Scenario, sh: &Shift, k: u16) -> Repeat {
    let c = &s.costs;
    let shift_s = f64::from(k) * DAY_S;
    let pay = shift_pay(c, &s.window, sh.start_s + shift_s, sh.end_s + shift_s);
    let hourly = sh.headcount.iter().zip(&c.hourly_cny.packers).map(|(&x, h)| f64::from(x) * h).sum::<f64>();
    Repeat { paid_h: f64::from(sh.total()) * pay.paid_h, cny: hourly * pay.cost_h }
}

/// The pay of each round after the window that a run could hold of each
/// packer shift of `shifts`: rounds `k` = 1, 2, ... that start by the run's
/// close, `max_drain_s` after the window. Which of them happened is the
/// warehouse's record, read per replication.
fn repeat_rounds(s: &Scenario, shifts: &[Shift], max_drain_s: f64) -> Vec<Vec<Repeat>> {
    let close = s.window.length_s + max_drain_s;
    shifts
        .iter()
        .map(|sh| {
            (1..=u16::MAX)
                .take_while(|&k| sh.start_s + f64::from(k) * DAY_S <= close)
                .map(|k| repeat_pay(s, sh, k))
                .collect()
        })
        .collect()
}

/// The cost figures of every replication of `samples` (the figures of a
/// run of `s`), in replication order.
pub fn per_replication(s: &Scenario, samples: &Samples) -> Result<Samples, MissingFigure> {
    let model = CostModel::new(s);
    let mut out = Samples::default();
    for r in 0..samples.len() {
        out.push(&model.replication(samples, r)?, &[]);
    }
    Ok(out)
}
