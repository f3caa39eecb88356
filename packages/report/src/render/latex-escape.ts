/** Text as LaTeX source. */

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * Escapes LaTeX's special characters (\ & % $ # _ { } ~ ^) so a label prints as written; newlines
 * become spaces (a table cell is one line).
 *
 * @example latexEscape('90 % & focal_a0.2') // '90 \\% \\& focal\\_a0.2'
 */
export function latexEscape(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\&%$#_{}~^]/g, (c) => SPECIAL[c]!);
}
