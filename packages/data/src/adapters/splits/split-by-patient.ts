import { DataArgumentError } from '../../errors.ts';
import { createRng } from '../../random/index.ts';
import type { CxrRecord } from '../../records.ts';
import { iterativeStratification, type StratificationExample } from './iterative-stratification.ts';
import { pairPositives } from './label-pairs.ts';
import { secondOrderStratification } from './second-order-stratification.ts';

/**
 * How splitByPatient stratifies: 'first-order' balances each label (Sechidis et al. 2011),
 * 'second-order' first each co-occurring label pair, then each label (Szymanski & Kajdanowicz 2017).
 */
export const STRATIFICATION_ORDERS = ['first-order', 'second-order'] as const;
export type StratificationOrder = (typeof STRATIFICATION_ORDERS)[number];

/** Fractions of images per split. */
export interface SplitFractions {
  train: number;
  val: number;
  test: number;
}

/** Options of {@link splitByPatient}. */
export interface SplitOptions {
  /** Integer seed; the split draws from createRng(seed, 'split'). */
  seed: number;
  /** Default 0.7 / 0.1 / 0.2. Must be non-negative and sum to 1. */
  fractions?: SplitFractions;
  /**
   * The dataset's official test list (imageIds). Patients with any image in it form the test split
   * (whole, so none leaks); the rest is split into train and validation in the ratio train:val.
   */
  officialTest?: string[];
  /** Iterative stratification on the label vectors (default true); false = seeded random patients. */
  stratify?: boolean;
  /** Which iterative stratification `stratify` uses; default 'first-order'. */
  stratification?: StratificationOrder;
}

/** Indices into the records, ascending. */
export interface Split {
  train: number[];
  val: number[];
  test: number[];
}

export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = { train: 0.7, val: 0.1, test: 0.2 };

/**
 * Patient-level train/validation/test split: all images of a patient land in one split (002,
 * Methods: splitting by patient prevents leakage). With `stratify`, patients are placed by
 * iterative stratification (Sechidis et al. 2011) over their positive images per label, so label
 * prevalences match across splits and a label with three or more positive patients appears in
 * every split; sizes are counted in images. With `stratification: 'second-order'` the label pairs
 * that co-occur on an image are balanced first (secondOrderStratification), which keeps the
 * co-occurrence structure across splits. The same records and options give the same split.
 *
 * Cost: O(records + labels x patients); second-order O(records x positives^2 + (pairs + labels) x patients).
 * Throws DataArgumentError for a non-integer seed, fractions that are negative or do not sum to 1,
 * a zero train fraction, an unknown stratification, or records whose label vectors differ in length.
 *
 * @example splitByPatient(records, { seed: 1 }) // { train: [0, 1, 4, ...], val: [...], test: [...] }
 */
export function splitByPatient(records: CxrRecord[], opts: SplitOptions): Split {
  const fn = 'splitByPatient';
  if (!Number.isInteger(opts.seed)) throw new DataArgumentError(fn, 'opts.seed', 'an integer', opts.seed);
  const f = opts.fractions ?? DEFAULT_SPLIT_FRACTIONS;
  const parts = [f.train, f.val, f.test];
  if (parts.some((p) => typeof p !== 'number' || !Number.isFinite(p) || p < 0) || Math.abs(parts[0]! + parts[1]! + parts[2]! - 1) > 1e-6) {
    throw new DataArgumentError(fn, 'opts.fractions', 'train, val and test >= 0 summing to 1', `${f.train}/${f.val}/${f.test}`);
  }
  if (!(f.train > 0)) throw new DataArgumentError(fn, 'opts.fractions.train', 'a fraction > 0', f.train);
  const k = records.length > 0 ? records[0]!.labels.length : 0;
  const patients = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r.labels.length !== k) throw new DataArgumentError(fn, `records[${i}].labels`, `length ${k} like records[0]`, r.labels);
    const list = patients.get(r.patientId);
    if (list) list.push(i);
    else patients.set(r.patientId, [i]);
  });
  const groups = [...patients.values()];
  const stratify = opts.stratify ?? true;
  const order = opts.stratification ?? 'first-order';
  if (!(STRATIFICATION_ORDERS as readonly string[]).includes(order))
    throw new DataArgumentError(fn, 'opts.stratification', `one of ${STRATIFICATION_ORDERS.join(', ')}`, order);
  const example = (indices: number[]): StratificationExample => {
    const positives = new Float64Array(stratify ? k : 0);
    for (const i of indices) for (let l = 0; l < positives.length; l++) if (records[i]!.labels[l] === 1) positives[l]!++;
    return { weight: indices.length, positives };
  };
  const pairExample = (indices: number[]) => ({
    ...example(indices),
    pairs: stratify
      ? pairPositives(
          indices.map((i) => records[i]!.labels),
          k,
        )
      : new Float64Array(0),
  });
  const rng = createRng(opts.seed, 'split');
  const out: Split = { train: [], val: [], test: [] };
  const targets: (keyof Split)[] = ['train', 'val', 'test'];
  let pool = groups;
  let ratios = parts;
  if (opts.officialTest) {
    const testIds = new Set(opts.officialTest);
    pool = [];
    for (const g of groups) {
      if (g.some((i) => testIds.has(records[i]!.imageId))) out.test.push(...g);
      else pool.push(g);
    }
    ratios = [f.train, f.val, 0];
  }
  const where =
    order === 'second-order'
      ? secondOrderStratification(pool.map(pairExample), ratios, rng)
      : iterativeStratification(pool.map(example), ratios, rng);
  pool.forEach((g, p) => out[targets[where[p]!]!].push(...g));
  for (const t of targets) out[t].sort((a, b) => a - b);
  return out;
}
