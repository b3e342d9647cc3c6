//! Procedural macros of `sma`; users reach them through `sma_core`.
