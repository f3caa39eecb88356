/**
 * Renders one phantom radiograph into a Float32Array of intensities in [0, 1] (bright = high
 * attenuation, as on a radiograph). Each pixel's position is mapped into patient units through
 * the pose, the attenuation of every structure is summed analytically (soft tissue, lungs minus
 * air, heart and mediastinum, spine, ribs, clavicles, findings), and the detector response
 * 1 - exp(-contrast * attenuation) plus quantum noise and the lead marker give the intensity.
 * Work is O(size^2) with a constant of a few dozen flops, so images are rendered at their final
 * size with no supersampling.
 */
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { hash2, MARKER_GLYPHS, smooth01, valueNoise } from './field.ts';
import { cardiothoracicRatio, type FindingInstance, type PhantomParams } from './params.ts';

const BONE = 0.34;

function sides(f: FindingInstance | undefined): number[] {
  if (!f) return [];
  return f.side === 0 ? [-1, 1] : [f.side];
}

/**
 * The phantom image described by `params` at `size` x `size`, row-major, values in [0, 1].
 * 'PA' and 'AP' render the frontal phantom (AP with a slightly magnified heart), 'L' a simple
 * lateral view without findings.
 *
 * Throws DataArgumentError when size is not an integer in [16, 2048].
 * @example renderPhantom(params, 64).length // 4096
 */
export function renderPhantom(params: PhantomParams, size: number): Float32Array {
  return expose(params, size, renderAttenuation(params, size, 'renderPhantom'));
}

/**
 * The summed attenuation behind `renderPhantom`'s image (before the detector response, noise and
 * marker), so callers can tell exactly where a structure is drawn (findingRegion).
 *
 * Throws DataArgumentError when size is not an integer in [16, 2048].
 * @example renderAttenuation(params, 64).length // 4096
 */
export function renderAttenuation(params: PhantomParams, size: number, fn = 'renderAttenuation'): Float32Array {
  if (!Number.isInteger(size) || size < 16 || size > 2048) throw new DataArgumentError(fn, 'size', 'an integer in [16, 2048]', size);
  const attenuation = new Float32Array(size * size);
  if (params.projection === 'L') lateralAttenuation(params, size, attenuation);
  else frontalAttenuation(params, size, attenuation);
  return attenuation;
}

function frontalAttenuation(params: PhantomParams, size: number, out: Float32Array): void {
  const a = params.anatomy;
  const f = params.findings;
  const { dx, dy, scale, rotation, inspiration } = params.pose;
  const cosR = Math.cos(rotation);
  const sinR = Math.sin(rotation);
  const px2 = 2 / size;
  const edge = (1.5 * px2) / scale;
  const sm = (d: number): number => smooth01(d / edge + 0.5);

  const cm = f.cardiomegaly?.severity ?? 0;
  const ae = f['aortic elongation']?.severity ?? 0;
  const sc = f.scoliosis;
  const at = f['air trapping']?.severity ?? 0;
  const ip = f['interstitial pattern']?.severity ?? 0;
  const vd = f['vertebral degenerative changes'];
  const vds = vd?.severity ?? 0;

  // Lungs and domes; air trapping hyperinflates (darker lungs, lower and flatter domes).
  const lungAir = a.lungAir * (1 + 0.6 * at);
  const domeHeight = a.domeHeight * (1 - 0.75 * at);
  const domeBase = a.domeBase + 0.03 * inspiration + 0.1 * at;
  const domeBaseOf = (sgn: number): number => domeBase - (sgn < 0 ? a.rightDomeLift : 0);
  const lungTop = a.lungTop - 0.03 * at;
  const rx = a.lungHalfWidth * (1 + 0.04 * at);
  const thoracicWidth = 2 * (a.lungCenterX + rx * 1.06);

  // Heart: the cardiothoracic ratio sets its width; cardiomegaly pushes it towards and past 0.5.
  let ctr = cardiothoracicRatio(a, cm);
  ctr *= 1 - 0.08 * at;
  if (params.projection === 'AP') ctr *= 1.08;
  const hrx = (ctr * thoracicWidth) / 2;
  const hry = a.heartHalfHeight * (1 + 0.15 * cm);
  const hcx = (a.heartLeftShare - 0.5) * 2 * hrx;
  const hcy = a.heartCenterY + 0.03 * at + (hry - a.heartHalfHeight) * 0.5;

  // Aortic knob and descending aorta; elongation makes the knob larger, higher and more lateral.
  const kr = a.knobRadius + 0.1 * ae;
  const kx = a.mediastinumHalfWidth + 0.3 * kr + 0.12 * ae;
  const ky = -0.3 - 0.12 * ae;
  const dax = kx - 0.2 * kr;
  const dary = 0.12 + 0.08 * ae;
  const darx = 0.65 * kr;

  // Scoliosis: C- or S-shaped lateral displacement of the spine along the thorax.
  const scAmp = sc ? (sc.side === 0 ? 1 : sc.side) * (0.06 + 0.12 * sc.severity) : 0;
  const scWaves = sc && sc.u < 0.5 ? 1 : 2;
  const spineTop = -1.05;
  const spineLen = domeBase + 0.2 - spineTop;

  // Osteophytes at a subset of lower thoracic levels.
  const spurLen = 0.06 + 0.09 * vds;
  const spurSeed = (a.textureSeed ^ Math.floor((vd?.u ?? 0) * 1e6)) >>> 0;

  const eff = f['pleural effusion'];
  const cpb = f['costophrenic angle blunting'];
  const effSides = sides(eff);
  const cpbSides = sides(cpb);
  const effH = eff ? 0.14 + 0.36 * eff.severity : 0;
  const cpbH = cpb ? 0.12 + 0.16 * cpb.severity : 0;
  const cpbExt = cpb ? 0.45 + 0.25 * cpb.severity : 0;

  const la = f['laminar atelectasis'];
  const laSides = sides(la);
  const laHalfLen = la ? 0.14 + 0.1 * la.severity : 0;
  const laHalfThick = la ? 0.02 + 0.02 * la.severity : 0;
  const laDensity = la ? 0.45 + 0.4 * la.severity : 0;
  const laTilt = la ? (la.u - 0.5) * 0.25 : 0;

  const texSeed = a.textureSeed;
  const retSeed = (a.textureSeed ^ 0x5bd1e995) >>> 0;
  const bubbleR = 0.05 + 0.03 * hash2(1, 2, params.noiseSeed >>> 0);
  const bodyW = a.bodyHalfWidth;
  const src = params.sourceLesions;
  const ptx = src?.pneumothorax ?? null;

  let i = 0;
  for (let y = 0; y < size; y++) {
    const qy = (y + 0.5) * px2 - 1 - dy;
    for (let x = 0; x < size; x++, i++) {
      const qx = (x + 0.5) * px2 - 1 - dx;
      const px = (cosR * qx + sinR * qy) / scale;
      const py = (-sinR * qx + cosR * qy) / scale;

      // Soft tissue: a cylinder-like thorax, thicker at the midline.
      const bx = px / bodyW;
      const by = (py - 0.3) / 1.4;
      const bx2 = bx * bx;
      const by2 = by * by;
      const inBody = smooth01((1 - bx2 * bx2 - by2 * by2) * 5);
      if (inBody <= 0) continue;
      let att = inBody * (0.45 + 0.55 * Math.sqrt(Math.max(0, 1 - bx * bx)));

      // Spine centre at this height (scoliosis bends it).
      const sy = (py - spineTop) / spineLen;
      const sx = scAmp !== 0 && sy > 0 && sy < 1 ? scAmp * Math.sin(Math.PI * scWaves * sy) : 0;
      const dxs = px - sx;
      const adxs = Math.abs(dxs);

      // Mediastinum, aortic knob, descending aorta and heart hide the lungs behind them.
      let med = 0;
      if (py < hcy) med = sm(a.mediastinumHalfWidth + 0.02 * (py + 1) - Math.abs(px - 0.01));
      const kdx = px - kx;
      const kdy = py - ky;
      const kd = Math.sqrt(kdx * kdx + kdy * kdy);
      med = Math.max(med, sm(kr - kd));
      const ddx = (px - dax) / darx;
      const ddy = (py - (ky + dary)) / dary;
      med = Math.max(med, smooth01(((1 - ddx * ddx - ddy * ddy) * darx) / edge));
      const hx = (px - hcx) / hrx;
      const hy = (py - hcy) / hry;
      const hr = hx * hx + hy * hy;
      const heart = smooth01(((1 - hr) * hrx) / (2 * edge));
      med = Math.max(med, heart);

      // Two lung fields: rounded apices, widest near the base, cut below by the domes.
      let lung = 0;
      let lungDepth = 0;
      let fluid = 0;
      let collapsed = 0;
      let pleuralLine = 0;
      for (let sgn = -1; sgn <= 1; sgn += 2) {
        const lx = sgn * a.lungCenterX;
        const dxl = px - lx;
        const base = domeBaseOf(sgn);
        const t = (py - lungTop) / (base - lungTop);
        if (t < -0.05 || t > 1.3) continue;
        const hw = rx * Math.sqrt(Math.min(1, Math.max(0, t) / 0.42)) * (1 + 0.06 * t);
        const inX = sm(hw - Math.abs(dxl));
        if (inX <= 0) continue;
        // Flat centrally and steep laterally, so the dome meets the lateral wall at a sharp
        // costophrenic angle.
        const dn = Math.abs(dxl) / (rx * 1.02);
        const domeY = base - domeHeight * Math.max(0, 1 - dn * dn * dn);
        let side = inX * sm(domeY - py);
        if (side <= 0) continue;
        // lat: 0 at the medial edge of this lung, 1 at its lateral wall.
        const lat = Math.min(1, Math.max(0, (sgn * dxl) / (2 * rx) + 0.5));
        let filled = 0;
        if (effSides.includes(sgn)) {
          // Effusion: dependent opacity whose meniscus climbs the lateral wall; hazy upper border.
          const surface = base - effH * (0.3 + 0.9 * lat * lat);
          filled = smooth01((py - surface) / (0.04 + edge) + 0.5);
        }
        if (cpbSides.includes(sgn)) {
          // Blunting: only the lateral costophrenic angle fills, the dome stays visible.
          const w = Math.max(0, (lat - (1 - cpbExt)) / cpbExt);
          const surface = domeY - cpbH * w * Math.sqrt(w);
          filled = Math.max(filled, smooth01((py - surface) / (0.012 + edge) + 0.5));
        }
        if (ptx && ptx.side === sgn) {
          // Pneumothorax (source set only): a lateral rim of air without vessels, edged by the visceral pleura.
          const edgeLat = 1 - ptx.depth;
          collapsed = Math.max(collapsed, side * smooth01((lat - edgeLat) / 0.04 + 0.5));
          pleuralLine = Math.max(pleuralLine, side * (1 - smooth01(Math.abs(lat - edgeLat) / 0.03)));
        }
        fluid = Math.max(fluid, side * filled);
        side *= 1 - filled;
        lung = Math.max(lung, side);
        lungDepth = Math.max(lungDepth, side * (0.75 + 0.25 * Math.sqrt(Math.max(0, 1 - (dxl / hw) * (dxl / hw)))));
      }
      lung *= 1 - med;
      lungDepth *= 1 - med;

      if (lung > 0) {
        // Vessels and parenchyma: patient-fixed texture, denser towards the hila.
        const tex = valueNoise(px * 7, py * 7, texSeed) * 0.6 + valueNoise(px * 15, py * 15, texSeed + 1) * 0.4 - 0.5;
        const hdx = Math.abs(px) - 0.17;
        const hdy = py + 0.02;
        const hil = Math.exp(-(hdx * hdx + hdy * hdy) / 0.03);
        att += lung * (1 - collapsed) * (0.09 * a.textureAmplitude * tex + 0.16 * hil);
        if (src) {
          att += lung * (0.12 * pleuralLine - 0.12 * collapsed);
          for (const n of src.nodules) {
            const d = Math.hypot(px - n.x, py - n.y);
            att += lung * 0.35 * smooth01((n.r - d) / (edge + 0.01) + 0.5);
          }
          const c = src.consolidation;
          if (c) {
            const q = ((px - c.x) / c.rx) ** 2 + ((py - c.y) / c.ry) ** 2;
            if (q < 1) att += lung * c.density * smooth01((1 - q) * 3) * (0.6 + 0.4 * valueNoise(px * 9, py * 9, retSeed + 7));
          }
        }
        if (ip > 0) {
          // Interstitial pattern: a reticular net of lines plus haze, basal predominant.
          const r = valueNoise(px * 6, py * 6, retSeed);
          const line = 1 - smooth01(Math.abs(r - 0.5) / 0.12);
          const basal = 0.4 + 0.6 * Math.min(1, Math.max(0, (py - lungTop) / (domeBase - lungTop)));
          att += lung * basal * (0.25 + 0.75 * ip) * (0.3 * line + 0.22);
        }
        if (laSides.length) {
          for (const sgn of laSides) {
            // Laminar atelectasis: a thin horizontal plate above the dome.
            const cx = sgn * a.lungCenterX + (la!.u - 0.5) * 0.5 * rx;
            const cy = domeBaseOf(sgn) - domeHeight - 0.07 - 0.12 * la!.v;
            const ux = px - cx;
            const uy = py - cy;
            const along = ux * Math.cos(laTilt) + uy * Math.sin(laTilt);
            const across = -ux * Math.sin(laTilt) + uy * Math.cos(laTilt);
            const plate = smooth01((laHalfLen - Math.abs(along)) / 0.04) * smooth01((laHalfThick + edge * 0.5 - Math.abs(across)) / edge);
            att += lung * laDensity * plate;
          }
        }
      }
      att -= lungAir * lungDepth;
      att += 0.2 * fluid + 0.12 * heart;

      // Gastric bubble under the left (image-right) dome.
      const gbx = (px - a.lungCenterX * 0.85) / (bubbleR * 1.4);
      const gby = (py - (domeBaseOf(1) + 0.05)) / bubbleR;
      const gb = 1 - gbx * gbx - gby * gby;
      if (gb > 0) att -= 0.25 * smooth01(gb * 3);

      // Spine: vertebral bodies with darker discs and brighter cortices.
      const inSpine = sm(a.spineHalfWidth - adxs);
      const vph = py / a.vertebraPeriod + a.vertebraPhase;
      const level = Math.floor(vph);
      const vf = vph - level;
      const discDist = Math.min(vf, 1 - vf) * a.vertebraPeriod;
      if (inSpine > 0) {
        const body = 0.62 + 0.38 * smooth01((discDist - 0.008) / 0.012);
        const cortex = 1 + 0.5 * Math.pow(adxs / a.spineHalfWidth, 6);
        let bone = BONE * body * cortex * (1 + 0.8 * vds);
        if (vds > 0 && discDist < 0.014 && py > -0.45) bone += 0.35 * vds;
        att += inSpine * bone;
      }
      if (vds > 0 && py > -0.45 && py < domeBase + 0.1) {
        // Osteophytes: bright spurs from the endplates, pointing laterally.
        const e = adxs - a.spineHalfWidth;
        if (e > -edge && e < spurLen && hash2(level, dxs < 0 ? 1 : 2, spurSeed) < 0.45 + 0.55 * vds) {
          const halfH = (1 - Math.max(0, e) / spurLen) * 0.045;
          att += BONE * sm(halfH - discDist) * (0.7 + 0.5 * vds);
        }
      }

      // Posterior ribs: bands leaving the spine and sloping down laterally.
      if (adxs > a.spineHalfWidth * 0.7 && Math.abs(px) < bodyW * 0.95) {
        // Ribs follow a bent spine near it; the chest wall anchors them laterally.
        const ax = Math.abs(px - sx * smooth01(1 - Math.abs(px) / 0.45));
        const yc = py - a.ribPhase - (a.ribSlope * ax + 0.9 * ax * ax) - (lungTop - 0.12);
        const t = yc / (a.ribSpacing * (1 + 0.08 * at));
        const k = Math.floor(t);
        if (k >= 0 && k < 10) {
          const fr = (t - k) / 0.4;
          if (fr < 1) {
            const band = 4 * fr * (1 - fr);
            const fade = smooth01((bodyW * 0.95 - Math.abs(px)) / 0.08);
            att += 0.16 * BONE * (0.5 + 0.5 * band) * smooth01(band * 4) * fade;
          }
        }
      }

      if (src?.device) {
        // Cardiac device (source set only): a metal box below the clavicle and its lead towards the heart.
        const d = src.device;
        const box = sm(0.07 - Math.abs(px - d.x)) * sm(0.045 - Math.abs(py - d.y));
        const t = Math.min(1, Math.max(0, (py - d.y) / (hcy - d.y)));
        const leadX = d.x + (hcx - d.x) * t;
        const lead = py > d.y && py < hcy ? sm(0.012 - Math.abs(px - leadX)) : 0;
        att += 2.2 * BONE * Math.max(box, 0.6 * lead);
      }

      // Clavicles.
      for (let sgn = -1; sgn <= 1; sgn += 2) {
        const x0 = sgn * 0.07;
        const y0 = lungTop - 0.02;
        const vx = sgn * 0.5;
        const vy = -0.14;
        const tt = Math.min(1, Math.max(0, ((px - x0) * vx + (py - y0) * vy) / (vx * vx + vy * vy)));
        const cx = px - (x0 + tt * vx);
        const cy = py - (y0 + tt * vy);
        const d = Math.sqrt(cx * cx + cy * cy);
        if (d < 0.05) att += 0.5 * BONE * sm(0.028 - d);
      }

      out[i] = att;
    }
  }
}

function lateralAttenuation(params: PhantomParams, size: number, out: Float32Array): void {
  const a = params.anatomy;
  const { dx, dy, scale, rotation } = params.pose;
  const cosR = Math.cos(rotation);
  const sinR = Math.sin(rotation);
  const px2 = 2 / size;
  const edge = (1.5 * px2) / scale;
  const sm = (d: number): number => smooth01(d / edge + 0.5);
  const depth = a.bodyHalfWidth * 0.75;
  let i = 0;
  for (let y = 0; y < size; y++) {
    const qy = (y + 0.5) * px2 - 1 - dy;
    for (let x = 0; x < size; x++, i++) {
      const qx = (x + 0.5) * px2 - 1 - dx;
      const px = (cosR * qx + sinR * qy) / scale;
      const py = (-sinR * qx + cosR * qy) / scale;
      const bx = px / depth;
      const by = (py - 0.2) / 1.45;
      const inBody = smooth01((1 - bx * bx - by * by) * 6);
      if (inBody <= 0) continue;
      // Thicker than a frontal view: the beam crosses the full width of the chest.
      let att = 1.3 * inBody;
      const lx = (px + 0.02) / (depth * 0.8);
      const ly = (py - 0.0) / (a.domeBase - a.lungTop + 0.05);
      const domeY = a.domeBase - a.domeHeight * Math.max(0, 1 - lx * lx);
      const lung = smooth01((1 - lx * lx - ly * ly) * 4) * sm(domeY - py);
      const hx = (px + depth * 0.35) / 0.3;
      const hy = (py - a.heartCenterY) / a.heartHalfHeight;
      const heart = smooth01((1 - hx * hx - hy * hy) * 4);
      att -= 0.6 * lung * (1 - heart);
      const sx = px - depth * 0.62;
      const inSpine = sm(0.08 - Math.abs(sx - 0.03 * py));
      const vf = py / a.vertebraPeriod - Math.floor(py / a.vertebraPeriod);
      att += inSpine * BONE * (0.6 + 0.4 * smooth01((Math.min(vf, 1 - vf) - 0.1) / 0.1));
      out[i] = att;
    }
  }
}

function expose(params: PhantomParams, size: number, att: Float32Array): Float32Array {
  const { contrast, gain, offset, noiseSd } = params.exposure;
  const rng = createRng(params.noiseSeed >>> 0, 'phantom/quantum-noise');
  const out = att; // in place: the attenuation buffer becomes the image
  for (let i = 0; i < out.length; i++) {
    const v = offset + gain * (1 - Math.exp(-contrast * att[i]!));
    const r = rng.nextUint32();
    // Two 16-bit uniforms per draw; their sum is triangular with sd 1 after scaling.
    const n = ((r & 0xffff) + (r >>> 16)) / 65536 - 1;
    const value = v + noiseSd * 2.449 * n * (0.4 + v);
    out[i] = value < 0 ? 0 : value > 1 ? 1 : value;
  }
  drawMarker(params, size, out);
  return out;
}

function drawMarker(params: PhantomParams, size: number, out: Float32Array): void {
  const glyph = MARKER_GLYPHS[params.marker.letter];
  const cell = Math.max(1, Math.round(size / 80));
  const w = glyph[0]!.length * cell;
  const h = glyph.length * cell;
  const margin = Math.max(1, Math.round(size * 0.04));
  const x0 = params.marker.corner % 2 === 0 ? margin : size - margin - w;
  const y0 = params.marker.corner < 2 ? margin : size - margin - h;
  for (let r = 0; r < h; r++) {
    const row = glyph[Math.floor(r / cell)]!;
    for (let c = 0; c < w; c++) if (row[Math.floor(c / cell)] === '1') out[(y0 + r) * size + x0 + c] = 1;
  }
}
