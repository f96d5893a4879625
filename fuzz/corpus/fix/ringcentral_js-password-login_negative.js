// Migrated app: JWT and auth-code logins only.
require('dotenv').config();
const express = require('express');
const { SDK } = require('@ringcentral/sdk');

const rcsdk = new SDK({
  server: SDK.server.production,
  clientId: process.env.RC_CLIENT_ID,
  clientSecret: process.env.RC_CLIENT_SECRET,
  redirectUri: process.env.RC_REDIRECT_URL,
});
const platform = rcsdk.platform();
const app = express();

async function loginJwt() {
  await platform.login({ jwt: process.env.RC_JWT });
}

async function loginJwtShorthand(jwt) {
  await platform.login({ jwt });
}

async function loginJwtQuoted() {
  await rcsdk.login({ 'jwt': process.env.RC_USER_JWT });
}

app.get('/', (req, res) => {
  const url = platform.loginUrl({ redirectUri: process.env.RC_REDIRECT_URL, usePKCE: true, state: 'xyz' });
  req.app.locals.codeVerifier = platform.codeVerifier;
  res.redirect(url);
});

app.get('/oauth2callback', async (req, res) => {
  await platform.login({ code: req.query.code, redirectUri: process.env.RC_REDIRECT_URL });
  res.redirect('/dashboard');
});

async function exchange(code, redirect_uri, code_verifier) {
  await platform.login({ code, redirect_uri, code_verifier });
}

async function exchangeShort(code, redirect_uri) {
  return platform.login({ code, redirect_uri });
}

async function restoreSession(token) {
  await platform.login({ access_token: token, token_type: 'bearer' });
}

setInterval(() => platform.refresh(), 50 * 60 * 1000);

// Old code: platform.login({ username, extension, password }) with RC_USERNAME / RC_PASSWORD. Removed.
console.log('Enter your password on the RingCentral sign-in page, not in this app.');
const warning = 'Username/password authentication is deprecated. Please migrate to the JWT grant type.';

module.exports = { app, loginJwt, loginJwtShorthand, loginJwtQuoted, exchange, exchangeShort, restoreSession, warning };
