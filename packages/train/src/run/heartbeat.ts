/** A run's heartbeat: `tick` sends at most once per interval, `send` sends now. */
export interface Heartbeat {
  /** Sends when more than `everyMs` have passed since the last beat; returns whether it sent. */
  tick(): boolean;
  /** Sends now and restarts the interval (every epoch end). */
  send(): void;
}

/**
 * A throttled heartbeat over `beat` (the results store's heartbeat of a claimed run): call `tick`
 * as often as you like (every batch) and `send` when a beat must go out (every epoch). The
 * interval starts when the heartbeat is made. `now` is injectable for tests.
 *
 * @example const hb = throttledHeartbeat(() => store.heartbeat(claim), 30_000); hb.tick() // false (just made)
 */
export function throttledHeartbeat(beat: () => void, everyMs: number, now: () => number = () => performance.now()): Heartbeat {
  let last = now();
  const send = () => {
    beat();
    last = now();
  };
  return {
    tick: () => {
      if (now() - last <= everyMs) return false;
      send();
      return true;
    },
    send,
  };
}
