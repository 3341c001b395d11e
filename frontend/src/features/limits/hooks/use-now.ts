import { useCallback, useState, useSyncExternalStore } from 'react';

/**
 * A clock as an external store: `read` is the time of the last tick, so it stays the same
 * between ticks (useSyncExternalStore needs that), and ticking starts on subscribe.
 */
function createClock() {
  let now = Date.now();
  return {
    read: () => now,
    tick(ms: number, onChange: () => void): () => void {
      const update = () => {
        now = Date.now();
        onChange();
      };
      update();
      const timer = setInterval(update, ms);
      return () => clearInterval(timer);
    },
  };
}

const idle = () => () => {};

/** Date.now(), updated every `ms` while `active` (a countdown ticks with it). */
export function useNow(active: boolean, ms = 1000): number {
  const [clock] = useState(createClock);
  const subscribe = useCallback(
    (onChange: () => void) => (active ? clock.tick(ms, onChange) : idle()),
    [clock, active, ms],
  );
  return useSyncExternalStore(subscribe, clock.read);
}
