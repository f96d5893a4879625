// A generic identity provider: oauth-ropc/js-oauth-password's business, not RingCentral's.
const { ResourceOwnerPassword } = require('simple-oauth2');

const client = new ResourceOwnerPassword({
  client: { id: process.env.IDP_CLIENT_ID, secret: process.env.IDP_CLIENT_SECRET },
  auth: { tokenHost: 'https://id.example.org' },
});

module.exports = client;
