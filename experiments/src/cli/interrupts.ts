/**
 * Signals for long `cxr` commands. installInterrupts turns the first SIGINT, SIGTERM or SIGHUP into
 * an aborted AbortSignal (the run stops after its current batch and is handed back as pending) and
 * a second one into an immediate exit; watchLauncher makes this process exit when bin/cxr.mjs,
 * which started it with an IPC channel, is gone (its 'disconnect' is taken as SIGTERM).
 *
 * A Ctrl-C in a terminal reaches both the launcher, which forwards it, and this process: the same
 * signal twice within `duplicateWindowMs` counts once.
 */
import { constants } from 'node:os';
import { formatDuration } from '@cxr/results';

export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type InterruptSignal = (typeof INTERRUPT_SIGNALS)[number];

/** The shell's exit code for a process ended by `signal`: 128 + its number (SIGINT 130, SIGTERM 143, SIGHUP 129). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

export interface Interrupts {
  /** Aborted, with the signal name as its reason, when the first signal arrives. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  received(): InterruptSignal | undefined;
  /** Removes the handlers and the grace timer (signals get their default effect again). */
  dispose(): void;
}

export interface InterruptOptions {
  /** Where the handlers say what they do (default: stderr). */
  write?: (line: string) => void;
  /** After the first signal, exit anyway when the command has not ended within this (default 30 s). */
  graceMs?: number;
  /** The same signal again within this counts as the same one (default 500 ms). */
  duplicateWindowMs?: number;
  /** How to exit at once (default process.exit); tests replace it. */
  exit?: (code: number) => void;
}

/**
 * Installs the handlers; call dispose() when the command ends.
 *
 * @example const interrupts = installInterrupts(); await runExperiment({ ..., signal: interrupts.signal }); interrupts.dispose();
 */
export function installInterrupts(opts: InterruptOptions = {}): Interrupts {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const graceMs = opts.graceMs ?? 30_000;
  const windowMs = opts.duplicateWindowMs ?? 500;
  const controller = new AbortController();
  let first: { signal: InterruptSignal; at: number } | undefined;
  let grace: NodeJS.Timeout | undefined;
  const handler = (signal: InterruptSignal) => {
    const now = performance.now();
    if (!first) {
      first = { signal, at: now };
      const again = signal === 'SIGINT' ? 'press Ctrl-C again' : `send ${signal} again`;
      write(`cxr: ${signal}: stopping after the current batch and handing the run back (${again} to exit at once)`);
      controller.abort(signal);
      grace = setTimeout(() => {
        write(`cxr: still not stopped ${formatDuration(graceMs)} after ${signal}; exiting`);
        exit(signalExitCode(signal));
      }, graceMs);
      grace.unref();
      return;
    }
    if (signal === first.signal && now - first.at < windowMs) return;
    write(`cxr: ${signal} again: exiting at once (the run stays claimed until a command on this host takes it over)`);
    exit(signalExitCode(signal));
  };
  for (const s of INTERRUPT_SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    received: () => first?.signal,
    dispose: () => {
      for (const s of INTERRUPT_SIGNALS) process.off(s, handler);
      if (grace) clearTimeout(grace);
    },
  };
}

/**
 * When bin/cxr.mjs started this process with an IPC channel: unrefs the channel (it must never keep
 * the process alive) and, when it disconnects (the launcher exited or was killed), sends this
 * process SIGTERM - a graceful stop under installInterrupts, the default termination otherwise.
 * Does nothing without a channel (the CLI run directly with tsx).
 */
export function watchLauncher(): void {
  const channel = process.channel;
  if (!channel) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  channel.unref();
}
