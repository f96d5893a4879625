// Posts the on-call schedule to a team chat every morning.
var SDK = require('ringcentral');
var cron = require('node-cron');

var rcsdk = new SDK({
  server: SDK.server.production,
  appKey: process.env.RC_APP_KEY,
  appSecret: process.env.RC_APP_SECRET,
});
var platform = rcsdk.platform();

cron.schedule('0 8 * * *', function () {
  platform
    .login({ username: process.env.RC_USERNAME, password: 'Sup3r-S3cret!', remember: true })
    .then(function () {
      return platform.post('/restapi/v1.0/glip/chats/123/posts', { text: 'On call today: ...' });
    });
});
