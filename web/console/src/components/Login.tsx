import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { unlockAudio } from '../lib/alerts';
import { sessionNotice, startSession } from '../state/store';
import { ForgotPassword } from './PasswordReset';

export function Login() {
  const [forgot, setForgot] = useState(false);
  if (forgot) return <ForgotPassword onBack={() => setForgot(false)} />;
  return <LoginForm onForgot={() => setForgot(true)} />;
}

function LoginForm({ onForgot }: { onForgot: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    unlockAudio();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    setError(null);
    try {
      startSession(await api.login({ email: email.trim(), password }));
    } catch (err) {
      let text = 'Could not log in. Please try again.';
      if (err instanceof ApiError) {
        if (err.status === 401) text = 'That email and password do not match an account.';
        else if (err.status === 429) text = 'Too many attempts. Please wait a few minutes and try again.';
        else text = err.message;
      }
      setError(text);
      setPassword('');
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">
          <span class="brand-mark" aria-hidden="true">R</span> Refdesk
        </h1>
        <p class="login-lede">Staff console — log in to answer patrons.</p>
        {sessionNotice.value && !error && (
          <p class="notice" role="status">
            {sessionNotice.value}
          </p>
        )}
        {error && (
          <p class="form-error" role="alert" tabIndex={-1} ref={errorRef} id="login-error">
            {error}
          </p>
        )}
        <label for="login-email">Email</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          aria-describedby={error ? 'login-error' : undefined}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <button type="button" class="btn-link login-aside" onClick={onForgot}>
          Forgot password?
        </button>
      </form>
    </main>
  );
}
