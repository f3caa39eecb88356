/**
 * The parent's queue of cells still to run in this sweep. Cells go out in experiment order; a
 * 'busy' cell (another process holds its run: a second `cxr sweep` on the same database) goes to
 * the back and is not offered again before `retryAfterMs`, so the others run first and the sweep
 * then waits for it until it is done or claimable; a cell whose worker died goes to the front (its
 * claim shows a dead process on this host, so the next claim takes it over at once and resumes it
 * from its checkpoint), unless its workers died `maxDeaths` times - then it is given up.
 */
import { SweepError } from './sweep-error.ts';

interface Entry<T> {
  item: T;
  notBefore: number;
  deaths: number;
}

/** What `next` gives: a cell to run, a time to wait (only busy cells are left), or nothing left. */
export type NextCell<T> = { kind: 'cell'; item: T } | { kind: 'wait'; ms: number } | { kind: 'empty' };

export class CellQueue<T extends { index: number }> {
  private readonly entries: Entry<T>[];
  private readonly deaths = new Map<number, number>();

  /**
   * @throws SweepError for a retry delay or death limit that is not a positive number.
   * @example const q = new CellQueue(cells, { retryAfterMs: 2000 }); q.next(Date.now())
   */
  constructor(
    items: readonly T[],
    private readonly opts: { retryAfterMs: number; maxDeaths?: number },
  ) {
    if (!(opts.retryAfterMs > 0)) throw new SweepError(`CellQueue: retryAfterMs must be > 0, received ${opts.retryAfterMs}`);
    if (opts.maxDeaths !== undefined && !(Number.isInteger(opts.maxDeaths) && opts.maxDeaths >= 1)) {
      throw new SweepError(`CellQueue: maxDeaths must be an integer >= 1, received ${opts.maxDeaths}`);
    }
    this.entries = items.map((item) => ({ item, notBefore: 0, deaths: 0 }));
  }

  /** Cells not yet handed out (busy ones included). */
  get size(): number {
    return this.entries.length;
  }

  /** The first cell that may run at `now`; else how long until a busy one may be retried; else empty. */
  next(now: number): NextCell<T> {
    const i = this.entries.findIndex((e) => e.notBefore <= now);
    if (i >= 0) return { kind: 'cell', item: this.entries.splice(i, 1)[0]!.item };
    if (this.entries.length === 0) return { kind: 'empty' };
    return { kind: 'wait', ms: Math.max(1, Math.min(...this.entries.map((e) => e.notBefore)) - now) };
  }

  /** Another process holds `item`'s run: to the back, offered again from `now + retryAfterMs`. */
  busy(item: T, now: number): void {
    this.entries.push({ item, notBefore: now + this.opts.retryAfterMs, deaths: this.deaths.get(item.index) ?? 0 });
  }

  /**
   * `item`'s worker died while running it: to the front, at once. Returns false (not queued) when
   * its workers have now died `maxDeaths` times (default 3), so a cell that kills every worker
   * cannot hold the sweep forever.
   */
  died(item: T): boolean {
    const deaths = (this.deaths.get(item.index) ?? 0) + 1;
    this.deaths.set(item.index, deaths);
    if (deaths >= (this.opts.maxDeaths ?? 3)) return false;
    this.entries.unshift({ item, notBefore: 0, deaths });
    return true;
  }

  /** How many times `item`'s workers died in this sweep. */
  deathsOf(item: T): number {
    return this.deaths.get(item.index) ?? 0;
  }
}
