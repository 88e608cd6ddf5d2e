// `merge <base> <ours> <theirs> -o <out> [--ours|--theirs] [--json]`: three-way merge. Unresolved
// conflicts are listed (path, base, ours, theirs), nothing is written, exit 1; --ours/--theirs
// settle every conflict from that side. The result is validated before it is written.
import { mergeScenarios, type MergeConflict, type Resolution } from '../../../src-core/scenario/merge';
import { CliError, clean } from '../io';
import { readScenarioFile, writeScenarioFile } from './convert';

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 100));
const conflictLine = (c: MergeConflict) => ({ path: c.path, message: `base ${show(c.base)}, ours ${show(c.ours)}, theirs ${show(c.theirs)}` });

export function mergeCommand(files: string[], out: string | undefined, resolution: Resolution, json: boolean): number {
  if (files.length !== 3) throw new CliError('merge needs three files: leo-planner merge <base> <ours> <theirs> -o <out>', [], 2);
  if (!out) throw new CliError('merge needs -o <out.leo.json> (where the merged scenario is written)', [], 2);
  const [base, ours, theirs] = files.map(readScenarioFile) as [ReturnType<typeof readScenarioFile>, ReturnType<typeof readScenarioFile>, ReturnType<typeof readScenarioFile>];
  const r = mergeScenarios(base, ours, theirs, resolution);
  if (resolution === 'none' && r.conflicts.length > 0) {
    if (json) console.log(JSON.stringify({ ok: false, conflicts: r.conflicts }, null, 2));
    else throw new CliError(`merge: ${r.conflicts.length} conflict${r.conflicts.length > 1 ? 's' : ''}; nothing written (rerun with --ours or --theirs to settle them)`, r.conflicts.map(conflictLine));
    return 1;
  }
  if (!r.ok) throw new CliError(`merge: the merged scenario is invalid; nothing written (edit ours or theirs so that the merge is valid)`, r.problems);
  writeScenarioFile(out, r.scenario);
  if (json) console.log(JSON.stringify({ ok: true, file: out, conflicts: r.conflicts, resolution }, null, 2));
  else console.log(`wrote ${clean(out)}${r.conflicts.length ? ` (${r.conflicts.length} conflict${r.conflicts.length > 1 ? 's' : ''} settled with --${resolution})` : ''}`);
  return 0;
}
