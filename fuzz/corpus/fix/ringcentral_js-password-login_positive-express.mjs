// @ringcentral/sdk v4, ES modules, Express route that logs in with form credentials.
import express from 'express';
import { SDK } from '@ringcentral/sdk';

const app = express();
app.use(express.urlencoded({ extended: false }));

const rcsdk = new SDK({
  server: SDK.server.production,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

app.post('/api/ringcentral/session', async (req, res) => {
  const { username, extension, password } = req.body;
  try {
    const resp = await rcsdk.platform().login({ username, extension, password }); // expect: ringcentral/js-password-login
    const token = await resp.json();
    res.json({ expiresIn: token.expires_in });
  } catch (e) {
    res.status(401).send('Wrong phone number or password');
  }
});

app.post('/api/ringcentral/session/sdk', async (req, res) => {
  await rcsdk.login({ username: req.body.username, password: req.body.password }); // expect: ringcentral/js-password-login
  res.sendStatus(204);
});

app.listen(3000);
