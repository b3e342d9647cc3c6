//! The sizes the event reader's allocations depend on.

use sma_core::event::ActionData;

/// glibc serves allocations of up to 1,032 bytes from a per-thread cache (its `tcache`); a
/// larger one goes through the general allocator, on `malloc` and again on `free`. The
/// `ActionData` of every event that refers to an action is read into a box of its own, so it
/// stays within that size: a rare, large result (the Lex `IntentResult`) is boxed inside it.
#[test]
fn an_action_data_box_is_served_by_the_per_thread_cache() {
    let size = std::mem::size_of::<ActionData>();
    assert!(size <= 1032, "ActionData is {size} bytes, past glibc's per-thread cache (1,032)");
}
