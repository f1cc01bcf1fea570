//! The benchmark workloads of issue 9, as peakplan scenarios:
//!
//! * **W1** (`w1.toml`): stationary M/M/110+M, 2,000 arrivals/h, exponential
//!   handling (mean 180 s) and patience (mean 300 s), 36 h from empty;
//! * **W2** (`w2.toml`): W1 with the Double 11 hourly shape and
//!   `ceil(rate × 180/3600 × 1.1) + 3` agents in one-hour shifts;
//! * the **default** scenario (`scenarios/double11.toml`, the whole pipeline);
//! * the **large brand** (`scenarios/large-brand.toml`): about 300,000 chats
//!   and 1,000,000 orders per replication.

#![allow(dead_code)]

use peakplan::Scenario;

/// W1 as scenario text.
pub const W1_TOML: &str = include_str!("w1.toml");
/// W2 as scenario text.
pub const W2_TOML: &str = include_str!("w2.toml");
/// The large brand as scenario text.
pub const LARGE_BRAND_TOML: &str = include_str!("../../scenarios/large-brand.toml");

/// W1.
pub fn w1() -> Scenario {
    Scenario::from_toml(W1_TOML, "benches/workloads/w1.toml").expect("W1 is valid")
}

/// W2.
pub fn w2() -> Scenario {
    Scenario::from_toml(W2_TOML, "benches/workloads/w2.toml").expect("W2 is valid")
}

/// The large brand.
pub fn large_brand() -> Scenario {
    Scenario::from_toml(LARGE_BRAND_TOML, "scenarios/large-brand.toml").expect("the large brand is valid")
}
