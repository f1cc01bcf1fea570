//! Plots: charts described as plain data ([`chart`]), built from a result
//! ([`simulation`] for `simulate`), drawn with plotters ([`draw`]) as SVG
//! text and PNG images.
//!
//! ```text
//! SimulationReport ─► simulation::plots ─► [Plot { name, Chart }] ─► render ─► SVG + PNG
//! ```
//!
//! Charts read only the result: every series a chart draws is a field of
//! the result (or a sum of fields), never recomputed from the simulation.
//! Text in charts is drawn with fonts compiled into the binary
//! (`assets/fonts/`), so images render the same on a machine without fonts:
//! DejaVu Sans, or for a chart with Chinese text a subset of Noto Sans CJK
//! SC ([`CJK_FAMILY`]; `scripts/make-cjk-font.sh` makes it). SVG charts name
//! the family; the Chinese HTML report embeds the font under that name.

pub mod chart;
pub mod compare;
pub mod draw;
pub mod intraday;
pub mod plan_vs_actual;
pub mod simulation;
pub mod sizing;

pub use chart::{Axis, Bucket, Chart, Colour, DistributionChart, Layer, Marker, SeriesChart, Ticks, XAxis};
pub use simulation::BandPoint;

use crate::report::i18n::Lang;
use plotters::prelude::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Once;

/// DejaVu Sans, the font of chart text without Chinese.
static FONT_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The Noto Sans CJK SC subset (OFL 1.1): Latin, the Chinese of every
/// label, and the 3,755 common characters of GB 2312 level 1.
pub static CJK_OTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-subset.otf");

/// The family name under which charts with Chinese text name
/// [`CJK_OTF`], in plotters and in SVG (the HTML report embeds the font
/// under this name).
pub const CJK_FAMILY: &str = "peakplan-sc";

/// The family of chart text without Chinese.
const LATIN_FAMILY: &str = "sans-serif";

/// The font family of `chart`: [`CJK_FAMILY`] when some of its text is
/// Chinese (or other text from U+2E80 on, which DejaVu Sans lacks).
pub fn family(chart: &Chart) -> &'static str {
    if chart.texts().iter().any(|t| t.chars().any(|c| c >= '\u{2E80}')) {
        CJK_FAMILY
    } else {
        LATIN_FAMILY
    }
}

/// `en` or `zh`, as `lang` asks: a chart's two texts written side by side.
pub fn say(lang: Lang, en: impl Into<String>, zh: impl Into<String>) -> String {
    match lang {
        Lang::En => en.into(),
        Lang::Zh => zh.into(),
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// plotters failed.
    #[error("cannot draw a chart: {0}")]
    Draw(String),
    /// The PNG image could not be encoded through a scratch file.
    #[error("cannot write a PNG chart through {0}: {1}")]
    Scratch(PathBuf, std::io::Error),
}

/// Registers the bundled fonts with plotters, once per process.
pub fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let latin = plotters::style::register_font(LATIN_FAMILY, FontStyle::Normal, FONT_TTF);
        let cjk = plotters::style::register_font(CJK_FAMILY, FontStyle::Normal, CJK_OTF);
        if latin.is_err() || cjk.is_err() {
            // The font is compiled in and parsed in tests: unreachable in a
            // built binary, and charts would then fail with a named error.
            eprintln!("warning: the bundled chart font could not be read");
        }
    });
}

/// A chart and the file name (without extension) it is written under.
#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    /// File stem, e.g. `service_level`.
    pub name: String,
    /// What to draw.
    pub chart: Chart,
}

/// A drawn chart.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// File stem.
    pub name: String,
    /// Title of the chart.
    pub title: String,
    /// The SVG document.
    pub svg: String,
    /// The PNG image, unless only SVG was asked for.
    pub png: Option<Vec<u8>>,
}

/// Draws `chart` as an SVG document.
pub fn svg(chart: &Chart) -> Result<String, PlotError> {
    register_font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (draw::WIDTH, draw::HEIGHT)).into_drawing_area();
        draw::draw(&root, chart)?;
        root.present().map_err(|e| PlotError::Draw(e.to_string()))?;
    }
    Ok(out)
}

/// Draws `chart` as a PNG image. plotters encodes PNG only into a file, so
/// the image passes through a private scratch folder that is removed after.
pub fn png(chart: &Chart) -> Result<Vec<u8>, PlotError> {
    let scratch = Scratch::new()?;
    png_in(chart, &scratch.0.join("chart.png"))
}

fn png_in(chart: &Chart, path: &Path) -> Result<Vec<u8>, PlotError> {
    register_font();
    {
        let root = BitMapBackend::new(path, (draw::WIDTH, draw::HEIGHT)).into_drawing_area();
        draw::draw(&root, chart)?;
        root.present().map_err(|e| PlotError::Draw(e.to_string()))?;
    }
    std::fs::read(path).map_err(|e| PlotError::Scratch(path.to_path_buf(), e))
}

/// Draws every plot as SVG and, with `with_png`, PNG; in parallel, results
/// in the order of `plots`.
pub fn render(plots: &[Plot], with_png: bool) -> Result<Vec<Rendered>, PlotError> {
    let scratch = if with_png { Some(Scratch::new()?) } else { None };
    plots
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let png = match &scratch {
                Some(dir) => Some(png_in(&p.chart, &dir.0.join(format!("{i}.png")))?),
                None => None,
            };
            Ok(Rendered { name: p.name.clone(), title: p.chart.title().to_string(), svg: svg(&p.chart)?, png })
        })
        .collect()
}

/// The drawn charts as files of a report folder: `plots/<name>.svg` and,
/// if drawn, `plots/<name>.png`.
pub fn files(rendered: &[Rendered]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for p in rendered {
        files.push((format!("plots/{}.svg", p.name), p.svg.clone().into_bytes()));
        if let Some(png) = &p.png {
            files.push((format!("plots/{}.png", p.name), png.clone()));
        }
    }
    files
}

/// A folder of its own under the system's temporary folder, removed when
/// dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self, PlotError> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mut last = None;
        for k in 0..100u32 {
            let dir = base.join(format!("peakplan-plots-{}-{nanos}-{k}", std::process::id()));
            // create_dir fails if the name exists: the folder is ours alone.
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(Self(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some((dir, e)),
                Err(e) => return Err(PlotError::Scratch(dir, e)),
            }
        }
        let (dir, e) = last.expect("the loop ran");
        Err(PlotError::Scratch(dir, e))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_parses() {
        assert!(plotters::style::register_font("peakplan-test", FontStyle::Normal, FONT_TTF).is_ok());
        assert!(plotters::style::register_font("peakplan-test-sc", FontStyle::Normal, CJK_OTF).is_ok());
    }
}
