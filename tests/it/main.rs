//! The integration tests: theory (Erlang C / Erlang A against simulation),
//! determinism, every shipped scenario, and the command line end to end.

mod actuals;
mod actuals_example;
mod actuals_extremes;
mod actuals_orders;
mod actuals_real_day;
mod actuals_row_order;
mod availability;
mod bad_input;
mod cli;
mod common;
mod cost;
mod demand;
mod determinism;
mod dispatch;
mod docs;
mod erlang;
mod extremes;
mod finance;
mod fuzz_cases;
mod golden;
mod limits;
mod output_hardening;
mod output_safety;
mod plan_file;
mod properties;
mod records;
mod replay_customers;
mod report;
mod scenarios;
mod shards;
mod shift_design;
mod sizing;
mod sizing_work;
mod source_rules;
mod theory;
