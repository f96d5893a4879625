// @rc-ex/core after migration: JWT and auth-code flows only.
import RingCentral from '@rc-ex/core';
import AuthorizeUriExtension from '@rc-ex/authorize-uri';

const rc = new RingCentral({
  server: process.env.RINGCENTRAL_SERVER_URL,
  clientId: process.env.RINGCENTRAL_CLIENT_ID,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET,
});

export async function authorizeJwt(): Promise<void> {
  await rc.authorize({ jwt: process.env.RINGCENTRAL_JWT_TOKEN! });
}

export async function buildLoginUrl(redirect_uri: string): Promise<{ uri: string; codeVerifier: string }> {
  const authorizeUriExtension = new AuthorizeUriExtension();
  await rc.installExtension(authorizeUriExtension);
  const uri = authorizeUriExtension.buildUri({ redirect_uri, state: 'hello', code_challenge_method: 'S256' });
  return { uri, codeVerifier: authorizeUriExtension.codeVerifier };
}

export async function handleCallback(code: string, redirect_uri: string, code_verifier: string): Promise<void> {
  await rc.authorize({ code, redirect_uri, code_verifier });
}

// Password auth (rc.authorize({ username, extension, password })) was removed in 1.7.0.
export async function teardown(): Promise<void> {
  await rc.revoke();
}
