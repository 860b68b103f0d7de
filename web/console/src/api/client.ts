// A small typed client for the staff API. Every state-changing request carries the
// session's CSRF token; errors become `ApiError` with the server's stable `code`.
import type {
  AssignRequest,
  CannedRequest,
  CannedResponse,
  CompleteReset,
  ContactProfile,
  Conversation,
  ConversationDetail,
  ConversationPage,
  ErrorBody,
  ListQuery,
  LoginRequest,
  ResetRequest,
  ResetRequested,
  Message,
  SearchResults,
  Segments,
  SessionInfo,
  Staff,
  StatusRequest,
  Team,
  TransferRequest,
  Upload,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** Called when any request answers 401: the session ended (expired, revoked, logged out). */
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onSessionLost(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = (data ?? {}) as Partial<ErrorBody>;
    if (response.status === 401 && path !== '/api/login' && !path.startsWith('/api/auth/')) onUnauthenticated();
    throw new ApiError(response.status, err.code ?? 'http_' + response.status, err.message ?? response.statusText);
  }
  return data as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

const conv = (id: number) => `/api/conversations/${encodeURIComponent(id)}`;

export const api = {
  login: (req: LoginRequest) => request<SessionInfo>('POST', '/api/login', req),
  session: () => request<SessionInfo>('GET', '/api/session'),
  logout: () => request<void>('POST', '/api/logout'),
  requestPasswordReset: (req: ResetRequest) => request<ResetRequested>('POST', '/api/auth/password-reset', req),
  completePasswordReset: (req: CompleteReset) => request<void>('POST', '/api/auth/password-reset/complete', req),

  conversations: (q: ListQuery) => request<ConversationPage>('GET', '/api/conversations' + query(q)),
  conversation: (id: number) => request<ConversationDetail>('GET', conv(id)),
  reply: (id: number, body: string, channel?: string | null, attachments: number[] = []) =>
    request<Message>('POST', conv(id) + '/replies', { body, channel: channel ?? null, attachments }),
  uploadEmailAttachment: (id: number, filename: string, data_base64: string) =>
    request<Upload>('POST', conv(id) + '/email/attachments', { filename, data_base64 }),
  note: (id: number, body: string, mentions: number[] = []) =>
    request<Message>('POST', conv(id) + '/notes', { body, mentions }),
  claim: (id: number) => request<Conversation>('POST', conv(id) + '/claim'),
  assign: (id: number, staffId: AssignRequest['staff_id']) =>
    request<Conversation>('PUT', conv(id) + '/assignee', { staff_id: staffId }),
  transfer: (id: number, req: TransferRequest) => request<Conversation>('PUT', conv(id) + '/team', req),
  setStatus: (id: number, req: StatusRequest) => request<Conversation>('PUT', conv(id) + '/status', req),
  setTags: (id: number, tags: string[]) => request<Conversation>('PUT', conv(id) + '/tags', { tags }),

  contact: (id: number) => request<ContactProfile>('GET', `/api/contacts/${encodeURIComponent(id)}`),
  segments: (text: string) => request<Segments>('GET', '/api/sms/segments' + query({ text })),
  search: (q: string) => request<SearchResults>('GET', '/api/search' + query({ q })),
  canned: () => request<CannedResponse[]>('GET', '/api/canned-responses'),
  createCanned: (req: CannedRequest) => request<CannedResponse>('POST', '/api/canned-responses', req),
  deleteCanned: (id: number) => request<void>('DELETE', `/api/canned-responses/${encodeURIComponent(id)}`),
  teams: () => request<Team[]>('GET', '/api/teams'),
  staff: () => request<Staff[]>('GET', '/api/staff'),
};
