import { SDK } from '@ringcentral/sdk';

const sdk = new SDK({ server: SDK.server.production, clientId: 'portal-web' });

export function SoftphoneLogin({ username, password }: { username: string; password: string }) {
  const onClick = async () => {
    await sdk.platform().login({ username, password });
  };
  return <button onClick={onClick}>Connect softphone</button>;
}
