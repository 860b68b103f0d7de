// Polite screen-reader announcements (new staff messages, "a librarian has joined", ...),
// spoken through one live region so the patron's own messages are not read back to them.

export class Announcer {
  private listener: ((text: string) => void) | null = null;
  private flip = false;

  listen(listener: (text: string) => void): void {
    this.listener = listener;
  }

  say(text: string): void {
    // A repeated identical text would not be spoken again: vary it invisibly.
    this.flip = !this.flip;
    this.listener?.(this.flip ? text : text + '\u00a0');
  }
}
