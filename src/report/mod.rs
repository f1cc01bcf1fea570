//! Renderers of a [`SimulationReport`](crate::result::SimulationReport):
//! each turns the plain result into one format and never reaches into the
//! simulation. [`folder`] and [`write`] put the files on disk.

pub mod actuals_text;
pub mod availability_text;
pub mod classes_html;
pub mod classes_text;
pub mod compare;
pub mod compare_html;
pub mod csv;
pub mod finite;
pub mod folder;
pub mod html;
pub mod html_plan;
pub mod i18n;
pub mod i18n_intraday;
pub mod i18n_pages;
pub mod interrupt;
pub mod intraday_csv;
pub mod intraday_html;
pub mod intraday_text;
pub mod json;
pub mod lock;
pub mod plan_vs_actual;
pub mod plots;
pub mod replay_check;
pub mod sizing_html;
pub mod sizing_text;
pub mod switch;
pub mod text;
pub mod write;
