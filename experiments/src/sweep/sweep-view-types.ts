/** What the parent shows while cells run: a live view on a terminal, plain lines elsewhere (sweep-view.ts). */
import type { CellProgress, CellResult, WorkerCell } from './worker-protocol.ts';

/** How a cell ended in this sweep: a worker's result, or 'lost' when its workers kept dying. */
export type SweepCellResult = CellResult | { status: 'lost'; runId: number; error: string; seconds: number };

export interface SweepView {
  /** `cell` was handed to worker `slot` (1-based, kept by a respawned worker). */
  started(cell: WorkerCell, slot: number): void;
  progress(cell: WorkerCell, slot: number, progress: CellProgress): void;
  finished(cell: WorkerCell, slot: number, result: SweepCellResult): void;
  /** A line that is not about one cell's progress (a run's message, a worker that died). */
  message(text: string): void;
  /** The sweep ended (or was interrupted): stop redrawing. */
  close(): void;
}
