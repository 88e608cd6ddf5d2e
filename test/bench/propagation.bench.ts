// Propagation benchmarks: one time step of the whole constellation (Kuiper 3,236 and the synthetic
// Starlink-Gen2-like 29,988), optimized Propagator vs the naive satellite.js per-satellite path and
// vs satellite.js 7's WASM BulkPropagator. Each call advances the clock by one second so no two
// calls compute the same step. Catalogues and the WASM runtime are built by `loadBenches()` (~1-2 s).
import {
  BulkPropagator, EciBaseCalculator, createSingleThreadRuntime, eciToEcf, gstime, propagate, type SatRec,
} from 'satellite.js';
import { buildCatalog, kuiperShells, type BuiltCatalog } from '../../src-core/constellation/index';
import { ecefToGeodeticBulk, lookAnglesBulk } from '../../src-core/frames/index';
import { Propagator } from '../../src-core/orbit/propagator';
import { makeScenario } from '../../src-core/scenario/schema';
import { DEG } from '../../src-core/units';
import { synthetic30kCatalog } from '../unit/core/helpers/synthetic30k';
import type { Bench } from './types';

const EPOCH = '2026-01-01T00:00:00Z';
const T0 = Date.parse(EPOCH) + 3600_000;

const NAIVE = 'naive: satellite.js propagate(Date) + gstime + eciToEcf per satellite';

function propagationGroup(group: string, satrecs: SatRec[], wasmRuntime: Awaited<ReturnType<typeof createSingleThreadRuntime>>, budgetMs?: number): Bench[] {
  const n = satrecs.length;
  const prop = new Propagator(satrecs);
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  let t = T0;
  const iterations = n > 10_000 ? 20 : undefined;
  const budget = budgetMs === undefined ? undefined : { ms: budgetMs };
  const wasm = new BulkPropagator({ runtime: wasmRuntime, calculators: [new EciBaseCalculator()], satRecsCount: n, datesCount: 1 });
  wasm.setSatRecs(satrecs);
  return [
    {
      name: NAIVE,
      group,
      iterations,
      fn: () => {
        const date = new Date((t += 1000));
        const g = gstime(date);
        for (let i = 0; i < n; i++) {
          const r = propagate(satrecs[i]!, date);
          if (!r) continue;
          const e = eciToEcf(r.position, g);
          pos[3 * i] = e.x;
          pos[3 * i + 1] = e.y;
          pos[3 * i + 2] = e.z;
        }
      },
    },
    { name: 'Propagator.propagateEcef: positions', group, baselineOf: NAIVE, iterations, budget, fn: () => void prop.propagateEcef((t += 1000), pos) },
    { name: 'Propagator.propagateEcef: positions + velocities', group, baselineOf: NAIVE, iterations, budget, fn: () => void prop.propagateEcef((t += 1000), pos, vel) },
    { name: 'Propagator.propagateTeme: positions', group, baselineOf: NAIVE, iterations, fn: () => void prop.propagateTeme((t += 1000), pos) },
    {
      // Reference only: satellite.js 7 WASM (single thread), TEME, copied out to our array.
      name: 'satellite.js WASM BulkPropagator (TEME positions, reference)',
      group,
      baselineOf: NAIVE,
      iterations,
      fn: () => {
        wasm.setDates([new Date((t += 1000))]);
        wasm.run();
        pos.set(wasm.getRawOutput().eci.position);
      },
    },
  ];
}

function framesGroup(big: BuiltCatalog): Bench[] {
  const prop = new Propagator(big.satrecs);
  const pos = prop.positionsEcefKm(T0);
  const n = prop.count;
  const lat = new Float64Array(n), lon = new Float64Array(n), h = new Float64Array(n), el = new Float64Array(n);
  const obs = { latRad: 47.6 * DEG, lonRad: -122.3 * DEG, heightKm: 0 };
  const group = 'frames: 29,988 satellites';
  return [
    { name: 'ecefToGeodeticBulk', group, fn: () => ecefToGeodeticBulk(pos, lat, lon, h) },
    { name: 'lookAnglesBulk (elevation only)', group, fn: () => lookAnglesBulk(obs, pos, { elevationRad: el }) },
  ];
}

/** Builds the catalogues (Kuiper, synthetic 30k) and the satellite.js WASM runtime, then returns the benches. */
export async function loadBenches(): Promise<Bench[]> {
  const kuiper = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: kuiperShells(), elementSets: [] } }));
  const big = synthetic30kCatalog(EPOCH);
  const wasmRuntime = await createSingleThreadRuntime();
  return [
    // Budget from the brief: full Kuiper under 3 ms per step.
    ...propagationGroup('propagation: Kuiper 3,236 satellites, one step', kuiper.satrecs, wasmRuntime, 3),
    ...propagationGroup('propagation: synthetic 30k (29,988 satellites), one step', big.satrecs, wasmRuntime),
    ...framesGroup(big),
  ];
}
