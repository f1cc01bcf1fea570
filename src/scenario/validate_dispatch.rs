//! Checks the dispatch sections (`[orders]`, `[warehouse]`, `[[couriers]]`)
//! and converts them into the model's inputs. Every rule names its field;
//! errors carry the field's line, like the chat stage's.

use super::error::ScenarioError;
use super::locate::Seg;
use super::raw::{RawDist, RawScenario};
use super::raw_dispatch::{RawAfterWindow, RawCourier, RawOrders, RawWarehouse, RawWhenFull};
use super::validate::{build_dist, key, offset, p, staff_shifts, with, Ctx, Path, StaffShift, MAX_HEADCOUNT};
use super::Window;
use crate::model::arrivals::PiecewiseRate;
use crate::model::courier::{Carrier, Compensation, CourierParams, WhenStagingFull};
use crate::model::dist::Dist;
use crate::model::orders::OrderParams;
use crate::model::warehouse::{AfterWindow, PackerGroup, ReviewParams, WarehouseParams, DAY_S};
use crate::model::{DispatchParams, ModelParams};
use crate::targets::Targets;
use chrono::{NaiveTime, TimeZone};
use std::collections::HashSet;

/// Largest accepted expected orders of one source per replication.
pub const MAX_ORDERS: f64 = 100_000_000.0;
/// Largest accepted guard after the window [days].
pub const MAX_DRAIN_DAYS: f64 = 365.0;

/// The dispatch side of `raw`, or `None` when the file has none of its
/// sections.
pub(super) fn dispatch(
    ctx: &Ctx,
    raw: &RawScenario,
    w: &Window,
    targets: &Targets,
    model: &ModelParams,
) -> Result<Option<DispatchParams>, ScenarioError> {
    let (o, wh, couriers) = match (&raw.orders, &raw.warehouse, raw.couriers.is_empty()) {
        (None, None, true) => return Ok(None),
        (Some(o), Some(wh), false) => (o, wh, &raw.couriers),
        (o, wh, no_couriers) => {
            let present = if o.is_some() {
                "orders"
            } else if wh.is_some() {
                "warehouse"
            } else {
                "couriers"
            };
            let missing: Vec<&str> = [
                (o.is_none(), "`[orders]`"),
                (wh.is_none(), "`[warehouse]` (with `[[warehouse.groups]]` and `[[warehouse.shifts]]`)"),
                (no_couriers, "at least one `[[couriers]]`"),
            ]
            .iter()
            .filter(|m| m.0)
            .map(|m| m.1)
            .collect();
            return Err(ctx.err(
                &p(&[present]),
                format!(
                    "the dispatch side also needs {}; or leave out `[orders]`, `[warehouse]` and `[[couriers]]` \
                     for a chat-only scenario",
                    missing.join(" and ")
                ),
            ));
        }
    };
    let wp = p(&["warehouse"]);
    let drain_days = ctx.positive(&key(&wp, "max_drain_days"), wh.max_drain_days, MAX_DRAIN_DAYS)?;
    let max_drain_s = drain_days * DAY_S;
    Ok(Some(DispatchParams {
        orders: orders(ctx, o, w, &model.inquiry_rate, super::validate_conversion::silent_total(ctx, raw, model)?)?,
        warehouse: warehouse(ctx, wh, w, max_drain_s)?,
        courier: courier(ctx, o, wh, couriers, w, targets)?,
        max_drain_s,
    }))
}

/// A distribution that must exist (`kind = "none"` refused), scaled from
/// the file's unit to the model's by `unit` (60 for minutes).
pub(super) fn dist(ctx: &Ctx, path: &Path, raw: &RawDist, unit: f64) -> Result<Dist, ScenarioError> {
    ctx.dist(path, raw, false)?;
    let scaled = match *raw {
        RawDist::Exponential { mean } => RawDist::Exponential { mean: mean * unit },
        RawDist::Lognormal { mean, cv } => RawDist::Lognormal { mean: mean * unit, cv },
        RawDist::Fixed { value } => RawDist::Fixed { value: value * unit },
        RawDist::Uniform { min, max } => RawDist::Uniform { min: min * unit, max: max * unit },
        RawDist::None => RawDist::None,
    };
    match build_dist(&scaled) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(ctx.err(path, "`kind = \"none\"` is not allowed here")),
        Err(e) => Err(ctx.err(path, e.0)),
    }
}

/// The order stage of `o`; `silent_total`: the expected silent orders
/// [count], checked.
fn orders(
    ctx: &Ctx,
    o: &RawOrders,
    w: &Window,
    inquiry_rate: &PiecewiseRate,
    silent_total: f64,
) -> Result<OrderParams, ScenarioError> {
    let base = p(&["orders"]);
    let at = |k: &str| key(&base, k);
    let silent_rate = if silent_total == 0.0 {
        inquiry_rate.scaled(0.0)
    } else if inquiry_rate.expected_total() > 0.0 {
        inquiry_rate.scaled(silent_total / inquiry_rate.expected_total())
    } else {
        return Err(ctx.err(
            &at("silent_total"),
            "silent orders follow the inquiry profile's shape, but the inquiry rate is zero over the whole window",
        ));
    };
    let presale_rate = match &o.presale {
        None => None,
        Some(ps) => {
            let pp = key(&base, "presale");
            let total = ctx.finite(&key(&pp, "total"), ps.total, 0.0, MAX_ORDERS)?;
            let start = offset(ctx, &key(&pp, "start"), &ps.start, w, 0.0, w.length_s)?;
            let len = ctx.positive(&key(&pp, "length_min"), ps.length_min, w.length_s / 60.0)? * 60.0;
            if start >= w.length_s || start + len > w.length_s + 1e-6 {
                return Err(ctx.err(
                    &key(&pp, "length_min"),
                    format!(
                        "the spike from `{}` for {} min runs past the window's end (pre-sale payments arrive in \
                         the window)",
                        ps.start, ps.length_min
                    ),
                ));
            }
            let end = (start + len).min(w.length_s);
            let mut segments = Vec::new();
            if start > 0.0 {
                segments.push((0.0, 0.0));
            }
            segments.push((start, total / (end - start)));
            if end < w.length_s {
                segments.push((end, 0.0));
            }
            Some(PiecewiseRate::new(segments, w.length_s))
        }
    };
    let min = ctx.finite(&at("compensation_min_cny"), o.compensation_min_cny, 0.0, 1e9)?;
    let max = ctx.finite(&at("compensation_max_cny"), o.compensation_max_cny, 0.0, 1e9)?;
    if max < min {
        return Err(ctx
            .err(&at("compensation_max_cny"), format!("must not be below `compensation_min_cny` ({min}), got {max}")));
    }
    ctx.share(&at("compensation_share"), o.compensation_share)?;
    Ok(OrderParams {
        chat_conversion: ctx.share(&at("chat_conversion"), o.chat_conversion)?,
        abandoned_conversion: ctx.share(&at("abandoned_conversion"), o.abandoned_conversion)?,
        silent_rate,
        presale_rate,
        scheduled: Vec::new(),
        paid_at_once_share: ctx.share(&at("paid_at_once_share"), o.paid_at_once_share)?,
        remind_after_s: ctx.finite(&at("remind_after_h"), o.remind_after_h, 0.0, 24.0 * 30.0)? * 3600.0,
        remind_paid_share: ctx.share(&at("remind_paid_share"), o.remind_paid_share)?,
        value_cny: dist(ctx, &at("value_cny"), &o.value_cny, 1.0)?,
        vip_share: ctx.share(&at("vip_share"), o.vip_share)?,
        conversion_cv: ctx.finite(&at("conversion_cv"), o.conversion_cv, 0.0, 5.0)?,
    })
}

fn warehouse(ctx: &Ctx, wh: &RawWarehouse, w: &Window, max_drain_s: f64) -> Result<WarehouseParams, ScenarioError> {
    let base = p(&["warehouse"]);
    let at = |k: &str| key(&base, k);
    let groups_path = at("groups");
    if wh.groups.is_empty() {
        return Err(ctx.err(&base, "at least one `[[warehouse.groups]]` of packers is needed"));
    }
    ctx.unique_names(&groups_path, wh.groups.iter().map(|g| g.name.as_str()))?;
    let groups = wh
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let gp = with(&groups_path, Seg::Index(i));
            Ok(PackerGroup {
                name: g.name.clone(),
                pack_s: dist(ctx, &key(&gp, "pack_s"), &g.pack_s, 1.0)?,
                label_s: dist(ctx, &key(&gp, "label_s"), &g.label_s, 1.0)?,
                attendance: super::validate_availability::attendance(ctx, &gp, &g.attendance())?,
            })
        })
        .collect::<Result<Vec<_>, ScenarioError>>()?;
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    let views: Vec<StaffShift> = wh
        .shifts
        .iter()
        .map(|s| StaffShift { name: &s.name, start: &s.start, end: &s.end, staff: &s.packers })
        .collect();
    if views.is_empty() {
        return Err(ctx.err(&base, "at least one `[[warehouse.shifts]]` is needed"));
    }
    // Listed shifts may start after the window, up to the run's close.
    let shifts = staff_shifts(ctx, &views, &names, w, &at("shifts"), "packers", w.length_s + max_drain_s)?;
    let stations = match wh.stations {
        Some(0) => return Err(ctx.err(&at("stations"), "must be at least 1 (or left out for no cap)")),
        s => s,
    };
    let staging = wh.staging_capacity;
    if staging == Some(0) {
        return Err(ctx.err(&at("staging_capacity"), "must be at least 1 (or left out for unlimited staging)"));
    }
    if wh.when_staging_full == RawWhenFull::StopPacking && staging.is_none() {
        return Err(ctx.err(&at("when_staging_full"), "`stop_packing` needs a `staging_capacity`"));
    }
    let review = match &wh.review {
        None => None,
        Some(r) => {
            let rp = at("review");
            if !(1..=MAX_HEADCOUNT).contains(&r.staff) {
                return Err(ctx.err(
                    &key(&rp, "staff"),
                    format!("must be from 1 to {MAX_HEADCOUNT} reviewers (leave out `[warehouse.review]` for none)"),
                ));
            }
            Some(ReviewParams {
                share: ctx.share(&key(&rp, "share"), r.share)?,
                staff: r.staff,
                review_s: dist(ctx, &key(&rp, "review_s"), &r.review_s, 1.0)?,
            })
        }
    };
    Ok(WarehouseParams {
        groups,
        shifts,
        after_window: match wh.after_window {
            RawAfterWindow::RepeatLastDay => AfterWindow::RepeatLastDay,
            RawAfterWindow::ListedOnly => AfterWindow::ListedOnly,
        },
        prepacked_share: ctx.share(&at("prepacked_share"), wh.prepacked_share)?,
        prepacked_stock: wh.prepacked_stock,
        stations,
        review,
    })
}

/// `name` as a figure-name fragment: lower case, letters and digits kept,
/// every other run of characters one `_`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn courier(
    ctx: &Ctx,
    o: &RawOrders,
    wh: &RawWarehouse,
    raw: &[RawCourier],
    w: &Window,
    targets: &Targets,
) -> Result<CourierParams, ScenarioError> {
    let base = p(&["couriers"]);
    ctx.unique_names(&base, raw.iter().map(|c| c.name.as_str()))?;
    let mut slugs = HashSet::new();
    let mut carriers = Vec::new();
    for (i, c) in raw.iter().enumerate() {
        let at = with(&base, Seg::Index(i));
        let s = slug(&c.name);
        if s.is_empty() {
            return Err(ctx.err(&key(&at, "name"), "needs at least one letter or digit"));
        }
        if !slugs.insert(s.clone()) {
            return Err(ctx.err(
                &key(&at, "name"),
                format!(
                    "`{}` names the same figure `{}` as another carrier",
                    c.name,
                    crate::figures::dispatched_via(&s)
                ),
            ));
        }
        if c.truck_capacity == 0 {
            return Err(ctx.err(&key(&at, "truck_capacity"), "must be at least 1 parcel"));
        }
        let late = ctx.share(&key(&at, "late_share"), c.late_share)?;
        let missed = ctx.share(&key(&at, "missed_share"), c.missed_share)?;
        if late + missed > 1.0 {
            return Err(ctx.err(
                &key(&at, "missed_share"),
                format!("`late_share` + `missed_share` must be at most 1, got {}", late + missed),
            ));
        }
        let (pickups_s, daily_after_s) = pickups(ctx, &key(&at, "pickups"), &c.pickups, w, c.after_window)?;
        carriers.push(Carrier {
            name: c.name.clone(),
            kpi_name: crate::figures::dispatched_via(&s),
            pickups_s,
            daily_after_s,
            truck_capacity: c.truck_capacity,
            late_share: late,
            missed_share: missed,
            late_by_s: dist(ctx, &key(&at, "late_by_min"), &c.late_by_min, 60.0)?,
        });
    }
    Ok(CourierParams {
        carriers,
        staging_capacity: wh.staging_capacity,
        when_full: match wh.when_staging_full {
            RawWhenFull::Overflow => WhenStagingFull::Overflow,
            RawWhenFull::StopPacking => WhenStagingFull::StopPacking,
        },
        promise_s: targets.promise_h * 3600.0,
        compensation: Compensation {
            share: o.compensation_share,
            min_cny: o.compensation_min_cny,
            max_cny: o.compensation_max_cny,
        },
    })
}

/// The scheduled pickups at local clock times `clocks` (`HH:MM`) on every
/// day: those in the window, and (if `after`) those of the first 24 hours
/// after it, which then repeat every 24 hours [s from the window start].
fn pickups(
    ctx: &Ctx,
    path: &Path,
    clocks: &[String],
    w: &Window,
    after: bool,
) -> Result<(Vec<f64>, Vec<f64>), ScenarioError> {
    if clocks.is_empty() {
        return Err(ctx.err(path, "give at least one daily pickup time, e.g. `pickups = [\"16:00\"]`"));
    }
    let mut times = Vec::new();
    for (i, c) in clocks.iter().enumerate() {
        let t = NaiveTime::parse_from_str(c.trim(), "%H:%M")
            .map_err(|_| ctx.err(&with(path, Seg::Index(i)), format!("`{c}` is not a clock time `HH:MM`")))?;
        if times.contains(&t) {
            return Err(ctx.err(&with(path, Seg::Index(i)), format!("the pickup time `{c}` is given twice")));
        }
        times.push(t);
    }
    let end = w.length_s;
    let (mut inside, mut later) = (Vec::new(), Vec::new());
    let mut day = w.start.date_naive();
    loop {
        let mut past = true;
        for &t in &times {
            let Some(at) = w.time_zone.from_local_datetime(&day.and_time(t)).earliest() else { continue };
            let s = (at - w.start).num_milliseconds() as f64 / 1000.0;
            if s < end + DAY_S {
                past = false;
            }
            if (0.0..end).contains(&s) {
                inside.push(s);
            } else if after && s >= end && s < end + DAY_S {
                later.push(s);
            }
        }
        if past {
            break;
        }
        day = day.succ_opt().expect("dates within the accepted window");
    }
    inside.sort_by(f64::total_cmp);
    later.sort_by(f64::total_cmp);
    Ok((inside, later))
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("SF Express"), "sf_express");
        assert_eq!(slug("  ZTO / 中通  "), "zto_中通");
        assert_eq!(slug("--"), "");
    }
}
