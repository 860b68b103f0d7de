// One line under the title: the connection when it is not live, else the queue or who has
// joined. Changes that matter are spoken by the announcer, so this line is not a live region.
import type { Ctx } from './App';

export function StatusLine({ ctx }: { ctx: Ctx }) {
  const { state, t } = ctx;
  let text = '';
  if (state.link === 'offline') text = t('offlineNetwork');
  else if (state.link === 'reconnecting' || (state.link === 'connecting' && state.everConnected)) text = t('reconnecting');
  else if (state.link === 'connecting') text = t('connecting');
  else if (state.ended) text = '';
  else if (state.joined) text = t('joined', { name: state.joined });
  else if (state.queuePosition && (state.messages.length > 0 || state.pending.length > 0)) text = state.queuePosition <= 1 ? t('queueNext') : t('queue', { n: state.queuePosition });
  const trouble = state.link === 'offline' || state.link === 'reconnecting';
  return (
    <p class={trouble ? 'rd-status rd-trouble' : 'rd-status'} data-link={state.link}>
      {text}
    </p>
  );
}
