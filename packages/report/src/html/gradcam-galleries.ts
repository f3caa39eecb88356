/**
 * The Grad-CAM galleries `cxr gradcam` wrote beside an experiment's page
 * (`<out>/<experiment>/gradcam/run-<id>/gallery.html`), so the page can link them (thesis Figure 6).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from './escape.ts';

/** A gallery link, relative to the experiment page. */
export interface GalleryLink {
  href: string;
  /** The folder name, e.g. 'run-13'. */
  name: string;
}

/**
 * The galleries under `<out>/<experiment>/gradcam/`, ordered by run id (other folder names after,
 * by name); none when the folder does not exist.
 *
 * @example findGradcamGalleries('reports', 'table2-unfreeze') // [{ href: 'table2-unfreeze/gradcam/run-13/gallery.html', name: 'run-13' }]
 */
export function findGradcamGalleries(out: string, experiment: string): GalleryLink[] {
  const root = join(out, experiment, 'gradcam');
  if (!existsSync(root)) return [];
  const runId = (name: string) => Number(/^run-(\d+)$/.exec(name)?.[1] ?? Number.POSITIVE_INFINITY);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'gallery.html')))
    .map((d) => d.name)
    .sort((a, b) => runId(a) - runId(b) || a.localeCompare(b))
    .map((name) => ({ href: `${experiment}/gradcam/${name}/gallery.html`, name }));
}

/**
 * The page's Grad-CAM section: links to the galleries, or how to make one when there is none
 * (only on pages with a clinical section, where the maps belong).
 *
 * @example gradcamSectionHtml([{ href: 'x/gradcam/run-1/gallery.html', name: 'run-1' }], true) // '<h2 id="gradcam">...'
 */
export function gradcamSectionHtml(galleries: readonly GalleryLink[], clinical: boolean): string {
  if (galleries.length === 0 && !clinical) return '';
  const body = galleries.length
    ? `<ul id="gradcam-galleries">${galleries.map((g) => `<li><a href="${escapeHtml(g.href)}">${escapeHtml(g.name)}</a></li>`).join('')}</ul>`
    : '<p>No gallery yet: <code>cxr gradcam --run RUN_ID</code> writes one beside this page, and the next report links it.</p>';
  return `<h2 id="gradcam">Grad-CAM maps (Figure 6)</h2>\n${body}`;
}
