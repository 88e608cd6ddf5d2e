// `validate <scenario>`: ok, or every problem with its JSON path.
import { buildCatalog } from '../../../src-core/constellation';
import { parseScenario } from '../../../src-core/scenario/schema';
import { CliError, clean, readText } from '../io';

export function validateCommand(path: string, json: boolean): number {
  const r = parseScenario(readText(path));
  if (!r.ok) {
    if (json) {
      console.log(JSON.stringify({ ok: false, file: path, problems: r.problems }, null, 2));
      return 1;
    }
    throw new CliError(`${path}: ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}`, r.problems);
  }
  // The schema is fine; element sets can still be unusable (bad checksums, decayed orbits).
  const built = buildCatalog(r.scenario);
  const s = r.scenario;
  const summary = { ok: built.problems.length === 0, file: path, name: s.name, satellites: built.catalog.count, shells: built.catalog.shells.length, gateways: s.gateways.length, pops: s.pops.length, problems: built.problems };
  if (json) console.log(JSON.stringify(summary, null, 2));
  else if (built.problems.length) throw new CliError(`${path}: ${built.problems.length} element-set problem(s)`, built.problems);
  else console.log(`ok: ${clean(path)} — "${clean(s.name)}": ${summary.satellites} satellites in ${summary.shells} shells, ${summary.gateways} gateways, ${summary.pops} PoPs`);
  return summary.ok ? 0 : 1;
}
