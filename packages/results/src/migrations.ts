/**
 * The results.db schema as an ordered list of migrations. `PRAGMA user_version` records how many
 * have been applied; a migration is never edited once committed - change the schema by appending
 * one. Times are integer milliseconds since the Unix epoch (UTC); JSON columns hold canonical JSON.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'experiments, configs, runs, epochs, metrics, label metrics, predictions',
    sql: `
CREATE TABLE experiments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT,
  created_at  INTEGER NOT NULL
);
-- A resolved config is stored once (identity = hash); experiments refer to it with their own label,
-- so a config shared by two tables (e.g. a baseline) is trained once.
CREATE TABLE configs (
  id          INTEGER PRIMARY KEY,
  hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
  config_json TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE experiment_configs (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  config_id     INTEGER NOT NULL REFERENCES configs(id) ON DELETE CASCADE,
  label         TEXT NOT NULL,
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, config_id)
);
CREATE TABLE runs (
  id                  INTEGER PRIMARY KEY,
  config_id           INTEGER NOT NULL REFERENCES configs(id) ON DELETE CASCADE,
  seed                INTEGER NOT NULL,
  dataset_fingerprint TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  claim_token         TEXT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  host                TEXT,
  pid                 INTEGER,
  heartbeat_at        INTEGER,
  backend             TEXT,
  code_version        TEXT,
  package_versions    TEXT,
  created_at          INTEGER NOT NULL,
  started_at          INTEGER,
  ended_at            INTEGER,
  error               TEXT,
  info                TEXT NOT NULL DEFAULT '{}',
  UNIQUE (config_id, dataset_fingerprint, seed),
  CHECK ((status = 'running') = (claim_token IS NOT NULL))
);
CREATE INDEX runs_status ON runs(status);
CREATE TABLE epochs (
  run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch         INTEGER NOT NULL,
  train_loss    REAL NOT NULL,
  val_loss      REAL,
  metrics       TEXT NOT NULL,
  learning_rates TEXT NOT NULL,
  seconds       REAL NOT NULL,
  recorded_at   INTEGER NOT NULL,
  PRIMARY KEY (run_id, epoch)
);
CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split  TEXT NOT NULL,
  name   TEXT NOT NULL,
  value  REAL NOT NULL,
  PRIMARY KEY (run_id, split, name)
);
CREATE TABLE label_metrics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split  TEXT NOT NULL,
  label  TEXT NOT NULL,
  name   TEXT NOT NULL,
  value  REAL NOT NULL,
  PRIMARY KEY (run_id, split, label, name)
);
-- probabilities and labels: row-major rows x cols Float32 little-endian.
CREATE TABLE predictions (
  run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split         TEXT NOT NULL,
  rows          INTEGER NOT NULL,
  cols          INTEGER NOT NULL,
  label_names   TEXT NOT NULL,
  probabilities BLOB NOT NULL,
  labels        BLOB NOT NULL,
  PRIMARY KEY (run_id, split)
);
`,
  },
  {
    version: 2,
    description: "runs: the claiming process's start time and pid namespace (so a dead holder is told from a live one)",
    sql: `
-- Clock ticks since boot at which the claiming process started (Linux: /proc/<pid>/stat field 22),
-- NULL where unknown; with host and pid it identifies the holder even after its pid is reused.
ALTER TABLE runs ADD COLUMN pid_start INTEGER;
-- The holder's pid namespace (Linux: /proc/self/ns/pid, e.g. 'pid:[4026531836]'); a claim from another
-- namespace (a container sharing the host name) cannot be checked by pid and waits for the stale limit.
ALTER TABLE runs ADD COLUMN pid_namespace TEXT;
`,
  },
  {
    version: 3,
    description: "problems: the recoverable input problems of a run's dataset (skipped rows, missing images)",
    sql: `
-- One row per problem in the order the adapters reported them (seq from 0). kind NULL counts as
-- 'other'; line is 1-based in file (a CSV header is line 1). Only CREATE TABLE: it applies after any
-- version 2 and touches no other table.
CREATE TABLE problems (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  source  TEXT,
  kind    TEXT,
  file    TEXT NOT NULL,
  line    INTEGER,
  field   TEXT,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
`,
  },
  {
    version: 4,
    description: "the store's own identity (meta.store_id) and a config's other labels within an experiment (config_aliases)",
    sql: `
-- Facts about this database file itself. store_id: 32 random hex digits made once, when this
-- migration runs, so a copied file is recognisably the same store and a new one never passes for
-- another; run checkpoints carry it (a checkpoint folder from another database is not resumed).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
-- The first label a config is registered under in an experiment stays (experiment_configs.label);
-- every other spelling later given for it (another preset name, config file or path) is kept here.
CREATE TABLE config_aliases (
  experiment_id INTEGER NOT NULL,
  config_id     INTEGER NOT NULL,
  alias         TEXT NOT NULL,
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, config_id, alias),
  FOREIGN KEY (experiment_id, config_id) REFERENCES experiment_configs(experiment_id, config_id) ON DELETE CASCADE
);
`,
  },
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
