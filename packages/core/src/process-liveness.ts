/**
 * Is a process still running (the holder of a run's claim in results.db, the writer of a temp
 * file or folder)? On Linux a process is identified by its pid and
 * its start time (field 22 of /proc/<pid>/stat, clock ticks since boot), so a pid the kernel has
 * given to a new process is not mistaken for the old holder; a zombie (killed, not yet reaped)
 * counts as gone. Without /proc the fallback is "does a process with this pid exist"
 * (process.kill(pid, 0)). Only meaningful for a process on this host and in this pid namespace.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CxrError } from './cxr-error.ts';

/** The fields of /proc/<pid>/stat this module reads. */
export interface ProcStat {
  /** Field 3: R running, S sleeping, D disk wait, Z zombie, T stopped, X dead ... */
  state: string;
  /** Field 22: when the process started, in clock ticks since boot. */
  startTicks: number;
}

/**
 * Parses the text of /proc/<pid>/stat. Field 2 (the command name) is in parentheses and may itself
 * hold spaces and parentheses, so fields are counted from the last ')'.
 *
 * @throws CxrError when the text does not have the layout proc(5) describes.
 * @example parseProcStat('42 (node) S 1 42 42 0 -1 4194560 ...') // { state: 'S', startTicks: ... }
 */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  const fields =
    close < 0
      ? []
      : text
          .slice(close + 1)
          .trim()
          .split(/\s+/);
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const startTicks = Number(fields[19]);
  if (fields.length < 20 || !/^[A-Za-z]$/.test(fields[0]!) || !Number.isSafeInteger(startTicks) || startTicks < 0) {
    throw new CxrError(
      `parseProcStat: expected the text of /proc/<pid>/stat (pid (comm) state ... starttime ...), received ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  return { state: fields[0]!, startTicks };
}

/**
 * The stat of `pid` from `procRoot` (default /proc): the parsed fields, 'none' when no such process
 * exists there, or 'no-proc' when procfs cannot be read (not Linux, or no permission).
 */
export function readProcStat(pid: number, procRoot = '/proc'): ProcStat | 'none' | 'no-proc' {
  let text: string;
  try {
    text = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') {
      try {
        readFileSync(join(procRoot, 'self', 'stat'));
        return 'none';
      } catch {
        return 'no-proc';
      }
    }
    return 'no-proc';
  }
  try {
    return parseProcStat(text);
  } catch {
    return 'no-proc';
  }
}

/**
 * When process `pid` started (clock ticks since boot), or null where that cannot be read (no
 * procfs, no such process).
 *
 * @example processStartTicks(process.pid) // 1234567 on Linux, null on macOS
 */
export function processStartTicks(pid: number, procRoot = '/proc'): number | null {
  const stat = readProcStat(pid, procRoot);
  return typeof stat === 'object' ? stat.startTicks : null;
}

/** This process's pid namespace ('pid:[4026531836]'), or null without procfs. */
export function pidNamespace(procRoot = '/proc'): string | null {
  try {
    return readlinkSync(join(procRoot, 'self', 'ns', 'pid'));
  } catch {
    return null;
  }
}

/**
 * True while the process `pid` (started at `startTicks`, when known) exists and is not a zombie.
 * A different start time means the pid now belongs to another process: false. Without procfs:
 * whether any process has this pid (process.kill(pid, 0); EPERM = it exists, owned by another user).
 * A pid that is not a positive integer is never running (kill(0) would mean "my process group").
 *
 * @example isProcessRunning(process.pid, processStartTicks(process.pid)) // true
 */
export function isProcessRunning(pid: number, startTicks: number | null, procRoot = '/proc'): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  const stat = readProcStat(pid, procRoot);
  if (stat === 'none') return false;
  if (stat !== 'no-proc') {
    if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return false;
    return startTicks === null || stat.startTicks === startTicks;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
