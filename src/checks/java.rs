//! Java: `com.ringcentral.RestClient.authorize` by arity, `GetTokenRequest` builders, legacy Android SDK.

use super::CheckDef;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[];
