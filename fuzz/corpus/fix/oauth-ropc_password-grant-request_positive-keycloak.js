// Keycloak tokens for a chat bridge bot. The IRC_* / DRONE_NETRC_* names are look-alikes, not provider context.
const axios = require('axios');
const qs = require('querystring');

const KEYCLOAK_URL = process.env.KEYCLOAK_URL || 'https://sso.example.org';
const REALM = process.env.KEYCLOAK_REALM || 'master';
const TOKEN_URL = `${KEYCLOAK_URL}/realms/${REALM}/protocol/openid-connect/token`;

async function getAdminToken() {
  const { data } = await axios.post(
    TOKEN_URL,
    new URLSearchParams({
      grant_type: 'password', // expect: oauth-ropc/password-grant-request
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN,
      password: process.env.KEYCLOAK_ADMIN_PASSWORD,
    }),
  );
  return data.access_token;
}

async function getBridgeToken() {
  const body = 'grant_type=password&username=' + encodeURIComponent(process.env.IRC_USERNAME) + '&password=' + encodeURIComponent(process.env.IRC_PASSWORD); // expect: oauth-ropc/password-grant-request
  const res = await fetch(TOKEN_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  return (await res.json()).access_token;
}

async function getCiToken() {
  const params = new URLSearchParams();
  params.append('grant_type', 'password'); // expect: oauth-ropc/password-grant-request
  params.append('client_id', 'ci');
  params.append('username', process.env.DRONE_NETRC_USERNAME);
  params.append('password', process.env.DRONE_NETRC_PASSWORD);
  const { data } = await axios.post(TOKEN_URL, params);
  return data.access_token;
}

function legacyBody(u, p) {
  return qs.stringify({ grant_type: 'password', client_id: 'legacy-app', username: u, password: p }); // expect: oauth-ropc/password-grant-request
}

module.exports = { getAdminToken, getBridgeToken, getCiToken, legacyBody };
