//! C#: `RingCentral.Net` / `RingCentral.Client` `Authorize` by arity, `GetTokenRequest` initialisers, legacy `RingCentralSDK`.

use super::CheckDef;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[];
