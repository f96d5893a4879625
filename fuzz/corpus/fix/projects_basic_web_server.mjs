import express from 'express';
import { SDK } from '@ringcentral/sdk';

const app = express();
app.use(express.urlencoded({ extended: false }));

const rcsdk = new SDK({
  server: SDK.server.production,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

app.post('/session', async (req, res) => {
  const { username, extension, password } = req.body;
  await rcsdk.platform().login({ username, extension, password });
  res.sendStatus(204);
});

app.listen(3000);
