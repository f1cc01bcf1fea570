//! The integration tests: theory (Erlang C / Erlang A against simulation),
//! determinism, every shipped scenario, and the command line end to end.

mod cli;
mod common;
mod cost;
mod determinism;
mod dispatch;
mod docs;
mod erlang;
mod report;
mod scenarios;
mod shards;
mod sizing;
mod sizing_work;
mod theory;
