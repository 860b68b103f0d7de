// The service-target warning on a waiting conversation in the list: "Overdue" once the
// target time has passed, "Due soon" in its last 15 minutes.
import { useEffect } from 'preact/hooks';
import { now } from '../lib/time';
import { dueById, dueState, watchDueTimes } from '../state/targets';

export function TargetBadge({ id, waiting }: { id: number; waiting: boolean }) {
  useEffect(() => watchDueTimes(), []);
  const state = waiting ? dueState(dueById.value[id], now.value) : null;
  if (!state) return null;
  return (
    <span class={`target-badge target-${state}`}>
      <span class="visually-hidden">Service target: </span>
      {state === 'overdue' ? 'Overdue' : 'Due soon'}
    </span>
  );
}
