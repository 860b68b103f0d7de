/** A form's error, announced to screen readers as it appears; nothing when there is none. */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" class="form-error">
      {error}
    </p>
  );
}

/** What a settings dialog shows when its settings could not be read: why, and a way out. */
export function DialogLoadFailed({ error, onClose }: { error: string; onClose: () => void }) {
  return (
    <div class="dialog-actions">
      <FormError error={error} />
      <button type="button" class="btn btn-secondary" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
