import type Database from 'better-sqlite3';

/** What every store operation needs: the open connection, its path (for messages) and a clock. */
export interface StoreContext {
  readonly db: Database.Database;
  readonly path: string;
  /** Milliseconds since the Unix epoch; injectable so staleness can be tested without sleeping. */
  readonly now: () => number;
}
