//! What the workspace tests share.

pub(crate) mod flows;
pub(crate) mod runtime_api;
pub(crate) mod strategies;
