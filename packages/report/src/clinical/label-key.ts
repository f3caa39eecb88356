/** How label names from different sources (a reference file, the runs' predictions) are matched. */

/**
 * The matching key of a label name: trimmed and lower-cased, so 'Cardiomegaly ' in a reference
 * file names the dataset's 'cardiomegaly'.
 *
 * @example labelKey('  Pleural Effusion') // 'pleural effusion'
 */
export function labelKey(name: string): string {
  return name.trim().toLowerCase();
}
