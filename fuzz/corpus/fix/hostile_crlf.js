// @ringcentral/sdk v4/v5, CommonJS (api-docs code-samples style before JWT).
require('dotenv').config();

const SDK = require('@ringcentral/sdk').SDK;

const rcsdk = new SDK({
  server: process.env.RC_SERVER_URL,
  clientId: process.env.RC_CLIENT_ID,
  clientSecret: process.env.RC_CLIENT_SECRET,
});
const platform = rcsdk.platform();

async function loginFromEnv() {
  await platform.login({ // expect: ringcentral/js-password-login
    username: process.env.RINGCENTRAL_USERNAME,
    extension: process.env.RINGCENTRAL_EXTENSION,
    password: process.env.RINGCENTRAL_PASSWORD,
  });
}

function loginShorthand(username, extension, password) {
  return platform.login({ username, extension, password }); // expect: ringcentral/js-password-login
}

function loginQuotedKeys() {
  return platform.login({ 'username': process.env.RC_USERNAME, 'password': process.env.RC_PASSWORD, 'extension': process.env.RC_EXTENSION }); // expect: ringcentral/js-password-login
}

function loginComputedKeys(user) {
  return platform.login({ ['username']: user.phone, ['password']: user.secret }); // expect: ringcentral/js-password-login
}

async function loginSpread() {
  const creds = {
    username: '18001234567',
    extension: '101',
    password: 'hunter2',
  };
  await platform.login({ ...creds }); // expect: ringcentral/js-password-login
}

async function loginWithOptionsObject() {
  const opts = { username: process.env.RC_USERNAME, password: 'S3cr3t!' };
  await platform.login(opts); // expect: ringcentral/js-password-login
}

function loginPromiseStyle() {
  platform
    .login({ username: '18001234567', password: 'password1' }) // expect: ringcentral/js-password-login
    .then((res) => res.json())
    .then((token) => console.log('logged in as', token.owner_id))
    .catch((e) => console.error(e.message));
}

async function loginWithEmptyJwt() {
  // RC_JWT was never set, so the SDK falls through to the password branch
  await platform.login({ jwt: '' }); // expect: ringcentral/js-password-login
}

async function loginWithNothing() {
  await platform.login(); // expect: ringcentral/js-password-login
}

// SDK shortcut, "Multi User Login" from the SDK README
const rcsdk1 = new SDK({ server: SDK.server.production, clientId: process.env.RC_CLIENT_ID, clientSecret: process.env.RC_CLIENT_SECRET });
rcsdk1.login({ username: '18001234567', extension: '101', password: 'password1' }); // expect: ringcentral/js-password-login

rcsdk.platform().login({ username: process.env.RC_USERNAME, password: process.env.RC_PASSWORD }); // expect: ringcentral/js-password-login

rcsdk
  .platform()
  .login({ // expect: ringcentral/js-password-login
    username: process.env.RC_USERNAME,
    extension: process.env.RC_EXTENSION,
    password: process.env.RC_PASSWORD,
  })
  .then(() => console.log('ready'));

// Already migrated call in the same file: silent
async function loginJwt() {
  await platform.login({ jwt: process.env.RC_JWT });
}

module.exports = {
  loginFromEnv,
  loginShorthand,
  loginQuotedKeys,
  loginComputedKeys,
  loginSpread,
  loginWithOptionsObject,
  loginPromiseStyle,
  loginWithEmptyJwt,
  loginWithNothing,
  loginJwt,
};
