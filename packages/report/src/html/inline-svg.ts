/**
 * Prepares a rendered SVG for inlining into a page: ids are scoped to the chart (every chart's
 * first clip path is "clip1", and ids must be unique in a document) and the namespace attributes,
 * which an HTML parser supplies itself, are dropped so the page holds no URL of ours.
 */

/**
 * `svg` with each id and its `url(#id)` / `href="#id"` references prefixed by `prefix-`, and
 * without xmlns attributes.
 *
 * @example inlineSvg('<svg xmlns="http://www.w3.org/2000/svg"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>', 'forest')
 * // '<svg><clipPath id="forest-clip1"/><g clip-path="url(#forest-clip1)"/></svg>'
 */
export function inlineSvg(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!));
  let out = svg.replace(/\s+xmlns(:[a-z]+)?="[^"]*"/g, '');
  out = out.replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`);
  out = out.replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : whole));
  out = out.replace(/href="#([^"]+)"/g, (whole, id: string) => (ids.has(id) ? `href="#${prefix}-${id}"` : whole));
  return out;
}
