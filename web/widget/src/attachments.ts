// Files over the hub's HTTP upload (`POST /chat/{library}/attachments`), and the links
// that show them to this session only.
import type { Message } from './protocol';

export type UploadResult = 'ok' | 'too_large' | 'wrong_type' | 'failed' | 'retry';

/** Images and PDF only, under the library's cap: checked before anything leaves the browser. */
export function checkFile(file: File, maxBytes: number): 'too_large' | 'wrong_type' | null {
  if (!/^image\//.test(file.type) && file.type !== 'application/pdf') return 'wrong_type';
  if (file.size > maxBytes) return 'too_large';
  return null;
}

/** One upload attempt; `retry` when the token was refused (it may have rotated meanwhile). */
export async function postFile(
  hub: string,
  library: string,
  token: string,
  clientId: string,
  file: File,
): Promise<{ result: UploadResult; message?: Message }> {
  const res = await fetch(new URL(`/chat/${encodeURIComponent(library)}/attachments`, hub), {
    method: 'POST',
    credentials: 'omit',
    headers: {
      'X-Chat-Token': token,
      'X-Client-Id': clientId,
      'X-Filename': encodeURIComponent(file.name),
      'Content-Type': file.type,
    },
    body: file,
  });
  if (res.status === 413) return { result: 'too_large' };
  if (res.status === 415) return { result: 'wrong_type' };
  if (res.status === 401 || res.status === 403) return { result: 'retry' };
  if (!res.ok) return { result: 'failed' };
  const body = (await res.json()) as { message: Message };
  return { result: 'ok', message: body.message };
}

export function attachmentLink(hub: string, library: string, token: string, id: number): string {
  const url = new URL(`/chat/${encodeURIComponent(library)}/attachments/${id}`, hub);
  url.searchParams.set('token', token);
  return url.toString();
}
