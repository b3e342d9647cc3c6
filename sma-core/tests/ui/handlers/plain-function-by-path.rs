use sma_core::prelude::*;

mod calls {
    use sma_core::prelude::*;

    pub async fn forgotten(call: Call) -> Actions {
        call.hang_up_all()
    }
}

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn main() {
    let _ = handlers![greet, calls::forgotten];
}
