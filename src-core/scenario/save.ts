// The one way a scenario becomes file text, and the check every save runs first: an invalid
// scenario is never written (app, browser download, CLI), and the refusal says what and where.
import { parseScenario, type Scenario, type ScenarioProblem } from './schema';

/** Scenario file text: 2-space JSON with a final newline (unknown keys the file had stay in). */
export function serializeScenario(s: Scenario): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Problems that forbid saving `text` ([] when it may be written). Never throws. */
export function problemsBeforeSave(text: string): ScenarioProblem[] {
  const r = parseScenario(text);
  return r.ok ? [] : r.problems;
}

/** The sentence shown when a save is refused; at most `max` problems are listed. */
export function saveRefusal(target: string, problems: readonly ScenarioProblem[], max = 5): string {
  const listed = problems.slice(0, max).map((p) => `${p.path}: ${p.message}`).join('; ');
  const more = problems.length > max ? `; and ${problems.length - max} more` : '';
  return `Not saved to ${target}: the scenario is invalid (${listed}${more}). The file on disk was not changed; fix the fields named and save again.`;
}
