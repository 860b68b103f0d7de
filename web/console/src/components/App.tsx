import { useEffect } from 'preact/hooks';
import { checkSession, session, sessionChecked } from '../state/store';
import { Console } from './Console';
import { FaqManager } from './FaqManager';
import { Login } from './Login';
import { isResetPath, ResetPassword } from './PasswordReset';
import { Reports } from './Reports';
import { isSurveyPath } from '../state/surveys';
import { SurveyApp } from './SurveyApp';
import { TallyScreen } from './Tally';

export function App() {
  // A reset link works whether or not someone is logged in in this browser.
  if (isResetPath(location.pathname)) return <ResetPassword />;
  return <StaffApp />;
}

function StaffApp() {
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
  if (session.value && location.pathname.startsWith('/reports')) return <Reports key={session.value.staff_id} />;
  if (session.value && isSurveyPath(location.pathname)) return <SurveyApp />;
  if (session.value && location.pathname.startsWith('/tally')) return <TallyScreen key={session.value.staff_id} />;
  return session.value ? (
    <>
      <Console key={session.value.staff_id} />
      <FaqManager />
    </>
  ) : (
    <Login />
  );
}
