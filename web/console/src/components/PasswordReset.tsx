// "Forgot password?" and the page a reset link opens. The link carries its token in the
// URL fragment (`/reset-password#token=...`), which browsers never send to a server; the
// page reads it once and removes it from the address bar and history.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';

/** Shortest password the server accepts (src/auth/password.rs). */
const MIN_PASSWORD_CHARS = 12;

export function isResetPath(path: string): boolean {
  return path === '/reset-password';
}

function focusLater(el: { current: HTMLElement | null }) {
  requestAnimationFrame(() => el.current?.focus());
}

function Brand({ id, title }: { id: string; title: string }) {
  return (
    <h1 id={id}>
      <span class="brand-mark" aria-hidden="true">
        R
      </span>{' '}
      {title}
    </h1>
  );
}

export function ForgotPassword({ onBack }: { onBack: () => void }) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!email.trim()) {
      setError('Enter the email address of your staff account.');
      focusLater(messageRef);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.requestPasswordReset({ email: email.trim() });
      setSent(answer.message);
    } catch (err) {
      let text = 'Could not send the request. Please try again.';
      if (err instanceof ApiError) {
        if (err.status === 429) text = 'Too many requests. Please wait a few minutes and try again.';
        else text = err.message;
      }
      setError(text);
    } finally {
      setBusy(false);
      focusLater(messageRef);
    }
  }

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} aria-labelledby="forgot-title" noValidate>
        <Brand id="forgot-title" title="Reset your password" />
        {sent ? (
          <>
            <p class="notice" role="status" tabIndex={-1} ref={messageRef} id="forgot-sent">
              {sent}
            </p>
            <p class="hint">
              The link works once, for a short while. No email? Check the spam folder, or ask your library's admin
              for a reset link.
            </p>
          </>
        ) : (
          <>
            <p class="login-lede">Enter your staff email address. We will email you a link to choose a new password.</p>
            {error && (
              <p class="form-error" role="alert" tabIndex={-1} ref={messageRef} id="forgot-error">
                {error}
              </p>
            )}
            <label for="forgot-email">Email</label>
            <input
              id="forgot-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              aria-describedby={error ? 'forgot-error' : undefined}
            />
            <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
              {busy ? 'Sending…' : 'Email me a reset link'}
            </button>
          </>
        )}
        <button type="button" class="btn-link login-aside" onClick={onBack}>
          Back to log in
        </button>
      </form>
    </main>
  );
}

/** Reads the token from the fragment once, then takes it out of the URL. */
function takeToken(): string {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  if (location.hash) history.replaceState(null, '', location.pathname);
  return token;
}

export function ResetPassword() {
  const [token] = useState(takeToken);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(token ? null : 'This page needs the link from your reset email.');
  const [done, setDone] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    let problem: string | null = null;
    if ([...password].length < MIN_PASSWORD_CHARS) problem = `Use at least ${MIN_PASSWORD_CHARS} characters.`;
    else if (password !== again) problem = 'The two passwords are not the same.';
    if (problem) {
      setError(problem);
      focusLater(messageRef);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.completePasswordReset({ token, password });
      setDone(true);
    } catch (err) {
      let text = 'Could not set the password. Please try again.';
      if (err instanceof ApiError) {
        if (err.status === 429) text = 'Too many attempts. Please wait a few minutes and try again.';
        else text = err.message;
      }
      setError(text);
    } finally {
      setBusy(false);
      focusLater(messageRef);
    }
  }

  if (done) {
    return (
      <main class="login" id="main">
        <div class="login-card" aria-labelledby="reset-title">
          <Brand id="reset-title" title="Password changed" />
          <p class="notice" role="status" tabIndex={-1} ref={messageRef} id="reset-done">
            Your new password is set, and you were logged out everywhere.
          </p>
          <a class="btn btn-primary btn-block" href="/">
            Log in
          </a>
        </div>
      </main>
    );
  }

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} aria-labelledby="reset-title" noValidate>
        <Brand id="reset-title" title="Choose a new password" />
        <p class="login-lede">At least {MIN_PASSWORD_CHARS} characters. A few words you will remember work well.</p>
        {error && (
          <p class="form-error" role="alert" tabIndex={-1} ref={messageRef} id="reset-error">
            {error}
          </p>
        )}
        <label for="reset-password">New password</label>
        <input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_CHARS}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          aria-describedby={error ? 'reset-error' : undefined}
        />
        <label for="reset-again">New password again</label>
        <input
          id="reset-again"
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || !token}>
          {busy ? 'Saving…' : 'Set new password'}
        </button>
        <a class="btn-link login-aside" href="/">
          Back to log in
        </a>
      </form>
    </main>
  );
}
