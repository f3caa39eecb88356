/**
 * Vega-Lite spec -> SVG string in Node, with no browser and no network: vega-lite compiles the
 * spec, vega's headless View renders it (renderer 'none', so no canvas is needed) and a loader
 * that refuses every URL makes sure nothing is fetched (specs carry their data inline).
 */
import { View, parse, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ReportError } from './errors.ts';

/** A spec could not be compiled or rendered, or it asked for a URL. */
export class RenderError extends ReportError {
  override name = 'RenderError';
}

/**
 * A loader that loads nothing and remembers what it was asked for: vega logs a failed data load
 * and renders on without the data, so renderSvg checks the list afterwards and throws.
 */
export function offlineLoader(): { loader: Loader; refused: string[] } {
  const refused: string[] = [];
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri);
    return Promise.reject(new RenderError(`renderSvg: refused to load ${JSON.stringify(uri)}`));
  };
  return { refused, loader: { load: refuse, sanitize: refuse, http: refuse, file: refuse } };
}

/**
 * The SVG of a Vega-Lite spec. Deterministic: the same spec gives the same string (vega's
 * per-process clip-path and gradient counters are renumbered from 1 in order of appearance).
 *
 * Throws RenderError when the spec does not compile, asks for a URL or fails to render.
 *
 * @example await renderSvg({ data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } }) // '<svg ...'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { loader, refused } = offlineLoader();
  let view: View;
  try {
    view = new View(parse(compile(spec).spec), { renderer: 'none', loader, logLevel: 0 });
  } catch (e) {
    throw new RenderError(`renderSvg(spec): expected a valid Vega-Lite spec, compile failed: ${(e as Error).message}`);
  }
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) {
      throw new RenderError(
        `renderSvg(spec): expected data inline (data.values) and no URL, received URLs ${refused.map((u) => JSON.stringify(u)).join(', ')}`,
      );
    }
    return normaliseIds(svg);
  } catch (e) {
    if (e instanceof RenderError) throw e;
    throw new RenderError(`renderSvg(spec): rendering failed: ${(e as Error).message}`);
  } finally {
    view.finalize();
  }
}

/**
 * Renumbers vega's generated ids (`clip12`, `gradient_3`, ...) by first appearance, each kind from 1, so two renders
 * of one spec in one process, or in two, give the same bytes.
 *
 * @example normaliseIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>') // '<clipPath id="clip1"/><g clip-path="url(#clip1)"/>'
 */
export function normaliseIds(svg: string): string {
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const m of svg.matchAll(/\bid="((clip|gradient_?|pattern_?)(\d+))"/g)) {
    if (ids.has(m[1]!)) continue;
    const n = (counts.get(m[2]!) ?? 0) + 1;
    counts.set(m[2]!, n);
    ids.set(m[1]!, `${m[2]}${n}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/\b(clip|gradient_?|pattern_?)(\d+)\b/g, (whole) => ids.get(whole) ?? whole);
}
