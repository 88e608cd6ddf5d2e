// `diff <a> <b> [--json]`: what changed from scenario a to scenario b (gateways/PoPs added,
// removed, moved, edited; other assumptions path by path). Exit 0 either way.
import { diffScenarios, formatDiff } from '../../../src-core/scenario/diff';
import { clean } from '../io';
import { readScenarioFile } from './convert';

export function diffCommand(a: string, b: string, json: boolean): number {
  const d = diffScenarios(readScenarioFile(a), readScenarioFile(b));
  if (json) console.log(JSON.stringify(d, null, 2));
  else for (const line of formatDiff(d)) console.log(clean(line));
  return 0;
}
