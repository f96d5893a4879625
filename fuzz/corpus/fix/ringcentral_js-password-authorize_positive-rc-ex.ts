// @rc-ex/core (ringcentral-extensible) up to 1.6.x: password flow through authorize().
import RingCentral from '@rc-ex/core';

const rc = new RingCentral({
  server: process.env.RINGCENTRAL_SERVER_URL,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

export async function createClient(): Promise<RingCentral> {
  await rc.authorize({ // expect: ringcentral/js-password-authorize
    username: process.env.RINGCENTRAL_USERNAME!,
    extension: process.env.RINGCENTRAL_EXTENSION,
    password: process.env.RINGCENTRAL_PASSWORD!,
  });
  return rc;
}

export async function createSecondClient(): Promise<RingCentral> {
  const rc2 = new RingCentral({
    server: process.env.RINGCENTRAL_SERVER_URL,
    clientId: process.env.RINGCENTRAL_CLIENT_ID,
    clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
  });
  const username = process.env.RINGCENTRAL_USERNAME2!;
  const extension = process.env.RINGCENTRAL_EXTENSION2;
  const password = process.env.RINGCENTRAL_PASSWORD2!;
  await rc2.authorize({ username, extension, password }); // expect: ringcentral/js-password-authorize
  return rc2;
}

describe('extension info', () => {
  beforeAll(async () => {
    await rc.authorize({ username: '16501112222', extension: '101', password: 'hunter2' }); // expect: ringcentral/js-password-authorize
  });

  test('get', async () => {
    const ext = await rc.restapi().account().extension().get();
    expect(ext.id).toBeDefined();
  });
});
