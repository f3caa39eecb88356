/** `cxr db experiments [--json]`: each experiment with its configs, runs by status and last activity. Read-only. */
import { RUN_STATUSES, type ExperimentSummary } from '@cxr/results';
import type { CliCommand } from '../command-types.ts';
import { formatDate } from '../db-format.ts';
import { dbOption, dbPath, formatTable, jsonOption, withStore, type DbArgs } from './db.ts';

/** Human form: one row per experiment; runs as a total and per status. */
export function renderExperiments(list: ExperimentSummary[]): string {
  if (list.length === 0) return 'no experiments';
  const header = ['experiment', 'configs', 'runs', ...RUN_STATUSES, 'last activity'];
  const rows = list.map((e) => [
    e.name,
    String(e.configs),
    String(RUN_STATUSES.reduce((n, s) => n + e.runs[s], 0)),
    ...RUN_STATUSES.map((s) => String(e.runs[s])),
    formatDate(e.lastActivityAt),
  ]);
  return formatTable([header, ...rows]);
}

const experiments: CliCommand = {
  group: 'db',
  module: {
    command: 'experiments',
    describe: 'Experiments: configs, runs by status, last activity',
    builder: (y) => y.option('db', dbOption).option('json', jsonOption),
    handler: (argv) => {
      const a = argv as unknown as DbArgs;
      const path = dbPath(a);
      const list = withStore(path, (store) => store.listExperiments());
      if (a.json) console.log(JSON.stringify(list ?? [], null, 2));
      else console.log(list ? renderExperiments(list) : `no results database at ${path} yet (the first run creates it)`);
    },
  },
};

export default experiments;
