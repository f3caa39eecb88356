/**
 * The registry of layout writers and the plan each layout starts from: the caller's spec with the
 * layout's own settings over it, planned with the layout's risk factors. The writer and the tests
 * (which check the labels' signal on plans alone, without pixels) share these.
 */
import { DataArgumentError } from '../errors.ts';
import { CHEXPERT_LAYOUT } from './chexpert-layout.ts';
import { PHANTOM_LAYOUTS, type PhantomLayout, type PhantomLayoutWriter } from './layout.ts';
import { NIH_LAYOUT } from './nih-layout.ts';
import { PADCHEST_LAYOUT } from './padchest-layout.ts';
import { planPhantomDataset, type PhantomPlan } from './plan.ts';
import { mergePhantomSpec, validatePhantomSpec, type PhantomSpec } from './spec.ts';

const WRITERS: Record<PhantomLayout, PhantomLayoutWriter> = { padchest: PADCHEST_LAYOUT, nih: NIH_LAYOUT, chexpert: CHEXPERT_LAYOUT };

/**
 * The writer of `layout`.
 * Throws DataArgumentError (naming `fn`'s 'layout' argument) for a layout not in PHANTOM_LAYOUTS.
 * @example phantomLayoutWriter('nih').csv // 'Data_Entry_2017.csv'
 */
export function phantomLayoutWriter(layout: string, fn = 'phantomLayoutWriter'): PhantomLayoutWriter {
  if (!(PHANTOM_LAYOUTS as readonly string[]).includes(layout))
    throw new DataArgumentError(fn, 'layout', `one of [${PHANTOM_LAYOUTS.join(', ')}]`, layout);
  return WRITERS[layout as PhantomLayout];
}

/**
 * The validated spec a layout plans with: the layout's defaults over DEFAULT_PHANTOM_SPEC,
 * `overrides` over those, and what the layout forces over all (NIH has no laterals, whatever the
 * caller asks).
 * Throws DataArgumentError for an unknown layout or an invalid spec.
 * @example phantomLayoutSpec('nih').lateralPerStudy // 0
 */
export function phantomLayoutSpec(layout: string, overrides: Partial<PhantomSpec> = {}): PhantomSpec {
  const writer = phantomLayoutWriter(layout, 'phantomLayoutSpec');
  return validatePhantomSpec(mergePhantomSpec(writer.forced ?? {}, mergePhantomSpec(overrides, mergePhantomSpec(writer.spec))));
}

/**
 * The plan a layout's set is written from (no pixels): what writePhantomDataset renders for the
 * same images, seed, spec and layout.
 * Throws DataArgumentError as planPhantomDataset and phantomLayoutSpec do.
 * @example planPhantomLayout('chexpert', { images: 500, seed: 0 }).rows.length // 500
 */
export function planPhantomLayout(layout: string, options: { images: number; seed: number; spec?: Partial<PhantomSpec> }): PhantomPlan {
  const writer = phantomLayoutWriter(layout, 'planPhantomLayout');
  const spec = phantomLayoutSpec(layout, options.spec);
  return planPhantomDataset({ images: options.images, seed: options.seed, spec, ...(writer.risk ? { risk: writer.risk } : {}) });
}
