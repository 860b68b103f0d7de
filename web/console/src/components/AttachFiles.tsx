import { useRef } from 'preact/hooks';
import { api } from '../api/client';

/** The server's cap per file (src/email/uploads.rs). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Most files on one reply. */
export const MAX_FILES = 10;
/**
 * Programs and scripts: patrons' mail servers refuse mail carrying them, so the reply would
 * bounce. Refused here with a reason instead.
 */
const BLOCKED = /\.(exe|com|bat|cmd|scr|pif|msi|msp|jar|js|jse|vbs|vbe|wsf|wsh|ps1|hta|cpl|lnk|reg|dll)$/i;

/** A file on the reply being written: uploading, uploaded (with its id) or refused. */
export interface Attached {
  key: string;
  name: string;
  size: number;
  id?: number;
  error?: string;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why `file` cannot be attached, in words for staff; null when it can. */
export function refusal(file: { name: string; size: number }, count: number): string | null {
  if (count >= MAX_FILES) return `at most ${MAX_FILES} files can go on one reply`;
  if (file.size === 0) return 'the file is empty (or is a folder)';
  if (file.size > MAX_FILE_BYTES) return `${formatSize(file.size)} is too large: a file can be at most 10 MB`;
  if (BLOCKED.test(file.name)) return 'programs and scripts cannot be sent by email: mail servers refuse them';
  return null;
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

let counter = 0;

/**
 * Checks and uploads `files` for conversation `id`, reporting each file's state through
 * `update` (called with a function of the current list).
 */
export async function addFiles(
  id: number,
  files: File[],
  current: Attached[],
  update: (f: (list: Attached[]) => Attached[]) => void,
): Promise<void> {
  let count = current.filter((a) => !a.error).length;
  const uploads: Promise<void>[] = [];
  for (const file of files) {
    const key = `f${++counter}`;
    const why = refusal(file, count);
    update((list) => [...list, { key, name: file.name, size: file.size, error: why ?? undefined }]);
    if (why) continue;
    count++;
    uploads.push(
      base64Of(file)
        .then((data) => api.uploadEmailAttachment(id, file.name, data))
        .then(
          (u) => update((list) => list.map((a) => (a.key === key ? { ...a, id: u.id, name: u.filename } : a))),
          (e: unknown) =>
            update((list) =>
              list.map((a) =>
                a.key === key ? { ...a, error: e instanceof Error ? e.message : 'the upload failed' } : a,
              ),
            ),
        ),
    );
  }
  await Promise.all(uploads);
}

/** The attach button (a file picker) and the list of files on the reply. */
export function AttachFiles({
  files,
  onAdd,
  onRemove,
}: {
  files: Attached[];
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class="attach">
      <input
        ref={input}
        type="file"
        multiple
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        onChange={(e) => {
          const picked = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (picked.length) onAdd(picked);
        }}
      />
      <button type="button" class="btn btn-secondary btn-small" onClick={() => input.current?.click()}>
        Attach files
      </button>
      {files.length > 0 && (
        <ul class="attach-list" aria-label="Files on this reply">
          {files.map((f) => (
            <li key={f.key} class={f.error ? 'attach-error' : ''}>
              <span class="attach-name">{f.name}</span> <span class="hint">{formatSize(f.size)}</span>{' '}
              {f.error ? (
                <span role="alert">Not attached: {f.error}</span>
              ) : f.id === undefined ? (
                <span class="hint" role="status">
                  Uploading…
                </span>
              ) : null}
              <button
                type="button"
                class="btn btn-ghost btn-small"
                aria-label={`${f.error ? 'Dismiss' : 'Remove'} ${f.name}`}
                onClick={() => onRemove(f.key)}
              >
                {f.error ? 'Dismiss' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
