// New-message alerts: an in-page toast and a short chime out of the box, desktop
// notifications once staff allow them (asked from a button, never on load), and polite
// screen-reader announcements.
import { signal } from '@preact/signals';

const SOUND_KEY = 'refdesk.sound';

export const soundOn = signal(localStorage.getItem(SOUND_KEY) !== 'off');
export const notifyPermission = signal<NotificationPermission | 'unsupported'>(
  'Notification' in window ? Notification.permission : 'unsupported',
);

export function setSound(on: boolean): void {
  soundOn.value = on;
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  if (on) {
    unlockAudio();
    chime();
  }
}

// ---- Sound (WebAudio, no file) ----

let audio: AudioContext | null = null;

/** Browsers start audio only after a user gesture: called from the first click or key. */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Two soft rising notes, about a third of a second in all. */
export function chime(): void {
  if (!soundOn.value || !audio || audio.state !== 'running') return;
  const t0 = audio.currentTime + 0.01;
  [660, 990].forEach((freq, i) => {
    const osc = audio!.createOscillator();
    const gain = audio!.createGain();
    const start = t0 + i * 0.14;
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    osc.connect(gain).connect(audio!.destination);
    osc.start(start);
    osc.stop(start + 0.2);
  });
}

// ---- Desktop notifications ----

export async function requestNotifications(): Promise<void> {
  if (!('Notification' in window)) return;
  const result = await Notification.requestPermission();
  notifyPermission.value = result;
  if (result === 'granted') {
    new Notification('Refdesk notifications are on', {
      body: 'You will be told about new patron messages while this tab is in the background.',
      tag: 'refdesk-enabled',
    });
  }
}

export function desktopNotify(title: string, body: string, tag: string, onClick: () => void): void {
  if (notifyPermission.value !== 'granted') return;
  // In front of staff already: the toast and sound are enough.
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* some platforms only allow notifications from a service worker */
  }
}

// ---- Toasts ----

export interface Toast {
  id: number;
  text: string;
  conversationId?: number;
  tone: 'info' | 'error';
}

export const toasts = signal<Toast[]>([]);
let nextToast = 1;

export function toast(text: string, opts: { conversationId?: number; tone?: Toast['tone']; ms?: number } = {}): void {
  const t: Toast = { id: nextToast++, text, conversationId: opts.conversationId, tone: opts.tone ?? 'info' };
  // At most four on screen; a newer toast for the same conversation replaces the older.
  toasts.value = [
    ...toasts.value.filter((x) => !(t.conversationId && x.conversationId === t.conversationId)).slice(-3),
    t,
  ];
  // Errors stay until dismissed; the rest are also in the list or thread, so they may go.
  const ms = opts.ms ?? (t.tone === 'error' ? null : 12_000);
  if (ms !== null) window.setTimeout(() => dismissToast(t.id), ms);
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

// ---- Screen-reader announcements (rendered in a polite live region) ----

export const announcement = signal('');

export function announce(text: string): void {
  // Clear first so the same words twice are still read.
  announcement.value = '';
  window.setTimeout(() => (announcement.value = text), 50);
}
