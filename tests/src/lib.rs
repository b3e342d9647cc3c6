//! Workspace-level tests of `sma`; see `tests/`. The library holds what the tests share.

pub mod invariants;
pub mod log_leaks;
pub mod normalize;
pub mod spec_limits;
