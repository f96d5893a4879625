// RingCentral token requests that are NOT the password grant.
const axios = require('axios');
const qs = require('qs');

const TOKEN_URL = 'https://platform.ringcentral.com/restapi/oauth/token';
const auth = { username: process.env.RC_CLIENT_ID, password: process.env.RC_CLIENT_SECRET };

async function tokenWithJwt() {
  const res = await axios.post(TOKEN_URL, qs.stringify({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: process.env.RC_JWT,
  }), { auth });
  return res.data;
}

function jwtString(jwt) {
  return 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=' + encodeURIComponent(jwt);
}

function jwtTemplate(jwt) {
  return `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${jwt}`;
}

function authCodeForm(code, redirectUri, codeVerifier) {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier });
}

function refreshForm(refreshToken) {
  const params = new URLSearchParams();
  params.append('grant_type', 'refresh_token');
  params.append('refresh_token', refreshToken);
  return params;
}

function refreshString(refreshToken) {
  return 'grant_type=refresh_token&refresh_token=' + refreshToken;
}

function resetString(user) {
  return `grant_type=password_reset&user=${user}`;
}

function passwordlessForm(email) {
  return new URLSearchParams([['grant_type', 'passwordless'], ['email', email]]);
}

function clientCredentialsForm() {
  return { grant_type: 'client_credentials', client_id: process.env.RC_CLIENT_ID };
}

function privateKeyJwt(code, assertion) {
  return qs.stringify({
    grant_type: 'authorization_code',
    code,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
}

// Before 2024 this sent grant_type=password&username=...&password=... (grant_type: 'password').
const note = 'The password grant type is no longer supported; use the JWT flow.';
const sipAuth = { username: process.env.SIP_INFO_USERNAME, password: process.env.SIP_INFO_PASSWORD };

module.exports = { tokenWithJwt, jwtString, jwtTemplate, authCodeForm, refreshForm, refreshString, resetString, passwordlessForm, clientCredentialsForm, privateKeyJwt, note, sipAuth };
