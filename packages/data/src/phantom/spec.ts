/**
 * The typed specification of the synthetic chest-radiograph phantom: which labels exist, how often
 * they occur, how they co-occur, how severe they are, how noisy the mined labels are, and how the
 * studies are laid out (projections, follow-ups). One object, plain JSON, so it can be hashed into
 * the dataset manifest.
 */
import { PADCHEST_THESIS_LABEL_TUPLE } from '../adapters/label-lists.ts';
import { DataArgumentError } from '../errors.ts';

/** The phantom draws the thesis' ten PadChest PA labels, in the thesis' order (002, Section 4). */
export const PHANTOM_LABELS = PADCHEST_THESIS_LABEL_TUPLE;

/** One of the ten phantom labels. */
export type PhantomLabel = (typeof PHANTOM_LABELS)[number];

/** The name of the only label set the generator knows (`--labels padchest10`). */
export const PHANTOM_LABEL_SETS = ['padchest10'] as const;

/** Severity distribution of a present finding: min + (max - min) * Beta(alpha, beta). */
export interface SeveritySpec {
  min: number;
  max: number;
  alpha: number;
  beta: number;
}

/** "When `given` is present, `then` is also present with probability `probability`." */
export interface CooccurrenceRule {
  given: PhantomLabel;
  then: PhantomLabel;
  probability: number;
}

/** Everything that shapes a phantom dataset besides its size, image size and seed. */
export interface PhantomSpec {
  /** Marginal prevalence per label over frontal images (co-occurrence rules are compensated). */
  prevalence: Record<PhantomLabel, number>;
  /** Co-occurrence rules; a label may be a `given` or a `then`, not both. */
  cooccurrence: CooccurrenceRule[];
  /**
   * Probability that a follow-up keeps the previous study's state of a label (with a small drift in
   * severity) instead of drawing it afresh; chronic findings persist, acute ones come and go. The
   * chain is stationary, so the marginal prevalence is unchanged.
   */
  persistence: Record<PhantomLabel, number>;
  /** Severity of present findings; `severityOverrides` replaces it per label. */
  severity: SeveritySpec;
  severityOverrides: Partial<Record<PhantomLabel, SeveritySpec>>;
  /**
   * Label noise, as PadChest's labels were mined from report text: a true finding is missing from
   * `Labels` with probability `missRate`, and an absent one is added with probability `spuriousRate`.
   */
  labelNoise: { missRate: number; spuriousRate: number };
  /** Probability weights of 1, 2, 3, ... studies per patient (follow-ups share the patient's anatomy). */
  studiesPerPatient: number[];
  /** Probability that a study also has a lateral (L) image, a separate CSV row. */
  lateralPerStudy: number;
  /** Probability that a study's frontal image is AP instead of PA. */
  apFraction: number;
  /** Probability that a frontal row also carries an unrelated label with no visual signature ('COPD signs', ...). */
  otherLabelRate: number;
  /** Images per numbered ImageDir folder. */
  imagesPerDir: number;
}

/**
 * Defaults: prevalences close to PadChest's PA set (cardiomegaly about 9 %, the rarest about 2 %;
 * 002, Section 3: cardiomegaly is the most frequent finding and under 10 %), effusion with blunting
 * and cardiomegaly with aortic elongation, 4 % missed and 0.3 % spurious labels.
 */
export const DEFAULT_PHANTOM_SPEC: PhantomSpec = {
  prevalence: {
    cardiomegaly: 0.09,
    'aortic elongation': 0.07,
    unchanged: 0.08,
    scoliosis: 0.045,
    'costophrenic angle blunting': 0.04,
    'air trapping': 0.035,
    'pleural effusion': 0.03,
    'interstitial pattern': 0.025,
    'vertebral degenerative changes': 0.025,
    'laminar atelectasis': 0.02,
  },
  cooccurrence: [
    { given: 'pleural effusion', then: 'costophrenic angle blunting', probability: 0.5 },
    { given: 'cardiomegaly', then: 'aortic elongation', probability: 0.3 },
    { given: 'scoliosis', then: 'vertebral degenerative changes', probability: 0.15 },
  ],
  persistence: {
    cardiomegaly: 0.9,
    'aortic elongation': 0.9,
    unchanged: 0,
    scoliosis: 0.95,
    'costophrenic angle blunting': 0.6,
    'air trapping': 0.85,
    'pleural effusion': 0.4,
    'interstitial pattern': 0.8,
    'vertebral degenerative changes': 0.95,
    'laminar atelectasis': 0.2,
  },
  severity: { min: 0.05, max: 1, alpha: 1.4, beta: 1.6 },
  severityOverrides: {},
  labelNoise: { missRate: 0.04, spuriousRate: 0.003 },
  studiesPerPatient: [0.5, 0.25, 0.13, 0.07, 0.05],
  lateralPerStudy: 0.2,
  apFraction: 0.04,
  otherLabelRate: 0.06,
  imagesPerDir: 1000,
};

/**
 * The default set that `data:phantom` builds and the sweep uses: 3,000 rows at 128x128, seed 0.
 * 128 px keeps the signatures visible after the trainer downsamples to 32-64 px.
 */
export const DEFAULT_PHANTOM_SET = { images: 3000, size: 128, seed: 0 } as const;

/** Spec with `overrides` merged over `base`, the defaults unless given (records merged per key). */
export function mergePhantomSpec(overrides: Partial<PhantomSpec> = {}, base: PhantomSpec = DEFAULT_PHANTOM_SPEC): PhantomSpec {
  const d = base;
  return {
    ...d,
    ...overrides,
    prevalence: { ...d.prevalence, ...overrides.prevalence },
    persistence: { ...d.persistence, ...overrides.persistence },
    severity: { ...d.severity, ...overrides.severity },
    severityOverrides: { ...d.severityOverrides, ...overrides.severityOverrides },
    labelNoise: { ...d.labelNoise, ...overrides.labelNoise },
  };
}

function checkProbability(fn: string, arg: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new DataArgumentError(fn, arg, 'a probability in [0, 1]', value);
}

function checkSeverity(fn: string, arg: string, s: SeveritySpec): void {
  if (!(s.min >= 0 && s.max <= 1 && s.min <= s.max))
    throw new DataArgumentError(fn, `${arg}.min/max`, '0 <= min <= max <= 1', `${s.min}..${s.max}`);
  if (!(s.alpha > 0) || !(s.beta > 0)) throw new DataArgumentError(fn, `${arg}.alpha/beta`, 'numbers > 0', `${s.alpha}, ${s.beta}`);
}

/**
 * Checks a spec; returns it unchanged when valid.
 *
 * Throws DataArgumentError naming the field: a probability outside [0, 1], an unknown label, a
 * label both `given` and `then`, a prevalence too small for its co-occurrence rules, an empty
 * `studiesPerPatient`, or a non-positive `imagesPerDir`.
 * @example validatePhantomSpec(DEFAULT_PHANTOM_SPEC) === DEFAULT_PHANTOM_SPEC // true
 */
export function validatePhantomSpec(spec: PhantomSpec): PhantomSpec {
  const fn = 'validatePhantomSpec';
  const known = new Set<string>(PHANTOM_LABELS);
  for (const record of ['prevalence', 'persistence'] as const) {
    for (const key of Object.keys(spec[record])) {
      if (!known.has(key)) throw new DataArgumentError(fn, `spec.${record}`, `labels among [${PHANTOM_LABELS.join(', ')}]`, key);
    }
    for (const label of PHANTOM_LABELS) checkProbability(fn, `spec.${record}['${label}']`, spec[record][label]);
  }
  checkSeverity(fn, 'spec.severity', spec.severity);
  for (const [label, s] of Object.entries(spec.severityOverrides)) {
    if (!known.has(label)) throw new DataArgumentError(fn, 'spec.severityOverrides', `labels among [${PHANTOM_LABELS.join(', ')}]`, label);
    checkSeverity(fn, `spec.severityOverrides['${label}']`, s as SeveritySpec);
  }
  const givens = new Set(spec.cooccurrence.map((r) => r.given));
  for (const [i, rule] of spec.cooccurrence.entries()) {
    for (const end of ['given', 'then'] as const) {
      if (!known.has(rule[end]))
        throw new DataArgumentError(fn, `spec.cooccurrence[${i}].${end}`, `a label among [${PHANTOM_LABELS.join(', ')}]`, rule[end]);
    }
    checkProbability(fn, `spec.cooccurrence[${i}].probability`, rule.probability);
    if (givens.has(rule.then))
      throw new DataArgumentError(fn, `spec.cooccurrence[${i}].then`, 'a label that is not also a given', rule.then);
  }
  for (const label of PHANTOM_LABELS) baseRate(spec, label);
  checkProbability(fn, 'spec.labelNoise.missRate', spec.labelNoise.missRate);
  checkProbability(fn, 'spec.labelNoise.spuriousRate', spec.labelNoise.spuriousRate);
  if (spec.studiesPerPatient.length === 0 || !spec.studiesPerPatient.every((w) => w >= 0) || !spec.studiesPerPatient.some((w) => w > 0)) {
    throw new DataArgumentError(fn, 'spec.studiesPerPatient', 'non-negative weights, at least one positive', spec.studiesPerPatient);
  }
  checkProbability(fn, 'spec.lateralPerStudy', spec.lateralPerStudy);
  checkProbability(fn, 'spec.apFraction', spec.apFraction);
  checkProbability(fn, 'spec.otherLabelRate', spec.otherLabelRate);
  if (!Number.isInteger(spec.imagesPerDir) || spec.imagesPerDir < 1)
    throw new DataArgumentError(fn, 'spec.imagesPerDir', 'an integer >= 1', spec.imagesPerDir);
  return spec;
}

/**
 * The independent draw rate of `label` that makes its marginal prevalence equal the configured one
 * once co-occurrence rules add positives: P(absent) = (1 - base) * prod(1 - p_given * q).
 * Throws DataArgumentError when the rules alone already exceed the configured prevalence.
 */
export function baseRate(spec: PhantomSpec, label: PhantomLabel): number {
  const target = spec.prevalence[label];
  let untouched = 1;
  for (const rule of spec.cooccurrence) if (rule.then === label) untouched *= 1 - spec.prevalence[rule.given] * rule.probability;
  if (untouched < 1 - target - 1e-12) {
    throw new DataArgumentError(
      'validatePhantomSpec',
      `spec.prevalence['${label}']`,
      `at least ${(1 - untouched).toFixed(4)} (implied by its co-occurrence rules)`,
      target,
    );
  }
  return Math.max(0, 1 - (1 - target) / untouched);
}

/** Severity spec of one label (override or the shared one). */
export function severityOf(spec: PhantomSpec, label: PhantomLabel): SeveritySpec {
  return spec.severityOverrides[label] ?? spec.severity;
}
