/**
 * The patient data `cxr predict` gives a two-input run model (seed 000): `--age --sex --view`
 * for every image, or a CSV (`--patient-csv FILE`, columns image, age, sex, view; image matched
 * by file name) per image, coded by @cxr/data's patientFeatures in the run's order.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { patientFeatures } from '@cxr/data';

/** What the command line says about the patients. */
export interface PatientArgs {
  age?: number;
  sex?: string;
  view?: string;
  patientCsv?: string;
}

/**
 * Per image file, its feature vector for a model whose meta.json lists `inputs`; null when the
 * model takes the image alone (then patient options are refused).
 *
 * @throws Error naming the option: patient options for an image-only model, none for a two-input
 *   one, or a CSV without a row for an image.
 * @example patientInputsFor(['a.png'], ['age', 'sex', 'view'], { age: 60, sex: 'F', view: 'PA' }) // [Float32Array [0.6, 1, 0]]
 */
export function patientInputsFor(files: readonly string[], inputs: readonly string[] | undefined, a: PatientArgs): Float32Array[] | null {
  const given = a.age !== undefined || a.sex !== undefined || a.view !== undefined || a.patientCsv !== undefined;
  if (!inputs?.length) {
    if (given)
      throw new Error(
        'cxr predict: --age/--sex/--view/--patient-csv are for runs whose model takes patient data; this run takes the image alone',
      );
    return null;
  }
  if (!given)
    throw new Error(
      `cxr predict: this run's model takes patient data (${inputs.join(', ')}); pass --age --sex --view or --patient-csv FILE`,
    );
  if (a.patientCsv === undefined) {
    const row = { ...(a.age !== undefined ? { age: a.age } : {}), ...(a.sex !== undefined ? { sex: a.sex } : {}), view: a.view ?? '' };
    return files.map(() => patientFeatures(row, inputs));
  }
  const rows = parse(readFileSync(a.patientCsv, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const byImage = new Map(rows.map((r) => [basename(r['image'] ?? ''), r]));
  return files.map((file) => {
    const r = byImage.get(basename(file));
    if (!r) throw new Error(`cxr predict --patient-csv ${a.patientCsv}: no row with image ${JSON.stringify(basename(file))}`);
    const age = r['age'] === undefined || r['age'] === '' ? undefined : Number(r['age']);
    return patientFeatures(
      { ...(age !== undefined ? { age } : {}), ...(r['sex'] ? { sex: r['sex'] } : {}), view: r['view'] ?? '' },
      inputs,
    );
  });
}
