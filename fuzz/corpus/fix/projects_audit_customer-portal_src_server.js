// Customer portal: agents sign in with their RingCentral phone number and password.
const express = require('express');
const { SDK } = require('@ringcentral/sdk');

const app = express();
app.use(express.urlencoded({ extended: false }));

const rcsdk = new SDK({
  server: SDK.server.production,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

app.post('/signin', async (req, res) => {
  if (!req.body.phone) return res.status(400).send('phone number required');
  await rcsdk.platform().login({ username: req.body.phone, extension: req.body.ext, password: req.body.password });
  res.redirect('/dashboard');
});

app.listen(3000);
