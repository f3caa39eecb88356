/** The clinical request with its defaults filled in and every setting checked. */
import { ReportArgumentError } from '../errors.ts';
import type { ClinicalRequest } from './clinical-types.ts';

/** Every setting of a ClinicalRequest, defaults applied. */
export interface ClinicalSettings {
  reference: ClinicalRequest['reference'];
  extraReferences: NonNullable<ClinicalRequest['extraReferences']>;
  levels: string[] | undefined;
  targets: { sensitivity: number; specificity: number };
  eceBins: number;
  bootstrap: { b: number; seed: number };
  maxCurvePoints: number;
  histogramBins: number;
}

const FN = 'buildClinicalModel';

function integerAtLeast(arg: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new ReportArgumentError(FN, arg, `an integer >= ${min}`, value);
  return value;
}

function unitInterval(arg: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new ReportArgumentError(FN, arg, 'a number in [0, 1]', value);
  return value;
}

/**
 * The request's settings with the thesis' defaults: targets 0.95 / 0.95, 15 ECE bins, 1000
 * bootstrap resamples with seed 0, 100 curve points, 20 histogram bins.
 *
 * @throws ReportArgumentError naming `request.<key>` for a setting out of range (a non-integer bin
 *   count, a target outside [0, 1], fewer than 2 curve points, a reference AUC outside [0, 1] ...).
 * @example clinicalSettings({ reference: null }).eceBins // 15
 */
export function clinicalSettings(request: ClinicalRequest): ClinicalSettings {
  if (typeof request !== 'object' || request === null)
    throw new ReportArgumentError(FN, 'request', 'an object { reference, ... }', request);
  const reference = request.reference ?? null;
  if (reference !== null) {
    if (typeof reference.auc !== 'object' || reference.auc === null)
      throw new ReportArgumentError(FN, 'request.reference.auc', 'an object label -> AUC', reference.auc);
    for (const [label, auc] of Object.entries(reference.auc)) unitInterval(`request.reference.auc[${JSON.stringify(label)}]`, auc);
  }
  const extraReferences = request.extraReferences ?? [];
  if (!Array.isArray(extraReferences))
    throw new ReportArgumentError(FN, 'request.extraReferences', 'an array of reference columns', extraReferences);
  if (extraReferences.length > 0 && reference === null)
    throw new ReportArgumentError(
      FN,
      'request.extraReferences',
      'no extra columns without a reference (Table 9 is shown only with one)',
      extraReferences,
    );
  extraReferences.forEach((column, i) => {
    if (typeof column?.auc !== 'object' || column.auc === null)
      throw new ReportArgumentError(FN, `request.extraReferences[${i}].auc`, 'an object label -> AUC', column?.auc);
    for (const [label, auc] of Object.entries(column.auc)) unitInterval(`request.extraReferences[${i}].auc[${JSON.stringify(label)}]`, auc);
  });
  if (request.levels !== undefined && !Array.isArray(request.levels))
    throw new ReportArgumentError(FN, 'request.levels', 'an array of level labels', request.levels);
  const targets = request.targets ?? { sensitivity: 0.95, specificity: 0.95 };
  const bootstrap = request.bootstrap ?? { b: 1000, seed: 0 };
  return {
    reference,
    extraReferences: [...extraReferences],
    levels: request.levels ? [...request.levels] : undefined,
    targets: {
      sensitivity: unitInterval('request.targets.sensitivity', targets.sensitivity),
      specificity: unitInterval('request.targets.specificity', targets.specificity),
    },
    eceBins: integerAtLeast('request.eceBins', request.eceBins ?? 15, 1),
    bootstrap: {
      b: integerAtLeast('request.bootstrap.b', bootstrap.b, 1),
      seed: integerAtLeast('request.bootstrap.seed', bootstrap.seed, 0),
    },
    maxCurvePoints: integerAtLeast('request.maxCurvePoints', request.maxCurvePoints ?? 100, 2),
    histogramBins: integerAtLeast('request.histogramBins', request.histogramBins ?? 20, 1),
  };
}
