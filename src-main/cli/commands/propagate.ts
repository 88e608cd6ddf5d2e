// `propagate <scenario|tle> --at ISO [--frame teme|ecef]`: every satellite's position at one time.
import { buildCatalog, STATUS_NAMES } from '../../../src-core/constellation';
import { Propagator } from '../../../src-core/orbit';
import { ecefToGeodetic } from '../../../src-core/frames';
import { radToDeg } from '../../../src-core/units';
import { CliError, clean, loadInput, table } from '../io';

/** SGP4's error codes (Vallado's sgp4 and satellite.js) in words. */
export function sgp4Reason(code: number): string {
  switch (code) {
    case 1: return 'SGP4 error 1: mean eccentricity out of range (the elements are not a usable orbit)';
    case 2: return 'SGP4 error 2: mean motion below zero (the elements are not a usable orbit)';
    case 3: return 'SGP4 error 3: perturbed eccentricity out of range (the orbit has degraded past what SGP4 models)';
    case 4: return 'SGP4 error 4: semi-latus rectum below zero (the orbit has degraded past what SGP4 models)';
    case 6: return 'SGP4 error 6: decayed (the orbit has re-entered by this time; use elements with an epoch nearer the time asked for)';
    default: return 'SGP4 gave no position (non-numeric elements)';
  }
}

export function propagateCommand(path: string, atMs: number, frame: string, json: boolean, limit: number): number {
  if (frame !== 'teme' && frame !== 'ecef') throw new CliError(`--frame must be "teme" or "ecef", got "${frame}"`, [], 2);
  const { scenario } = loadInput(path, atMs);
  const { catalog, satrecs, problems } = buildCatalog(scenario);
  if (catalog.count === 0) throw new CliError(`${path} has no satellites`, problems);
  const prop = new Propagator(satrecs);
  const pos = new Float64Array(3 * catalog.count);
  const vel = new Float64Array(3 * catalog.count);
  const ecef = new Float64Array(3 * catalog.count);
  prop.propagateEcef(atMs, ecef);
  if (frame === 'teme') prop.propagateTeme(atMs, pos, vel);
  else prop.propagateEcef(atMs, pos, vel);
  const rows = [];
  for (let i = 0; i < catalog.count; i++) {
    const g = ecefToGeodetic({ x: ecef[3 * i]!, y: ecef[3 * i + 1]!, z: ecef[3 * i + 2]! });
    rows.push({
      index: i,
      name: catalog.names[i]!,
      noradId: catalog.noradIds[i]!,
      shell: catalog.shells[catalog.shellIndex[i]!]!.id,
      plane: catalog.plane[i]!,
      slot: catalog.slot[i]!,
      status: STATUS_NAMES[catalog.status[i]!]!,
      ok: prop.failed[i] === 0,
      xKm: pos[3 * i]!, yKm: pos[3 * i + 1]!, zKm: pos[3 * i + 2]!,
      vxKmS: vel[3 * i]!, vyKmS: vel[3 * i + 1]!, vzKmS: vel[3 * i + 2]!,
      latDeg: radToDeg(g.latRad), lonDeg: radToDeg(g.lonRad), altitudeKm: g.heightKm,
    });
  }
  // Why each failed satellite failed (SGP4's error code), so a null position is never unexplained.
  const failures = rows.filter((r) => !r.ok).map((r) => ({ name: r.name, noradId: r.noradId, reason: sgp4Reason(prop.errorCode[r.index]!) }));
  const allFailed = failures.length === rows.length;
  if (json) {
    console.log(JSON.stringify({ at: new Date(atMs).toISOString(), frame, count: rows.length, failed: prop.failedCount, failures, problems, satellites: rows.map((r) => ({ ...r, reason: r.ok ? null : sgp4Reason(prop.errorCode[r.index]!) })) }));
    return allFailed ? 1 : 0;
  }
  if (allFailed) {
    throw new CliError(`no satellite could be propagated to ${new Date(atMs).toISOString()}`, failures.slice(0, 20).map((f) => ({ path: clean(f.name), message: f.reason })));
  }
  if (failures.length > 0) {
    console.error(`warning: ${failures.length} of ${rows.length} satellites could not be propagated to ${new Date(atMs).toISOString()}:`);
    for (const f of failures.slice(0, 20)) console.error(`  ${clean(f.name)}: ${f.reason}`);
    if (failures.length > 20) console.error(`  … and ${failures.length - 20} more`);
  }
  const shown = rows.slice(0, limit);
  console.log(`${rows.length} satellites at ${new Date(atMs).toISOString()} (${frame.toUpperCase()}, km and km/s; lat/lon/alt WGS84)${prop.failedCount ? `, ${prop.failedCount} failed` : ''}`);
  console.log(table(['name', 'shell', 'plane', 'slot', 'x km', 'y km', 'z km', 'lat deg', 'lon deg', 'alt km'], shown.map((r) => [r.name, r.shell, r.plane, r.slot, r.xKm.toFixed(3), r.yKm.toFixed(3), r.zKm.toFixed(3), r.latDeg.toFixed(4), r.lonDeg.toFixed(4), r.altitudeKm.toFixed(2)])));
  if (rows.length > shown.length) console.log(`… ${rows.length - shown.length} more (use --limit N or --json)`);
  return 0;
}
