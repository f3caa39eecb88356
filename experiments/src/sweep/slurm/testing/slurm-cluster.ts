/**
 * A single-node Slurm for the test suite (*.test.ts only): munged, slurmctld and slurmd started in
 * the foreground from Debian's packages (slurm-wlm, munge) with a slurm.conf in a temp folder -
 * proctrack/linuxproc and task/none, so no cgroups are needed - on ports of its own, and torn down
 * after. Needs root (slurmd runs jobs as their user). Clients find it through SLURM_CONF.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { delimiter, join } from 'node:path';

const DAEMONS = ['munged', 'slurmctld', 'slurmd'] as const;
const CLIENTS = ['sbatch', 'scontrol', 'squeue', 'sinfo'] as const;

/** The full path of `name` on PATH or in /usr/sbin, else null. */
export function findBinary(name: string): string | null {
  for (const dir of [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin']) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

/** Why a Slurm cannot be started here (missing binaries, not root), or null when it can. */
export function slurmSkipReason(): string | null {
  const missing = [...DAEMONS, ...CLIENTS].filter((b) => findBinary(b) === null);
  if (missing.length) return `Slurm/munge binaries missing (${missing.join(', ')}): apt-get install slurm-wlm munge`;
  if (process.getuid?.() !== 0) return 'a single-node Slurm needs root (slurmd starts jobs as their user)';
  return null;
}

export interface SlurmCluster {
  /** Variables every client (sbatch, scontrol, and the jobs themselves) needs: SLURM_CONF. */
  env: Record<string, string>;
  conf: string;
  /** `scontrol ARGS` (or another client) with this cluster's config; its stdout. @throws Error with stderr on failure. */
  client(command: (typeof CLIENTS)[number] | 'scancel', args: string[]): string;
  /** Cancels every job, stops the daemons, waits for them to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the cluster in `dir` and waits (up to `readyMs`) for its one node to be idle.
 *
 * @throws Error naming the daemon and its log when one exits early or the node is not idle in time.
 * @example const slurm = await startSlurmCluster(tmp.dir); ...; await slurm.stop();
 */
export async function startSlurmCluster(dir: string, readyMs = 30_000): Promise<SlurmCluster> {
  for (const sub of ['state', 'spool', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  const key = join(dir, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o600 });
  const socket = join(dir, 'munge.sock');
  const port = 20_000 + Math.floor(Math.random() * 9_000) * 2;
  const host = hostname().split('.')[0]!;
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=cxrtest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      `SlurmctldPort=${port}`,
      `SlurmdPort=${port + 1}`,
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'SchedulerType=sched/builtin',
      'SlurmUser=root',
      'SlurmdUser=root',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
      'ReturnToService=2',
      // a requeued task's processes get SIGKILL this long after SIGTERM
      'KillWait=10',
      'MinJobAge=600',
      'MpiDefault=none',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN`,
      `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES`,
      '',
    ].join('\n'),
  );
  const env = { SLURM_CONF: conf };
  const procs: ChildProcess[] = [];
  const start = (name: string, args: string[]) => {
    const p = spawn(findBinary(name)!, args, { stdio: 'ignore', env: { ...process.env, ...env } });
    procs.push(p);
    return p;
  };
  const stopAll = async () => {
    for (const p of [...procs].reverse()) {
      if (p.exitCode !== null || p.signalCode !== null) continue;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }
  };
  const client = (command: string, args: string[]): string => {
    const r = spawnSync(findBinary(command)!, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  try {
    start('munged', [
      '--foreground',
      '--force',
      `--socket=${socket}`,
      `--key-file=${key}`,
      `--pid-file=${join(dir, 'munged.pid')}`,
      `--log-file=${join(dir, 'log', 'munged.log')}`,
      `--seed-file=${join(dir, 'munge.seed')}`,
    ]);
    await new Promise((r) => setTimeout(r, 300));
    start('slurmctld', ['-D', '-i', '-f', conf]);
    await new Promise((r) => setTimeout(r, 500));
    start('slurmd', ['-D', '-f', conf, '-N', host]);
    const deadline = Date.now() + readyMs;
    for (;;) {
      const dead = procs.find((p) => p.exitCode !== null || p.signalCode !== null);
      if (dead) throw new Error(`startSlurmCluster: ${dead.spawnfile} exited early; see ${join(dir, 'log')}`);
      let state = '';
      try {
        state = client('sinfo', ['-h', '-o', '%T']).trim();
      } catch {
        // slurmctld not answering yet
      }
      if (state === 'idle') break;
      if (Date.now() > deadline)
        throw new Error(`startSlurmCluster: node not idle within ${readyMs} ms (state ${JSON.stringify(state)}); see ${join(dir, 'log')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    env,
    conf,
    client,
    stop: async () => {
      try {
        client('scancel', ['--user=root']);
      } catch {
        // nothing to cancel, or slurmctld gone
      }
      await new Promise((r) => setTimeout(r, 500));
      await stopAll();
    },
  };
}
