// Browser redirect page (auth code flow), ES module.
import { SDK } from '@ringcentral/sdk';

const sdk = new SDK({
  server: 'https://platform.ringcentral.com',
  clientId: 'yourClientId',
  redirectUri: `${window.location.origin}/redirect.html`,
});
const platform = sdk.platform();

export async function handleRedirect() {
  await platform.login(platform.parseLoginRedirect(window.location.search || window.location.hash));
}

export async function handleRedirectViaSdk() {
  const opts = sdk.parseLoginRedirect(window.location.search);
  await sdk.login(opts);
}

export function startLogin() {
  window.location.assign(platform.loginUrl({ redirectUri: `${window.location.origin}/redirect.html`, usePKCE: true }));
}

export function startPopupLogin() {
  return platform.loginWindow({ url: sdk.loginUrl({ implicit: false, usePKCE: true }) });
}
