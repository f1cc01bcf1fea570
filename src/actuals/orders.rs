//! `orders.csv`: one row per order (see `docs/actuals-format.md`).

use super::reader::{Field, Row, RowError};
use serde::Serialize;
use std::borrow::Cow;

/// The canonical fields of an orders export.
pub const FIELDS: [Field; 8] = [
    Field { name: "order_id", required: true },
    Field { name: "placed_at", required: true },
    Field { name: "paid_at", required: false },
    Field { name: "source", required: false },
    Field { name: "reminded", required: false },
    Field { name: "value_cny", required: false },
    Field { name: "vip", required: false },
    Field { name: "prepacked", required: false },
];

/// How an order came, as the scenario's `[orders]` knows the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// After a chat.
    Chat,
    /// Without a chat (静默下单).
    Silent,
    /// A pre-sale balance payment (预售尾款).
    Presale,
}

impl Source {
    /// Reads a source name (any case).
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "chat" => Some(Self::Chat),
            "silent" => Some(Self::Silent),
            "presale" | "pre-sale" | "pre_sale" => Some(Self::Presale),
            _ => None,
        }
    }
}

/// One order, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Order<'r> {
    /// The order key.
    pub id: Cow<'r, str>,
    /// Placement [s from the window start].
    pub placed_s: f64,
    /// Payment [s from the window start]; `None`: unpaid.
    pub paid_s: Option<f64>,
    /// How it came; `None` if the export does not say.
    pub source: Option<Source>,
    /// The buyer was sent a payment reminder.
    pub reminded: bool,
    /// Order value [CNY].
    pub value_cny: Option<f64>,
    /// A VIP order.
    pub vip: bool,
    /// The item was packed before the sale.
    pub prepacked: bool,
}

/// Reads a row as an order.
pub fn parse<'r>(row: &Row<'r>) -> Result<Order<'r>, RowError> {
    let id = row.text("order_id")?.ok_or_else(|| row.invalid("order_id", "is empty, but every row needs it".into()))?;
    let placed_s = row.required_timestamp("placed_at")?;
    let paid_s = row.timestamp("paid_at")?;
    if let Some(paid) = paid_s.filter(|&p| p < placed_s) {
        return Err(row.invalid(
            "paid_at",
            format!("is {:.0} s before `placed_at`: an order is paid after it is placed", placed_s - paid),
        ));
    }
    let source = match row.text("source")? {
        None => None,
        Some(text) => Some(Source::parse(&text).ok_or_else(|| {
            row.invalid(
                "source",
                format!("`{}` is not a source (use chat, silent or presale)", super::error::shown(&text)),
            )
        })?),
    };
    Ok(Order {
        id,
        placed_s,
        paid_s,
        source,
        reminded: row.flag("reminded")?,
        value_cny: row.amount("value_cny")?,
        vip: row.flag("vip")?,
        prepacked: row.flag("prepacked")?,
    })
}
