// Layer 2 of @cxr/train: one training step (trainStep), the gradients it takes (leanVariableGrads)
// and the model variables it updates; with ../optim (GroupedAdam), ../losses and ../schedule it is
// the step machinery the run's fit loop and the benchmarks share. Imports nothing of run/ or bench/.
export * from './model-variables.ts';
export * from './train-step.ts';
export * from './lean-variable-grads.ts';
