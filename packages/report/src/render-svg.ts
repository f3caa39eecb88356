/**
 * Vega-Lite spec -> SVG string in Node, with no browser and no network: vega-lite compiles the
 * spec, vega's headless View renders it (renderer 'none', so no canvas is needed) and a loader
 * that refuses every URL makes sure nothing is fetched (specs carry their data inline).
 */
import { CxrError } from '@cxr/core';
import { View, parse, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A spec could not be compiled or rendered, or it asked for a URL. */
export class RenderError extends CxrError {
  override name = 'RenderError';
}

function refuse(uri: string): Promise<never> {
  return Promise.reject(new RenderError(`renderSvg: specs must carry their data inline; refused to load ${JSON.stringify(uri)}`));
}

/** The loader given to every View: it loads nothing. */
export const OFFLINE_LOADER: Loader = {
  load: (uri) => refuse(uri),
  sanitize: (uri) => refuse(uri),
  http: (uri) => refuse(uri),
  file: (filename) => refuse(filename),
};

/**
 * The SVG of a Vega-Lite spec. Deterministic: the same spec gives the same string (vega's
 * per-process clip-path and gradient counters are renumbered from 1 in order of appearance).
 *
 * Throws RenderError when the spec does not compile, asks for a URL or fails to render.
 *
 * @example await renderSvg({ data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } }) // '<svg ...'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  let view: View;
  try {
    view = new View(parse(compile(spec).spec), { renderer: 'none', loader: OFFLINE_LOADER, logLevel: 0 });
  } catch (e) {
    throw new RenderError(`renderSvg(spec): expected a valid Vega-Lite spec, compile failed: ${(e as Error).message}`);
  }
  try {
    return normaliseIds(await view.toSVG());
  } catch (e) {
    if (e instanceof RenderError) throw e;
    throw new RenderError(`renderSvg(spec): rendering failed: ${(e as Error).message}`);
  } finally {
    view.finalize();
  }
}

/**
 * Renumbers vega's generated ids (`clip12`, `gradient_3`, ...) by first appearance, so two renders
 * of one spec in one process, or in two, give the same bytes.
 *
 * @example normaliseIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>') // '<clipPath id="clip1"/><g clip-path="url(#clip1)"/>'
 */
export function normaliseIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="((clip|gradient_?|pattern_?)(\d+))"/g)) {
    if (!ids.has(m[1]!)) ids.set(m[1]!, `${m[2]}${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/\b(clip|gradient_?|pattern_?)(\d+)\b/g, (whole) => ids.get(whole) ?? whole);
}
