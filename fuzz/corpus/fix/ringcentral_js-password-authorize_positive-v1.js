// npm "rcsdk" v1.x (global RCSDK in the browser build).
var RCSDK = require('rcsdk');

var rcsdk = new RCSDK({
  server: RCSDK.server.sandbox,
  appKey: process.env.RC_APP_KEY,
  appSecret: process.env.RC_APP_SECRET,
});
var platform = rcsdk.getPlatform();

platform.authorize({ // expect: ringcentral/js-password-authorize
  username: process.env.RC_USERNAME,
  extension: process.env.RC_EXTENSION,
  password: process.env.RC_PASSWORD,
  remember: true,
}).then(function (ajax) {
  console.log('Authorized', ajax.data.owner_id);
}).catch(function (e) {
  console.error('Auth error', e.message);
});

function login(username, extension, password) {
  return platform.authorize({ username, extension, password, remember: true }); // expect: ringcentral/js-password-authorize
}

function reauthorize(user) {
  return rcsdk.getPlatform().authorize({ username: user.phone, extension: user.ext, password: user.pass }); // expect: ringcentral/js-password-authorize
}

module.exports = { login, reauthorize };
