//! Chart descriptions: plain data saying what a chart shows (series, bands,
//! reference lines, histogram buckets), independent of any result type and
//! of plotters. Builders for `simulate`, and later `size` and `compare`, fill
//! them in; [`super::render`] draws them.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

/// The palette the charts share (colour-blind-safe Okabe–Ito hues).
pub mod palette {
    use super::Colour;
    /// Simulated figures.
    pub const BLUE: Colour = Colour(0, 114, 178);
    /// Forecasts and other inputs.
    pub const BLACK: Colour = Colour(40, 40, 40);
    /// Targets, caps and thresholds.
    pub const RED: Colour = Colour(213, 94, 0);
    /// A second simulated figure.
    pub const ORANGE: Colour = Colour(230, 159, 0);
    /// A third series.
    pub const GREEN: Colour = Colour(0, 158, 115);
    /// A fourth series.
    pub const SKY: Colour = Colour(86, 180, 233);
    /// A fifth series.
    pub const PURPLE: Colour = Colour(204, 121, 167);
    /// A sixth series.
    pub const YELLOW: Colour = Colour(240, 228, 66);
    /// Colours for series without a meaning of their own, in order.
    pub const CYCLE: [Colour; 6] = [BLUE, ORANGE, GREEN, SKY, PURPLE, YELLOW];
}

/// How numbers on an axis are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticks {
    /// Plain numbers.
    Number,
    /// Shares (0–1) written as percentages.
    Percent,
}

/// A value axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Description with the unit in brackets, e.g. `queue [chats]`.
    pub label: String,
    /// How tick values are written.
    pub ticks: Ticks,
    /// Fixed lower end; from the data when absent.
    pub min: Option<f64>,
    /// Fixed upper end; from the data (plus a margin) when absent.
    pub max: Option<f64>,
}

impl Axis {
    /// An axis starting at zero whose top follows the data.
    pub fn from_zero(label: impl Into<String>, ticks: Ticks) -> Self {
        Self { label: label.into(), ticks, min: Some(0.0), max: None }
    }

    /// A share axis from 0 to 100%.
    pub fn share(label: impl Into<String>) -> Self {
        Self { label: label.into(), ticks: Ticks::Percent, min: Some(0.0), max: Some(1.0) }
    }
}

/// The horizontal axis of a [`SeriesChart`].
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis {
    /// Consecutive periods named by their start labels; value `i` holds
    /// over period `i` (drawn as a step), ticks mark period starts.
    Periods {
        /// Description, e.g. `hour starting (Asia/Shanghai)`.
        label: String,
        /// One start label per period.
        starts: Vec<String>,
    },
    /// Numeric positions, e.g. headcounts; point `i` is at `values[i]`.
    Values {
        /// Description with the unit.
        label: String,
        /// One position per point, increasing.
        values: Vec<f64>,
    },
}

impl XAxis {
    /// Number of points.
    pub fn len(&self) -> usize {
        match self {
            XAxis::Periods { starts, .. } => starts.len(),
            XAxis::Values { values, .. } => values.len(),
        }
    }

    /// True without points.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Position of point `i` (the middle of period `i`).
    pub fn at(&self, i: usize) -> f64 {
        match self {
            XAxis::Periods { .. } => i as f64 + 0.5,
            XAxis::Values { values, .. } => values[i],
        }
    }
}

/// One layer of a [`SeriesChart`], drawn in order (later on top).
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    /// A filled band between two curves, e.g. p5–p95 across replications,
    /// or one group of a stack (`low` = the groups below).
    Band {
        /// Legend entry.
        label: String,
        /// Lower curve, one value per point.
        low: Vec<f64>,
        /// Upper curve, one value per point.
        high: Vec<f64>,
        /// Fill colour.
        colour: Colour,
        /// Fill opacity, 0–1.
        opacity: f64,
    },
    /// A curve.
    Line {
        /// Legend entry.
        label: String,
        /// One value per point.
        y: Vec<f64>,
        /// Colour.
        colour: Colour,
        /// Dashed rather than solid.
        dashed: bool,
    },
    /// A horizontal reference line across the chart, e.g. a target.
    Reference {
        /// Legend entry.
        label: String,
        /// Height.
        y: f64,
        /// Colour.
        colour: Colour,
    },
    /// A vertical line from the bottom to the top of the chart, e.g. a
    /// moment.
    Mark {
        /// Legend entry.
        label: String,
        /// Position on the horizontal axis (over periods: in periods from
        /// the first period's start).
        x: f64,
        /// Colour.
        colour: Colour,
    },
}

impl Layer {
    /// The values the layer spans vertically.
    pub fn values(&self) -> Vec<f64> {
        match self {
            Layer::Band { low, high, .. } => low.iter().chain(high).copied().collect(),
            Layer::Line { y, .. } => y.clone(),
            Layer::Reference { y, .. } => vec![*y],
            Layer::Mark { .. } => Vec::new(),
        }
    }
}

/// Curves and bands over periods or numeric positions.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesChart {
    /// Title.
    pub title: String,
    /// Horizontal axis.
    pub x: XAxis,
    /// Vertical axis.
    pub y: Axis,
    /// What is drawn, bottom layer first.
    pub layers: Vec<Layer>,
}

/// One bucket of a [`DistributionChart`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    /// Lower edge.
    pub lower: f64,
    /// Upper edge.
    pub upper: f64,
    /// Observations in the bucket.
    pub count: f64,
}

/// A vertical marker on a [`DistributionChart`], e.g. a threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Legend entry.
    pub label: String,
    /// Position.
    pub x: f64,
    /// Colour.
    pub colour: Colour,
}

/// A histogram (bars: share of observations per bucket) with its
/// cumulative distribution on a second axis.
#[derive(Debug, Clone, PartialEq)]
pub struct DistributionChart {
    /// Title.
    pub title: String,
    /// Horizontal axis description with the unit.
    pub x_label: String,
    /// Left axis description (share per bucket).
    pub y_label: String,
    /// Right axis description (cumulative share).
    pub cdf_label: String,
    /// Legend entry of the bars.
    pub bar_legend: String,
    /// Legend entry of the cumulative curve.
    pub cdf_legend: String,
    /// Equal-width buckets, in order, adjacent.
    pub buckets: Vec<Bucket>,
    /// Observations beyond the last bucket, drawn as one extra bar past the
    /// end with its own legend entry: (legend entry, count).
    pub tail: Option<(String, f64)>,
    /// Vertical markers.
    pub markers: Vec<Marker>,
    /// Text shown instead of bars when there is nothing to draw.
    pub empty_note: String,
}

impl DistributionChart {
    /// All observations, the tail included.
    pub fn total(&self) -> f64 {
        self.buckets.iter().map(|b| b.count).sum::<f64>() + self.tail.as_ref().map_or(0.0, |t| t.1)
    }
}

/// A chart to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Curves and bands.
    Series(SeriesChart),
    /// A histogram with its cumulative distribution.
    Distribution(DistributionChart),
}

impl Chart {
    /// Every piece of text the chart draws.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Chart::Series(c) => {
                let x = match &c.x {
                    XAxis::Periods { label, starts } => std::iter::once(label).chain(starts).collect::<Vec<_>>(),
                    XAxis::Values { label, .. } => vec![label],
                };
                let layers = c.layers.iter().map(|l| match l {
                    Layer::Band { label, .. }
                    | Layer::Line { label, .. }
                    | Layer::Reference { label, .. }
                    | Layer::Mark { label, .. } => label,
                });
                [&c.title, &c.y.label].into_iter().chain(x).chain(layers).map(String::as_str).collect()
            }
            Chart::Distribution(c) => {
                let fixed =
                    [&c.title, &c.x_label, &c.y_label, &c.cdf_label, &c.bar_legend, &c.cdf_legend, &c.empty_note];
                let tail = c.tail.iter().map(|t| &t.0);
                fixed.into_iter().chain(tail).chain(c.markers.iter().map(|m| &m.label)).map(String::as_str).collect()
            }
        }
    }

    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::Series(c) => &c.title,
            Chart::Distribution(c) => &c.title,
        }
    }
}
