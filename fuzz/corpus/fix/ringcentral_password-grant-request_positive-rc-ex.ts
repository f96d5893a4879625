// @rc-ex/core low-level token calls with an explicit grant_type.
import RingCentral from '@rc-ex/core';

const rc = new RingCentral({
  server: process.env.RINGCENTRAL_SERVER_URL,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

export async function getTokenDirect(username: string, extension: string, password: string) {
  return rc.getToken({
    grant_type: 'password', // expect: ringcentral/password-grant-request
    username,
    extension,
    password,
  });
}

export async function postTokenEndpoint(): Promise<void> {
  const token = await rc.restapi(null).oauth().token().post({ grant_type: 'password', username: process.env.RINGCENTRAL_USERNAME!, password: process.env.RINGCENTRAL_PASSWORD! }); // expect: ringcentral/password-grant-request
  rc.token = token;
}
