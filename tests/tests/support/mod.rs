//! What the workspace tests share.

pub(crate) mod runtime_api;
