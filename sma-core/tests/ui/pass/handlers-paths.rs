//! Handlers named by path, two of them with the same name in different modules, and the same
//! handler table built twice in one scope.
use sma_core::prelude::*;

mod inbound {
    use sma_core::prelude::*;

    #[on(Hangup)]
    pub async fn hangup(call: Call) -> Actions {
        call.hang_up_all()
    }
}

mod bridged {
    use sma_core::prelude::*;

    #[on(Hangup, leg = "LEG-B")]
    pub async fn hangup(call: Call) -> Actions {
        call.hang_up_all()
    }
}

#[on(NewInboundCall)]
async fn greet(call: Call) -> sma_core::action::Hangup {
    call.leg_a().hangup()
}

fn main() {
    let a = handlers![greet, inbound::hangup, self::bridged::hangup];
    let b = handlers![crate::greet];
    assert_eq!((a.len(), b.len()), (3, 1));
    assert_eq!(handlers![].len(), 0);
}
