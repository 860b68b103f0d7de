// Where the patron types: Enter sends, Shift+Enter starts a new line; a file button sends
// an image or PDF (checked against the library's size cap before it leaves the browser).
import { useRef, useState } from 'preact/hooks';
import { formatBytes } from '../i18n';
import type { Ctx } from './App';
import { FaqHints } from './FaqHints';

/** Keeps a `send` frame well under the hub's 16 KiB frame limit, whatever the script. */
export const MAX_TEXT = 4000;

export function Composer({ ctx }: { ctx: Ctx }) {
  const { chat, settings, t } = ctx;
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  const submit = (e?: Event) => {
    e?.preventDefault();
    if (!text.trim()) return;
    chat.send(text);
    setText('');
    input.current?.focus();
  };

  const onFile = async (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    el.value = '';
    if (!file) return;
    setFileError('');
    const result = await chat.upload(file, settings.maxUploadBytes);
    if (result === 'too_large') {
      setFileError(t('attachTooBig', { file: file.name, limit: formatBytes(settings.maxUploadBytes, settings.lang) }));
    } else if (result === 'wrong_type') setFileError(t('attachWrongType'));
    else if (result === 'failed') setFileError(t('attachFailed'));
  };

  return (
    <form class="rd-composer" onSubmit={submit}>
      {fileError && (
        <p class="rd-error" role="alert" id="rd-file-error">
          {fileError}
        </p>
      )}
      <FaqHints ctx={ctx} text={text} />
      <label for="rd-input" class="rd-sr-only">
        {t('composerLabel')}
      </label>
      <textarea
        id="rd-input"
        ref={input}
        rows={2}
        maxLength={MAX_TEXT}
        placeholder={t('composerPlaceholder')}
        value={text}
        onInput={(e) => {
          setText((e.currentTarget as HTMLTextAreaElement).value);
          chat.typing();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      <div class="rd-composer-actions">
        <label class="rd-attach">
          <input
            type="file"
            class="rd-file-input"
            accept="image/*,application/pdf"
            aria-describedby={fileError ? 'rd-file-error' : undefined}
            onChange={onFile}
          />
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7l9-9a3.5 3.5 0 0 1 5 5l-9 9a2 2 0 0 1-3-3l8-8"
            />
          </svg>
          <span class="rd-sr-only">{t('attach')}</span>
        </label>
        <button type="submit" class="rd-button rd-send">
          {t('send')}
        </button>
      </div>
    </form>
  );
}
