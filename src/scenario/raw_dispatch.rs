//! The dispatch sections of a scenario file as written: `[orders]`,
//! `[warehouse]` and `[[couriers]]`. All three are optional together: leave
//! them out for a chat-only scenario. Defaults marked *typical* are a
//! planner's usual assumption, to be replaced by the shop's own figures.

use super::raw::RawDist;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[orders]`: where orders come from, payment and value.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawOrders {
    /// Share of chats ending with handling that become an order [share];
    /// default 0.30 (typical 30–60% of pre-sale inquiries).
    pub chat_conversion: f64,
    /// Share of abandoned chats that still become an order [share]; default
    /// 0 (an abandoned chat loses its order).
    pub abandoned_conversion: f64,
    /// Expected orders placed without a chat over the window, following the
    /// inquiry profile's shape [count]; default 0. Instead of it,
    /// `conversion_rate`.
    #[serde(skip_serializing_if = "super::raw::is_zero")]
    pub silent_total: f64,
    /// Orders per visitor over the window [share] (needs
    /// `arrivals.visitors`): the silent orders are what is left of
    /// `visitors × conversion_rate` once the chat orders (every offered chat
    /// answered) and the pre-sale balances are taken out; 0.03 [003]. None:
    /// `silent_total` as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversion_rate: Option<f64>,
    /// Spread of the conversion from one replication to the next: chat
    /// conversion, abandoned conversion and silent orders of a replication
    /// are multiplied by one lognormal factor with mean 1 and this
    /// coefficient of variation [ratio] (a conversion capped at 1);
    /// default 0.
    #[serde(default, skip_serializing_if = "super::raw::is_zero")]
    pub conversion_cv: f64,
    /// Share of chat and silent orders paid when placed [share]; default
    /// 0.73 (with the reminder, about 80% of orders are paid [003]).
    pub paid_at_once_share: f64,
    /// Delay from an unpaid order to its payment reminder [h]; default 1
    /// [002].
    pub remind_after_h: f64,
    /// Share of reminded orders that then pay [share]; default 0.25 [002].
    pub remind_paid_share: f64,
    /// Order value [CNY]; default lognormal, mean 399 [003], cv 0.6
    /// (typical).
    pub value_cny: RawDist,
    /// Share of VIP orders [share]; default 0.10 (typical).
    pub vip_share: f64,
    /// Compensation for a late order, as a share of its value [share];
    /// default 0.05 (typical platform rule).
    pub compensation_share: f64,
    /// Smallest compensation [CNY]; default 5 (typical).
    pub compensation_min_cny: f64,
    /// Largest compensation [CNY]; default 30 (typical).
    pub compensation_max_cny: f64,
    /// Pre-sale balance payments; none when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presale: Option<RawPresale>,
}

impl Default for RawOrders {
    fn default() -> Self {
        Self {
            chat_conversion: 0.30,
            abandoned_conversion: 0.0,
            silent_total: 0.0,
            conversion_rate: None,
            conversion_cv: 0.0,
            paid_at_once_share: 0.73,
            remind_after_h: 1.0,
            remind_paid_share: 0.25,
            value_cny: RawDist::Lognormal { mean: 399.0, cv: 0.6 },
            vip_share: 0.10,
            compensation_share: 0.05,
            compensation_min_cny: 5.0,
            compensation_max_cny: 30.0,
            presale: None,
        }
    }
}

/// `[orders.presale]`: pre-sale balance payments, a spike of paid orders.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPresale {
    /// Expected balance payments [count].
    pub total: f64,
    /// Local start date-time of the spike.
    #[serde(deserialize_with = "super::raw::local_time")]
    pub start: String,
    /// Length of the spike [min]; default 60.
    #[serde(default = "default_presale_min")]
    pub length_min: f64,
}

fn default_presale_min() -> f64 {
    60.0
}

/// What happens when staging is full.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawWhenFull {
    /// Stack the excess in overflow (爆仓), counted and reported.
    Overflow,
    /// Start no packing unless its parcel will have room.
    StopPacking,
}

/// Who packs after the window.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawAfterWindow {
    /// The shifts that start in the window's last 24 hours repeat daily.
    RepeatLastDay,
    /// Only the listed shifts.
    ListedOnly,
}

/// `[warehouse]`: review, packing, staging.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawWarehouse {
    /// Share of orders for a pre-packed item [share]; default 0.5 [003].
    #[serde(default = "default_prepacked")]
    pub prepacked_share: f64,
    /// Pre-packed parcels in stock [count]; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepacked_stock: Option<u64>,
    /// Packing stations [count]; no cap when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stations: Option<u32>,
    /// Parcels staging holds [count]; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staging_capacity: Option<u32>,
    /// What happens when staging is full; default `overflow`.
    #[serde(default = "default_when_full")]
    pub when_staging_full: RawWhenFull,
    /// Who packs after the window; default `repeat_last_day`.
    #[serde(default = "default_after_window")]
    pub after_window: RawAfterWindow,
    /// The run closes at the latest this many days after the window [days];
    /// default 7.
    #[serde(default = "default_drain_days")]
    pub max_drain_days: f64,
    /// The order-review step; none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<RawReview>,
    /// Packer groups.
    pub groups: Vec<RawPackerGroup>,
    /// Packer shifts.
    pub shifts: Vec<RawPackerShift>,
}

fn default_prepacked() -> f64 {
    0.5
}
fn default_when_full() -> RawWhenFull {
    RawWhenFull::Overflow
}
fn default_after_window() -> RawAfterWindow {
    RawAfterWindow::RepeatLastDay
}
fn default_drain_days() -> f64 {
    7.0
}

/// `[warehouse.review]`: order review (订单审核).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    /// Share of paid orders reviewed [share]; default 1.
    #[serde(default = "default_review_share")]
    pub share: f64,
    /// Reviewers on duty for the whole run [people]; default 2 (1–3 [002]).
    #[serde(default = "default_review_staff")]
    pub staff: u32,
    /// Time to review one order [s].
    pub review_s: RawDist,
}

fn default_review_share() -> f64 {
    1.0
}
fn default_review_staff() -> u32 {
    2
}

/// `[[warehouse.groups]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPackerGroup {
    /// Name.
    pub name: String,
    /// Time to pick and pack one order [s].
    pub pack_s: RawDist,
    /// Time to label one pre-packed parcel [s].
    pub label_s: RawDist,
    /// Probability that a person-shift is missing [share].
    #[serde(default, skip_serializing_if = "super::raw::is_zero")]
    pub absence_share: f64,
    /// Share of present person-shifts that start late [share].
    #[serde(default, skip_serializing_if = "super::raw::is_zero")]
    pub late_start_share: f64,
    /// How late a late start is [min].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_start_min: Option<RawDist>,
    /// People of the group the shop has for the window [count].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    /// Most paid hours one person works in the window [h].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours: Option<f64>,
}

impl RawPackerGroup {
    /// The attendance and pool fields.
    pub fn attendance(&self) -> super::raw_availability::RawAttendanceView<'_> {
        super::raw_availability::RawAttendanceView {
            absence_share: self.absence_share,
            late_start_share: self.late_start_share,
            late_start_min: self.late_start_min.as_ref(),
            people: self.people,
            max_hours: self.max_hours,
        }
    }
}

/// `[[warehouse.shifts]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPackerShift {
    /// Name.
    pub name: String,
    /// Local start date-time.
    #[serde(deserialize_with = "super::raw::local_time")]
    pub start: String,
    /// Local end date-time.
    #[serde(deserialize_with = "super::raw::local_time")]
    pub end: String,
    /// Headcount per packer group name [people].
    pub packers: BTreeMap<String, u32>,
}

/// `[[couriers]]`: one carrier.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCourier {
    /// Name.
    pub name: String,
    /// Daily pickup clock times, local `HH:MM`.
    pub pickups: Vec<String>,
    /// Parcels one truck takes [count].
    pub truck_capacity: u32,
    /// Probability that a pickup is late [share]; default 0.
    #[serde(default)]
    pub late_share: f64,
    /// Delay of a late pickup [min]; default lognormal, mean 45, cv 0.5
    /// (typical).
    #[serde(default = "default_late_by")]
    pub late_by_min: RawDist,
    /// Probability that a pickup is missed [share]; default 0.
    #[serde(default)]
    pub missed_share: f64,
    /// Keeps its daily pickups after the window; default true.
    #[serde(default = "default_true")]
    pub after_window: bool,
}

fn default_late_by() -> RawDist {
    RawDist::Lognormal { mean: 45.0, cv: 0.5 }
}
fn default_true() -> bool {
    true
}
