// @ringcentral/sdk with TypeScript types.
import { SDK } from '@ringcentral/sdk';

type RcPlatform = ReturnType<SDK['platform']>;

interface RcCredentials {
  username: string;
  extension?: string;
  password: string;
}

export class RingCentralClient {
  private readonly sdk: SDK;
  private readonly platform: RcPlatform;

  constructor(private readonly creds: RcCredentials) {
    this.sdk = new SDK({
      server: SDK.server.production,
      clientId: process.env.RC_CLIENT_ID as string,
      clientSecret: process.env.RC_CLIENT_SECRET as string,
    });
    this.platform = this.sdk.platform();
  }

  async connect(): Promise<void> {
    if (await this.platform.loggedIn()) {
      return;
    }
    await this.platform.login({ // expect: ringcentral/js-password-login
      username: this.creds.username,
      extension: this.creds.extension,
      password: this.creds.password,
    });
  }

  async connectAs(username: string, password: string): Promise<void> {
    const options: { username: string; password: string } = { username, password };
    await this.sdk.login(options); // expect: ringcentral/js-password-login
  }

  async connectWithJwt(jwt: string): Promise<void> {
    await this.platform.login({ jwt });
  }
}

export const client = new RingCentralClient({
  username: process.env.RC_USERNAME!,
  extension: process.env.RC_EXTENSION,
  password: process.env.RC_PASSWORD!,
});
