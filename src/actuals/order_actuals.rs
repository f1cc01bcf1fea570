//! What the orders of an export say, accumulated row by row: per period (by
//! placement) orders placed, paid and by source; the counts behind the
//! payment, VIP and pre-packed shares; the moments of the order value; and,
//! once the shipments are read, the dispatch side ([`DispatchActuals`]).
//!
//! Memory does not grow with the orders except for the join: the payment
//! time of every paid order of the window, by order id, kept until the
//! shipments are read (about 65 bytes per paid order with an id of 14
//! characters: 105 MB for 1.7 million paid orders).

use super::chat_actuals::Moments;
use super::dispatch_actuals::DispatchActuals;
use super::orders::{Order, Source};
use super::reader::Row;
use super::shipments::Shipment;
use crate::model::observe::Periods;
use serde::Serialize;
use std::collections::HashMap;

/// Per-period counts of the orders: by placement period, but `paid` by
/// payment period (as the simulation counts them).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrderPeriodCounts {
    /// Orders placed [count].
    pub placed: Vec<u64>,
    /// Orders paid in the period (placed in the window) [count].
    pub paid: Vec<u64>,
    /// Orders after a chat [count].
    pub chat: Vec<u64>,
    /// Orders without a chat [count].
    pub silent: Vec<u64>,
    /// Pre-sale balance payments [count].
    pub presale: Vec<u64>,
    /// Orders whose source the export does not give [count].
    pub unsourced: Vec<u64>,
}

/// Counts over the window behind the payment, VIP and pre-packed shares.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ShareCounts {
    /// Orders that are not pre-sale balance payments (the ones a payment
    /// rule applies to) [count].
    pub payable: u64,
    /// Of these, paid without a reminder [count].
    pub paid_at_once: u64,
    /// Of these, reminded [count].
    pub reminded: u64,
    /// Reminded, then paid [count].
    pub reminded_paid: u64,
    /// Unpaid although not reminded (the model reminds every unpaid order) [count].
    pub unpaid_not_reminded: u64,
    /// VIP orders, of all [count].
    pub vip: u64,
    /// Orders for a pre-packed item, of all [count].
    pub prepacked: u64,
}

/// Which optional columns the orders export has: a share is fitted only
/// from a column that is there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OrderColumns {
    /// `paid_at`.
    pub paid_at: bool,
    /// `source`.
    pub source: bool,
    /// `reminded`.
    pub reminded: bool,
    /// `value_cny`.
    pub value_cny: bool,
    /// `vip`.
    pub vip: bool,
    /// `prepacked`.
    pub prepacked: bool,
}

impl OrderColumns {
    /// The optional columns of the file `row` comes from.
    pub fn of(row: &Row) -> Self {
        Self {
            paid_at: row.has("paid_at"),
            source: row.has("source"),
            reminded: row.has("reminded"),
            value_cny: row.has("value_cny"),
            vip: row.has("vip"),
            prepacked: row.has("prepacked"),
        }
    }
}

/// The payment time of an unpaid order in [`OrderActuals`]' join.
const UNPAID: f32 = f32::NEG_INFINITY;

/// The orders of an export, accumulated; and the shipments joined to them.
#[derive(Debug)]
pub struct OrderActuals {
    periods: Periods,
    /// Per-period counts.
    pub counts: OrderPeriodCounts,
    /// Counts for the shares.
    pub shares: ShareCounts,
    /// The optional columns the export has (set from its first row).
    pub columns: OrderColumns,
    /// Values of the orders that give one [CNY].
    pub value_cny: Moments,
    /// Every order of the window by id, for the one rule on repeated ids and
    /// for the join: its payment time [s from the window start; NaN once
    /// shipped; [`UNPAID`] if not paid]. The one part that grows with the
    /// orders.
    ids: HashMap<Box<str>, f32>,
    /// The shipments, joined on the payment times.
    pub dispatch: DispatchActuals,
    /// Whether a shipments file was read.
    pub shipments_read: bool,
}

impl OrderActuals {
    /// Empty, over `periods`.
    pub fn new(periods: Periods) -> Self {
        let n = periods.count;
        let counts = OrderPeriodCounts {
            placed: vec![0; n],
            paid: vec![0; n],
            chat: vec![0; n],
            silent: vec![0; n],
            presale: vec![0; n],
            unsourced: vec![0; n],
        };
        Self {
            periods,
            counts,
            shares: ShareCounts::default(),
            columns: OrderColumns::default(),
            value_cny: Moments::default(),
            ids: HashMap::new(),
            dispatch: DispatchActuals::new(periods),
            shipments_read: false,
        }
    }

    /// Adds one order; `false` if it was placed outside the window (not
    /// used). An order id used already is refused with the reason (an order
    /// is one row: its first row is kept), whether either row is paid or not,
    /// so every command reading the export counts the same orders.
    pub fn add(&mut self, order: &Order) -> Result<bool, String> {
        let Some(p) = self.periods.index_in(order.placed_s) else { return Ok(false) };
        if self.ids.contains_key(order.id.as_ref()) {
            return Err(format!(
                "`{}` is an order id seen on an earlier row: an order is one row (the first is kept)",
                super::error::shown(&order.id)
            ));
        }
        let paid_at = order.paid_s.map_or(UNPAID, |t| t as f32);
        self.ids.insert(order.id.as_ref().into(), paid_at);
        let c = &mut self.counts;
        c.placed[p] += 1;
        let by_source = match order.source {
            Some(Source::Chat) => &mut c.chat,
            Some(Source::Silent) => &mut c.silent,
            Some(Source::Presale) => &mut c.presale,
            None => &mut c.unsourced,
        };
        by_source[p] += 1;
        let s = &mut self.shares;
        let paid = order.paid_s.is_some();
        if order.source != Some(Source::Presale) {
            s.payable += 1;
            s.paid_at_once += u64::from(paid && !order.reminded);
            s.reminded += u64::from(order.reminded);
            s.reminded_paid += u64::from(paid && order.reminded);
            s.unpaid_not_reminded += u64::from(!paid && !order.reminded);
        }
        s.vip += u64::from(order.vip);
        s.prepacked += u64::from(order.prepacked);
        if let Some(v) = order.value_cny {
            self.value_cny.add(v);
        }
        if let Some(q) = order.paid_s.and_then(|t| self.periods.index_in(t)) {
            c.paid[q] += 1;
        }
        Ok(true)
    }

    /// Adds one parcel, joined on its order's payment; errs (with the
    /// reason) if it left before payment.
    pub fn add_shipment(&mut self, parcel: &Shipment) -> Result<(), String> {
        let paid = self.ids.get_mut(parcel.order_id.as_ref()).filter(|t| **t != UNPAID);
        self.dispatch.add(parcel, paid)
    }

    /// Orders placed in the window [count].
    pub fn orders(&self) -> u64 {
        self.counts.placed.iter().sum()
    }

    /// Paid orders placed in the window [count].
    pub fn paid(&self) -> u64 {
        self.counts.paid.iter().sum()
    }

    /// The period layout.
    pub fn periods(&self) -> Periods {
        self.periods
    }
}
