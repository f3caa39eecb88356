import type { StoreContext } from './context.ts';
import { ResultsFileError } from './errors.ts';

/**
 * The store's own identity: `meta.store_id`, 32 lower-case hex digits drawn by the migration that
 * made the meta table (version 4), so every database made separately has its own and a copy of
 * the file keeps it.
 *
 * @throws ResultsFileError when the row is missing or malformed (a damaged or hand-edited file).
 * @example storeIdentity(ctx) // '9c1f0e...' (32 hex digits)
 */
export function storeIdentity(ctx: StoreContext): string {
  const value = ctx.db.prepare("SELECT value FROM meta WHERE key = 'store_id'").pluck().get() as unknown;
  if (typeof value !== 'string' || !/^[0-9a-f]{32}$/.test(value)) {
    throw new ResultsFileError(
      ctx.path,
      `meta.store_id should be 32 hex digits, found ${value === undefined ? 'no row' : JSON.stringify(value)}; the database is damaged`,
    );
  }
  return value;
}
