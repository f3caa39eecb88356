/**
 * Writing a report file whole or not at all: the text goes to a temp name that says its writer
 * (@cxr/core tempPathFor) and is renamed over the target, so a reader (or a browser open on the
 * page) never sees half a file, and a temp left by a killed writer is removed by the next one.
 */
import { removeAbandonedTemps, tempPathFor } from '@cxr/core';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { ReportError } from './errors.ts';

/**
 * Writes `text` (UTF-8) to `path` through a temp file and a rename.
 *
 * Throws ReportError naming the file when it cannot be written (the temp file is removed).
 *
 * @example writeFileAtomic('reports/index.html', html)
 */
export function writeFileAtomic(path: string, text: string): void {
  removeAbandonedTemps(path);
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new ReportError(`writeFileAtomic(${path}): could not write the file: ${(e as Error).message}`);
  }
}
