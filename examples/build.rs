//! The examples link as a function made from the template does (its `build.rs`).

include!("../templates/function/build.rs");
