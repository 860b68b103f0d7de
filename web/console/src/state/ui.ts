// Console-wide UI state shared by shortcuts and components.
import { signal } from '@preact/signals';

export const composerMode = signal<'reply' | 'note'>('reply');
export const helpOpen = signal(false);

/** Focus an element by id once the next render has happened. */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(id)?.focus()));
}

/** Unsent text per conversation and mode, kept in memory only (patron privacy). */
export const drafts = new Map<string, string>();
