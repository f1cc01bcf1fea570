//! `shipments.csv`: one row per parcel (see `docs/actuals-format.md`).

use super::reader::{Field, Row, RowError};
use std::borrow::Cow;

/// The canonical fields of a shipments export.
pub const FIELDS: [Field; 4] = [
    Field { name: "order_id", required: true },
    Field { name: "packed_at", required: false },
    Field { name: "handed_over_at", required: true },
    Field { name: "carrier", required: false },
];

/// One parcel, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Shipment<'r> {
    /// The order shipped.
    pub order_id: Cow<'r, str>,
    /// Packing done [s from the window start].
    pub packed_s: Option<f64>,
    /// Handed over to the courier [s from the window start].
    pub handed_over_s: f64,
    /// The courier; `None` if the export does not say.
    pub carrier: Option<Cow<'r, str>>,
}

/// Reads a row as a parcel.
pub fn parse<'r>(row: &Row<'r>) -> Result<Shipment<'r>, RowError> {
    let order_id =
        row.text("order_id")?.ok_or_else(|| row.invalid("order_id", "is empty, but every row needs it".into()))?;
    let packed_s = row.timestamp("packed_at")?;
    let handed_over_s = row.required_timestamp("handed_over_at")?;
    if let Some(packed) = packed_s.filter(|&p| p > handed_over_s) {
        return Err(row.invalid(
            "handed_over_at",
            format!(
                "is {:.0} s before `packed_at`: a parcel is handed over after it is packed",
                packed - handed_over_s
            ),
        ));
    }
    Ok(Shipment { order_id, packed_s, handed_over_s, carrier: row.text("carrier")? })
}
