// Channel names as staff read them.
const LABELS: Record<string, string> = {
  email: 'Email',
  sms: 'SMS',
  chat: 'Web chat',
  survey: 'Survey',
};

export function channelLabel(channel: string): string {
  return LABELS[channel] ?? channel.charAt(0).toUpperCase() + channel.slice(1);
}

export const KNOWN_CHANNELS = ['email', 'sms', 'chat', 'survey'];
