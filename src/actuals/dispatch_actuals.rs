//! What the shipments of an export say, joined with the orders' payment
//! times: dispatch lead times (handed over − paid) in a histogram, and the
//! parcels each carrier took per period, by hand-over time.

use super::shipments::Shipment;
use crate::model::courier::{empty_lead_histogram, MAX_LEAD_S};
use crate::model::observe::{round_to_u64, Periods};
use crate::model::warehouse::DAY_S;
use hdrhistogram::Histogram;
use serde::Serialize;
use std::collections::HashMap;

/// A parcel may be handed over this much before its recorded payment
/// (clock skew between systems, the rounding of the stored payment time)
/// and count as handed over at payment [s].
const SKEW_S: f64 = 1.0;

/// The parcels one carrier took.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarrierParcels {
    /// The carrier as named in the export (`""`: not named).
    pub name: String,
    /// Parcels handed over per period of the window [count].
    pub per_period: Vec<u64>,
    /// Parcels handed over before or after the window [count].
    pub outside_window: u64,
}

/// The shipments of an export, accumulated.
#[derive(Debug)]
pub struct DispatchActuals {
    periods: Periods,
    /// Dispatch lead time of each shipped order, from its first parcel [s].
    pub lead_s: Histogram<u64>,
    /// Orders with a parcel handed over within 24 h of payment [count].
    pub within_24h: u64,
    /// Parcels of an order that already had one (not in the lead times) [count].
    pub further_parcels: u64,
    /// Parcels whose order is not a paid order of the window: unknown,
    /// unpaid, placed outside the window, or read before the orders [count].
    pub without_paid_order: u64,
    /// Parcels by carrier, in order of first appearance.
    pub carriers: Vec<CarrierParcels>,
    /// The index in `carriers` of each carrier name.
    carrier_index: HashMap<String, usize>,
}

impl DispatchActuals {
    /// Empty, over `periods`.
    pub fn new(periods: Periods) -> Self {
        Self {
            periods,
            lead_s: empty_lead_histogram(),
            within_24h: 0,
            further_parcels: 0,
            without_paid_order: 0,
            carriers: Vec::new(),
            carrier_index: HashMap::new(),
        }
    }

    /// Adds one parcel. `paid_s` is its order's entry in the join: the
    /// payment time [s from the window start], set to NaN here once the
    /// order has shipped; `None` if the order is not a paid order of the
    /// window. Errs (with the reason) if the parcel left before payment.
    pub fn add(&mut self, parcel: &Shipment, paid_s: Option<&mut f32>) -> Result<(), String> {
        match paid_s {
            None => self.without_paid_order += 1,
            Some(p) if p.is_nan() => self.further_parcels += 1,
            Some(p) => {
                let lead = parcel.handed_over_s - f64::from(*p);
                if lead < -SKEW_S {
                    return Err(format!(
                        "is {:.0} s before the order was paid (`paid_at` in the orders): a parcel leaves after payment",
                        -lead
                    ));
                }
                let lead = lead.max(0.0);
                self.lead_s.saturating_record(round_to_u64(lead).min(MAX_LEAD_S));
                self.within_24h += u64::from(lead <= DAY_S);
                *p = f32::NAN;
            }
        }
        let name = parcel.carrier.as_deref().unwrap_or("");
        let c = match self.carrier_index.get(name) {
            Some(&c) => c,
            None => {
                self.carriers.push(CarrierParcels {
                    name: name.to_string(),
                    per_period: vec![0; self.periods.count],
                    outside_window: 0,
                });
                self.carrier_index.insert(name.to_string(), self.carriers.len() - 1);
                self.carriers.len() - 1
            }
        };
        let carrier = &mut self.carriers[c];
        match self.periods.index_in(parcel.handed_over_s) {
            Some(i) => carrier.per_period[i] += 1,
            None => carrier.outside_window += 1,
        }
        Ok(())
    }

    /// Orders with a lead time [count].
    pub fn shipped_orders(&self) -> u64 {
        self.lead_s.len()
    }

    /// The lead time at quantile `q` (0–1) [h]; `None` if nothing shipped.
    pub fn lead_quantile_h(&self, q: f64) -> Option<f64> {
        (!self.lead_s.is_empty()).then(|| self.lead_s.value_at_quantile(q) as f64 / 3600.0)
    }
}
