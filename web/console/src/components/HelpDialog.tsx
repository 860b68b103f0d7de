import { useEffect, useRef } from 'preact/hooks';
import { helpOpen } from '../state/ui';
import { SHORTCUTS } from '../lib/shortcuts';

/** The keyboard shortcuts, in a native modal dialog (focus is trapped; Esc closes). */
export function HelpDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const open = helpOpen.value;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} class="help" aria-labelledby="help-title" onClose={() => (helpOpen.value = false)}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <p class="hint">They work anywhere except while typing in a box (press Esc to leave it).</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Ctrl</kbd> + <kbd>Enter</kbd>
            </td>
            <td>Send the reply or note (in the text box)</td>
          </tr>
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" class="btn btn-primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
