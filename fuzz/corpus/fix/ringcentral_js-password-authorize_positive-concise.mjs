// tylerlong/ringcentral-js-concise: any authorize() call without `code` is a password grant.
import dotenv from 'dotenv';
import express from 'express';
import RingCentral from 'ringcentral-js-concise';

dotenv.config();

const rc = new RingCentral(
  process.env.RINGCENTRAL_CLIENT_ID,
  process.env.RINGCENTRAL_CLIENT_SECRET,
  process.env.RINGCENTRAL_SERVER_URL,
);

const app = express();
app.use(express.json());

app.post('/connect', async (req, res) => {
  const { username, extension, password } = req.body;
  await rc.authorize({ username, extension, password }); // expect: ringcentral/js-password-authorize
  res.json(rc.token());
});

(async () => {
  await rc.authorize({ // expect: ringcentral/js-password-authorize
    username: process.env.RINGCENTRAL_USERNAME,
    extension: process.env.RINGCENTRAL_EXTENSION,
    password: process.env.RINGCENTRAL_PASSWORD,
  });
  const r = await rc.get('/restapi/v1.0/account/~/extension/~');
  console.log(r.data.name);

  await rc.authorize({ username: '16501112222', extension: '101', password: 'S3cr3t!' }, { access_token_ttl: 3600 }); // expect: ringcentral/js-password-authorize
  app.listen(3000);
})();
