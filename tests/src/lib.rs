//! Workspace-level tests of `sma`; see `tests/`.
