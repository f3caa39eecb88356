/**
 * The scheduler with fake in-process workers (the real processes are exercised in
 * ../cli/commands/sweep.test.ts): order, busy retries, a dead worker replaced and its cell rerun,
 * stop on a signal, workers that cannot start.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunConfig } from '@cxr/train';
import { runCells, type WorkerProcess } from './run-cells.ts';
import type { SweepCellResult, SweepView } from './sweep-view-types.ts';
import type { CellResult, FromWorker, ToWorker, WorkerCell } from './worker-protocol.ts';

const cell = (index: number): WorkerCell => ({
  index,
  runId: index + 1,
  experiment: 'x',
  level: `L${index}`,
  seed: 1,
  configHash: 'h',
  config: {} as RunConfig,
});

/** What a fake worker does with a cell: a result after `ms`, or die (exit 137) after `ms`. */
type Script = (cell: WorkerCell, attempt: number) => { ms: number; result?: CellResult; die?: boolean };

function fakeSpawner(script: Script, opts: { failStart?: boolean } = {}) {
  const attempts = new Map<number, number>();
  const log: string[] = [];
  let pid = 100;
  const spawn = (): WorkerProcess => {
    const me = ++pid;
    let onMessage: (m: unknown) => void = () => {};
    let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => {};
    let alive = true;
    let timer: NodeJS.Timeout | undefined;
    let current: WorkerCell | undefined;
    const emit = (m: FromWorker) => setImmediate(() => alive && onMessage(m));
    const exit = (code: number | null, signal: NodeJS.Signals | null = null) => {
      if (!alive) return;
      alive = false;
      if (timer) clearTimeout(timer);
      setImmediate(() => onExit(code, signal));
    };
    setImmediate(() => (opts.failStart ? exit(1) : emit({ type: 'ready' })));
    return {
      pid: me,
      send(m: ToWorker) {
        if (!alive) throw new Error('channel closed');
        if (m.type === 'exit') return exit(0);
        if (m.type === 'stop') {
          if (current)
            emit({
              type: 'result',
              index: current.index,
              result: { status: 'interrupted', runId: current.runId, epochsDone: 1, seconds: 0 },
            });
          return void setTimeout(() => exit(130), 5);
        }
        current = m.cell;
        const n = (attempts.get(m.cell.index) ?? 0) + 1;
        attempts.set(m.cell.index, n);
        log.push(`${me} runs ${m.cell.index}`);
        const plan = script(m.cell, n);
        timer = setTimeout(() => {
          if (plan.die) return exit(null, 'SIGKILL');
          current = undefined;
          emit({ type: 'result', index: m.cell.index, result: plan.result! });
        }, plan.ms);
      },
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => exit(null, 'SIGKILL'),
    };
  };
  return { spawn, log, attempts };
}

function recordingView() {
  const events: string[] = [];
  const view: SweepView = {
    started: (c, slot) => events.push(`start ${c.index} on ${slot}`),
    progress: () => {},
    finished: (c, _slot, r: SweepCellResult) => events.push(`${r.status} ${c.index}`),
    message: (t) => events.push(t),
    close: () => {},
  };
  return { view, events };
}

const done = (c: WorkerCell): CellResult => ({ status: 'done', runId: c.runId, test: { macro_auc_roc: 0.5 }, seconds: 0.01 });

describe('runCells', () => {
  test('every cell once; a busy cell is retried after the others until it is done', async () => {
    const { spawn, attempts } = fakeSpawner((c, n) =>
      c.index === 0 && n < 3 ? { ms: 1, result: { status: 'busy', runId: c.runId, holder: null, seconds: 0 } } : { ms: 5, result: done(c) },
    );
    const { view, events } = recordingView();
    const cells = [0, 1, 2].map(cell);
    const out = await runCells({ cells, workers: 2, spawn, view, signal: new AbortController().signal, retryAfterMs: 20 });
    assert.equal(out.interrupted, false);
    assert.deepEqual(out.outcomes.map((o) => `${o.cell.index} ${o.result.status}`).sort(), ['0 done', '1 done', '2 done']);
    assert.equal(attempts.get(0), 3);
    assert.ok(events.indexOf('busy 0') < events.indexOf('start 2 on 1') || events.indexOf('busy 0') < events.indexOf('start 2 on 2'));
  });

  test('a worker killed mid-cell is replaced and its cell runs again at once; a cell that kills 3 workers is lost', async () => {
    const { spawn, attempts } = fakeSpawner((c, n) =>
      c.index === 1 && n === 1 ? { ms: 5, die: true } : c.index === 2 ? { ms: 2, die: true } : { ms: 5, result: done(c) },
    );
    const { view, events } = recordingView();
    const out = await runCells({ cells: [0, 1, 2].map(cell), workers: 1, spawn, view, signal: new AbortController().signal });
    const by = Object.fromEntries(out.outcomes.map((o) => [o.cell.index, o.result]));
    assert.equal(by[0]!.status, 'done');
    assert.equal(by[1]!.status, 'done');
    assert.equal(attempts.get(1), 2);
    assert.equal(by[2]!.status, 'lost');
    assert.match((by[2] as { error: string }).error, /its worker died 3 times \(last: pid \d+, killed by SIGKILL\)/);
    assert.ok(
      events.some((e) =>
        /worker 1 \(pid \d+\) died \(killed by SIGKILL\) running L1 seed 1; its run is taken over by the next worker/.test(e),
      ),
    );
  });

  test('an aborted signal stops every worker; running cells come back interrupted, the rest stay unrun', async () => {
    const { spawn } = fakeSpawner((c) => ({ ms: 10_000, result: done(c) }));
    const { view } = recordingView();
    const ac = new AbortController();
    const running = runCells({ cells: [0, 1, 2, 3].map(cell), workers: 2, spawn, view, signal: ac.signal });
    setTimeout(() => ac.abort('SIGINT'), 30);
    const started = Date.now();
    const out = await running;
    assert.ok(Date.now() - started < 2000);
    assert.equal(out.interrupted, true);
    assert.deepEqual(
      out.outcomes.map((o) => o.result.status),
      ['interrupted', 'interrupted'],
    );
  });

  test('workers that exit before they start end the sweep with an error; a bad worker count is refused', async () => {
    const { spawn } = fakeSpawner((c) => ({ ms: 1, result: done(c) }), { failStart: true });
    const { view } = recordingView();
    await assert.rejects(runCells({ cells: [cell(0)], workers: 1, spawn, view, signal: new AbortController().signal }), {
      name: 'SweepError',
      message: /runCells: 3 workers in a row exited before they started \(last: exit code 1\)/,
    });
    await assert.rejects(runCells({ cells: [cell(0)], workers: 0, spawn, view, signal: new AbortController().signal }), {
      name: 'SweepError',
      message: /runCells: workers must be an integer >= 1, received 0/,
    });
  });
});
