import { staffName, typers, viewers } from '../state/store';
import { Avatar } from './Avatar';

/** Colleagues who have this conversation open. */
export function Viewers({ conversationId }: { conversationId: number }) {
  const ids = Object.entries(viewers.value)
    .filter(([, v]) => v.conversationId === conversationId)
    .map(([id]) => Number(id));
  if (ids.length === 0) return null;
  const names = ids.map(staffName);
  return (
    <div class="viewers" data-testid="viewers">
      <span class="avatars">
        {ids.map((id) => (
          <Avatar key={id} staffId={id} label={staffName(id)} />
        ))}
      </span>
      <span class="viewers-text">
        {names.join(', ')} {ids.length === 1 ? 'is' : 'are'} also viewing
      </span>
    </div>
  );
}

/** "Ben is replying…" while a colleague types in this conversation (polite live region). */
export function TypingNotice({ conversationId }: { conversationId: number }) {
  const names = Object.entries(typers.value)
    .filter(([, v]) => v.conversationId === conversationId)
    .map(([id]) => staffName(Number(id)));
  return (
    <p class="typing" role="status" data-testid="typing">
      {names.length > 0 && (
        <>
          <span class="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {names.join(' and ')} {names.length === 1 ? 'is' : 'are'} replying…
        </>
      )}
    </p>
  );
}
