// Softphone: the SIP device credentials are called username/password, but this is not OAuth.
import Softphone from 'ringcentral-softphone';
import { SDK } from '@ringcentral/sdk';

const rcsdk = new SDK({
  server: process.env.RINGCENTRAL_SERVER_URL!,
  clientId: process.env.RINGCENTRAL_CLIENT_ID!,
  clientSecret: process.env.RINGCENTRAL_CLIENT_SECRET!,
});
const platform = rcsdk.platform();

type Opts = PasswordFlowOptions | AuthCodeFlowOptions | JwtFlowOptions;

interface PasswordFlowOptions {
  username: string;
  extension?: string;
  password: string;
}
interface AuthCodeFlowOptions {
  code: string;
  redirect_uri: string;
}
interface JwtFlowOptions {
  jwt: string;
}

export function describe(opts: Opts): string {
  return 'jwt' in opts ? 'jwt' : 'code' in opts ? 'code' : 'password (unsupported)';
}

export async function startPhone(): Promise<Softphone> {
  await platform.login({ jwt: process.env.RINGCENTRAL_JWT_TOKEN! });

  const softphone = new Softphone({
    domain: process.env.SIP_INFO_DOMAIN!,
    outboundProxy: process.env.SIP_INFO_OUTBOUND_PROXY!,
    username: process.env.SIP_INFO_USERNAME!,
    password: process.env.SIP_INFO_PASSWORD!,
    authorizationId: process.env.SIP_INFO_AUTHORIZATION_ID!,
  });
  await softphone.register();
  return softphone;
}
