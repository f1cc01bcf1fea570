//! Drawing a [`Chart`] with plotters on any backend (SVG text or a bitmap).
//! The legend is in rows under the plot area, so it never hides data.

use super::chart::{palette, Axis, Chart, Colour, DistributionChart, Layer, SeriesChart, Ticks, XAxis};
use super::PlotError;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// Chart width [px].
pub const WIDTH: u32 = 1000;
/// Chart height [px], legend included.
pub const HEIGHT: u32 = 560;
/// Height of one legend row under the plot [px].
const LEGEND_ROW_H: u32 = 26;
/// Opacity of histogram bars.
const BAR_OPACITY: f64 = 0.55;
/// Opacity of the histogram's tail bar.
const TAIL_OPACITY: f64 = 0.8;

fn rgb(c: Colour) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn err(e: impl std::fmt::Display) -> PlotError {
    PlotError::Draw(e.to_string())
}

/// A legend swatch.
enum Swatch {
    Fill(Colour, f64),
    Line(Colour, bool),
}

/// Draws `chart` on `root` (which is cleared first).
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> Result<(), PlotError> {
    root.fill(&WHITE).map_err(err)?;
    let (w_px, h_px) = root.dim_in_pixel();
    let font = super::family(chart);
    let entries = legend_of(chart);
    let rows = legend_rows(root, &entries, w_px.saturating_sub(40), font);
    let legend_h = LEGEND_ROW_H * rows.len().max(1) as u32 + 12;
    let (plot, legend) = root.split_vertically(h_px.saturating_sub(legend_h));
    match chart {
        Chart::Series(c) => series(&plot, c, font)?,
        Chart::Distribution(c) => distribution(&plot, c, font)?,
    }
    draw_legend(&legend, &entries, &rows, font)
}

/// The legend entries of `chart`, in drawing order.
fn legend_of(chart: &Chart) -> Vec<(String, Swatch)> {
    match chart {
        Chart::Series(c) => c
            .layers
            .iter()
            .map(|layer| match layer {
                Layer::Band { label, colour, opacity, .. } => (label.clone(), Swatch::Fill(*colour, *opacity)),
                Layer::Line { label, colour, dashed, .. } => (label.clone(), Swatch::Line(*colour, *dashed)),
                Layer::Reference { label, colour, .. } | Layer::Mark { label, colour, .. } => {
                    (label.clone(), Swatch::Line(*colour, true))
                }
            })
            .collect(),
        Chart::Distribution(c) if c.buckets.is_empty() || c.total() <= 0.0 => Vec::new(),
        Chart::Distribution(c) => {
            let mut v = vec![(c.bar_legend.clone(), Swatch::Fill(palette::BLUE, BAR_OPACITY))];
            if let Some((label, _)) = &c.tail {
                v.push((label.clone(), Swatch::Fill(palette::ORANGE, TAIL_OPACITY)));
            }
            v.push((c.cdf_legend.clone(), Swatch::Line(palette::BLACK, false)));
            v.extend(c.markers.iter().map(|m| (m.label.clone(), Swatch::Line(m.colour, true))));
            v
        }
    }
}

fn legend_style(font: &str) -> TextStyle<'_> {
    TextStyle::from((font, 15).into_font()).color(&BLACK)
}

/// Space of one legend entry besides its text: swatch, padding, gap [px].
const ENTRY_EXTRA: u32 = 30 + 22;

/// Legend entries split into rows no wider than `width`: per row, the
/// entries' indices and text widths.
fn legend_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, Swatch)],
    width: u32,
    font: &str,
) -> Vec<Vec<(usize, u32)>> {
    let style = legend_style(font);
    let mut rows: Vec<Vec<(usize, u32)>> = Vec::new();
    let mut used = 0;
    for (i, (label, _)) in entries.iter().enumerate() {
        let w = area.estimate_text_size(label, &style).map(|(w, _)| w).unwrap_or(8 * label.len() as u32);
        match rows.last_mut() {
            Some(row) if used + w + ENTRY_EXTRA <= width => row.push((i, w)),
            _ => {
                rows.push(vec![(i, w)]);
                used = 0;
            }
        }
        used += w + ENTRY_EXTRA;
    }
    rows
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, Swatch)],
    rows: &[Vec<(usize, u32)>],
    font: &str,
) -> Result<(), PlotError> {
    let style = legend_style(font);
    let (w_px, _) = area.dim_in_pixel();
    for (r, row) in rows.iter().enumerate() {
        let total: u32 = row.iter().map(|(_, w)| w + ENTRY_EXTRA).sum::<u32>().saturating_sub(22);
        let mut x = (w_px.saturating_sub(total) / 2) as i32;
        let y = 14 + (r as u32 * LEGEND_ROW_H) as i32;
        for &(i, w) in row {
            match entries[i].1 {
                Swatch::Fill(c, a) => {
                    area.draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], rgb(c).mix(a.max(0.35)).filled()))
                        .map_err(err)?;
                }
                Swatch::Line(c, dashed) => {
                    let style = rgb(c).stroke_width(3);
                    if dashed {
                        for k in 0..3 {
                            area.draw(&PathElement::new(vec![(x + k * 9, y), (x + k * 9 + 6, y)], style))
                                .map_err(err)?;
                        }
                    } else {
                        area.draw(&PathElement::new(vec![(x, y), (x + 24, y)], style)).map_err(err)?;
                    }
                }
            }
            area.draw(&Text::new(entries[i].0.clone(), (x + 30, y - 8), style.clone())).map_err(err)?;
            x += (w + ENTRY_EXTRA) as i32;
        }
    }
    Ok(())
}

/// A short, readable number for tick labels.
pub fn number(v: f64) -> String {
    let a = v.abs();
    if a >= 1000.0 {
        let s = format!("{:.0}", a);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{}{out}", if v < 0.0 { "-" } else { "" })
    } else if (v - v.round()).abs() < 1e-9 {
        format!("{:.0}", v)
    } else if a >= 10.0 {
        format!("{:.1}", v)
    } else {
        let s = format!("{:.2}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn tick(v: f64, t: Ticks) -> String {
    match t {
        Ticks::Number => number(v),
        Ticks::Percent => format!("{}%", number((v * 100.0 * 10.0).round() / 10.0)),
    }
}

/// The vertical range of `axis` for `values`.
fn y_range(axis: &Axis, values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) =
        values.filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.02).max(1e-9);
    let lo = axis.min.unwrap_or(lo - pad);
    let mut hi = axis.max.unwrap_or(hi + pad);
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo, hi)
}

/// Tick positions for periods: a whole number of periods (1, 2, 3, 6, 12,
/// 24, ... of them) so that at most nine ticks appear.
fn period_ticks(n: usize) -> Vec<f64> {
    let mut step = 1;
    for s in [1, 2, 3, 6, 12, 24, 48, 96, 168, 336, 720] {
        step = s;
        if n.div_ceil(s) <= 9 {
            break;
        }
    }
    while n.div_ceil(step) > 9 {
        step *= 2;
    }
    (0..n).step_by(step).map(|i| i as f64).collect()
}

/// Up to about ten round tick positions between `lo` and `hi`.
fn value_ticks(lo: f64, hi: f64, values: &[f64]) -> Vec<f64> {
    if values.len() <= 15 {
        return values.to_vec();
    }
    let raw = (hi - lo) / 10.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(raw);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + 1e-9 * step {
        out.push(t);
        t += step;
    }
    out
}

/// A linear axis with ticks at given positions (plotters' `WithKeyPoints`
/// cannot take a label formatter on `f64` axes).
struct KeyedAxis {
    lo: f64,
    hi: f64,
    keys: Vec<f64>,
}

impl Ranged for KeyedAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = (value - self.lo) / (self.hi - self.lo);
        limit.0 + ((limit.1 - limit.0) as f64 * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// The points of `ys` over `r`. A per-period figure holds over its whole
/// period, so over periods curves are steps from period start to period
/// end.
fn curve(x: &XAxis, ys: &[f64], r: Range<usize>) -> Vec<(f64, f64)> {
    let values = r.map(|i| (i, ys[i]));
    match x {
        XAxis::Periods { .. } => values.flat_map(|(i, y)| [(i as f64, y), (i as f64 + 1.0, y)]).collect(),
        XAxis::Values { .. } => values.map(|(i, y)| (x.at(i), y)).collect(),
    }
}

/// The runs of points at which every one of `series` has a finite value:
/// a point without one breaks a curve or a band, which is not drawn across
/// it.
fn finite_runs(series: &[&Vec<f64>]) -> Vec<Range<usize>> {
    let n = series.iter().map(|s| s.len()).min().unwrap_or(0);
    let ok = |i: usize| series.iter().all(|s| s[i].is_finite());
    let mut runs = Vec::new();
    let mut start = None;
    for i in 0..=n {
        match (start, i < n && ok(i)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    runs
}

fn series<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, c: &SeriesChart, font: &str) -> Result<(), PlotError> {
    let n = c.x.len();
    let (x0, x1, keys) = match &c.x {
        XAxis::Periods { .. } => (0.0, n.max(1) as f64, period_ticks(n)),
        XAxis::Values { values, .. } => {
            let lo = values.first().copied().unwrap_or(0.0);
            let hi = values.last().copied().unwrap_or(1.0);
            let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, lo + 0.5) };
            (lo, hi, value_ticks(lo, hi, values))
        }
    };
    let (y0, y1) = y_range(&c.y, c.layers.iter().flat_map(Layer::values));
    let mut ch = ChartBuilder::on(area)
        .caption(&c.title, (font, 24))
        .margin(14)
        .x_label_area_size(52)
        .y_label_area_size(78)
        .build_cartesian_2d(KeyedAxis { lo: x0, hi: x1, keys }, y0..y1)
        .map_err(err)?;
    let x_fmt = |x: &f64| match &c.x {
        XAxis::Periods { starts, .. } => starts.get(x.round() as usize).cloned().unwrap_or_default(),
        XAxis::Values { .. } => number(*x),
    };
    let y_fmt = |y: &f64| tick(*y, c.y.ticks);
    let x_desc = match &c.x {
        XAxis::Periods { label, .. } | XAxis::Values { label, .. } => label.clone(),
    };
    ch.configure_mesh()
        .x_desc(x_desc)
        .y_desc(c.y.label.clone())
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .y_labels(8)
        .label_style((font, 14))
        .axis_desc_style((font, 16))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(err)?;

    let curve = |ys: &[f64], r: &Range<usize>| curve(&c.x, ys, r.clone());
    for layer in &c.layers {
        match layer {
            Layer::Band { low, high, colour, opacity, .. } => {
                for r in finite_runs(&[low, high]) {
                    let mut pts = curve(low, &r);
                    pts.extend(curve(high, &r).into_iter().rev());
                    let fill = rgb(*colour).mix(*opacity).filled();
                    ch.draw_series(std::iter::once(Polygon::new(pts, fill))).map_err(err)?;
                }
            }
            Layer::Line { y, colour, dashed, .. } => {
                let style = rgb(*colour).stroke_width(3);
                for r in finite_runs(&[y]) {
                    if *dashed {
                        ch.draw_series(DashedLineSeries::new(curve(y, &r), 9, 6, style)).map_err(err)?;
                    } else {
                        ch.draw_series(LineSeries::new(curve(y, &r), style)).map_err(err)?;
                    }
                }
            }
            Layer::Reference { y, colour, .. } => {
                let style = rgb(*colour).stroke_width(2);
                ch.draw_series(DashedLineSeries::new(vec![(x0, *y), (x1, *y)], 10, 6, style)).map_err(err)?;
            }
            Layer::Mark { x, colour, .. } => {
                let style = rgb(*colour).stroke_width(2);
                ch.draw_series(DashedLineSeries::new(vec![(*x, y0), (*x, y1)], 10, 6, style)).map_err(err)?;
            }
        }
    }
    Ok(())
}

fn distribution<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &DistributionChart,
    font: &str,
) -> Result<(), PlotError> {
    let total = c.total();
    if c.buckets.is_empty() || total <= 0.0 {
        let title = TextStyle::from((font, 24).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
        let (w, h) = area.dim_in_pixel();
        area.draw(&Text::new(c.title.clone(), (w as i32 / 2, 14), title)).map_err(err)?;
        let note = TextStyle::from((font, 18).into_font()).pos(Pos::new(HPos::Center, VPos::Center));
        area.draw(&Text::new(c.empty_note.clone(), (w as i32 / 2, h as i32 / 2), note)).map_err(err)?;
        return Ok(());
    }
    let first = c.buckets[0];
    let last = c.buckets[c.buckets.len() - 1];
    let width = first.upper - first.lower;
    // The tail bar stands apart, one bucket past the end.
    let tail_bar = c.tail.as_ref().map(|(_, n)| (last.upper + 0.5 * width, last.upper + 1.5 * width, *n));
    let x1 = tail_bar.map_or(last.upper, |t| t.1 + 0.5 * width);
    // One bar far above the rest (typically the chats answered at once)
    // would flatten them all: its bar is cut at the top of the axis, with a
    // gap to show the cut, and its height written beside it.
    let mut shares: Vec<f64> = c.buckets.iter().map(|b| b.count).chain(tail_bar.map(|t| t.2)).collect();
    shares.iter_mut().for_each(|s| *s /= total);
    shares.sort_by(|a, b| b.total_cmp(a));
    let (top, second) = (shares[0], shares.get(1).copied().unwrap_or(0.0));
    let y_top = if second > 0.0 && top > 3.0 * second { second * 1.6 } else { top * 1.1 };
    let y_top = y_top.max(1e-6);
    let mut ch = ChartBuilder::on(area)
        .caption(&c.title, (font, 24))
        .margin(14)
        .x_label_area_size(52)
        .y_label_area_size(78)
        .right_y_label_area_size(78)
        .build_cartesian_2d(first.lower..x1, 0.0..y_top)
        .map_err(err)?
        .set_secondary_coord(first.lower..x1, 0.0..1.0);
    let x_fmt = |x: &f64| if *x > last.upper + 1e-9 * width { String::new() } else { number(*x) };
    let pct = |y: &f64| tick(*y, Ticks::Percent);
    ch.configure_mesh()
        .x_desc(c.x_label.clone())
        .y_desc(c.y_label.clone())
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&pct)
        .x_labels(12)
        .label_style((font, 14))
        .axis_desc_style((font, 16))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(err)?;
    ch.configure_secondary_axes()
        .y_desc(c.cdf_label.clone())
        .y_label_formatter(&pct)
        .label_style((font, 14))
        .axis_desc_style((font, 16))
        .draw()
        .map_err(err)?;
    let blue = rgb(palette::BLUE);
    let mut bars: Vec<(f64, f64, f64, RGBAColor)> =
        c.buckets.iter().map(|b| (b.lower, b.upper, b.count / total, blue.mix(BAR_OPACITY))).collect();
    if let Some((lo, hi, n)) = tail_bar {
        bars.push((lo, hi, n / total, rgb(palette::ORANGE).mix(TAIL_OPACITY)));
    }
    ch.draw_series(
        bars.iter()
            .map(|&(lo, hi, share, colour)| Rectangle::new([(lo, 0.0), (hi, share.min(y_top))], colour.filled())),
    )
    .map_err(err)?;
    let cut: Vec<_> = bars.iter().filter(|b| b.2 > y_top).collect();
    ch.draw_series(
        cut.iter().map(|&&(lo, hi, ..)| Rectangle::new([(lo, y_top * 0.90), (hi, y_top * 0.93)], WHITE.filled())),
    )
    .map_err(err)?;
    let label = TextStyle::from((font, 15).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    ch.draw_series(cut.iter().map(|&&(lo, hi, share, _)| {
        let text = tick((share * 1000.0).round() / 1000.0, Ticks::Percent);
        Text::new(text, (hi + 0.3 * (hi - lo), y_top * 0.95), label.clone())
    }))
    .map_err(err)?;
    let mut cum = 0.0;
    let mut pts = vec![(first.lower, 0.0)];
    for b in &c.buckets {
        cum += b.count;
        pts.push((b.upper, cum / total));
    }
    let black = palette::BLACK;
    ch.draw_secondary_series(LineSeries::new(pts, rgb(black).stroke_width(3))).map_err(err)?;
    for m in &c.markers {
        let style = rgb(m.colour).stroke_width(3);
        ch.draw_secondary_series(DashedLineSeries::new(vec![(m.x, 0.0), (m.x, 1.0)], 10, 6, style)).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(-2500.0), "-2,500");
        assert_eq!(number(30.0), "30");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(tick(0.8, Ticks::Percent), "80%");
        assert_eq!(tick(0.125, Ticks::Percent), "12.5%");
    }

    #[test]
    fn a_point_without_a_value_breaks_a_curve() {
        let (a, b) = (vec![1.0, f64::NAN, 2.0, 3.0, f64::NAN], vec![1.0, 1.0, 2.0, f64::NAN, 1.0]);
        assert_eq!(finite_runs(&[&a]), vec![0..1, 2..4]);
        assert_eq!(finite_runs(&[&a, &b]), vec![0..1, 2..3]);
        assert!(finite_runs(&[&vec![f64::NAN]]).is_empty());
    }

    #[test]
    fn period_ticks_stay_few() {
        assert_eq!(period_ticks(36), (0..36).step_by(6).map(|i| i as f64).collect::<Vec<_>>());
        assert_eq!(period_ticks(5).len(), 5);
        assert!(period_ticks(100_000).len() <= 9);
    }
}
