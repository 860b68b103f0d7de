// Small inline icons (24x24 strokes). Always decorative: a text label sits beside them.
import type { JSX } from 'preact';
import { channelLabel } from '../lib/channels';

const PATHS: Record<string, JSX.Element> = {
  email: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </>
  ),
  sms: (
    <>
      <rect x="7" y="2" width="10" height="20" rx="2" />
      <path d="M11 18h2" />
    </>
  ),
  chat: <path d="M4 5h16v10H9l-5 4z" />,
  survey: (
    <>
      <rect x="5" y="3" width="14" height="18" rx="2" />
      <path d="m8 9 1.5 1.5L12 8M8 15l1.5 1.5L12 14M14 9h2M14 15h2" />
    </>
  ),
  note: (
    <>
      <path d="M5 3h10l4 4v14H5z" />
      <path d="M14 3v5h5M8 13h8M8 17h5" />
    </>
  ),
  check: <path d="m5 12 5 5 9-10" />,
  checks: <path d="m2 12 5 5 9-10M12 16l1 1 9-10" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  alert: (
    <>
      <path d="M12 3 2 20h20z" />
      <path d="M12 10v4M12 17v.5" />
    </>
  ),
  back: <path d="M15 5 8 12l7 7" />,
  close: <path d="M6 6l12 12M18 6 6 18" />,
  search: (
    <>
      <circle cx="11" cy="11" r="6" />
      <path d="m16 16 4 4" />
    </>
  ),
  bell: <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0" />,
  keyboard: (
    <>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </>
  ),
};

export function Icon({ name, class: cls }: { name: string; class?: string }) {
  return (
    <svg
      class={'icon ' + (cls ?? '')}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name] ?? PATHS.chat}
    </svg>
  );
}


/** Channel icon with its name as text. */
export function Channel({ channel, short }: { channel: string; short?: boolean }) {
  return (
    <span class={`channel channel-${channel}`}>
      <Icon name={channel} />
      <span class={short ? 'channel-text' : ''}>{channelLabel(channel)}</span>
    </span>
  );
}
