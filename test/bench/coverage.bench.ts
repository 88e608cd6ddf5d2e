// Coverage evaluator: a full evaluation of full Kuiper over 96 one-minute steps on the H3 res-3
// land grid (propagation + visibility cache + routing + figures) against incremental gateway
// edits (routing and cell minima only). Set-up is lazy (first, uncounted warm-up call) so that
// importing this file costs nothing when other groups run.
// Every routing edit keeps a log that its exact inverse takes back (evaluator.ts EditLog): the edits
// timed as "add", "remove" and "move" are chosen so that none of them is such an inverse (a new id
// for each add, a new site for each move), except where the name says "undo".
import { performance } from 'node:perf_hooks';
import { buildCoverageGrid, createCoverageEvaluator, type CoverageEvaluator, type CoverageGrid } from '../../src-core/coverage';
import { geoDemandSource } from '../../src-core/geo';
import { gateway, kuiperPropagator, kuiperScenario } from '../unit/coverage/fixtures';
import type { Bench } from './types';

const GROUP = 'coverage: Kuiper 3,236 sats, 96 steps, H3 res 3';
const FULL = 'full evaluation (positions + visibility + routing + figures)';
const sc = kuiperScenario({ durationS: 96 * 60, stepS: 60, h3Resolution: 3 });
const { catalog, propagator } = kuiperPropagator(sc);
let ev: CoverageEvaluator | null = null;
const evaluator = (): CoverageEvaluator => (ev ??= createCoverageEvaluator(sc, catalog, propagator));
let lastMs = 0;
let serial = 0;
/** gw-germany at a site it has not been at (so a move there is not an undo or redo). */
const newGermanySite = () => {
  const k = serial++;
  return gateway('gw-germany', 49.5 + 0.001 * k, 9.5 - 0.001 * k);
};
const timed = (f: () => void): void => {
  const t0 = performance.now();
  f();
  lastMs = performance.now() - t0;
};

// One time step on its own: propagate + laser links + visibility + routing + grid figures.
const sc1 = kuiperScenario({ durationS: 60, stepS: 60, h3Resolution: 3 });
let grid1: CoverageGrid | null = null;

export const benches: Bench[] = [
  {
    name: 'one full time step (propagate + links + visibility + routing + grid figures)',
    group: 'coverage: one step, Kuiper, H3 res 3',
    fn: () => {
      grid1 ??= buildCoverageGrid(sc1.analysis, geoDemandSource);
      void createCoverageEvaluator(sc1, catalog, propagator, { grid: grid1 }).result();
    },
  },
  {
    name: FULL,
    group: GROUP,
    iterations: 3,
    fn: () => void createCoverageEvaluator(sc, catalog, propagator).result(),
    notes: () => {
      const m = evaluator().memory();
      const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
      return [
        `cells ${evaluator().grid.count}, visibility pairs ${m.cache.visibilityEntries}`,
        `memory: cache ${mb(m.cache.total)} (positions ${mb(m.cache.positions)}, links ${mb(m.cache.links)}, visibility ${mb(m.cache.visibility)}, counts ${mb(m.cache.visibleCount)}), routing ${mb(m.routing)}, cells ${mb(m.cells)}, total ${mb(m.total)}`,
      ];
    },
  },
  {
    name: 'incremental: add one gateway (+ figures)',
    group: GROUP,
    baselineOf: FULL,
    budget: { ms: 300 },
    fn: () => {
      const e = evaluator();
      timed(() => e.addGateway(gateway(`gw-bench-${serial++}`, 50.2, 8.8)));
      e.removeGateway(e.gateways.length - 1);
    },
    measure: () => lastMs,
  },
  {
    // The gateway just added: the undo of an add (from its log since the sixteenth session).
    name: 'incremental: remove one gateway (+ figures)',
    group: GROUP,
    baselineOf: FULL,
    budget: { ms: 300 },
    fn: () => {
      const e = evaluator();
      e.addGateway(gateway(`gw-bench-${serial++}`, 50.2, 8.8));
      timed(() => e.removeGateway(e.gateways.length - 1));
    },
    measure: () => lastMs,
  },
  {
    // gw-germany to a new site each time (with ground relay: every step re-routed).
    name: 'incremental: move one gateway (+ figures)',
    group: GROUP,
    baselineOf: FULL,
    budget: { ms: 300 },
    fn: () => {
      const e = evaluator();
      const to = newGermanySite();
      timed(() => e.moveGateway(2, to));
    },
    measure: () => lastMs,
  },
  {
    name: 'undo of a move: the gateway moved back (from the log)',
    group: GROUP,
    baselineOf: FULL,
    fn: () => {
      const e = evaluator();
      const was = e.gateways[2]!;
      e.moveGateway(2, newGermanySite());
      timed(() => e.moveGateway(2, was));
    },
    measure: () => lastMs,
  },
  {
    // gw-sydney (index 3 of 8), removed from the middle of the list; the gateways set again
    // afterwards (untimed) so that the next remove is not the redo of this one.
    name: 'remove an existing gateway (+ figures)',
    group: GROUP,
    baselineOf: FULL,
    budget: { ms: 300 },
    fn: () => {
      const e = evaluator();
      const all = e.gateways.slice();
      timed(() => e.removeGateway(3));
      e.setGateways(all);
    },
    measure: () => lastMs,
  },
  {
    name: 'undo of removing an existing gateway: inserted back (from the log)',
    group: GROUP,
    baselineOf: FULL,
    fn: () => {
      const e = evaluator();
      const all = e.gateways.slice();
      e.removeGateway(3);
      timed(() => {
        if (!e.insertGatewayFromLog(3, all[3]!)) throw new Error('the insert did not come from the log');
      });
      e.setGateways(all);
    },
    measure: () => lastMs,
  },
  {
    name: 'rerun figures only (no edit)',
    group: GROUP,
    fn: () => void evaluator().result(),
  },
];
