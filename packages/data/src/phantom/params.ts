/**
 * The parameters of one phantom radiograph and the seeded samplers that draw them. A patient's
 * anatomy is drawn once and shared by all of their studies; pose, exposure, marker and noise are
 * drawn per image. Coordinates are "patient units": the thorax spans about [-0.85, 0.85] across and
 * the image spans [-1, 1] before pose (shift, scale, rotation) is applied. +x is the image's right,
 * which in a PA view is the patient's left (heart, aortic knob, gastric bubble).
 */
import type { Rng } from '../random/index.ts';
import type { PhantomLabel } from './spec.ts';

/** Patient-level anatomy, constant across a patient's follow-up studies. */
export interface PatientAnatomy {
  sex: 'M' | 'F';
  /** Half width of the soft-tissue thorax. */
  bodyHalfWidth: number;
  /** Horizontal distance of each lung's centre from the midline. */
  lungCenterX: number;
  /** Half width of each lung at its widest. */
  lungHalfWidth: number;
  /** y of the lung apices. */
  lungTop: number;
  /** y of the diaphragm domes' lowest (lateral) level. */
  domeBase: number;
  /** Height of the domes above their base. */
  domeHeight: number;
  /** How much higher the right (image-left) dome sits. */
  rightDomeLift: number;
  /** Cardiothoracic ratio without cardiomegaly (normal 0.38-0.48). */
  ctr: number;
  heartCenterY: number;
  heartHalfHeight: number;
  /** Fraction of the heart's width that lies left of the midline (image right). */
  heartLeftShare: number;
  mediastinumHalfWidth: number;
  knobRadius: number;
  spineHalfWidth: number;
  vertebraPeriod: number;
  vertebraPhase: number;
  ribSpacing: number;
  ribSlope: number;
  ribPhase: number;
  /** Attenuation removed by air in the lungs (higher = darker lungs). */
  lungAir: number;
  /** Amplitude of the vascular/parenchymal texture. */
  textureAmplitude: number;
  /** Seed of the patient's fixed texture field (vessels, reticulation), so follow-ups share it. */
  textureSeed: number;
}

/** Per-image placement of the patient on the detector. */
export interface Pose {
  dx: number;
  dy: number;
  scale: number;
  /** Radians, positive = clockwise on screen. */
  rotation: number;
  /** Depth of inspiration in [-1, 1]: deeper breath lowers the domes a little. */
  inspiration: number;
}

/** Per-image exposure: intensity = offset + gain * (1 - exp(-contrast * attenuation)) + noise. */
export interface Exposure {
  contrast: number;
  gain: number;
  offset: number;
  noiseSd: number;
}

/** One present finding. `side` -1 = image left (patient right), 1 = image right, 0 = both; `u`, `v` vary placement. */
export interface FindingInstance {
  severity: number;
  side: -1 | 0 | 1;
  u: number;
  v: number;
}

/** Projection as PadChest's `Projection` column spells it. */
export type PhantomProjection = 'PA' | 'AP' | 'L';

/** Everything `renderPhantom` needs for one image. */
export interface PhantomParams {
  projection: PhantomProjection;
  anatomy: PatientAnatomy;
  pose: Pose;
  exposure: Exposure;
  /** Lead marker letter and corner (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right). */
  marker: { letter: 'L' | 'R'; corner: 0 | 1 | 2 | 3 };
  /** Present findings; 'unchanged' may appear and has no visual effect. */
  findings: Partial<Record<PhantomLabel, FindingInstance>>;
  /** Seed of this image's quantum noise. */
  noiseSeed: number;
  /** Lesions drawn only in the pretraining source set (source.ts); the target set never has them. */
  sourceLesions?: SourceLesions;
}

/**
 * Findings outside the ten target labels, for the pretraining source task only: lung nodules,
 * a consolidation patch, a pneumothorax and a cardiac device. Positions in patient units.
 */
export interface SourceLesions {
  nodules: { x: number; y: number; r: number }[];
  consolidation: { x: number; y: number; rx: number; ry: number; density: number } | null;
  /** `side` as FindingInstance (-1 image left, 1 image right); `depth` is the collapsed fraction of the lung's width. */
  pneumothorax: { side: -1 | 1; depth: number } | null;
  device: { x: number; y: number } | null;
}

/** A normal patient's anatomy; women are a little smaller on average. */
export function samplePatientAnatomy(rng: Rng, sex: 'M' | 'F'): PatientAnatomy {
  const size = (sex === 'M' ? 1.0 : 0.95) * rng.uniform(0.92, 1.06);
  const lungHalfWidth = rng.uniform(0.25, 0.29) * size;
  return {
    sex,
    bodyHalfWidth: rng.uniform(0.8, 0.88) * size,
    lungCenterX: rng.uniform(0.33, 0.37) * size,
    lungHalfWidth,
    lungTop: rng.uniform(-0.76, -0.66),
    domeBase: rng.uniform(0.44, 0.54),
    domeHeight: rng.uniform(0.12, 0.18),
    rightDomeLift: rng.uniform(0.02, 0.06),
    ctr: rng.uniform(0.39, 0.49),
    heartCenterY: rng.uniform(0.24, 0.3),
    heartHalfHeight: rng.uniform(0.23, 0.27),
    heartLeftShare: rng.uniform(0.64, 0.74),
    mediastinumHalfWidth: rng.uniform(0.07, 0.095),
    knobRadius: rng.uniform(0.05, 0.065),
    spineHalfWidth: rng.uniform(0.055, 0.07),
    vertebraPeriod: rng.uniform(0.09, 0.105),
    vertebraPhase: rng.uniform(0, 1),
    ribSpacing: rng.uniform(0.12, 0.14),
    ribSlope: rng.uniform(0.05, 0.15),
    ribPhase: rng.uniform(0, 0.05),
    lungAir: rng.uniform(0.62, 0.72),
    textureAmplitude: rng.uniform(0.8, 1.2),
    textureSeed: rng.nextUint32(),
  };
}

/** Placement varies per image: a few percent shift and scale, up to about 4 degrees of rotation. */
export function samplePose(rng: Rng): Pose {
  return {
    dx: rng.uniform(-0.05, 0.05),
    dy: rng.uniform(-0.05, 0.05),
    scale: rng.uniform(0.9, 1.0),
    rotation: (rng.uniform(-4, 4) * Math.PI) / 180,
    inspiration: rng.uniform(-1, 1),
  };
}

/** Exposure and quantum noise vary per image. */
export function sampleExposure(rng: Rng): Exposure {
  return {
    contrast: rng.uniform(1.15, 1.45),
    gain: rng.uniform(0.85, 1.05),
    offset: rng.uniform(0.0, 0.08),
    noiseSd: rng.uniform(0.008, 0.022),
  };
}

/** Marker letter and corner. */
export function sampleMarker(rng: Rng): PhantomParams['marker'] {
  return { letter: rng.next() < 0.5 ? 'L' : 'R', corner: rng.int(4) as 0 | 1 | 2 | 3 };
}

/**
 * Cardiothoracic ratio of the rendered heart: the patient's own, or with cardiomegaly of severity s
 * 0.5 + 0.18 s, so the subtlest cases touch the largest normal hearts (0.49) and 0.5, the textbook
 * threshold, separates them (wider than before so the heart's outline still tells at 32 px).
 */
export function cardiothoracicRatio(anatomy: PatientAnatomy, cardiomegaly: number): number {
  return cardiomegaly > 0 ? 0.5 + 0.18 * cardiomegaly : anatomy.ctr;
}
