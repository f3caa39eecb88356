/**
 * The optimisers a run config can name: 'adam' (GroupedAdam, Keras' Adam) and 'adamw' (the same
 * with decoupled weight decay, Loshchilov & Hutter 2019).
 */
export const OPTIMIZER_NAMES = ['adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];
