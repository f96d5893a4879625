// App-level auth service and Firebase sign-in; nothing to do with any telephony SDK.
import { getAuth, signInWithEmailAndPassword } from 'firebase/auth';
import axios from 'axios';

interface LoginDto {
  username: string;
  password: string;
}

export class AuthService {
  private token: string | null = null;

  async login({ username, password }: LoginDto): Promise<string> {
    const { data } = await axios.post('/api/auth/login', { username, password });
    this.token = data.token;
    return data.token;
  }

  logout(): void {
    this.token = null;
  }
}

export const authService = new AuthService();

export async function onSubmit(username: string, password: string): Promise<void> {
  await authService.login({ username, password });
}

export async function firebaseLogin(email: string, password: string) {
  const auth = getAuth();
  return signInWithEmailAndPassword(auth, email, password);
}

const api = {
  async login(opts: LoginDto) {
    return axios.post('/session', opts);
  },
};

export async function legacyLogin() {
  const creds = { username: 'admin', password: 'hunter2' };
  return api.login(creds);
}
