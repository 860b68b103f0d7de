import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Conversation } from '../api/types';
import { announce, toast } from '../lib/alerts';
import { upsertConversation } from '../state/inbox';

export function Tags({ c }: { c: Conversation }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function save(tags: string[], done: string) {
    setBusy(true);
    try {
      upsertConversation(await api.setTags(c.id, tags));
      announce(done);
      return true;
    } catch (e) {
      toast(`Could not change tags: ${e instanceof Error ? e.message : 'unknown error'}`, { tone: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="tags-editor" role="group" aria-labelledby={`tags-label-${c.id}`}>
      <span class="tags-title" id={`tags-label-${c.id}`}>
        Tags
      </span>
      <ul class="tag-list">
        {c.tags.length === 0 && <li class="hint">none</li>}
        {c.tags.map((t) => (
          <li key={t} class="tag tag-editable">
            {t}
            <button
              type="button"
              class="tag-remove"
              aria-label={`Remove tag ${t}`}
              disabled={busy}
              onClick={() => void save(c.tags.filter((x) => x !== t), `Tag ${t} removed.`)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        class="tag-add"
        onSubmit={async (e) => {
          e.preventDefault();
          const t = text.trim().toLowerCase();
          if (!t || c.tags.includes(t)) {
            setText('');
            return;
          }
          if (await save([...c.tags, t], `Tag ${t} added.`)) setText('');
        }}
      >
        <label for={`tag-input-${c.id}`} class="visually-hidden">
          Add a tag
        </label>
        <input id={`tag-input-${c.id}`} value={text} placeholder="Add tag" onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="btn btn-secondary btn-small" disabled={busy || !text.trim()}>
          Add
        </button>
      </form>
    </div>
  );
}
