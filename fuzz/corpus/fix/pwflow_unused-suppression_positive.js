const { SDK } = require('@ringcentral/sdk');
const platform = new SDK({ server: SDK.server.production }).platform();

async function main() {
  /* pwflow-ignore: ringcentral -- the whole group, but nothing is left here */ // expect: pwflow/unused-suppression
  await platform.login({ jwt: process.env.RC_JWT });
}
main();
