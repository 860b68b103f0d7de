/**
 * The top bar of a page away from the inbox (reports, the desk tally): the brand, the page's
 * name, the library, and the way back to the inbox.
 */
export function PageHeader({ title, library }: { title: string; library: string }) {
  return (
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          R
        </span>
        <h1 class="brand-name">{title}</h1>
        <span class="brand-library">{library}</span>
      </div>
      <div class="topbar-tools">
        <a class="btn btn-ghost" href="/inbox/open">
          Back to the inbox
        </a>
      </div>
    </header>
  );
}
