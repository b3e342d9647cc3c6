// Application state is shared by concurrent invocations: an `Rc` (or a `RefCell`) cannot be.
use sma_core::prelude::*;

fn main() {
    let visits = std::rc::Rc::new(std::cell::RefCell::new(0u32));
    let _app = App::new(handlers![]).state(visits);
}
