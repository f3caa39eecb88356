/**
 * Per-image tabular features for a model's second input (seed 000, section 2.3.4): age scaled to
 * [0, 1], sex (male 0, female 1) and view position (PA 0, AP 1).
 */
import { DataArgumentError } from '../errors.ts';
import type { CxrRecord } from '../records.ts';

/** The patient features a config can ask for, in the order the model's input gets them. */
export const PATIENT_FEATURE_NAMES = ['age', 'sex', 'view'] as const;
export type PatientFeatureName = (typeof PATIENT_FEATURE_NAMES)[number];

/** Age in years that maps to 1 (a fixed scale, so one image at predict time scales as in training). */
export const AGE_SCALE_YEARS = 100;

/**
 * Value given to a missing or unreadable field: 0.5, halfway between the two codes (and the
 * middle of the age scale), so a missing value pulls toward neither class.
 */
export const MISSING_FEATURE = 0.5;

/**
 * The features `names` of one record (age/100 clamped to [0, 1]; sex 'F'/'Female' 1, 'M'/'Male' 0;
 * view 'AP*' 1, 'PA' 0; anything else MISSING_FEATURE).
 *
 * @throws DataArgumentError for a name outside PATIENT_FEATURE_NAMES.
 * @example patientFeatures({ age: 58, sex: 'F', view: 'AP' }, ['age', 'sex', 'view']) // Float32Array [0.58, 1, 1]
 */
export function patientFeatures(record: Pick<CxrRecord, 'age' | 'sex' | 'view'>, names: readonly string[]): Float32Array {
  return Float32Array.from(names, (name) => {
    switch (name) {
      case 'age':
        return typeof record.age === 'number' && Number.isFinite(record.age)
          ? Math.min(1, Math.max(0, record.age / AGE_SCALE_YEARS))
          : MISSING_FEATURE;
      case 'sex': {
        const s = (record.sex ?? '').trim().toUpperCase();
        return s === 'F' || s === 'FEMALE' ? 1 : s === 'M' || s === 'MALE' ? 0 : MISSING_FEATURE;
      }
      case 'view': {
        const v = (record.view ?? '').trim().toUpperCase();
        return v.startsWith('AP') ? 1 : v === 'PA' ? 0 : MISSING_FEATURE;
      }
      default:
        throw new DataArgumentError('patientFeatures', 'names', `names from ${PATIENT_FEATURE_NAMES.join(', ')}`, name);
    }
  });
}
