// `convert <in> <out>`: the output format is picked by the output's extension. A scenario
// (any older format version) becomes a current-format .leo.json (unknown keys kept); an element
// file (TLE / OMM JSON / OMM XML) becomes a scenario (.leo.json) with those satellites, or is
// rewritten as .tle (TLE records), OMM .json or OMM .xml (TLEs converted field by field). Also home of the scenario file
// reading and writing the diff and merge commands share: every write is validated first and
// atomic (temp file + rename), so an invalid scenario is never written and a crash leaves the
// old file whole.
import writeFileAtomic from 'write-file-atomic';
import { parseElementSets } from '../../../src-core/constellation';
import { detectFileKind } from '../../../src-core/scenario/detect';
import { problemsBeforeSave, saveRefusal, serializeScenario } from '../../../src-core/scenario/save';
import { parseScenario, type ElementSet, type Scenario } from '../../../src-core/scenario/schema';
import { CliError, clean, elementProblem, loadInput, printProblems, readText } from '../io';
import { asOmm, ommXmlText } from './convertWriters';

/** A scenario file, migrated and validated; unknown keys are kept and listed on stderr. */
export function readScenarioFile(path: string): Scenario {
  const r = parseScenario(readText(path));
  if (!r.ok) throw new CliError(`${path} is not a valid scenario (${r.problems.length} problem${r.problems.length > 1 ? 's' : ''})`, r.problems);
  if (r.warnings.length) {
    console.error(`warning: ${clean(path)}: ${r.warnings.length} unknown key${r.warnings.length > 1 ? 's' : ''} (kept, not used):`);
    printProblems(r.warnings);
  }
  return r.scenario;
}

function writeAtomic(path: string, text: string): void {
  try {
    writeFileAtomic.sync(path, text, { encoding: 'utf8', fsync: true });
  } catch (e) {
    throw new CliError(`cannot write "${path}": ${(e as Error).message}`);
  }
}

/** Validates, then writes atomically; an invalid scenario is refused and `path` left as it was. */
export function writeScenarioFile(path: string, s: Scenario): void {
  const text = serializeScenario(s);
  const problems = problemsBeforeSave(text);
  if (problems.length) throw new CliError(saveRefusal(path, problems), problems);
  writeAtomic(path, text);
}

type OutFormat = 'scenario' | 'tle' | 'omm-json' | 'omm-xml';

function outFormat(path: string): OutFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.leo.json')) return 'scenario';
  if (p.endsWith('.tle') || p.endsWith('.txt')) return 'tle';
  if (p.endsWith('.json')) return 'omm-json';
  if (p.endsWith('.xml')) return 'omm-xml';
  throw new CliError(`convert: cannot tell the output format of "${path}": use .leo.json (scenario), .tle (TLE), .json (OMM JSON) or .xml (OMM XML)`, [], 2);
}

function elementsText(sets: readonly ElementSet[], format: Exclude<OutFormat, 'scenario'>, source: string): string {
  if (format === 'omm-json') return `${JSON.stringify(sets.map(asOmm), null, 2)}\n`;
  if (format === 'omm-xml') return ommXmlText(sets.map(asOmm));
  const omm = sets.filter((s) => s.format !== 'tle').length;
  // OMM -> TLE would round the elements to TLE columns and needs B* in TLE notation: refused.
  if (omm > 0) throw new CliError(`convert: ${source} holds ${omm} OMM element set${omm > 1 ? 's' : ''}; writing OMM as TLE is not supported (it would round the elements): write .json, .xml or .leo.json instead`);
  return `${sets.map((s) => (s.format === 'tle' ? `${s.name}\n${s.line1}\n${s.line2}` : '')).join('\n')}\n`;
}

export function convertCommand(input: string, output: string): number {
  const fmt = outFormat(output);
  const kind = detectFileKind(readText(input), input);
  if (fmt === 'scenario') {
    const scenario = kind === 'scenario' ? readScenarioFile(input) : loadInput(input).scenario;
    writeScenarioFile(output, scenario);
    console.log(`wrote ${clean(output)} (scenario, format version ${scenario.formatVersion})`);
    return 0;
  }
  let sets: ElementSet[];
  if (kind === 'scenario') sets = readScenarioFile(input).constellation.elementSets;
  else {
    const imp = parseElementSets(readText(input), { format: kind });
    if (!imp.ok) throw new CliError(`${input}: ${imp.problems.length} element set problem(s); nothing written`, imp.problems.map(elementProblem));
    sets = imp.sets;
  }
  if (sets.length === 0) throw new CliError(`convert: ${input} has no element sets to write as ${fmt}`);
  writeAtomic(output, elementsText(sets, fmt, input));
  console.log(`wrote ${clean(output)} (${sets.length} element set${sets.length > 1 ? 's' : ''}, ${fmt})`);
  return 0;
}
