//! Orders that follow traffic: `orders.conversion_rate` turns the visitors
//! of `[arrivals]` into the expected silent orders (静默下单). Sales =
//! visitors × conversion × average order value [002, 003]; of the orders
//! `visitors × conversion_rate`, those from chats (every offered chat
//! answered, at `chat_conversion`) and the pre-sale balances are taken out,
//! and the rest are placed without a chat, with the visitors' shape. The
//! silent orders are then a rate per visitor: twice the visitors, twice the
//! silent orders, and with the chats' orders twice the orders.

use super::error::ScenarioError;
use super::raw::RawScenario;
use super::validate::{key, p, Ctx};
use super::validate_dispatch::MAX_ORDERS;
use crate::model::ModelParams;

/// The expected silent orders over the window [count]: `silent_total` as
/// written, or what `conversion_rate` leaves for them.
pub(super) fn silent_total(ctx: &Ctx, raw: &RawScenario, model: &ModelParams) -> Result<f64, ScenarioError> {
    let Some(o) = &raw.orders else { return Ok(0.0) };
    let at = |k: &str| key(&p(&["orders"]), k);
    let written = ctx.finite(&at("silent_total"), o.silent_total, 0.0, MAX_ORDERS)?;
    let Some(rate) = o.conversion_rate else { return Ok(written) };
    let rate = ctx.share(&at("conversion_rate"), rate)?;
    if written > 0.0 {
        return Err(ctx.err(
            &at("conversion_rate"),
            "give either `conversion_rate` or `silent_total`, not both (the silent orders follow from the \
             conversion rate)",
        ));
    }
    let Some(visitors) = raw.arrivals.visitors else {
        return Err(ctx.err(
            &at("conversion_rate"),
            "`conversion_rate` is orders per visitor: give `arrivals.visitors` with `arrivals.inquiry_share`",
        ));
    };
    let orders = visitors * rate;
    let chats = model.inquiry_rate.expected_total() * (1.0 - model.chat.deflection_share) * o.chat_conversion;
    let presale = o.presale.as_ref().map_or(0.0, |ps| ps.total);
    let silent = orders - chats - presale;
    if silent < 0.0 {
        return Err(ctx.err(
            &at("conversion_rate"),
            format!(
                "{visitors:.0} visitors × {rate} = {orders:.0} orders, fewer than the {chats:.0} chat orders and \
                 {presale:.0} pre-sale balances expected; raise the conversion rate or lower `chat_conversion`"
            ),
        ));
    }
    Ok(silent.min(MAX_ORDERS))
}
