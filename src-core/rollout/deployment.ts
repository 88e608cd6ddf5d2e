// What is in orbit at a date: per catalogue satellite, its status (planned = not launched yet,
// raising, operational) and its altitude, and which gateways are in service. Walker satellites
// follow the schedule (schedule.ts); imported element sets keep their own status (they are real
// satellites as they are). Raising satellites climb linearly from the insertion altitude to their
// shell's altitude over raisingWeeks; they carry no traffic (constellation/status).
import { STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING, gatewayInServiceAt } from '../constellation/status';
import type { SatelliteCatalog } from '../constellation/types';
import type { Gateway, Scenario } from '../scenario/schema';
import type { RolloutSchedule } from './schedule';

export interface Deployment {
  dateMs: number;
  /** STATUS_CODES per catalogue satellite at the date. */
  status: Uint8Array;
  /** Altitude (km) of satellites in orbit at the date (raising: interpolated; operational: shell altitude); NaN when not launched. */
  altitudeKm: Float64Array;
  inOrbit: number;
  raising: number;
  operational: number;
}

/** Status and altitude of every catalogue satellite at `dateMs`. The first `schedule.walkerCount` satellites are the Walker ones (buildCatalog's order). */
export function deploymentAt(scenario: Scenario, catalog: SatelliteCatalog, schedule: RolloutSchedule, dateMs: number): Deployment {
  const N = catalog.count;
  const status = new Uint8Array(N);
  const altitudeKm = new Float64Array(N).fill(Number.NaN);
  const insertKm = scenario.rollout.insertionAltitudeKm;
  for (let i = 0; i < N; i++) {
    const shellAlt = catalog.shells[catalog.shellIndex[i]!]!.altitudeKm;
    if (!schedule.active || i >= schedule.walkerCount) {
      status[i] = catalog.status[i]!;
      if (status[i] !== STATUS_PLANNED) altitudeKm[i] = shellAlt;
      continue;
    }
    const launch = schedule.launchMs[i]!;
    const op = schedule.operationalMs[i]!;
    if (!(dateMs >= launch)) {
      status[i] = STATUS_PLANNED;
    } else if (dateMs < op) {
      status[i] = STATUS_RAISING;
      altitudeKm[i] = insertKm + ((shellAlt - insertKm) * (dateMs - launch)) / (op - launch);
    } else {
      status[i] = STATUS_OPERATIONAL;
      altitudeKm[i] = shellAlt;
    }
  }
  let raising = 0, operational = 0;
  for (let i = 0; i < N; i++) {
    if (status[i] === STATUS_RAISING) raising++;
    else if (status[i] === STATUS_OPERATIONAL) operational++;
  }
  return { dateMs, status, altitudeKm, inOrbit: raising + operational, raising, operational };
}

/** The scenario's gateways in service at `dateMs` (inServiceDate on or before it, or none). */
export function gatewaysAt(gateways: readonly Gateway[], dateMs: number): Gateway[] {
  return gateways.filter((g) => gatewayInServiceAt(g, dateMs));
}

/** A catalogue with the date's statuses (shares everything else with `catalog`). */
export function catalogWithStatus(catalog: SatelliteCatalog, status: Uint8Array): SatelliteCatalog {
  return { ...catalog, status };
}
