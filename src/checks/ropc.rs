//! Generic OAuth 2.0 ROPC library calls (MSAL, requests-oauthlib, Authlib, simple-oauth2, league, Spring, x/oauth2, IdentityModel, Ruby oauth2).

use super::CheckDef;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[];
