/**
 * The Grad-CAM gallery: one self-contained HTML page whose images are relative links to the PNGs
 * written beside it, each with a caption (label, probability, run, and the share of the map inside
 * the finding's drawn region when the data is the phantom and that region is known).
 */
import { escapeHtml } from '@cxr/report';

export interface GalleryEntry {
  /** PNG file name relative to the page. */
  file: string;
  label: string;
  probability: number;
  runId: number;
  imageId: string;
  /** Fraction of the map's mass inside the finding's region; null when unknown (real data). */
  massInRegion: number | null;
  /** Fraction of the image the finding's region covers (what a uniform map would put inside it); null when unknown. */
  regionShare: number | null;
}

/**
 * The gallery page of `entries`, grouped by label in their order.
 *
 * @example await writeFile(join(out, 'gallery.html'), renderGalleryPage('Run 4', entries))
 */
export function renderGalleryPage(title: string, entries: GalleryEntry[]): string {
  const labels = [...new Set(entries.map((e) => e.label))];
  const sections = labels.map((label) => {
    const figures = entries
      .filter((e) => e.label === label)
      .map((e) => {
        const mass =
          e.massInRegion === null || Number.isNaN(e.massInRegion)
            ? ''
            : ` · mass in region ${(100 * e.massInRegion).toFixed(0)} %${e.regionShare === null ? '' : ` (region ${(100 * e.regionShare).toFixed(0)} % of the image)`}`;
        const caption = `${escapeHtml(e.label)} · p = ${e.probability.toFixed(3)} · run ${e.runId}${mass}<br><small>${escapeHtml(e.imageId)}</small>`;
        return `<figure><img src="${escapeHtml(encodeURI(e.file))}" alt="${escapeHtml(`Grad-CAM of ${e.label} on ${e.imageId}`)}"><figcaption>${caption}</figcaption></figure>`;
      });
    return `<section><h2>${escapeHtml(label)}</h2>\n${figures.join('\n')}\n</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; }
section { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin-bottom: 1.5rem; }
h2 { width: 100%; margin: 0; font-size: 1.1rem; }
figure { margin: 0; width: 224px; }
img { width: 224px; height: 224px; image-rendering: pixelated; display: block; }
figcaption { font-size: 0.8rem; }
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Grad-CAM maps (Selvaraju et al. 2017) of the last convolutional feature map, overlaid on the test image: red = high contribution to the label's score, blue = low.</p>
${sections.join('\n')}
</body></html>
`;
}
