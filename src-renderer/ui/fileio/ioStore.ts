// State of File › Import / Export / Compare / Merge that is not scenario data (no undo): the open
// dialog with its plan, and the export running in its worker. Its own store, so the dialogs
// re-render only on their own changes.
import { create } from 'zustand';
import type { ScenarioProblem } from '../../../src-core/scenario/schema';
import type { ComparePlan, ImportPlan, MergePlan, Side } from './plans';

export type IoDialog =
  | { kind: 'import'; plan: ImportPlan }
  | { kind: 'compare'; plan: ComparePlan }
  /** `choices`: the side picked per conflict path (ours when absent); `problems`: why the last Merge was refused. */
  | { kind: 'merge'; plan: MergePlan; choices: Record<string, Side>; problems: ScenarioProblem[] }
  /** The CZML window: start (UTC ms), length and sample step; `withRoute`: highlight the route shown now. */
  | { kind: 'czml'; startUtcMs: number; durationMin: number; stepS: number; withRoute: boolean };

export interface IoState {
  dialog: IoDialog | null;
  /** What the export worker is doing now ("Writing CZML…"), null when idle. */
  busy: string | null;
}

export const useIo = create<IoState>()(() => ({ dialog: null, busy: null }));
export const ioStore = useIo;

export function closeIoDialog(): void {
  ioStore.setState({ dialog: null });
}
