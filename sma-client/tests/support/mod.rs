//! Helpers shared by the client's tests.

pub(crate) mod chime_stub;
