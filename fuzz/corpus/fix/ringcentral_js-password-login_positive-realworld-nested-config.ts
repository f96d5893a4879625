// Reduced from ringcentral-client@1.0.0-rc1 (and 1.0.0-beta.1) `test/tests.ts` and
// `test/url-segments-test.ts`: the login options are a nested property of a config object,
// `platform().login(config.user)`. In the package `config` comes from another module, typed
// `user: { username: string; extension: string; password: string }`, which is out of reach for a
// one-file analysis; here the same config is a local object literal, which can be resolved.
import * as RingCentral from 'ringcentral';
import Client from 'ringcentral-client';

const config = {
  app: { server: 'https://platform.devtest.ringcentral.com', appKey: 'app-key', appSecret: 'app-secret' },
  user: { username: '18881234567', extension: '101', password: process.env.RC_PASSWORD },
};

let client: Client;

before(function () {
  client = new Client(new RingCentral(config.app));
  return client.service.platform().login(config.user); // expect: ringcentral/js-password-login
});
