const { SDK } = require('@ringcentral/sdk');
const platform = new SDK({ server: SDK.server.production }).platform();

async function main(username, password) {
  /* pwflow-ignore */ // expect: pwflow/invalid-suppression
  await platform.login({ username, password }); // expect: ringcentral/js-password-login
  /* pwflow-ignore: ringcentral/js-password-login */ // expect: pwflow/invalid-suppression
  await platform.login({ username, password }); // expect: ringcentral/js-password-login
  /* pwflow-ignore: ringcentral/js-pasword-login -- typo in the id */ // expect: pwflow/invalid-suppression
  await platform.login({ username, password }); // expect: ringcentral/js-password-login
}
main();
