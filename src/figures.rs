//! The catalogue of figures: every figure peakplan measures or computes per
//! replication is one [`Figure`] value here, carrying its stable JSON/CSV
//! name, unit, scope, English and Chinese label and number format.
//!
//! Code that writes or reads a figure names it by its constant
//! ([`SERVICE_LEVEL`], [`TOTAL_CNY`], ...), never by a string: a misspelt
//! figure does not compile, and a figure that a run did not produce is a
//! [`MissingFigure`] error where it is required. A test scans `src/` and
//! fails on any figure name written as a string literal outside this file.
//! `docs/json-reference.md` documents each figure by its name.
//!
//! The one family of names not known in advance is the per-carrier count
//! `dispatched_via_<carrier>` ([`dispatched_via`], [`carrier_of`]).

use std::fmt;

/// What a figure counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A number of chats, orders, parcels, pickups, events.
    Count,
    /// A share from 0 to 1.
    Share,
    /// 1 when the replication meets a target, else 0 (its mean: the share
    /// of replications meeting it).
    Flag,
    /// Seconds.
    Seconds,
    /// Hours (or person-hours).
    Hours,
    /// Chinese yuan.
    Cny,
    /// People, or person-shifts.
    People,
    /// A pure factor (the volume multiplier).
    Factor,
}

/// Which part of the shop a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole replication (its draws, its events, all targets).
    Run,
    /// Chats: inquiries, agents, response times.
    Chat,
    /// Orders: placed, paid, reminded.
    Orders,
    /// The warehouse: review, packing, packers.
    Warehouse,
    /// Couriers: staging, pickups, lead times, lateness.
    Courier,
    /// Money: labour, courier, compensation, lost margin, fixed costs.
    Cost,
    /// People the plan needs and the hours it pays.
    Staffing,
}

/// How a figure's value is written for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A whole number with thousands separators.
    Count,
    /// A share as a percentage with one decimal.
    Share,
    /// Seconds with one decimal.
    Seconds,
    /// Hours with one decimal.
    Hours,
    /// An amount with two decimals.
    Decimal,
}

/// One figure of a replication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The stable name: JSON key and CSV column.
    pub name: &'static str,
    /// What it measures.
    pub unit: Unit,
    /// The part of the shop it belongs to.
    pub scope: Scope,
    /// How it is written for people.
    pub format: Format,
    /// English label.
    pub en: &'static str,
    /// Chinese label.
    pub zh: &'static str,
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name)
    }
}

impl AsRef<str> for Figure {
    fn as_ref(&self) -> &str {
        self.name
    }
}

impl Figure {
    /// The figure named `name`, if the catalogue holds one.
    pub fn named(name: &str) -> Option<Figure> {
        ALL.iter().copied().find(|f| f.name == name)
    }
}

/// A figure that a run did not produce where it is required.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the run has no figure `{name}`{}", if *.per_period { " per period" } else { "" })]
pub struct MissingFigure {
    /// The figure's name.
    pub name: String,
    /// True when the per-period series was asked for.
    pub per_period: bool,
}

/// The prefix of the per-carrier dispatched counts.
const DISPATCHED_VIA: &str = "dispatched_via_";

/// The name of the count of parcels handed to carrier `carrier`
/// (`dispatched_via_<carrier>`) [count, courier scope].
pub fn dispatched_via(carrier: &str) -> String {
    format!("{DISPATCHED_VIA}{carrier}")
}

/// The carrier of a per-carrier dispatched count, `None` for any other name.
pub fn carrier_of(name: &str) -> Option<&str> {
    name.strip_prefix(DISPATCHED_VIA)
}

/// The prefix of the per-class figures.
const CLASS: &str = "class_";

/// The figures measured per class of contacts when a scenario has several
/// classes (`[[chat.classes]]`), each named [`class_figure`].
pub const CLASS_FIGURES: [Figure; 9] = [
    OFFERED,
    ANSWERED,
    ANSWERED_ON_TIME,
    ABANDONED,
    UNANSWERED_AT_CLOSE,
    SERVICE_LEVEL,
    ABANDON_SHARE,
    RESPONSE_MEAN_S,
    BUSY_HOURS,
];

/// The figures measured per ticket class (`mode = "ticket"`) besides
/// [`CLASS_FIGURES`], each named [`class_figure`].
pub const TICKET_FIGURES: [Figure; 2] = [BACKLOG_PEAK, BACKLOG_AT_WINDOW_END];

/// Agents' slot time taken by a class's answered contacts (handling and
/// after-chat work), per class only (`class_<class>_busy_hours`): what the
/// class costs in agents' time.
pub const BUSY_HOURS: Figure = Figure {
    name: "busy_hours",
    unit: Unit::Hours,
    scope: Scope::Chat,
    format: Format::Decimal,
    en: "agent slot hours busy",
    zh: "坐席忙碌工时",
};

/// A class's service level over its contacts that arrived in the window,
/// per class with its own target only (`class_<class>_service_level_in_window`).
pub const SERVICE_LEVEL_IN_WINDOW: Figure = Figure {
    name: "service_level_in_window",
    unit: Unit::Share,
    scope: Scope::Chat,
    format: Format::Share,
    en: "service level, contacts of the window",
    zh: "时段内咨询的服务水平",
};

/// A class's abandonment share over its contacts that arrived in the
/// window, per class with its own target only
/// (`class_<class>_abandon_share_in_window`).
pub const ABANDON_SHARE_IN_WINDOW: Figure = Figure {
    name: "abandon_share_in_window",
    unit: Unit::Share,
    scope: Scope::Chat,
    format: Format::Share,
    en: "abandonment, contacts of the window",
    zh: "时段内咨询的放弃率",
};

/// The figures of a class with its own target, each named [`class_figure`].
pub const CLASS_TARGET_FIGURES: [Figure; 3] = [SERVICE_LEVEL_IN_WINDOW, ABANDON_SHARE_IN_WINDOW, MEETS_TARGET];

/// Whether the class's own target (`service_level`, `abandon_max` of its
/// `[[chat.classes]]` entry) is met over its contacts that arrived in the
/// window, per class only (`class_<class>_meets_target`), and only for a
/// class with a target.
pub const MEETS_TARGET: Figure = Figure {
    name: "meets_target",
    unit: Unit::Flag,
    scope: Scope::Chat,
    format: Format::Share,
    en: "own target met",
    zh: "目标达标",
};

/// The name of `figure` measured over the contacts of class `class`
/// (`class_<class>_<figure>`), one of [`CLASS_FIGURES`],
/// [`TICKET_FIGURES`] or [`CLASS_TARGET_FIGURES`].
pub fn class_figure(class: &str, figure: Figure) -> String {
    format!("{CLASS}{class}_{}", figure.name)
}

/// The class and the figure of a per-class name, `None` for any other.
pub fn class_of(name: &str) -> Option<(&str, Figure)> {
    let rest = name.strip_prefix(CLASS)?;
    CLASS_FIGURES.iter().chain(&TICKET_FIGURES).chain(&CLASS_TARGET_FIGURES).find_map(|f| {
        let class = rest.strip_suffix(f.name)?.strip_suffix('_')?;
        (!class.is_empty()).then_some((class, *f))
    })
}

macro_rules! catalogue {
    ($($id:ident = $name:literal, $unit:ident, $scope:ident, $format:ident, $en:literal, $zh:literal;)*) => {
        $(
            #[doc = concat!("`", $name, "`: ", $en, " (", $zh, ").")]
            pub const $id: Figure = Figure {
                name: $name,
                unit: Unit::$unit,
                scope: Scope::$scope,
                format: Format::$format,
                en: $en,
                zh: $zh,
            };
        )*
        /// Every figure of the catalogue, in the order of the JSON output.
        pub const ALL: &[Figure] = &[$($id),*];
    };
}

catalogue! {
    VOLUME_MULTIPLIER = "volume_multiplier", Factor, Run, Decimal, "volume multiplier (forecast error)", "预测误差倍数";
    INQUIRIES = "inquiries", Count, Chat, Count, "inquiries", "咨询量";
    DEFLECTED = "deflected", Count, Chat, Count, "deflected to self-service", "自助分流";
    OFFERED = "offered", Count, Chat, Count, "offered to agents", "转人工咨询量";
    FIRST_CONTACTS = "first_contacts", Count, Chat, Count, "offered: first contacts", "首次咨询";
    RETURNS = "returns", Count, Chat, Count, "offered: returns after abandoning", "放弃后再次咨询";
    ANSWERED = "answered", Count, Chat, Count, "answered", "已应答";
    ANSWERED_ON_TIME = "answered_on_time", Count, Chat, Count, "answered within the target time", "及时应答";
    ABANDONED = "abandoned", Count, Chat, Count, "abandoned", "放弃";
    UNANSWERED_AT_CLOSE = "unanswered_at_close", Count, Chat, Count, "waiting at the close", "结束时仍在等待";
    BACKLOG_PEAK = "backlog_peak", Count, Chat, Count, "most tickets waiting at once (per ticket class)", "工单积压峰值（按工单类）";
    BACKLOG_AT_WINDOW_END = "backlog_at_window_end", Count, Chat, Count, "tickets waiting at the window's end (per ticket class)", "窗口结束时积压工单（按工单类）";
    SERVICE_LEVEL = "service_level", Share, Chat, Share, "service level (window)", "服务水平（全时段）";
    ABANDON_SHARE = "abandon_share", Share, Chat, Share, "abandonment", "放弃率";
    RESPONSE_MEAN_S = "response_mean_s", Seconds, Chat, Seconds, "first response, mean", "首次响应时间均值";
    RESPONSE_P50_S = "response_p50_s", Seconds, Chat, Seconds, "first response, p50", "首次响应时间 p50";
    RESPONSE_P80_S = "response_p80_s", Seconds, Chat, Seconds, "first response, p80", "首次响应时间 p80";
    RESPONSE_P90_S = "response_p90_s", Seconds, Chat, Seconds, "first response, p90", "首次响应时间 p90";
    RESPONSE_P95_S = "response_p95_s", Seconds, Chat, Seconds, "first response, p95", "首次响应时间 p95";
    RESPONSE_P99_S = "response_p99_s", Seconds, Chat, Seconds, "first response, p99", "首次响应时间 p99";
    OCCUPANCY = "occupancy", Share, Chat, Share, "agent occupancy", "坐席占用率";
    AGENT_HOURS = "agent_hours", Hours, Chat, Count, "agent hours", "坐席工时";
    AGENT_HOURS_AVAILABLE = "agent_hours_available", Hours, Staffing, Count,
        "agent hours available (not on break, not absent)", "坐席可用工时（不含休息、缺勤）";
    AGENT_HOURS_ON_BREAK = "agent_hours_on_break", Hours, Staffing, Count, "agent hours on breaks", "坐席休息工时";
    AGENT_SHRINKAGE_SHARE = "agent_shrinkage_share", Share, Staffing, Share,
        "agent shrinkage (paid time not available)", "坐席损耗率（带薪但不可用）";
    AGENTS_ABSENT = "agents_absent", People, Staffing, Decimal, "agent-shifts missed by absence", "缺勤坐席班次";
    AGENTS_LATE = "agents_late", People, Staffing, Decimal, "agent-shifts started late", "迟到坐席班次";
    BREAKS_RECALLED = "breaks_recalled", Count, Staffing, Decimal, "breaks cut short by a recall", "被召回的休息";
    BREAK_HOURS_RECALLED = "break_hours_recalled", Hours, Staffing, Hours, "break time given up by recalls",
        "召回损失的休息时间";
    AGENTS_AVAILABLE = "agents_available", People, Staffing, Decimal, "agents available", "可用坐席";
    AGENTS_ON_BREAK = "agents_on_break", People, Staffing, Decimal, "agents on a break", "休息中坐席";
    QUEUE_MAX = "queue_max", Count, Chat, Count, "longest queue [chats]", "最长排队 [会话]";
    QUEUE_MEAN = "queue_mean", Count, Chat, Decimal, "queue, time-average [chats]", "平均排队 [会话]";
    AGENTS_ON_DUTY = "agents_on_duty", People, Chat, Decimal, "agents on duty", "在岗坐席";
    PERIODS_BELOW_SERVICE_LEVEL = "periods_below_service_level", Count, Chat, Decimal,
        "hours below the service-level target", "未达服务水平目标的小时数";
    MEETS_SERVICE_LEVEL = "meets_service_level", Flag, Chat, Share, "service level met every hour", "每小时服务水平达标";
    MEETS_ABANDON_CAP = "meets_abandon_cap", Flag, Chat, Share, "abandonment within the cap", "放弃率达标";
    CLASS_TARGET_MISSES = "class_target_misses", Count, Chat, Decimal,
        "contacts that missed their class's own target", "未达目标的咨询";
    MEETS_CLASS_TARGETS = "meets_class_targets", Flag, Chat, Share, "every class's own target met", "各种咨询目标达标";
    MEETS_CHAT_TARGETS = "meets_chat_targets", Flag, Chat, Share, "chat targets met", "客服目标达标";
    MEETS_ALL_TARGETS = "meets_all_targets", Flag, Run, Share, "all targets met", "所有目标达标";
    ORDERS_PLACED = "orders_placed", Count, Orders, Count, "orders placed", "下单数";
    ORDERS_FROM_CHATS = "orders_from_chats", Count, Orders, Count, "orders after a chat", "询单转化订单";
    ORDERS_SILENT = "orders_silent", Count, Orders, Count, "orders without a chat", "静默下单";
    ORDERS_PRESALE = "orders_presale", Count, Orders, Count, "pre-sale balance orders", "预售尾款订单";
    ORDERS_SCHEDULED = "orders_scheduled", Count, Orders, Count, "scheduled orders", "定时订单";
    ORDERS_PAID_AT_ONCE = "orders_paid_at_once", Count, Orders, Count, "paid at once", "立即付款";
    ORDERS_REMINDED = "orders_reminded", Count, Orders, Count, "reminded to pay", "催付订单";
    ORDERS_RECOVERED_BY_REMINDER = "orders_recovered_by_reminder", Count, Orders, Count, "paid on reminder", "催付成功";
    ORDERS_UNPAID = "orders_unpaid", Count, Orders, Count, "never paid", "未付款";
    ORDERS_PAID = "orders_paid", Count, Orders, Count, "paid orders", "已付款订单";
    PAID_VALUE_CNY = "paid_value_cny", Cny, Orders, Count, "paid value [CNY]", "已付款金额 [元]";
    SALES_CNY = "sales_cny", Cny, Orders, Count, "sales: value of orders placed [CNY]", "销售额（下单金额）[元]";
    ORDERS_REVIEWED = "orders_reviewed", Count, Warehouse, Count, "orders reviewed", "已审核订单";
    ORDERS_PACKED = "orders_packed", Count, Warehouse, Count, "orders packed", "已打包订单";
    ORDERS_LABELLED_PREPACKED = "orders_labelled_prepacked", Count, Warehouse, Count,
        "orders from pre-packed stock", "预包装订单";
    ORDERS_DISPATCHED = "orders_dispatched", Count, Courier, Count, "orders dispatched", "已发货订单";
    ORDERS_UNDISPATCHED = "orders_undispatched", Count, Courier, Count, "orders not dispatched at close", "结束时未发货订单";
    UNDISPATCHED_IN_REVIEW = "undispatched_in_review", Count, Courier, Count, "not dispatched: in review", "未发货：审核中";
    UNDISPATCHED_IN_PACKING = "undispatched_in_packing", Count, Courier, Count, "not dispatched: in packing", "未发货：打包中";
    UNDISPATCHED_IN_STAGING = "undispatched_in_staging", Count, Courier, Count, "not dispatched: in staging", "未发货：待揽收";
    PICKUPS = "pickups", Count, Courier, Count, "courier pickups", "快递揽收次数";
    PICKUPS_LATE = "pickups_late", Count, Courier, Count, "late pickups", "揽收迟到次数";
    PICKUPS_MISSED = "pickups_missed", Count, Courier, Count, "missed pickups", "揽收缺席次数";
    TRUCKS_FULL = "trucks_full", Count, Courier, Count, "full trucks", "满载车次";
    DISPATCH_LEAD_MEAN_H = "dispatch_lead_mean_h", Hours, Courier, Hours, "dispatch lead time, mean", "发货时长均值";
    DISPATCH_LEAD_P50_H = "dispatch_lead_p50_h", Hours, Courier, Hours, "dispatch lead time, p50", "发货时长 p50";
    DISPATCH_LEAD_P90_H = "dispatch_lead_p90_h", Hours, Courier, Hours, "dispatch lead time, p90", "发货时长 p90";
    DISPATCH_LEAD_P95_H = "dispatch_lead_p95_h", Hours, Courier, Hours, "dispatch lead time, p95", "发货时长 p95";
    DISPATCH_LEAD_MAX_H = "dispatch_lead_max_h", Hours, Courier, Hours, "dispatch lead time, longest", "发货时长最大值";
    DISPATCHED_WITHIN_24H_SHARE = "dispatched_within_24h_share", Share, Courier, Share,
        "dispatched within 24 h", "24 小时内发货比例";
    DISPATCHED_WITHIN_PROMISE_SHARE = "dispatched_within_promise_share", Share, Courier, Share,
        "dispatched within the promise", "承诺时间内发货比例";
    LATE_ORDERS = "late_orders", Count, Courier, Count, "late orders", "延迟发货订单";
    LATE_VALUE_CNY = "late_value_cny", Cny, Courier, Count, "value of late orders [CNY]", "延迟订单金额 [元]";
    LATE_COMPENSATION_CNY = "late_compensation_cny", Cny, Courier, Count, "compensation for late orders [CNY]",
        "延迟发货赔付 [元]";
    PACK_BACKLOG_MEAN = "pack_backlog_mean", Count, Warehouse, Count, "packing backlog, time-average [orders]",
        "平均待打包积压 [单]";
    PACK_BACKLOG_MAX = "pack_backlog_max", Count, Warehouse, Count, "largest packing backlog [orders]", "最大待打包积压 [单]";
    PACK_WAIT_MEAN_H = "pack_wait_mean_h", Hours, Warehouse, Hours, "wait for packing, mean", "等待打包时长均值";
    STAGING_MEAN = "staging_mean", Count, Courier, Count, "parcels staged, time-average", "平均待揽收包裹";
    STAGING_MAX = "staging_max", Count, Courier, Count, "most parcels staged", "最多待揽收包裹";
    STAGING_OVERFLOW_MAX = "staging_overflow_max", Count, Courier, Count, "largest staging overflow [parcels]",
        "最大暂存溢出 [包裹]";
    STAGING_OVERFLOW_PARCELS = "staging_overflow_parcels", Count, Courier, Count, "parcels that overflowed staging",
        "暂存溢出包裹";
    PACKER_HOURS = "packer_hours", Hours, Warehouse, Count, "packer hours on duty", "打包员在岗工时";
    PACKER_HOURS_AVAILABLE = "packer_hours_available", Hours, Staffing, Count, "packer hours available",
        "打包员可用工时";
    PACKER_HOURS_ON_BREAK = "packer_hours_on_break", Hours, Staffing, Count, "packer hours on breaks", "打包员休息工时";
    PACKER_SHRINKAGE_SHARE = "packer_shrinkage_share", Share, Staffing, Share, "packer shrinkage", "打包员损耗率";
    PACKERS_ABSENT = "packers_absent", People, Staffing, Decimal, "packer-shifts missed by absence", "缺勤打包员班次";
    PACKERS_LATE = "packers_late", People, Staffing, Decimal, "packer-shifts started late", "迟到打包员班次";
    PACKERS_AVAILABLE = "packers_available", People, Staffing, Decimal, "packers available", "可用打包员";
    PACKERS_ON_BREAK = "packers_on_break", People, Staffing, Decimal, "packers on a break", "休息中打包员";
    PACK_WORK_H = "pack_work_h", Hours, Warehouse, Hours, "packer hours packing and labelling", "打包作业工时";
    PACKER_UTILISATION = "packer_utilisation", Share, Warehouse, Share, "packer utilisation", "打包员利用率";
    PACKERS_ON_DUTY = "packers_on_duty", People, Warehouse, Decimal, "packers on duty", "在岗打包员";
    DRAIN_H = "drain_h", Hours, Courier, Hours, "hours after the window to dispatch all", "窗口结束后清空时长";
    MEETS_DISPATCH_TARGET = "meets_dispatch_target", Flag, Courier, Share, "dispatch target met", "发货目标达标";
    EVENTS = "events", Count, Run, Count, "events simulated", "仿真事件数";
    TOTAL_CNY = "total_cny", Cny, Cost, Count, "total cost [CNY]", "总成本 [元]";
    LABOUR_CNY = "labour_cny", Cny, Cost, Count, "labour [CNY]", "人工成本 [元]";
    COURIER_CNY = "courier_cny", Cny, Cost, Count, "courier [CNY]", "快递费用 [元]";
    COMPENSATION_CNY = "compensation_cny", Cny, Cost, Count, "compensation [CNY]", "赔付 [元]";
    LOST_MARGIN_CNY = "lost_margin_cny", Cny, Cost, Count, "lost margin [CNY]", "流失毛利 [元]";
    FIXED_CNY = "fixed_cny", Cny, Cost, Count, "fixed costs [CNY]", "固定成本 [元]";
    COST_PER_PAID_ORDER_CNY = "cost_per_paid_order_cny", Cny, Cost, Decimal, "cost per paid order [CNY]",
        "每单成本 [元]";
    LABOUR_AGENTS_CNY = "labour_agents_cny", Cny, Cost, Count, "agents' labour [CNY]", "坐席人工 [元]";
    LABOUR_PACKERS_CNY = "labour_packers_cny", Cny, Cost, Count, "packers' labour [CNY]", "打包员人工 [元]";
    LABOUR_PACKER_REPEATS_CNY = "labour_packer_repeats_cny", Cny, Cost, Count,
        "packer shifts repeated after the window [CNY]", "窗口后重复打包班次人工 [元]";
    TRAINING_CNY = "training_cny", Cny, Cost, Count, "training of temporary workers [CNY]", "临时工培训 [元]";
    PREPACK_MATERIAL_CNY = "prepack_material_cny", Cny, Cost, Count, "pre-pack material [CNY]", "预包装材料 [元]";
    LOST_ORDERS = "lost_orders", Count, Cost, Count, "orders lost to abandonment", "因放弃流失的订单";
    AGENT_PEOPLE = "agent_people", People, Staffing, Count, "agents needed [people]", "所需坐席人数";
    AGENT_PERSON_SHIFTS = "agent_person_shifts", People, Staffing, Count, "agent person-shifts", "坐席人次";
    AGENT_PAID_H = "agent_paid_h", Hours, Staffing, Count, "agents' paid hours", "坐席计薪工时";
    PACKER_PEOPLE = "packer_people", People, Staffing, Count, "packers needed [people]", "所需打包员人数";
    PACKER_PERSON_SHIFTS = "packer_person_shifts", People, Staffing, Count, "packer person-shifts", "打包员人次";
    PACKER_PAID_H = "packer_paid_h", Hours, Staffing, Count, "packers' paid hours", "打包员计薪工时";
    PACKER_SHIFT_REPEATS = "packer_shift_repeats", Count, Staffing, Decimal, "packer shifts repeated after the window",
        "窗口后重复的打包班次";
    TEMPS_TRAINED = "temps_trained", People, Staffing, Count, "temporary workers trained", "培训的临时工";
    PARCELS_SHIPPED = "parcels_shipped", Count, Cost, Count, "parcels shipped", "发出包裹";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        for (i, f) in ALL.iter().enumerate() {
            assert!(f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{f}");
            assert!(ALL[..i].iter().all(|g| g.name != f.name), "{f} twice");
            assert!(!f.en.is_empty() && !f.zh.is_empty(), "{f} has no label");
            assert_eq!(Figure::named(f.name), Some(*f));
            assert!(carrier_of(f.name).is_none(), "{f} looks like a carrier count");
        }
    }

    #[test]
    fn class_figures_round_trip() {
        for f in CLASS_FIGURES.into_iter().chain(TICKET_FIGURES).chain(CLASS_TARGET_FIGURES) {
            assert_eq!(class_of(&class_figure("vip_2", f)), Some(("vip_2", f)));
        }
        assert_eq!(class_of(ANSWERED_ON_TIME.name), None);
        assert_eq!(class_of("class__offered"), None);
        assert!(ALL.iter().all(|f| class_of(f.name).is_none()));
    }

    #[test]
    fn carrier_counts_round_trip() {
        assert_eq!(carrier_of(&dispatched_via("sf")), Some("sf"));
        assert_eq!(carrier_of(INQUIRIES.name), None);
    }
}
