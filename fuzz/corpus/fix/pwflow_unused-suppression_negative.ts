import { SDK } from '@ringcentral/sdk';

const platform = new SDK({ server: SDK.server.production }).platform();

export async function legacy(username: string, password: string): Promise<void> {
  // pwflow-ignore: ringcentral/js-password-login -- moves to the JWT flow with TICKET-42
  await platform.login({ username, password });
  await platform.login({ username, password }); // pwflow-ignore: ringcentral/js-password-login -- same ticket
}

// A suppression for a rule that is off by default is not "unused" when the rule does not run.
// pwflow-ignore: oauth-ropc/password-grant-request -- vendor IdP, not RingCentral
export const other = 1;
