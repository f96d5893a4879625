// MSAL Node: username/password.
import { PublicClientApplication } from '@azure/msal-node';

const pca = new PublicClientApplication({ auth: { clientId: process.env.AZURE_CLIENT_ID! } });

export async function token(username: string, password: string) {
  return pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username, password }); // expect: oauth-ropc/msal-username-password
}
