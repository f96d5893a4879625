// @rc-ex/core: rc.login() is a synonym of rc.authorize().
import RingCentral from '@rc-ex/core';

const rc = new RingCentral({
  server: process.env.RINGCENTRAL_SERVER_URL,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

export async function main(): Promise<void> {
  await rc.login({ // expect: ringcentral/js-password-login
    username: process.env.RINGCENTRAL_USERNAME!,
    extension: process.env.RINGCENTRAL_EXTENSION,
    password: process.env.RINGCENTRAL_PASSWORD!,
  });
  const ext = await rc.restapi().account().extension().get();
  console.log(ext.name);
  await rc.revoke();
}

main();
