import { useEffect } from 'preact/hooks';
import { checkSession, session, sessionChecked } from '../state/store';
import { Console } from './Console';
import { FaqManager } from './FaqManager';
import { Login } from './Login';

export function App() {
  useEffect(() => {
    void checkSession();
  }, []);
  if (!sessionChecked.value) {
    return (
      <main class="login" id="main">
        <p role="status">Loading Refdesk…</p>
      </main>
    );
  }
  return session.value ? (
    <>
      <Console key={session.value.staff_id} />
      <FaqManager />
    </>
  ) : (
    <Login />
  );
}
