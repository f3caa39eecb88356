/**
 * Default label lists and view vocabularies of the datasets with an adapter.
 */

/** The thesis' ten PadChest findings (002, Results), spelled as in PadChest's Labels column. */
export const PADCHEST_THESIS_LABEL_TUPLE = [
  'cardiomegaly',
  'aortic elongation',
  'unchanged',
  'scoliosis',
  'costophrenic angle blunting',
  'air trapping',
  'pleural effusion',
  'interstitial pattern',
  'vertebral degenerative changes',
  'laminar atelectasis',
] as const;

/** The same ten names as a plain list (the PadChest adapter's default label list). */
export const PADCHEST_THESIS_LABELS: string[] = [...PADCHEST_THESIS_LABEL_TUPLE];

/** The 14 ChestX-ray14 findings, spelled as in Data_Entry_2017.csv's 'Finding Labels'. */
export const NIH_LABELS: string[] = [
  'Atelectasis',
  'Cardiomegaly',
  'Effusion',
  'Infiltration',
  'Mass',
  'Nodule',
  'Pneumonia',
  'Pneumothorax',
  'Consolidation',
  'Edema',
  'Emphysema',
  'Fibrosis',
  'Pleural_Thickening',
  'Hernia',
];

/** CheXpert's 14 observation columns ('No Finding' and the 13 others), in the CSV's order. */
export const CHEXPERT_LABELS: string[] = [
  'No Finding',
  'Enlarged Cardiomediastinum',
  'Cardiomegaly',
  'Lung Opacity',
  'Lung Lesion',
  'Edema',
  'Consolidation',
  'Pneumonia',
  'Atelectasis',
  'Pneumothorax',
  'Pleural Effusion',
  'Pleural Other',
  'Fracture',
  'Support Devices',
];

/** PadChest's Projection values (Bustos et al. 2020; counts in 002, Dataset). */
export const PADCHEST_PROJECTIONS: string[] = ['PA', 'L', 'AP', 'AP_horizontal', 'COSTAL', 'UNK', 'EXCLUDE'];

/** ChestX-ray14's 'View Position' values. */
export const NIH_VIEWS: string[] = ['PA', 'AP'];

/**
 * CheXpert views a filter may name: 'Frontal' or 'Lateral' (the Frontal/Lateral column) or an AP/PA
 * value (AP, PA, LL, RL) for one kind of frontal image.
 */
export const CHEXPERT_VIEWS: string[] = ['Frontal', 'Lateral', 'AP', 'PA', 'LL', 'RL'];
