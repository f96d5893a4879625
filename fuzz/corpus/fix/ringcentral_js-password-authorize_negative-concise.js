// ringcentral-js-concise, auth-code flow only.
const express = require('express');
const RingCentral = require('ringcentral-js-concise').default;

const rc = new RingCentral(
  process.env.RINGCENTRAL_CLIENT_ID,
  process.env.RINGCENTRAL_CLIENT_SECRET,
  RingCentral.PRODUCTION_SERVER,
);
const redirectUri = process.env.RINGCENTRAL_REDIRECT_URL;

const app = express();

app.get('/', (req, res) => {
  res.redirect(rc.authorizeUri(redirectUri, { state: 'hello' }));
});

app.get('/callback', async (req, res) => {
  await rc.authorize({ code: req.query.code, redirectUri });
  res.send('Authorized');
});

app.get('/callback2', async (req, res) => {
  const { code } = req.query;
  await rc.authorize({ code, redirectUri: redirectUri });
  res.send('Authorized again');
});

module.exports = app;
