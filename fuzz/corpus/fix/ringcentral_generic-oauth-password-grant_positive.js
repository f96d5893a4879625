// simple-oauth2 and client-oauth2 pointed at RingCentral.
const { ResourceOwnerPassword } = require('simple-oauth2');
const ClientOAuth2 = require('client-oauth2');

const config = {
  client: { id: process.env.RC_CLIENT_ID, secret: process.env.RC_CLIENT_SECRET },
  auth: { tokenHost: 'https://platform.ringcentral.com', tokenPath: '/restapi/oauth/token' },
};

async function viaSimpleOauth2() {
  const client = new ResourceOwnerPassword(config); // expect: ringcentral/generic-oauth-password-grant
  return client.getToken({ username: process.env.RC_USERNAME, password: process.env.RC_PASSWORD });
}

async function viaClientOauth2() {
  const auth = new ClientOAuth2({ clientId: process.env.RC_CLIENT_ID, accessTokenUri: 'https://platform.ringcentral.com/restapi/oauth/token' });
  return auth.owner.getToken(process.env.RC_USERNAME, 'S3cr3t!'); // expect: ringcentral/generic-oauth-password-grant
}

module.exports = { viaSimpleOauth2, viaClientOauth2 };
