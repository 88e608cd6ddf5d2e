// +Grid topology and per-step link lengths.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { maxIslLengthKm } from '../../../src-core/frames';
import { buildPlusGrid, updateIslLengths, type IslTopology } from '../../../src-core/network/isl';
import { Propagator } from '../../../src-core/orbit/propagator';
import { makeScenario, type WalkerShell } from '../../../src-core/scenario/schema';
import { kuiperScenario, T0_MS } from './fixtures';

function degrees(topo: IslTopology, n: number): Int32Array {
  const d = new Int32Array(n);
  for (let i = 0; i < topo.count; i++) { d[topo.a[i]!]!++; d[topo.b[i]!]!++; }
  return d;
}

function assertNoDuplicates(topo: IslTopology): void {
  const seen = new Set<string>();
  for (let i = 0; i < topo.count; i++) {
    const u = Math.min(topo.a[i]!, topo.b[i]!), v = Math.max(topo.a[i]!, topo.b[i]!);
    expect(u).not.toBe(v);
    const k = `${u}-${v}`;
    expect(seen.has(k)).toBe(false);
    seen.add(k);
  }
}

const shell = (over: Partial<WalkerShell>): WalkerShell => ({ id: 'S', name: 'S', altitudeKm: 600, inclinationDeg: 53, planes: 6, satsPerPlane: 8, phasingF: 1, raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational', islEnabled: true, ...over });

describe('buildPlusGrid', () => {
  it('full Kuiper: 6,472 links, degree 4 everywhere, no duplicates, one seam link per slot', () => {
    const s = kuiperScenario();
    const { catalog } = buildCatalog(s);
    const topo = buildPlusGrid(catalog, s.isl, s.constellation.shells);
    expect(catalog.count).toBe(3236);
    expect(topo.count).toBe(6472);
    expect(Array.from(degrees(topo, catalog.count)).every((d) => d === 4)).toBe(true);
    assertNoDuplicates(topo);
    let intra = 0, seam = 0;
    for (let i = 0; i < topo.count; i++) { intra += topo.kind[i] === 0 ? 1 : 0; seam += topo.seam[i]!; }
    expect(intra).toBe(3236);
    expect(seam).toBe(34 + 36 + 28);
    // Deterministic: same input, same arrays.
    const again = buildPlusGrid(catalog, s.isl, s.constellation.shells);
    expect(Array.from(again.a)).toEqual(Array.from(topo.a));
    expect(Array.from(again.b)).toEqual(Array.from(topo.b));
  });

  it('links stay within the grazing limit at several times, seam links as short as the other cross-plane links', () => {
    const s = kuiperScenario();
    const { catalog, satrecs } = buildCatalog(s);
    const topo = buildPlusGrid(catalog, s.isl, s.constellation.shells);
    const prop = new Propagator(satrecs);
    const pos = new Float64Array(3 * catalog.count);
    const len = new Float64Array(topo.count);
    const active = new Uint8Array(topo.count);
    const limitK1 = maxIslLengthKm(630, 630, 80);
    expect(limitK1).toBeGreaterThan(5400);
    expect(limitK1).toBeLessThan(5480);
    for (const dtMin of [0, 17, 45, 96, 600]) {
      prop.propagateEcef(T0_MS + dtMin * 60_000, pos);
      updateIslLengths(topo, pos, catalog, s.isl, len, active);
      let maxCross = 0, maxSeam = 0;
      for (let i = 0; i < topo.count; i++) {
        expect(active[i]).toBe(1);
        expect(len[i]).toBeLessThan(maxIslLengthKm(590, 590, 80));
        if (topo.kind[i] === 1) {
          if (topo.seam[i]) maxSeam = Math.max(maxSeam, len[i]!); else maxCross = Math.max(maxCross, len[i]!);
        }
      }
      // Geometric adjacency across the seam (F shift accounted for).
      expect(maxSeam).toBeLessThanOrEqual(maxCross * 1.05);
    }
  });

  it('a seam without the F shift would be longer (why the shift is applied)', () => {
    const s = makeScenario({ formatVersion: 1, constellation: { shells: [shell({ planes: 10, satsPerPlane: 10, phasingF: 5 })] } });
    const { catalog, satrecs } = buildCatalog(s);
    const pos = new Propagator(satrecs).positionsEcefKm(T0_MS);
    const dist = (u: number, v: number) => Math.hypot(pos[3 * u]! - pos[3 * v]!, pos[3 * u + 1]! - pos[3 * v + 1]!, pos[3 * u + 2]! - pos[3 * v + 2]!);
    const topo = buildPlusGrid(catalog, s.isl, s.constellation.shells);
    for (let i = 0; i < topo.count; i++) {
      if (!topo.seam[i]) continue;
      const u = topo.a[i]!; // plane 9, slot s
      const naive = catalog.slot[u]!; // plane 0 same slot (index = slot since plane 0 comes first)
      expect(dist(u, topo.b[i]!)).toBeLessThan(dist(u, naive));
    }
  });

  it('crossPlanePhaseOffset shifts the cross-plane partner', () => {
    const s = makeScenario({ formatVersion: 1, constellation: { shells: [shell({ phasingF: 0 })] }, isl: { crossPlanePhaseOffset: 3 } });
    const { catalog } = buildCatalog(s);
    const topo = buildPlusGrid(catalog, s.isl, s.constellation.shells);
    for (let i = 0; i < topo.count; i++) {
      if (topo.kind[i] !== 1) continue;
      expect(catalog.slot[topo.b[i]!]).toBe((catalog.slot[topo.a[i]!]! + 3) % 8);
    }
  });

  it('Walker star: no seam links; edge planes have degree 3', () => {
    const s = makeScenario({ formatVersion: 1, constellation: { shells: [shell({ raanSpreadDeg: 180, inclinationDeg: 86.4 })] } });
    const { catalog } = buildCatalog(s);
    const topo = buildPlusGrid(catalog, s.isl, s.constellation.shells);
    expect(topo.count).toBe(48 + 5 * 8);
    const d = degrees(topo, catalog.count);
    for (let i = 0; i < catalog.count; i++) expect(d[i]).toBe(catalog.plane[i] === 0 || catalog.plane[i] === 5 ? 3 : 4);
  });

  it('degenerate shells: no self links or duplicates', () => {
    for (const [P, S] of [[1, 1], [1, 2], [2, 1], [2, 2], [1, 5], [3, 2]] as const) {
      const s = makeScenario({ formatVersion: 1, constellation: { shells: [shell({ planes: P, satsPerPlane: S, phasingF: 0 })] } });
      const { catalog } = buildCatalog(s);
      const topo = buildPlusGrid(catalog, s.isl, s.constellation.shells);
      assertNoDuplicates(topo);
      expect(Array.from(degrees(topo, catalog.count)).every((x) => x <= 4)).toBe(true);
    }
  });

  it('no links for disabled shells, disabled ISLs, or missing satellites', () => {
    const off = makeScenario({ formatVersion: 1, constellation: { shells: [shell({ islEnabled: false })] } });
    expect(buildPlusGrid(buildCatalog(off).catalog, off.isl).count).toBe(0);
    const s = makeScenario({ formatVersion: 1, constellation: { shells: [shell({})] }, isl: { enabled: false } });
    expect(buildPlusGrid(buildCatalog(s).catalog, s.isl).count).toBe(0);
    // Partial rollout: drop plane 2 from the catalogue's grid.
    const full = makeScenario({ formatVersion: 1, constellation: { shells: [shell({})] } });
    const { catalog } = buildCatalog(full);
    const plane = Int32Array.from(catalog.plane, (p) => (p === 2 ? -1 : p));
    const topo = buildPlusGrid({ ...catalog, plane }, full.isl, full.constellation.shells);
    for (let i = 0; i < topo.count; i++) {
      expect(plane[topo.a[i]!]).not.toBe(-1);
      expect(plane[topo.b[i]!]).not.toBe(-1);
    }
    expect(topo.count).toBe(96 - 8 - 8 - 8); // plane 2's fore links and both cross-plane links lost
  });
});

describe('updateIslLengths', () => {
  it('applies maxLengthKm, the grazing limit and NaN positions', () => {
    const s = makeScenario({ formatVersion: 1, constellation: { shells: [shell({})] }, isl: { maxLengthKm: 3000 } });
    const { catalog } = buildCatalog(s);
    const topo = { count: 3, a: Int32Array.from([0, 2, 4]), b: Int32Array.from([1, 3, 5]), kind: new Uint8Array(3), seam: new Uint8Array(3) };
    const r = 6371.0088 + 600;
    const pos = new Float64Array(3 * catalog.count);
    // Link 0: 2,000 km chord; link 1: 4,000 km chord (over the 3,000 km cap); link 2: NaN end.
    const chord = (i: number, j: number, km: number) => {
      const half = Math.asin(km / 2 / r);
      pos.set([r * Math.cos(half), r * Math.sin(half), 0], 3 * i);
      pos.set([r * Math.cos(half), -r * Math.sin(half), 0], 3 * j);
    };
    chord(0, 1, 2000);
    chord(2, 3, 4000);
    pos.set([NaN, NaN, NaN], 3 * 4);
    pos.set([r, 0, 0], 3 * 5);
    const len = new Float64Array(3), act = new Uint8Array(3);
    updateIslLengths(topo, pos, catalog, s.isl, len, act);
    expect(len[0]).toBeCloseTo(2000, 9);
    expect(len[1]).toBeCloseTo(4000, 9);
    expect(Array.from(act)).toEqual([1, 0, 0]);
    const uncapped = { ...s.isl, maxLengthKm: null };
    updateIslLengths(topo, pos, catalog, uncapped, len, act);
    expect(Array.from(act)).toEqual([1, 1, 0]);
    // A 6,000 km chord at 600 km dips below 80 km: inactive.
    chord(2, 3, 6000);
    updateIslLengths(topo, pos, catalog, uncapped, len, act);
    expect(act[1]).toBe(0);
  });
});
