/**
 * Plans a phantom dataset without rendering it: patients, their studies (first study and
 * follow-ups), each study's images (frontal PA/AP and sometimes a lateral), the true findings with
 * severities, and the noisy labels as a report miner would have written them. Planning is cheap,
 * so prevalences and grouping can be checked on large plans; rendering is a separate step.
 */
import { DataArgumentError } from '../errors.ts';
import { createRng, type Rng } from '../random/index.ts';
import {
  sampleExposure,
  sampleMarker,
  samplePatientAnatomy,
  samplePose,
  type FindingInstance,
  type PatientAnatomy,
  type PhantomParams,
  type PhantomProjection,
} from './params.ts';
import { apProbability, riskMultiplier, type PhantomRisk } from './risk.ts';
import { baseRate, PHANTOM_LABELS, severityOf, validatePhantomSpec, type PhantomLabel, type PhantomSpec } from './spec.ts';

/** Labels outside the ten that PadChest reports also mention; they have no visual signature here. */
export const PHANTOM_OTHER_LABELS = ['COPD signs', 'chronic changes', 'kyphosis', 'pseudonodule', 'hiatal hernia'] as const;

/** One CSV row / image of a planned dataset. */
export interface PhantomRow {
  imageId: string;
  /** Numbered folder, as PadChest's ImageDir ("0", "1", ...). */
  imageDir: string;
  studyId: string;
  patientId: string;
  /** 0-based patient number in generation order. */
  patientIndex: number;
  /** 0 for a patient's first study, 1 for the first follow-up, ... */
  followUp: number;
  /** YYYYMMDD. */
  studyDate: string;
  birthYear: number;
  /** Age in years at the patient's first study (what the risk factors read). */
  age: number;
  sex: 'M' | 'F';
  projection: PhantomProjection;
  reportId: number;
  params: PhantomParams;
  /** Findings truly present (visible ones with severity > 0, and 'unchanged' when true). */
  truth: PhantomLabel[];
  /** The labels as written in the CSV (noisy, may include other labels); ['normal'] when none. */
  labels: string[];
}

/** A planned dataset, rows in CSV order. */
export interface PhantomPlan {
  rows: PhantomRow[];
  patients: number;
  studies: number;
}

/** Options of `planPhantomDataset`. */
export interface PlanOptions {
  images: number;
  seed: number;
  spec: PhantomSpec;
  /** Stream prefix; a different prefix gives different patients (the source set uses 'phantom-source'). */
  stream?: string;
  /** Age, sex and view risk factors (risk.ts); absent = none, the PadChest layout's plan. */
  risk?: PhantomRisk;
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2009, 0, 1);

function digits(rng: Rng, n: number): string {
  let s = String(1 + rng.int(9));
  while (s.length < n) s += String(rng.int(10));
  return s;
}

function letters(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + rng.int(26));
  return s;
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

function pick(rng: Rng, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** A fresh finding of `label`: severity from the spec, a side where the finding has one. */
function newFinding(rng: Rng, spec: PhantomSpec, label: PhantomLabel): FindingInstance {
  const s = severityOf(spec, label);
  const severity = s.min + (s.max - s.min) * rng.beta(s.alpha, s.beta);
  const lateralised = label === 'pleural effusion' || label === 'costophrenic angle blunting' || label === 'laminar atelectasis';
  const side = lateralised ? ([-1, 0, 1] as const)[pick(rng, [0.4, 0.25, 0.35])]! : rng.next() < 0.5 ? -1 : 1;
  return { severity, side, u: rng.next(), v: rng.next() };
}

function drift(rng: Rng, spec: PhantomSpec, label: PhantomLabel, f: FindingInstance): FindingInstance {
  const s = severityOf(spec, label);
  return { ...f, severity: Math.min(s.max, Math.max(s.min, f.severity + rng.normal(0, 0.04))) };
}

/** Expected share of a patient's studies that are follow-ups, from the studies-per-patient weights. */
function followUpShare(spec: PhantomSpec): number {
  const w = spec.studiesPerPatient;
  const total = w.reduce((a, b) => a + b, 0);
  const mean = w.reduce((acc, wi, i) => acc + wi * (i + 1), 0) / total;
  return 1 - 1 / mean;
}

/**
 * Plans `images` rows: patients are generated one after another (each with 1..k studies, each study
 * a frontal image and sometimes a lateral) until there are enough rows, then the rows are shuffled
 * into CSV order and assigned to numbered folders. Deterministic in (images, seed, spec, stream).
 *
 * Findings follow a per-label stationary Markov chain across a patient's studies (see
 * `PhantomSpec.persistence`), co-occurrence rules are drawn once per patient, 'unchanged' is drawn
 * only for follow-ups (at a rate that keeps its overall prevalence), and label noise is applied last.
 *
 * Throws DataArgumentError for images < 1, a bad seed, or an invalid spec.
 * @example planPhantomDataset({ images: 10, seed: 0, spec: DEFAULT_PHANTOM_SPEC }).rows.length // 10
 */
export function planPhantomDataset(options: PlanOptions): PhantomPlan {
  const { images, seed, spec } = options;
  const stream = options.stream ?? 'phantom';
  const risk = options.risk;
  if (!Number.isInteger(images) || images < 1) throw new DataArgumentError('planPhantomDataset', 'images', 'an integer >= 1', images);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new DataArgumentError('planPhantomDataset', 'seed', 'a non-negative safe integer', seed);
  validatePhantomSpec(spec);
  const visible = PHANTOM_LABELS.filter((l) => l !== 'unchanged');
  const base = Object.fromEntries(visible.map((l) => [l, baseRate(spec, l)])) as Record<PhantomLabel, number>;
  const unchangedRate = Math.min(1, spec.prevalence.unchanged / Math.max(1e-9, followUpShare(spec)));

  const rows: Omit<PhantomRow, 'imageDir'>[] = [];
  let patients = 0;
  let studies = 0;
  while (rows.length < images) {
    const p = patients++;
    const rng = createRng(seed, `${stream}/patient/${p}`);
    const sex: 'M' | 'F' = rng.next() < 0.5 ? 'M' : 'F';
    const anatomy: PatientAnatomy = samplePatientAnatomy(rng, sex);
    const patientId = digits(rng, 38);
    const age = Math.round(Math.min(95, Math.max(18, rng.normal(62, 16))));
    let day = FIRST_DAY + rng.int(8 * 365) * DAY_MS;
    const birthYear = new Date(day).getUTCFullYear() - age;
    const nStudies = 1 + pick(rng, spec.studiesPerPatient);
    const ruleDraws = spec.cooccurrence.map((r) => ({ u: rng.next(), finding: newFinding(rng, spec, r.then) }));
    let state: Partial<Record<PhantomLabel, FindingInstance>> = {};
    for (let j = 0; j < nStudies && rows.length < images; j++) {
      studies++;
      if (j > 0) day += (14 + rng.int(520)) * DAY_MS;
      const next: Partial<Record<PhantomLabel, FindingInstance>> = {};
      for (const label of visible) {
        const prev = state[label];
        const keep = j > 0 && rng.next() < spec.persistence[label];
        if (keep) {
          if (prev) next[label] = drift(rng, spec, label, prev);
        } else if (rng.next() < (risk ? Math.min(1, base[label] * riskMultiplier(risk, label, age, sex)) : base[label])) {
          next[label] = newFinding(rng, spec, label);
        }
      }
      state = next;
      // Rules act on this study's base draws; rule-made findings are not fed back into the chain.
      const findings: Partial<Record<PhantomLabel, FindingInstance>> = { ...next };
      spec.cooccurrence.forEach((rule, r) => {
        if (findings[rule.given] && !findings[rule.then] && ruleDraws[r]!.u < rule.probability) findings[rule.then] = ruleDraws[r]!.finding;
      });
      if (j > 0 && rng.next() < unchangedRate) findings.unchanged = { severity: 1, side: 0, u: 0, v: 0 };
      const truth = PHANTOM_LABELS.filter((l) => findings[l]);

      const written: string[] = [];
      for (const label of PHANTOM_LABELS) {
        const present = findings[label] !== undefined;
        if (present ? rng.next() >= spec.labelNoise.missRate : rng.next() < spec.labelNoise.spuriousRate) written.push(label);
      }
      if (rng.next() < spec.otherLabelRate) written.push(PHANTOM_OTHER_LABELS[rng.int(PHANTOM_OTHER_LABELS.length)]!);
      const labels = written.length ? written : ['normal'];

      const studyId = digits(rng, 38);
      const reportId = 1_000_000 + rng.int(8_000_000);
      const apRate = risk ? apProbability(risk, truth, spec.apFraction) : spec.apFraction;
      const frontal: PhantomProjection = rng.next() < apRate ? 'AP' : 'PA';
      const projections: PhantomProjection[] = rng.next() < spec.lateralPerStudy ? [frontal, 'L'] : [frontal];
      for (const projection of projections) {
        if (rows.length >= images) break;
        const params: PhantomParams = {
          projection,
          anatomy,
          pose: samplePose(rng),
          exposure: sampleExposure(rng),
          marker: sampleMarker(rng),
          findings,
          noiseSeed: rng.nextUint32(),
        };
        rows.push({
          imageId: `${digits(rng, 38)}_${letters(rng, 6)}.png`,
          studyId,
          patientId,
          patientIndex: p,
          followUp: j,
          studyDate: ymd(day),
          birthYear,
          age,
          sex,
          projection,
          reportId,
          params,
          truth,
          labels,
        });
      }
    }
  }
  createRng(seed, `${stream}/row-order`).shuffle(rows);
  return {
    rows: rows.map((r, i) => ({ ...r, imageDir: String(Math.floor(i / spec.imagesPerDir)) })),
    patients,
    studies,
  };
}
