const { SDK } = require('@ringcentral/sdk');

const rcsdk = new SDK({ server: SDK.server.production });
const platform = rcsdk.platform();

async function main() {
  // No fallback, or a fallback to another JWT: fine.
  await platform.login({ jwt: process.env.RC_JWT });
  await platform.login({ jwt: process.env.RC_JWT || process.env.RINGCENTRAL_JWT_TOKEN });
  // Not a JWT: other options with empty fallbacks are other rules' business.
  await platform.login({ code: req.query.code || '', redirect_uri: REDIRECT });
  // Not a RingCentral platform.
  await auth.login({ jwt: token || '' });
}
main();
