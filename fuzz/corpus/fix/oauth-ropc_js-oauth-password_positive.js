// Node OAuth clients asking for the password grant.
const { ResourceOwnerPassword } = require('simple-oauth2');
const simpleOauth2 = require('simple-oauth2');
const ClientOAuth2 = require('client-oauth2');
const { OAuth2Client } = require('@badgateway/oauth2-client');

const config = { client: { id: 'id', secret: 'secret' }, auth: { tokenHost: 'https://id.example.org' } };

async function v4() {
  const client = new ResourceOwnerPassword(config); // expect: oauth-ropc/js-oauth-password
  return client.getToken({ username: 'alice', password: 'S3cr3t!', scope: 'read' });
}

async function v2() {
  const oauth2 = simpleOauth2.create(config);
  return oauth2.ownerPassword.getToken({ username: 'alice', password: 'hunter2' }); // expect: oauth-ropc/js-oauth-password
}

function v0(oauth2, cb) {
  oauth2.password.getToken({ username: 'alice', password: process.env.IDP_PASSWORD }, cb); // expect: oauth-ropc/js-oauth-password
}

async function clientOauth2() {
  const auth = new ClientOAuth2({ clientId: 'id', accessTokenUri: 'https://id.example.org/token' });
  return auth.owner.getToken('alice', process.env.IDP_PASSWORD); // expect: oauth-ropc/js-oauth-password
}

async function badgateway() {
  const client = new OAuth2Client({ server: 'https://id.example.org/', clientId: 'id', tokenEndpoint: '/token' });
  return client.password({ username: 'alice', password: process.env.IDP_PASSWORD }); // expect: oauth-ropc/js-oauth-password
}

module.exports = { v4, v2, v0, clientOauth2, badgateway };
