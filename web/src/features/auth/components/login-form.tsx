import { useState } from 'react';
import { ErrorBox } from '../../../components/states.tsx';
import { useLogin } from '../api/session.ts';

export function LoginForm({ onDone }: { onDone: () => void }) {
  const login = useLogin();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      className="login card"
      onSubmit={(event) => {
        event.preventDefault();
        login.mutate({ name, password }, { onSuccess: onDone });
      }}
    >
      <h1>Log in to punchlist</h1>
      <label>
        Name
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {login.error ? <ErrorBox error={login.error} /> : null}
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
