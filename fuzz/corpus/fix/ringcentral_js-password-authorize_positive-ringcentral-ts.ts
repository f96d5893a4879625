// zengfenfei/ringcentral-ts: rc.auth({ username, extension, password }).
import RingCentral, { SERVER_SANDBOX } from 'ringcentral-ts';

const rc = new RingCentral({
  server: SERVER_SANDBOX,
  appKey: process.env.RC_APP_KEY!,
  appSecret: process.env.RC_APP_SECRET!,
});

rc.auth({ // expect: ringcentral/js-password-authorize
  username: process.env.RC_USERNAME!,
  extension: process.env.RC_EXTENSION,
  password: process.env.RC_PASSWORD!,
  accessTokenTtl: 3600,
  refreshTokenTtl: 604800,
}).then(() => {
  console.log('Authenticated');
});

export async function loginAs(username: string, password: string, extension = ''): Promise<void> {
  await rc.auth({ username, extension, password }); // expect: ringcentral/js-password-authorize
}

export async function logout(): Promise<void> {
  await rc.logout();
}
