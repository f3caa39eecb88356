import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { installInterrupts, signalExitCode } from './interrupts.ts';

/** Installs the handlers with recorders instead of stderr and process.exit. */
function recorded(opts: { graceMs?: number; duplicateWindowMs?: number } = {}) {
  const lines: string[] = [];
  const exits: number[] = [];
  const interrupts = installInterrupts({ ...opts, write: (l) => lines.push(l), exit: (c) => exits.push(c) });
  return { interrupts, lines, exits };
}

describe('installInterrupts', () => {
  test('the first signal aborts with its name and says what happens; the same one again at once counts once', () => {
    const listeners = process.listenerCount('SIGINT');
    const { interrupts, lines, exits } = recorded();
    try {
      assert.equal(interrupts.signal.aborted, false);
      process.emit('SIGINT', 'SIGINT');
      assert.equal(interrupts.signal.aborted, true);
      assert.equal(interrupts.signal.reason, 'SIGINT');
      assert.equal(interrupts.received(), 'SIGINT');
      assert.deepEqual(lines, [
        'cxr: SIGINT: stopping after the current batch and handing the run back (press Ctrl-C again to exit at once)',
      ]);
      process.emit('SIGINT', 'SIGINT'); // the launcher's forwarded copy of a terminal Ctrl-C
      assert.deepEqual(exits, []);
      process.emit('SIGTERM', 'SIGTERM');
      assert.deepEqual(exits, [143], 'another signal is a second one');
    } finally {
      interrupts.dispose();
    }
    assert.equal(process.listenerCount('SIGINT'), listeners, 'dispose removes the handlers');
  });

  test('a second signal after the duplicate window exits at once with 128 + its number', () => {
    const { interrupts, lines, exits } = recorded({ duplicateWindowMs: 0 });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      assert.match(lines[0]!, /^cxr: SIGTERM: stopping after the current batch .*\(send SIGTERM again to exit at once\)$/);
      process.emit('SIGTERM', 'SIGTERM');
      assert.deepEqual(exits, [143]);
      assert.match(lines[1]!, /^cxr: SIGTERM again: exiting at once/);
    } finally {
      interrupts.dispose();
    }
  });

  test('a command that has not stopped within the grace time is ended', async () => {
    const { interrupts, lines, exits } = recorded({ graceMs: 20 });
    try {
      process.emit('SIGHUP', 'SIGHUP');
      await new Promise((r) => setTimeout(r, 60));
      assert.deepEqual(exits, [129]);
      assert.equal(lines[1], 'cxr: still not stopped 20 ms after SIGHUP; exiting');
    } finally {
      interrupts.dispose();
    }
  });

  test('signalExitCode is 128 + the signal number', () => {
    assert.deepEqual((['SIGHUP', 'SIGINT', 'SIGKILL', 'SIGTERM'] as const).map(signalExitCode), [129, 130, 137, 143]);
  });
});
