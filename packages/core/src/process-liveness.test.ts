import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isProcessRunning, parseProcStat, pidNamespace, processStartTicks } from './process-liveness.ts';

const linux = existsSync('/proc/self/stat');

describe('parseProcStat', () => {
  test('reads state (field 3) and start time (field 22), counting from the last ")" of the command name', () => {
    // A line as Linux writes it (cat's own /proc/self/stat, start time 49692).
    const line =
      '6943 (cat) R 6941 6941 2875 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0 49692 3133440 355 18446744073709551615 94594624376832 0 17 0 0 0\n';
    assert.deepEqual(parseProcStat(line), { state: 'R', startTicks: 49692 });
    const odd = line.replace('(cat)', '(a) b) Z 1 (c)');
    assert.deepEqual(parseProcStat(odd), { state: 'R', startTicks: 49692 }, 'a command name with spaces and parentheses');
    assert.deepEqual(parseProcStat(line.replace(' R ', ' Z ')).state, 'Z');
  });

  test('refuses text that is not a stat line, naming what it received', () => {
    assert.throws(() => parseProcStat('hello'), {
      message: 'parseProcStat: expected the text of /proc/<pid>/stat (pid (comm) state ... starttime ...), received "hello"',
    });
    assert.throws(() => parseProcStat('1 (x) R 1 2 3'), /parseProcStat: expected the text of \/proc\/<pid>\/stat/);
  });
});

describe('isProcessRunning (a real child process)', () => {
  test('a live child is running under its start time, not under another one; once killed it is gone', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const pid = child.pid!;
      const started = processStartTicks(pid);
      if (linux) {
        assert.ok(Number.isSafeInteger(started) && started! > 0, `start ticks of pid ${pid}: ${started}`);
        assert.ok(started! >= processStartTicks(process.pid)!, 'the child started after this process');
        assert.equal(isProcessRunning(pid, started! + 1), false, 'another start time: the pid was reused');
      } else {
        assert.equal(started, null);
      }
      assert.equal(isProcessRunning(pid, started), true);
      assert.equal(isProcessRunning(pid, null), true, 'start time unknown (an old claim): the pid alone decides');
      // Without procfs the fallback (process.kill(pid, 0)) sees it too.
      assert.equal(isProcessRunning(pid, null, '/no/such/proc'), true);
      child.kill('SIGKILL');
      await exited;
      assert.equal(isProcessRunning(pid, started), false);
      assert.equal(isProcessRunning(pid, null), false);
      assert.equal(isProcessRunning(pid, null, '/no/such/proc'), false);
      assert.equal(processStartTicks(pid), null);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('this process is running; pids that are not positive integers never are', () => {
    assert.equal(isProcessRunning(process.pid, processStartTicks(process.pid)), true);
    for (const pid of [0, -1, 1.5, Number.NaN]) assert.equal(isProcessRunning(pid, null), false, String(pid));
  });

  test('pidNamespace names this process namespace on Linux, null without procfs', () => {
    if (linux) assert.match(pidNamespace()!, /^pid:\[\d+\]$/);
    assert.equal(pidNamespace('/no/such/proc'), null);
  });
});
