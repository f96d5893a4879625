//! Go: goauth / go-ringcentral-client password constructors, `GetTokenRequest{GrantType: "password"}`, legacy `rcsdk`.

use super::CheckDef;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[];
