/**
 * Patient-level risk factors of the phantom: how age, sex and a present finding shift a label's
 * prevalence or the frontal view, so that patient data carries real signal (a fusion model that
 * reads age, sex and view can beat an image-only one). Used by the NIH and CheXpert layouts; the
 * PadChest layout plans without it, so its set is unchanged.
 */
import type { PhantomLabel } from './spec.ts';

/** Risk factors; plain JSON so they can be hashed into the manifest key. */
export interface PhantomRisk {
  /**
   * Per label, the relative change of its draw rate per 16 years of age around 62 (the phantom's
   * mean age): rate x max(0.15, 1 + slope (age - 62) / 16).
   */
  ageSlope: Partial<Record<PhantomLabel, number>>;
  /** Per label, the male:female rate ratio r; men draw at 2r / (1 + r) x base, women at 2 / (1 + r) x base. */
  maleRatio: Partial<Record<PhantomLabel, number>>;
  /** Per label, the probability that a study with that finding is imaged AP (bedside) instead of PA. */
  apWhenPresent: Partial<Record<PhantomLabel, number>>;
}

/**
 * The risk factors of the NIH and CheXpert layouts: cardiomegaly, aortic elongation and the
 * interstitial pattern rise with age, air trapping (emphysema) is three times as common in men,
 * and an effusion is usually imaged AP, as in ward patients.
 */
export const DEFAULT_PHANTOM_RISK: PhantomRisk = {
  ageSlope: { cardiomegaly: 0.7, 'aortic elongation': 0.6, 'interstitial pattern': 0.7 },
  maleRatio: { 'air trapping': 3 },
  apWhenPresent: { 'pleural effusion': 0.75 },
};

/** The rate multiplier of `label` for a patient of `age` years and `sex` (1 without risk factors). */
export function riskMultiplier(risk: PhantomRisk, label: PhantomLabel, age: number, sex: 'M' | 'F'): number {
  let m = 1;
  const slope = risk.ageSlope[label];
  if (slope !== undefined) m *= Math.max(0.15, 1 + (slope * (age - 62)) / 16);
  const r = risk.maleRatio[label];
  if (r !== undefined) m *= sex === 'M' ? (2 * r) / (1 + r) : 2 / (1 + r);
  return m;
}

/** Probability that a study with `present` findings is AP: the largest apWhenPresent among them, else `apFraction`. */
export function apProbability(risk: PhantomRisk, present: Iterable<PhantomLabel>, apFraction: number): number {
  let p = apFraction;
  for (const label of present) p = Math.max(p, risk.apWhenPresent[label] ?? 0);
  return p;
}
