/**
 * Names of temporary files and folders that say who writes them, so one left by a killed writer
 * can be told from one still being written: `<target>.tmp-<pid>[.<start ticks>][-<unique>]`. The
 * start time (Linux) guards against a pid the kernel has given to a new process; without it the
 * pid alone decides (isProcessRunning). Used by the image cache (temp files) and the phantom
 * writer (temp folders); a writer calls removeAbandonedTemps before it starts.
 */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isProcessRunning, processStartTicks } from './process-liveness.ts';

let ownStart: number | null | undefined;

/**
 * The temp name of `target` owned by this process; `unique` tells apart several temps of one
 * process (letters, digits, '-' and '.').
 *
 * @example tempPathFor('data/phantom') // 'data/phantom.tmp-4242.1234567' (pid 4242 started at tick 1234567)
 * @example tempPathFor('cache.bin', String(Date.now())) // 'cache.bin.tmp-4242.1234567-1700000000000'
 */
export function tempPathFor(target: string, unique?: string): string {
  ownStart ??= processStartTicks(process.pid);
  return `${target}.tmp-${process.pid}${ownStart === null ? '' : `.${ownStart}`}${unique ? `-${unique}` : ''}`;
}

/**
 * The writer of `name` when it is a temp name of a target called `targetName` (a base name, no
 * folder), else null. Start ticks are null in names written without them (no procfs, older names).
 *
 * @example tempNameWriter('set.tmp-42.999-x', 'set') // { pid: 42, startTicks: 999 }
 * @example tempNameWriter('set.tmp-ab', 'set') // null
 */
export function tempNameWriter(name: string, targetName: string): { pid: number; startTicks: number | null } | null {
  const prefix = `${targetName}.tmp-`;
  if (!name.startsWith(prefix)) return null;
  const m = /^([0-9]+)(?:\.([0-9]+))?(?:-.*)?$/.exec(name.slice(prefix.length));
  if (!m) return null;
  return { pid: Number(m[1]), startTicks: m[2] === undefined ? null : Number(m[2]) };
}

/**
 * True when `name` is a temp of `targetName` whose writer is gone (killed, crashed, or its pid now
 * another process's). A temp of this process or of another live one is not abandoned.
 *
 * @example isAbandonedTemp(basename(tempPathFor('data/set')), 'set') // false: this process is alive
 */
export function isAbandonedTemp(name: string, targetName: string): boolean {
  const writer = tempNameWriter(name, targetName);
  return writer !== null && !isProcessRunning(writer.pid, writer.startTicks);
}

/**
 * Removes the abandoned temps (files or folders) of `target` in its folder and returns their
 * names; a missing folder or a temp that cannot be removed is skipped. Cost: one readdir.
 *
 * @example removeAbandonedTemps('data/phantom/.set') // ['.set.tmp-31337'] when pid 31337 is gone
 */
export function removeAbandonedTemps(target: string): string[] {
  const dir = dirname(target);
  const targetName = basename(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isAbandonedTemp(name, targetName)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // another process removed or holds it; the next writer tries again
    }
  }
  return removed;
}
