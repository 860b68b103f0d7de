import { initials, staffById, staffName } from '../state/store';

/** A colleague's initials in a coloured circle; the name is given to assistive tech. */
export function Avatar({ staffId, label, size }: { staffId: number; label?: string; size?: 'sm' | 'md' }) {
  const name = staffById.value.get(staffId)?.display_name ?? staffName(staffId);
  return (
    <span class={`avatar av-${staffId % 8} avatar-${size ?? 'md'}`} title={label ?? name}>
      <span aria-hidden="true">{initials(name)}</span>
      <span class="visually-hidden">{label ?? name}</span>
    </span>
  );
}
