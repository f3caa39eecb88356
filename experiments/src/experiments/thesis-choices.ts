/**
 * The choices the thesis (../shared/seeds/002_5dfe962da7df0371.txt) carries forward from one table
 * to the next, as override layers over PAPER_CONFIG, so every definition builds its base from the
 * same pieces. The values come from @cxr/train's presets ('thesis-intermediate', 'thesis-final'),
 * which own them; nothing is restated here.
 */
import { presetConfig, type RunConfigOverrides } from '@cxr/train';

const intermediate = presetConfig('thesis-intermediate');
const final = presetConfig('thesis-final');

/** Three replicates per configuration (Methods, "we trained three independent instances per model type"). */
export const THESIS_SEEDS: readonly number[] = Object.freeze([1, 2, 3]);

/** Macro AUC-ROC (primary) and macro PR-AUC: the two columns of Tables 1-8. */
export const THESIS_METRICS: readonly string[] = Object.freeze(['macro_auc_roc', 'macro_pr_auc']);

/** Table 4's winner, 256/0.30 -> 128/0.30 ("Hereafter, we retain the 256/0.30 -> 128/0.30 head", line 398). */
export const SELECTED_HEAD = intermediate.model.head;

/** Table 6's winner, moderate positive oversampling ("Hence, we adopt it as the default", line 425). */
export const MODERATE_OVERSAMPLING = intermediate.sampling.oversample;

/** Table 7's winner, Basic + CutMix (line 440; its rate is the preset's assumption). */
export const SELECTED_CUTMIX = final.cutmix;

/** The base of Tables 5 and 6: the head fixed by Table 4 (line 404: "EfficientNetB0 pretrained ... 90 % ... 256/0.30 -> 128/0.30 head"). */
export function afterTable4(): RunConfigOverrides {
  return { model: { head: structuredClone(SELECTED_HEAD) } };
}

/** The base of Table 7: the thesis' intermediate model (line 427: head of Table 4, weighted BCE, moderate oversampling). */
export function afterTable6(): RunConfigOverrides {
  return { ...afterTable4(), sampling: { oversample: structuredClone(MODERATE_OVERSAMPLING) } };
}

/** The base of Table 8: the final training setup (line 446: head, moderate oversampling, Basic + CutMix). */
export function afterTable7(): RunConfigOverrides {
  return { ...afterTable6(), cutmix: structuredClone(SELECTED_CUTMIX) };
}
