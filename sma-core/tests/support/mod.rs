//! Shared by the test files of `sma-core`.

pub(crate) mod check;
