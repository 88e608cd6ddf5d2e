// The satellite network state in the plain text files the Hypatia / ns-3 packet-level simulator
// reads (snkas/hypatia satgenpy): tles.txt ("orbits sats-per-orbit", then per satellite a name
// line "<name> <id>" with ids 0..N-1 and the two TLE lines, all with one epoch), isls.txt ("a b"
// per laser link, a < b, satellite ids) and ground_stations.txt (extended form
// "gid,name,lat,lon,elevation_m,x_m,y_m,z_m", ECEF on WGS 84). Satellites are in catalogue order.
import { buildCatalog } from '../constellation/catalog';
import { walkerElements } from '../constellation/walker';
import type { MeanElements } from '../constellation/elements';
import { geodeticToEcef } from '../frames/geodetic';
import { buildPlusGrid } from '../network/isl';
import type { ElementSet, Scenario } from '../scenario/schema';
import { DEG, parseIsoUtc } from '../units';
import { formatTle } from './tleWrite';

export interface HypatiaExport {
  /** File name -> content; empty when `problems` says why the state cannot be written. */
  files: Record<string, string>;
  problems: string[];
}

const M_PER_KM = 1000;
/** satgenpy refuses eccentricity 0 and writes circular Walker orbits with 1e-7 (the TLE's smallest). */
const HYPATIA_MIN_ECCENTRICITY = 1e-7;
/** Hypatia splits names on whitespace and ground-station lines on commas. */
const token = (s: string): string => s.trim().replace(/[\s,]+/g, '_') || 'unnamed';

/** Mean elements of an OMM record (the fields SGP4 reads), for writing it as a TLE. */
function ommElements(omm: Record<string, string | number>): MeanElements {
  const epoch = String(omm.EPOCH);
  return {
    epochMs: parseIsoUtc(/[zZ]|[+-]\d\d:?\d\d$/.test(epoch) ? epoch : `${epoch}Z`),
    meanMotionRevPerDay: Number(omm.MEAN_MOTION),
    eccentricity: Number(omm.ECCENTRICITY),
    inclinationDeg: Number(omm.INCLINATION),
    raanDeg: Number(omm.RA_OF_ASC_NODE),
    argPerigeeDeg: Number(omm.ARG_OF_PERICENTER),
    meanAnomalyDeg: Number(omm.MEAN_ANOMALY),
    bstar: Number(omm.BSTAR ?? 0),
  };
}

/** TLE lines 1 and 2 of one element set with satellite number `satnum` (Hypatia ignores it). */
function setLines(set: ElementSet, satnum: number): { lines: string; epoch: string } {
  if (set.format === 'tle') return { lines: `${set.line1}\n${set.line2}`, epoch: set.line1.substring(18, 32) };
  const tle = formatTle('x', satnum, ommElements(set.omm)).split('\n');
  return { lines: `${tle[1]}\n${tle[2]}`, epoch: tle[1]!.substring(18, 32) };
}

/** tles.txt body and the distinct epochs found (Hypatia needs exactly one). */
function tlesFile(scenario: Scenario, names: readonly string[]): { text: string; epochs: Map<string, number> } {
  const epochMs = parseIsoUtc(scenario.epochUtc);
  const epochs = new Map<string, number>();
  const out: string[] = [];
  let i = 0;
  const push = (lines: string, epoch: string): void => {
    epochs.set(epoch, (epochs.get(epoch) ?? 0) + 1);
    out.push(`${token(names[i] ?? 'sat')} ${i}\n${lines}`);
    i++;
  };
  // Satellite numbers 1..99999 in the TLE lines (Walker ids from 900,000 do not fit the field).
  const satnum = (): number => (i % 99_999) + 1;
  for (const shell of scenario.constellation.shells) {
    for (const w of walkerElements(shell, epochMs)) {
      const tle = formatTle('x', satnum(), { ...w.elements, eccentricity: Math.max(w.elements.eccentricity, HYPATIA_MIN_ECCENTRICITY) }).split('\n');
      push(`${tle[1]}\n${tle[2]}`, tle[1]!.substring(18, 32));
    }
  }
  for (const set of scenario.constellation.elementSets) {
    const s = setLines(set, satnum());
    push(s.lines, s.epoch);
  }
  const single = scenario.constellation.shells.length === 1 && scenario.constellation.elementSets.length === 0 ? scenario.constellation.shells[0]! : null;
  const header = single ? `${single.planes} ${single.satsPerPlane}` : `1 ${i}`;
  return { text: `${header}\n${out.join('\n')}\n`, epochs };
}

/** Hypatia's three state files for a scenario; problems (and no files) when it cannot be expressed. */
export function exportHypatia(scenario: Scenario): HypatiaExport {
  const built = buildCatalog(scenario);
  if (built.catalog.count !== scenario.constellation.shells.reduce((n, s) => n + s.planes * s.satsPerPlane, 0) + scenario.constellation.elementSets.length) {
    return { files: {}, problems: built.problems.map((p) => `${p.path}: ${p.message}`) };
  }
  const tles = tlesFile(scenario, built.catalog.names);
  if (tles.epochs.size > 1) {
    const list = [...tles.epochs].slice(0, 5).map(([e, n]) => `${e.trim()} (${n})`).join(', ');
    return { files: {}, problems: [`Hypatia needs one epoch for every satellite; this constellation has ${tles.epochs.size} (TLE epoch: satellites): ${list}. Import element sets of one epoch, or use Walker shells`] };
  }
  const topo = buildPlusGrid(built.catalog, scenario.isl, scenario.constellation.shells);
  const isls: string[] = [];
  for (let k = 0; k < topo.count; k++) {
    const a = topo.a[k]!, b = topo.b[k]!;
    isls.push(`${Math.min(a, b)} ${Math.max(a, b)}`);
  }
  const gs = scenario.gateways.map((g, i) => {
    const p = geodeticToEcef({ latRad: g.latDeg * DEG, lonRad: g.lonDeg * DEG, heightKm: g.altitudeKm });
    const m = (km: number) => (km * M_PER_KM).toFixed(6);
    return `${i},${token(g.name || g.id)},${g.latDeg},${g.lonDeg},${m(g.altitudeKm)},${m(p.x)},${m(p.y)},${m(p.z)}`;
  });
  const lines = (xs: string[]) => (xs.length ? `${xs.join('\n')}\n` : '');
  return { files: { 'tles.txt': tles.text, 'isls.txt': lines(isls), 'ground_stations.txt': lines(gs) }, problems: [] };
}
