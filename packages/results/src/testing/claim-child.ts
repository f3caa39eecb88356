/**
 * A separate process for the claim tests (claim-race.test.ts): it opens the store given on the
 * command line and either races for runs or holds one until it is killed.
 *
 *   race DB ID...           print {"ready":true}, wait for a line on stdin (the parent sends it to
 *                           both children at once), try to claim each run in order, print
 *                           {"won":[ids]} and exit when stdin closes (a holder that exited would
 *                           be gone, and its runs free for the other child to take over)
 *   hold DB ID              claim the run, print {"claimed":token}, heartbeat every 20 ms forever
 */
import { openResultsStore } from '../store.ts';

const [mode, path, ...rest] = process.argv.slice(2);
const store = openResultsStore({ path: path!, busyTimeoutMs: 10_000 });

if (mode === 'race') {
  const ids = rest.map(Number);
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  process.stdin.once('data', () => {
    const won = ids.filter((id) => store.claimRun(id, { backend: `pid-${process.pid}` }) !== null);
    process.stdout.write(`${JSON.stringify({ won })}\n`);
    process.stdin.once('end', () => store.close());
    process.stdin.resume();
  });
} else if (mode === 'hold') {
  const claim = store.claimRun(Number(rest[0]));
  process.stdout.write(`${JSON.stringify({ claimed: claim?.token ?? null })}\n`);
  if (claim) setInterval(() => store.heartbeat(claim), 20);
  else store.close();
} else {
  process.stderr.write(`claim-child: unknown mode ${JSON.stringify(mode)} (expected race or hold)\n`);
  process.exitCode = 2;
}
