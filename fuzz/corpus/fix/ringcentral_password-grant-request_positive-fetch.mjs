// Browser-side helper (ES module) that posts the password form itself.
const RC_SERVER_URL = 'https://platform.devtest.ringcentral.com';

export async function fetchToken(clientId, username, password) {
  const body = new URLSearchParams();
  body.append('grant_type', 'password'); // expect: ringcentral/password-grant-request
  body.append('username', username);
  body.append('password', password);
  body.append('client_id', clientId);

  const res = await fetch(`${RC_SERVER_URL}/restapi/oauth/token`, { method: 'POST', body });
  if (!res.ok) {
    throw new Error('OAU-251 Unauthorized for this grant type');
  }
  return res.json();
}
