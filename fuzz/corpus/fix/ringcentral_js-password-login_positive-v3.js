// npm "ringcentral" v2/v3 (appKey/appSecret), Express app.
var express = require('express');
var bodyParser = require('body-parser');
var SDK = require('ringcentral');

var rcsdk = new SDK({
  server: SDK.server.sandbox,
  appKey: process.env.RC_APP_KEY,
  appSecret: process.env.RC_APP_SECRET,
});
var platform = rcsdk.platform();

var app = express();
app.use(bodyParser.json());

app.post('/login', function (req, res) {
  rcsdk.platform()
    .login({ // expect: ringcentral/js-password-login
      username: req.body.username,
      extension: req.body.extension,
      password: req.body.password,
      remember: true,
    })
    .then(function () {
      res.json({ ok: true });
    })
    .catch(function (e) {
      res.status(401).json({ error: e.message });
    });
});

function bootstrap() {
  return platform.login({ username: '+16505551212', extension: '', password: 'hunter2', accessTokenTtl: 3600 }).then(function (response) { // expect: ringcentral/js-password-login
    console.log('Token expires in', response.json().expires_in);
  });
}

bootstrap().then(function () {
  app.listen(process.env.PORT || 3000);
});
