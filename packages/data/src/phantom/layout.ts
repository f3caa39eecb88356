/**
 * What a phantom layout writer is: the files one dataset's published layout has, made from the
 * common plan. Planning and rendering are shared by all layouts (plan.ts, render.ts,
 * write-dataset.ts); a layout only says which spec settings and risk factors it plans with, where
 * each image goes, and what its CSV and list files contain.
 */
import type { PhantomParams } from './params.ts';
import type { PhantomPlan } from './plan.ts';
import type { PhantomRisk } from './risk.ts';
import type { PhantomSpec } from './spec.ts';

/** The dataset layouts the phantom writes: PadChest's (the default), ChestX-ray14's and CheXpert-v1.0-small's. */
export const PHANTOM_LAYOUTS = ['padchest', 'nih', 'chexpert'] as const;

/** One of PHANTOM_LAYOUTS. */
export type PhantomLayout = (typeof PHANTOM_LAYOUTS)[number];

/** One image to render: its path under the output folder ('/'-separated) and what to draw. */
export interface LayoutImage {
  path: string;
  params: PhantomParams;
}

/** Everything a layout writes besides the manifest: images (rendered by the caller) and text files. */
export interface LayoutOutput {
  images: LayoutImage[];
  files: { path: string; text: string }[];
}

/** A layout writer. */
export interface PhantomLayoutWriter {
  /** The main label CSV, relative to the output folder (what WritePhantomResult.csvPath names). */
  csv: string;
  /** The layout's defaults over DEFAULT_PHANTOM_SPEC; the caller's spec wins over them. */
  spec: Partial<PhantomSpec>;
  /** Settings the layout forces over the caller's spec (NIH has no lateral views). */
  forced?: Partial<PhantomSpec>;
  /** Risk factors it plans with; absent = none. */
  risk?: PhantomRisk;
  /** The layout's images and files for a plan of `size`-pixel images drawn from `seed`. */
  write(plan: PhantomPlan, size: number, seed: number): LayoutOutput;
}

/**
 * The phantom layout a dataset name is generated in when its config names no folder: 'phantom' is
 * the PadChest-layout set, 'nih' and 'chexpert' the sets in those datasets' own layouts; undefined
 * for a dataset that is never generated (real PadChest).
 * @example generatedPhantomLayout('nih') // 'nih'
 */
export function generatedPhantomLayout(dataset: string): PhantomLayout | undefined {
  return dataset === 'phantom' ? 'padchest' : dataset === 'nih' || dataset === 'chexpert' ? dataset : undefined;
}

/** The dataset names that are generated when their config names no folder (see generatedPhantomLayout). */
export const GENERATED_DATASETS = ['phantom', 'nih', 'chexpert'] as const;
