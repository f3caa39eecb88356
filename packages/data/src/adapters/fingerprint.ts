import { createHash } from 'node:crypto';
import { DataArgumentError } from '../errors.ts';
import type { CxrRecord } from '../records.ts';

/**
 * SHA-256 (hex) of a dataset's kept records, in order, and its label list: what results.db stores
 * with every run so that a run's identity changes when the data it saw changes. Each record
 * contributes its ids, study, view, sex, age and label vector; the image path is left out so the
 * same data in another directory gives the same fingerprint.
 *
 * Cost: O(records x labels).
 * Throws DataArgumentError when a record's label vector length differs from the label list's.
 *
 * @example datasetFingerprint([], ['cardiomegaly']) // a 64-character hex string
 */
export function datasetFingerprint(records: CxrRecord[], labelNames: string[]): string {
  const hash = createHash('sha256');
  hash.update(`${JSON.stringify(['cxr-dataset/1', labelNames])}\n`);
  records.forEach((r, i) => {
    if (r.labels.length !== labelNames.length) {
      throw new DataArgumentError(
        'datasetFingerprint',
        `records[${i}].labels`,
        `length ${labelNames.length} (one value per label name)`,
        r.labels,
      );
    }
    const row = [
      r.imageId,
      r.patientId,
      r.studyId ?? null,
      r.studyDate ?? null,
      r.view,
      r.sex ?? null,
      r.age ?? null,
      Array.from(r.labels),
    ];
    hash.update(`${JSON.stringify(row)}\n`);
  });
  return hash.digest('hex');
}
