// Laser neighbours from the loaded topology (engine/neighbours.ts): the inspector lists them and
// the globe draws the selected satellite's links to them. On the Kuiper +Grid every satellite has
// four: fore and aft in its plane, and the same slot in the planes either side.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { buildPlusGrid } from '../../../src-core/network/isl';
import { laserNeighbours } from '../../../src-renderer/engine/neighbours';
import type { LoadScenarioResult } from '../../../src-renderer/engine/protocol';
import { kuiperScenario } from '../coverage/fixtures';

describe('laserNeighbours', () => {
  const scenario = kuiperScenario({ durationS: 600, stepS: 120, h3Resolution: 2 });
  const catalog = buildCatalog(scenario).catalog;
  const topo = buildPlusGrid(catalog, scenario.isl, scenario.constellation.shells);
  const n = catalog.count;
  const info = { satelliteCount: n, topology: { islA: topo.a, islB: topo.b } } as unknown as LoadScenarioResult;
  const of = laserNeighbours(info);

  it('gives every Kuiper satellite its 4 +Grid neighbours, symmetrically', () => {
    expect(n).toBe(3236);
    for (let i = 0; i < n; i++) {
      const nb = of(i);
      expect(nb, `satellite ${i}`).toHaveLength(4);
      expect(new Set(nb).size).toBe(4);
      for (const j of nb) expect(of(j), `${j} lists ${i} back`).toContain(i);
    }
  });

  it('pairs fore/aft in the plane and the same slot in the planes either side', () => {
    const i = 100;
    const { plane, slot, shellIndex } = catalog;
    const same = of(i).filter((j) => plane[j] === plane[i]);
    const cross = of(i).filter((j) => plane[j] !== plane[i]);
    expect(same.map((j) => slot[j]).sort()).toEqual([slot[i]! - 1, slot[i]! + 1].sort());
    expect(cross).toHaveLength(2);
    for (const j of cross) expect(shellIndex[j]).toBe(shellIndex[i]);
  });

  it('answers nothing without a scenario or out of range', () => {
    expect(laserNeighbours(null)(0)).toEqual([]);
    expect(of(-1)).toEqual([]);
    expect(of(n)).toEqual([]);
  });
});
