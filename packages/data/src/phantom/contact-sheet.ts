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

function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A rectangle on the sheet, in pixels from its top-left corner. */
export interface SheetBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One caption as drawn: its text, its measured box, and the box it must stay inside (its column or cell). */
export interface SheetCaption extends SheetBox {
  text: string;
  within: SheetBox;
}

/** Where everything on a contact sheet went, so tests can check the layout by numbers, not pixels. */
export interface ContactSheetLayout {
  width: number;
  height: number;
  tiles: (SheetBox & { label: string; kind: TileKind })[];
  captions: SheetCaption[];
}

/** One label's picks (image ids; subtle and typical are missing when the set has no positive). */
export interface ContactSheetPick {
  label: string;
  negative: string;
  subtle?: string | undefined;
  typical?: string | undefined;
}

type TileKind = 'negative' | 'subtle' | 'typical';

const CAPTION_FONT = 'sans 13px';
const GAP = 6;
/** Between the two cells of a row. */
const CELL_GAP = 3 * GAP;
const PER_ROW = 2;

/** Rendered caption text: white on transparent, measured as rendered; wrapped at word (else character) boundaries to `maxWidth`. */
async function renderCaption(text: string, maxWidth?: number): Promise<{ input: Buffer; width: number; height: number }> {
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="#ffffff">${escapeMarkup(text)}</span>`,
      font: CAPTION_FONT,
      rgba: true,
      ...(maxWidth === undefined ? {} : { width: maxWidth, wrap: 'word-char' as const }),
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { input: data, width: info.width, height: info.height };
}

/**
 * Writes the contact sheet PNG (8-bit) to `out` and returns the picks per label and the layout.
 * Each label's cell shows its name (wrapped to the cell's width) above negative | subtle positive |
 * typical positive, each tile captioned below with its kind and severity; captions are measured as
 * rendered (Pango through sharp) and columns widen to fit them. `scale` enlarges tiles with
 * nearest-neighbour so pixels stay honest.
 *
 * Throws DataFileError when the data folder lacks the ground-truth file or an image;
 * DataArgumentError when scale is not an integer in [1, 8].
 * @example await makeContactSheet({ dataDir: 'data/phantom', out: 'sheet.png' }) // { picks: [{ label: 'cardiomegaly', ... }, ...], layout: { width, ... } }
 */
export async function makeContactSheet(options: {
  dataDir: string;
  out: string;
  scale?: number;
}): Promise<{ picks: ContactSheetPick[]; layout: ContactSheetLayout }> {
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

  // Each cell: the label's name (wrapped to the cell) above three tiles, each with its own caption
  // below it; a column is as wide as its tile or its caption, whichever is wider, so no text runs
  // into a neighbour whatever the tile size.
  const tile = loadGray8(options.dataDir, picks[0]!.negative).size * scale;
  const kinds: TileKind[] = ['negative', 'subtle', 'typical'];
  const tileText = (p: (typeof picks)[number], kind: TileKind): string => {
    if (kind === 'negative') return 'negative';
    const r = p[kind];
    return r ? `${kind} s=${r.severity[p.k]!.toFixed(2)}` : `${kind}: none`;
  };
  const tileCaptions = await Promise.all(picks.map((p) => Promise.all(kinds.map((kind) => renderCaption(tileText(p, kind))))));
  const column = Math.max(tile, ...tileCaptions.flat().map((c) => c.width));
  const cellW = 3 * column + 2 * GAP;
  const headers = await Promise.all(picks.map((p) => renderCaption(p.label, cellW)));
  const headerH = Math.max(...headers.map((h) => h.height));
  const captionH = Math.max(...tileCaptions.flat().map((c) => c.height));
  const rowH = headerH + GAP / 2 + tile + GAP / 2 + captionH + 2 * GAP;
  const width = PER_ROW * cellW + (PER_ROW - 1) * CELL_GAP + 2 * CELL_GAP;
  const height = Math.ceil(picks.length / PER_ROW) * rowH + GAP;

  const layout: ContactSheetLayout = { width, height, tiles: [], captions: [] };
  const overlays: Promise<sharp.OverlayOptions>[] = [];
  for (const [i, p] of picks.entries()) {
    const x0 = CELL_GAP + (i % PER_ROW) * (cellW + CELL_GAP);
    const y0 = GAP + Math.floor(i / PER_ROW) * rowH;
    const cell = { left: x0, top: y0, width: cellW, height: rowH - 2 * GAP };
    const header = headers[i]!;
    layout.captions.push({ text: p.label, left: x0, top: y0, width: header.width, height: header.height, within: cell });
    overlays.push(Promise.resolve({ input: header.input, left: x0, top: y0 }));
    kinds.forEach((kind, c) => {
      const col = { left: x0 + c * (column + GAP), top: y0 + headerH, width: column, height: rowH - 2 * GAP - headerH };
      const top = y0 + headerH + GAP / 2;
      const caption = tileCaptions[i]![c]!;
      const captionBox = {
        left: col.left + Math.floor((column - caption.width) / 2),
        top: top + tile + GAP / 2,
        width: caption.width,
        height: caption.height,
      };
      layout.captions.push({ text: tileText(p, kind), ...captionBox, within: col });
      overlays.push(Promise.resolve({ input: caption.input, left: captionBox.left, top: captionBox.top }));
      const r = kind === 'negative' ? p.negative : p[kind];
      if (!r) return;
      const left = col.left + Math.floor((column - tile) / 2);
      layout.tiles.push({ label: p.label, kind, left, top, width: tile, height: tile });
      const img = loadGray8(options.dataDir, r);
      overlays.push(
        sharp(Buffer.from(img.data), { raw: { width: img.size, height: img.size, channels: 1 } })
          .resize(tile, tile, { kernel: 'nearest' })
          .png()
          .toBuffer()
          .then((input) => ({ input, left, top })),
      );
    });
  }
  const resolved = await Promise.all(overlays);
  mkdirSync(dirname(options.out), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: { r: 24, g: 24, b: 24 } } })
    .composite(resolved)
    .png()
    .toFile(options.out);
  return {
    picks: picks.map((p) => ({ label: p.label, negative: p.negative.imageId, subtle: p.subtle?.imageId, typical: p.typical?.imageId })),
    layout,
  };
}
