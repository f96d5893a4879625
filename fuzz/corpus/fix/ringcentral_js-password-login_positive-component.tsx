import React, { useState } from 'react';
import { SDK } from '@ringcentral/sdk';

const sdk = new SDK({
  server: SDK.server.production,
  clientId: process.env.REACT_APP_RC_CLIENT_ID,
});
const platform = sdk.platform();

interface Props {
  onLoggedIn: () => void;
}

export function RingCentralLogin({ onLoggedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const handleSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    try {
      await platform.login({ username, password }); // expect: ringcentral/js-password-login
      onLoggedIn();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form onSubmit={handleSubmit}>
      <label htmlFor="rc-username">Phone number</label>
      <input id="rc-username" value={username} onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor="rc-password">Password</label>
      <input
        id="rc-password"
        type="password"
        value={password}
        placeholder="Enter your password"
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && <p className="error">{error}</p>}
      <button type="submit">Sign in</button>
    </form>
  );
}

export default RingCentralLogin;
