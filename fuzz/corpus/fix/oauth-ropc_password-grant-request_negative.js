// Keycloak / generic IdP calls with grants other than the password grant.
const axios = require('axios');

const TOKEN_URL = 'https://sso.example.org/realms/master/protocol/openid-connect/token';

async function serviceAccountToken() {
  const { data } = await axios.post(TOKEN_URL, new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: process.env.KEYCLOAK_CLIENT_ID,
    client_secret: process.env.KEYCLOAK_CLIENT_SECRET,
  }));
  return data.access_token;
}

function codeExchange(code, redirectUri) {
  return new URLSearchParams([['grant_type', 'authorization_code'], ['code', code], ['redirect_uri', redirectUri]]);
}

function jwtBearer(assertion) {
  return 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=' + assertion;
}

function refresh(token) {
  const params = new URLSearchParams();
  params.append('grant_type', 'refresh_token');
  params.append('refresh_token', token);
  return params;
}

// TODO: remove the old grant_type=password fallback (grant_type: 'password') once all clients migrated.
const hint = 'Enter your password';

module.exports = { serviceAccountToken, codeExchange, jwtBearer, refresh, hint };
