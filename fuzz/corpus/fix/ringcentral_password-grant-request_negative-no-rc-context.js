// Keycloak admin token with the password grant. No telephony provider here.
// The generic oauth-ropc rule (off by default) reports it; the provider-specific rule must not.
const axios = require('axios');

const KEYCLOAK_URL = process.env.KEYCLOAK_URL || 'https://sso.example.org';
const REALM = process.env.KEYCLOAK_REALM || 'master';

async function getAdminToken() {
  const { data } = await axios.post(
    `${KEYCLOAK_URL}/realms/${REALM}/protocol/openid-connect/token`,
    new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN,
      password: process.env.KEYCLOAK_ADMIN_PASSWORD,
    }),
  );
  return data.access_token;
}

module.exports = { getAdminToken };
