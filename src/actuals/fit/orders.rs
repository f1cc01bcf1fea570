//! Fitting the scenario's order and dispatch parameters to the actual
//! orders and shipments: chat conversion, silent and pre-sale volumes,
//! payment shares, order value, VIP and pre-packed shares, and the dispatch
//! lead times that came of them.
//!
//! Shares are counts over counts, with the binomial standard error
//! `√(p(1 − p)/n)`; volumes are counts, with the Poisson standard error `√n`.

use crate::actuals::chat_actuals::ChatActuals;
use crate::actuals::dispatch_actuals::CarrierParcels;
use crate::actuals::order_actuals::{OrderActuals, OrderPeriodCounts};
use serde::Serialize;

/// A share fitted from `of` trials.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// The share [0–1].
    pub share: f64,
    /// Its binomial standard error [share].
    pub se: f64,
    /// Trials it was counted over [count].
    pub of: u64,
}

impl Share {
    /// `hits` of `of`; `None` if there is no trial or more hits than trials.
    pub fn of(hits: u64, of: u64) -> Option<Self> {
        if of == 0 || hits > of {
            return None;
        }
        let p = hits as f64 / of as f64;
        Some(Self { share: p, se: (p * (1.0 - p) / of as f64).sqrt(), of })
    }
}

/// A volume over the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Volume {
    /// Orders [count].
    pub orders: u64,
    /// Poisson standard error [orders].
    pub se: f64,
}

impl Volume {
    fn of(orders: u64) -> Self {
        Self { orders, se: (orders as f64).sqrt() }
    }
}

/// The order value, for a lognormal with this mean and CV.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ValueFit {
    /// Orders with a value [count].
    pub orders: u64,
    /// Mean value [CNY].
    pub mean_cny: f64,
    /// Standard error of the mean [CNY].
    pub mean_se_cny: f64,
    /// Coefficient of variation.
    pub cv: f64,
}

/// What the shipments say about dispatch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispatchFit {
    /// Paid orders of the window with a parcel handed over [count].
    pub shipped_orders: u64,
    /// Paid orders of the window with none [count].
    pub paid_not_shipped: u64,
    /// Median dispatch lead time of the shipped orders [h].
    pub lead_p50_h: Option<f64>,
    /// 90th percentile [h].
    pub lead_p90_h: Option<f64>,
    /// 95th percentile [h].
    pub lead_p95_h: Option<f64>,
    /// 99th percentile [h].
    pub lead_p99_h: Option<f64>,
    /// Share of the shipped orders handed over within 24 h of payment.
    pub within_24h_of_shipped: Option<Share>,
    /// Share of all paid orders handed over within 24 h of payment (the
    /// scenario's `dispatch_24h_min` measure: an order never shipped is late).
    pub within_24h_of_paid: Option<Share>,
    /// Parcels of an order that already had one [count].
    pub further_parcels: u64,
    /// Parcels whose order is not a paid order of the window [count].
    pub without_paid_order: u64,
    /// Parcels per carrier and period (by hand-over time).
    pub carriers: Vec<CarrierParcels>,
}

/// What the orders (and shipments) of an export say about the scenario's
/// `[orders]` and `[warehouse]` parameters. A field is `None` when the
/// export cannot tell (a column missing, no order to count); `notes` say why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderFit {
    /// Orders placed in the window [count].
    pub orders: u64,
    /// Of these, paid [count].
    pub paid: u64,
    /// Per-period counts, by placement.
    pub per_period: OrderPeriodCounts,
    /// Chat orders per answered chat (`chat_conversion`).
    pub chat_conversion: Option<Share>,
    /// Orders without a chat (`silent_total`).
    pub silent_total: Option<Volume>,
    /// Pre-sale balance payments (`[orders.presale] total`).
    pub presale_total: Option<Volume>,
    /// Paid without a reminder, of the orders that are not pre-sale
    /// (`paid_at_once_share`).
    pub paid_at_once_share: Option<Share>,
    /// Paid after the reminder, of the reminded (`remind_paid_share`).
    pub remind_paid_share: Option<Share>,
    /// Order value (`value_cny`).
    pub value_cny: Option<ValueFit>,
    /// VIP orders (`vip_share`).
    pub vip_share: Option<Share>,
    /// Orders for a pre-packed item (`warehouse.prepacked_share`).
    pub prepacked_share: Option<Share>,
    /// The dispatch side; `None` without a shipments file.
    pub dispatch: Option<DispatchFit>,
    /// Why a parameter was not fitted, and anything odd in the data.
    pub notes: Vec<String>,
}

/// Fits the order parameters; `chats` (the inquiries of the same sale)
/// give the answered chats that the chat conversion is counted over.
pub fn fit_orders(orders: &OrderActuals, chats: Option<&ChatActuals>) -> OrderFit {
    let total = |v: &[u64]| v.iter().sum::<u64>();
    let c = &orders.counts;
    let cols = orders.columns;
    let s = &orders.shares;
    let mut notes = Vec::new();
    let (chat, silent, presale, unsourced) = (total(&c.chat), total(&c.silent), total(&c.presale), total(&c.unsourced));
    if !cols.source {
        notes.push("no `source` column: chat conversion, silent and pre-sale volumes not fitted".to_string());
    } else if unsourced > 0 {
        notes.push(format!("{unsourced} orders give no source: left out of the conversion and the volumes"));
    }
    let answered = chats.map(|ch| total(&ch.counts.answered));
    let chat_conversion = match answered.filter(|_| cols.source) {
        None if cols.source => {
            notes.push("no inquiries with the orders: chat conversion not fitted".to_string());
            None
        }
        None => None,
        Some(answered) => {
            let share = Share::of(chat, answered);
            if share.is_none() {
                notes.push(format!("{chat} chat orders but {answered} answered chats: chat conversion not fitted"));
            }
            share
        }
    };
    let paid_at_once_share = if cols.paid_at && cols.reminded {
        Share::of(s.paid_at_once, s.payable)
    } else {
        notes.push("no `paid_at` or `reminded` column: payment shares not fitted".to_string());
        None
    };
    let remind_paid_share = paid_at_once_share.and_then(|_| Share::of(s.reminded_paid, s.reminded));
    if paid_at_once_share.is_some() && s.unpaid_not_reminded > 0 {
        notes.push(format!(
            "{} unpaid orders were not reminded (the scenario reminds every unpaid order)",
            s.unpaid_not_reminded
        ));
    }
    let n = orders.orders();
    let value_cny = (cols.value_cny && orders.value_cny.n > 1).then(|| {
        let v = &orders.value_cny;
        ValueFit { orders: v.n, mean_cny: v.mean(), mean_se_cny: v.mean() * v.cv() / (v.n as f64).sqrt(), cv: v.cv() }
    });
    OrderFit {
        orders: n,
        paid: orders.paid(),
        per_period: c.clone(),
        chat_conversion,
        silent_total: cols.source.then(|| Volume::of(silent)),
        presale_total: cols.source.then(|| Volume::of(presale)),
        paid_at_once_share,
        remind_paid_share,
        value_cny,
        vip_share: cols.vip.then(|| Share::of(s.vip, n)).flatten(),
        prepacked_share: cols.prepacked.then(|| Share::of(s.prepacked, n)).flatten(),
        dispatch: orders.shipments_read.then(|| fit_dispatch(orders)),
        notes,
    }
}

fn fit_dispatch(orders: &OrderActuals) -> DispatchFit {
    let d = &orders.dispatch;
    let shipped = d.shipped_orders();
    let paid = orders.paid();
    DispatchFit {
        shipped_orders: shipped,
        paid_not_shipped: paid.saturating_sub(shipped),
        lead_p50_h: d.lead_quantile_h(0.50),
        lead_p90_h: d.lead_quantile_h(0.90),
        lead_p95_h: d.lead_quantile_h(0.95),
        lead_p99_h: d.lead_quantile_h(0.99),
        within_24h_of_shipped: Share::of(d.within_24h, shipped),
        within_24h_of_paid: Share::of(d.within_24h, paid),
        further_parcels: d.further_parcels,
        without_paid_order: d.without_paid_order,
        carriers: d.carriers.clone(),
    }
}
