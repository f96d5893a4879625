//! Ruby: `ringcentral-sdk` keyword `authorize`, `ringcentral_sdk` `authorize_password` and block configuration.

use super::CheckDef;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[];
