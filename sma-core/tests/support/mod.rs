//! Shared by the test files of `sma-core`.

pub(crate) mod buffer;
pub(crate) mod call_data;
pub(crate) mod check;
pub(crate) mod logs;
pub(crate) mod source;
