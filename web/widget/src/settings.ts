// Where the widget comes from and how it should look: the hub is the origin that served
// this script (the only place it ever talks to); the library's settings come from
// `GET /chat/{library}/config`, and the script tag's data- attributes override them.
import type { Availability, ChatConfig, SignedIdentity } from './protocol';
import { pickLanguage, SUPPORTED } from './i18n';

export interface WidgetSettings {
  hub: string;
  library: string;
  name: string;
  greeting: string;
  color: string | undefined;
  position: 'right' | 'left';
  lang: string;
  privacyUrl?: string;
  maxUploadBytes: number;
  availability: Availability;
  identity?: SignedIdentity;
}

export interface ScriptAttributes {
  hub: string;
  library: string;
  position?: string;
  lang?: string;
  color?: string;
  greeting?: string;
}

declare global {
  interface Window {
    RefdeskChat?: { identity?: SignedIdentity };
  }
}

/** Reads the embedding `<script>` tag (the one running now, or the first that names a library). */
export function readScriptTag(): ScriptAttributes | null {
  const current = document.currentScript as HTMLScriptElement | null;
  const tag =
    current?.dataset.library !== undefined
      ? current
      : document.querySelector<HTMLScriptElement>('script[data-library][src*="widget.js"]');
  if (!tag?.dataset.library || !tag.src) return null;
  const d = tag.dataset;
  return {
    hub: new URL(tag.src, document.baseURI).origin,
    library: d.library!,
    position: d.position,
    lang: d.lang,
    color: d.color,
    greeting: d.greeting,
  };
}

const FALLBACK_AVAILABILITY: Availability = { open: true, staff_online: true, message: '' };

export async function loadSettings(attrs: ScriptAttributes): Promise<WidgetSettings> {
  let config: Partial<ChatConfig> = {};
  try {
    const res = await fetch(new URL(`/chat/${encodeURIComponent(attrs.library)}/config`, attrs.hub), {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (res.ok) config = (await res.json()) as ChatConfig;
  } catch {
    // The hub is unreachable: the socket will keep trying and say so honestly.
  }
  const offered = config.languages ?? SUPPORTED;
  const position = attrs.position ?? config.position;
  return {
    hub: attrs.hub,
    library: attrs.library,
    name: config.name ?? '',
    greeting: attrs.greeting ?? config.greeting ?? '',
    color: attrs.color ?? config.color,
    position: position === 'left' ? 'left' : 'right',
    // data-lang wins; then the page's own language (a Spanish page gets a Spanish widget),
    // then the browser's, among those the library offers.
    lang: attrs.lang
      ? pickLanguage([attrs.lang], [])
      : pickLanguage([document.documentElement.lang, ...navigator.languages], offered),
    privacyUrl: config.privacy_url ?? undefined,
    maxUploadBytes: config.max_upload_bytes ?? 5 * 1024 * 1024,
    availability: config.availability ?? FALLBACK_AVAILABILITY,
    identity: window.RefdeskChat?.identity,
  };
}
