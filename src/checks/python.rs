//! Python: the `ringcentral` SDK (`platform.login`, legacy `authorize`) and `ringcentral_client`.

use super::CheckDef;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[];
