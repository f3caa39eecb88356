/**
 * A contact sheet of a phantom dataset: for each label, a normal frontal image beside a subtle
 * positive (25th percentile of the positives' severity) and a typical one (median), so a person
 * can judge whether each signature is visible and not trivially so. Picks come from the ground
 * truth file the generator writes (true findings, not the noisy labels).
 */
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode } from 'fast-png';
import sharp from 'sharp';
import { DataArgumentError, DataFileError } from '../errors.ts';
import { PHANTOM_LABELS } from './spec.ts';
import { PHANTOM_TRUTH_NAME } from './write-dataset.ts';

interface TruthRow {
  imageId: string;
  imageDir: string;
  projection: string;
  severity: number[];
}

function readTruth(dataDir: string): TruthRow[] {
  const file = join(dataDir, PHANTOM_TRUTH_NAME);
  if (!existsSync(file))
    throw new DataFileError(
      file,
      undefined,
      undefined,
      'missing; the contact sheet needs a phantom set written by `cxr datasets make-phantom`',
    );
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const first = header.indexOf(`severity:${PHANTOM_LABELS[0]}`);
  if (header[0] !== 'ImageID' || first < 0)
    throw new DataFileError(
      file,
      1,
      undefined,
      `expected a header starting ImageID with severity:<label> columns, received ${JSON.stringify(lines[0]!.slice(0, 80))}`,
    );
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    return { imageId: f[0]!, imageDir: f[1]!, projection: f[4]!, severity: PHANTOM_LABELS.map((_, k) => Number(f[first + k])) };
  });
}

function loadGray8(dataDir: string, row: TruthRow): { data: Uint8Array; size: number } {
  const file = join(dataDir, row.imageDir, row.imageId);
  const png = decode(readFileSync(file));
  const max = png.depth === 16 ? 65535 : 255;
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round((png.data[i * png.channels]! / max) * 255);
  return { data, size: png.width };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Writes the contact sheet PNG (8-bit) to `out` and returns the picks per label.
 * Each label's row shows: negative | subtle positive | typical positive. `scale` enlarges tiles
 * with nearest-neighbour so pixels stay honest.
 *
 * Throws DataFileError when the data folder lacks the ground-truth file or an image;
 * DataArgumentError when scale is not an integer in [1, 8].
 * @example await makeContactSheet({ dataDir: 'data/phantom', out: 'sheet.png' }) // [{ label: 'cardiomegaly', ... }, ...]
 */
export async function makeContactSheet(options: {
  dataDir: string;
  out: string;
  scale?: number;
}): Promise<{ label: string; negative: string; subtle?: string; typical?: string }[]> {
  const scale = options.scale ?? 2;
  if (!Number.isInteger(scale) || scale < 1 || scale > 8)
    throw new DataArgumentError('makeContactSheet', 'scale', 'an integer in [1, 8]', scale);
  const rows = readTruth(options.dataDir).filter((r) => r.projection === 'PA');
  const normals = rows.filter((r) => r.severity.every((s) => s === 0));
  if (normals.length === 0)
    throw new DataFileError(
      join(options.dataDir, PHANTOM_TRUTH_NAME),
      undefined,
      undefined,
      'no PA image without findings to show as the negative',
    );
  const picks = PHANTOM_LABELS.map((label, k) => {
    // Prefer positives with no other visible finding, so the tile shows this label's signature alone.
    const all = rows.filter((r) => r.severity[k]! > 0);
    const alone = all.filter((r) => r.severity.every((s, j) => j === k || s === 0 || PHANTOM_LABELS[j] === 'unchanged'));
    const positives = (alone.length >= 4 ? alone : all).sort((a, b) => a.severity[k]! - b.severity[k]!);
    const at = (q: number): TruthRow | undefined => positives[Math.min(positives.length - 1, Math.floor(q * positives.length))];
    return { label, k, negative: normals[k % normals.length]!, subtle: at(0.25), typical: at(0.5) };
  });

  const tile = loadGray8(options.dataDir, picks[0]!.negative).size * scale;
  const caption = 18;
  const gap = 6;
  const perRow = 2;
  const cellW = 3 * tile + 2 * gap;
  const width = perRow * cellW + (perRow + 1) * gap * 3;
  const height = Math.ceil(picks.length / perRow) * (tile + caption + gap) + gap;
  const composites: Promise<sharp.OverlayOptions>[] = [];
  const texts: string[] = [];
  for (const [i, p] of picks.entries()) {
    const x0 = gap * 3 + (i % perRow) * (cellW + gap * 3);
    const y0 = gap + Math.floor(i / perRow) * (tile + caption + gap);
    const sev = (r?: TruthRow): string => (r ? r.severity[p.k]!.toFixed(2) : '-');
    texts.push(
      `<text x="${x0}" y="${y0 + 13}" font-family="sans-serif" font-size="13" fill="#fff">${escapeXml(`${p.label}: negative | subtle s=${sev(p.subtle)} | typical s=${sev(p.typical)}`)}</text>`,
    );
    [p.negative, p.subtle, p.typical].forEach((r, c) => {
      if (!r) return;
      const img = loadGray8(options.dataDir, r);
      const left = x0 + c * (tile + gap);
      const top = y0 + caption;
      composites.push(
        sharp(Buffer.from(img.data), { raw: { width: img.size, height: img.size, channels: 1 } })
          .resize(tile, tile, { kernel: 'nearest' })
          .png()
          .toBuffer()
          .then((input) => ({ input, left, top })),
      );
    });
  }
  const resolved = await Promise.all(composites);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${texts.join('')}</svg>`;
  resolved.push({ input: Buffer.from(svg), left: 0, top: 0 });
  mkdirSync(dirname(options.out), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: { r: 24, g: 24, b: 24 } } })
    .composite(resolved)
    .png()
    .toFile(options.out);
  return picks.map((p) => ({ label: p.label, negative: p.negative.imageId, subtle: p.subtle?.imageId, typical: p.typical?.imageId }));
}
