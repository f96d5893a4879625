const { SDK } = require('@ringcentral/sdk');

const rcsdk = new SDK({ server: SDK.server.production, clientId: process.env.RC_CLIENT_ID, clientSecret: process.env.RC_CLIENT_SECRET });
const platform = rcsdk.platform();

async function main() {
  await platform.login({ jwt: process.env.RC_JWT || '' }); // expect: ringcentral/jwt-login-empty-fallback
  await platform.login({ jwt: process.env.RC_JWT ?? "" }); // expect: ringcentral/jwt-login-empty-fallback
}
main();
