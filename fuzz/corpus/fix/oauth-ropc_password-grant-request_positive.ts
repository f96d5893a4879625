// Generic OAuth 2.0 password grant against an in-house identity provider.
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

const TOKEN_ENDPOINT = 'https://id.example.com/oauth/token';

export async function passwordGrant(username: string, password: string): Promise<TokenResponse> {
  const body = new URLSearchParams([
    ['grant_type', 'password'], // expect: oauth-ropc/password-grant-request
    ['username', username],
    ['password', password],
    ['scope', 'openid profile'],
  ]);
  const res = await fetch(TOKEN_ENDPOINT, { method: 'POST', body });
  return (await res.json()) as TokenResponse;
}

export function templateBody(u: string, p: string): string {
  return `grant_type=password&username=${encodeURIComponent(u)}&password=${encodeURIComponent(p)}`; // expect: oauth-ropc/password-grant-request
}

export const testCredentials = {
  grant_type: 'password', // expect: oauth-ropc/password-grant-request
  client_id: 'e2e-tests',
  username: 'e2e@example.com',
  password: 'S3cr3t!',
};
