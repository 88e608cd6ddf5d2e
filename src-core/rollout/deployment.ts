// What is in orbit at a date: per catalogue satellite, its status (planned = not launched yet,
// raising, operational), its altitude and the radial scale it is drawn at, and which gateways are in
// service. Walker satellites follow the schedule (schedule.ts); raising ones climb linearly from the
// insertion altitude to their shell's altitude over raisingWeeks; they carry no traffic
// (constellation/status). Real satellites matched to the planned shells (slot matching,
// constellation/slotMatch.ts) are in orbit from their element set's epoch: operational in the slot
// they took (the schedule fills the other slots), raising when matching put them in
// "<shell>:raising". Other imported element sets keep their own status.
import type { BuiltCatalog } from '../constellation/catalog';
import { meanAltitudeKm } from '../constellation/elements';
import { STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING, gatewayInServiceAt } from '../constellation/status';
import type { SatelliteCatalog } from '../constellation/types';
import { satrecEpochMs } from '../io/importConstellation';
import type { Gateway, Scenario } from '../scenario/schema';
import { WGS84_A_KM } from '../units';
import type { RolloutSchedule } from './schedule';

export interface Deployment {
  dateMs: number;
  /** STATUS_CODES per catalogue satellite at the date. */
  status: Uint8Array;
  /** Altitude (km above the WGS84 equatorial radius, the shells' convention) of satellites in orbit at the date (raising: interpolated; operational: shell altitude; real sets: their own mean altitude); NaN when not launched. */
  altitudeKm: Float64Array;
  /**
   * Drawn radius / propagated radius per satellite: (a + altitude) / (a + shell altitude) for a
   * scheduled satellite still raising (its SGP4 record is its slot's orbit), 1 otherwise. The globe
   * scales the propagated position radially from the Earth's centre by it.
   */
  radiusScale: Float32Array;
  inOrbit: number;
  raising: number;
  operational: number;
}

/**
 * Real satellites of the catalogue that the rollout places by their element sets: per catalogue
 * index, the set's epoch (UTC ms; NaN = not one of them) and mean altitude. They are the sets slot
 * matching put in a Walker slot or in a "<shell>:raising" group (BuiltCatalog.slotMatching).
 */
export interface RealSatellites {
  epochMs: Float64Array;
  altitudeKm: Float64Array;
  /** Walker indices (below schedule.walkerCount) taken by a real satellite: the schedule skips them. */
  inSlot: readonly number[];
}

/** Suffix of the shell id slot matching gives the real satellites still raising to a planned shell. */
export const RAISING_SHELL_SUFFIX = ':raising';

/** The real satellites of a built catalogue (none when slot matching did not run). */
export function realSatellitesOf(built: BuiltCatalog): RealSatellites {
  const N = built.catalog.count;
  const epochMs = new Float64Array(N).fill(Number.NaN);
  const altitudeKm = new Float64Array(N).fill(Number.NaN);
  const inSlot = built.slotMatching?.inSlot ?? [];
  const mark = (i: number): void => {
    epochMs[i] = satrecEpochMs(built.satrecs[i]!);
    altitudeKm[i] = meanAltitudeKm(built.satrecs[i]!);
  };
  inSlot.forEach(mark);
  if (built.slotMatching) {
    const { shells, shellIndex } = built.catalog;
    for (let i = 0; i < N; i++) if (shells[shellIndex[i]!]!.id.endsWith(RAISING_SHELL_SUFFIX)) mark(i);
  }
  return { epochMs, altitudeKm, inSlot };
}

/** Per-date counters and arrays, filled satellite by satellite. */
class DeploymentBuilder {
  readonly status: Uint8Array;
  readonly altitudeKm: Float64Array;
  readonly radiusScale: Float32Array;
  constructor(n: number) {
    this.status = new Uint8Array(n);
    this.altitudeKm = new Float64Array(n).fill(Number.NaN);
    this.radiusScale = new Float32Array(n).fill(1);
  }
  set(i: number, status: number, altitudeKm: number): void {
    this.status[i] = status;
    if (status !== STATUS_PLANNED) this.altitudeKm[i] = altitudeKm;
  }
  result(dateMs: number): Deployment {
    let raising = 0, operational = 0;
    for (const s of this.status) {
      if (s === STATUS_RAISING) raising++;
      else if (s === STATUS_OPERATIONAL) operational++;
    }
    return { dateMs, status: this.status, altitudeKm: this.altitudeKm, radiusScale: this.radiusScale, inOrbit: raising + operational, raising, operational };
  }
}

/**
 * Status, altitude and drawing scale of every catalogue satellite at `dateMs`. The first
 * `schedule.walkerCount` satellites are the Walker ones (buildCatalog's order); `real` (from
 * realSatellitesOf; the schedule must have been built with its `inSlot`) places the real ones.
 */
export function deploymentAt(scenario: Scenario, catalog: SatelliteCatalog, schedule: RolloutSchedule, dateMs: number, real: RealSatellites | null = null): Deployment {
  const N = catalog.count;
  const out = new DeploymentBuilder(N);
  const insertKm = scenario.rollout.insertionAltitudeKm;
  for (let i = 0; i < N; i++) {
    const shellAlt = catalog.shells[catalog.shellIndex[i]!]!.altitudeKm;
    const epoch = real ? real.epochMs[i]! : Number.NaN;
    if (!schedule.active) {
      out.set(i, catalog.status[i]!, shellAlt);
    } else if (!Number.isNaN(epoch)) {
      // A real satellite: in orbit (with its set's status) from its epoch, at its own orbit.
      out.set(i, dateMs >= epoch ? catalog.status[i]! : STATUS_PLANNED, real!.altitudeKm[i]!);
    } else if (i >= schedule.walkerCount) {
      out.set(i, catalog.status[i]!, shellAlt);
    } else {
      const launch = schedule.launchMs[i]!;
      const op = schedule.operationalMs[i]!;
      if (!(dateMs >= launch)) {
        out.set(i, STATUS_PLANNED, Number.NaN);
      } else if (dateMs < op) {
        const alt = insertKm + ((shellAlt - insertKm) * (dateMs - launch)) / (op - launch);
        out.set(i, STATUS_RAISING, alt);
        out.radiusScale[i] = (WGS84_A_KM + alt) / (WGS84_A_KM + shellAlt);
      } else {
        out.set(i, STATUS_OPERATIONAL, shellAlt);
      }
    }
  }
  return out.result(dateMs);
}

/** The scenario's gateways in service at `dateMs` (inServiceDate on or before it, or none). */
export function gatewaysAt(gateways: readonly Gateway[], dateMs: number): Gateway[] {
  return gateways.filter((g) => gatewayInServiceAt(g, dateMs));
}

/** A catalogue with the date's statuses (shares everything else with `catalog`). */
export function catalogWithStatus(catalog: SatelliteCatalog, status: Uint8Array): SatelliteCatalog {
  return { ...catalog, status };
}
