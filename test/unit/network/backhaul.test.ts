// Gateway -> PoP assignment and fiber latency.
import { describe, expect, it } from 'vitest';
import { assignBackhaul } from '../../../src-core/network/backhaul';
import { Gateway, LatencyModel, Pop } from '../../../src-core/scenario/schema';

const latency = LatencyModel.parse({});
const gw = (id: string, latDeg: number, lonDeg: number, popId: string | null = null) => Gateway.parse({ id, name: id, latDeg, lonDeg, popId });
const pop = (id: string, latDeg: number, lonDeg: number) => Pop.parse({ id, name: id, latDeg, lonDeg });

describe('assignBackhaul', () => {
  const pops = [pop('oregon', 45.8, -119.7), pop('virginia', 38.9, -77.4), pop('frankfurt', 50.1, 8.7)];

  it('picks the nearest PoP by great circle when popId is null', () => {
    const gws = [gw('seattle', 47.6, -122.3), gw('atlanta', 33.7, -84.4), gw('madrid', 40.4, -3.7), gw('reykjavik', 64.1, -21.9)];
    const b = assignBackhaul(gws, pops, latency);
    expect(Array.from(b.popIndex)).toEqual([0, 1, 2, 2]);
    // Brute force the nearest with an independent formula (spherical law of cosines).
    const R = 6371.0088, d2r = Math.PI / 180;
    gws.forEach((g, i) => {
      const dists = pops.map((p) => R * Math.acos(Math.sin(g.latDeg * d2r) * Math.sin(p.latDeg * d2r) + Math.cos(g.latDeg * d2r) * Math.cos(p.latDeg * d2r) * Math.cos((g.lonDeg - p.lonDeg) * d2r)));
      const best = dists.indexOf(Math.min(...dists));
      expect(b.popIndex[i]).toBe(best);
      expect(b.distanceKm[i]).toBeCloseTo(dists[best]!, 6);
    });
  });

  it('backhaulMs = great circle x route factor at c / index, plus gateway processing', () => {
    // Atlanta -> Ashburn-ish; check the formula, not the geography.
    const b = assignBackhaul([gw('atlanta', 33.7, -84.4)], pops, latency);
    const fiberKmPerS = 299792.458 / 1.47;
    const want = ((b.distanceKm[0]! * 1.5) / fiberKmPerS) * 1000 + 0.5;
    expect(Math.abs(b.backhaulMs[0]! - want)).toBeLessThan(1e-9);
    // ~870 km great circle -> ~6.4 ms of fiber.
    expect(b.backhaulMs[0]).toBeGreaterThan(5);
    expect(b.backhaulMs[0]).toBeLessThan(9);
  });

  it('a gateway at the PoP costs only its processing', () => {
    const b = assignBackhaul([gw('fra', 50.1, 8.7)], pops, latency);
    expect(b.distanceKm[0]).toBe(0);
    expect(b.backhaulMs[0]).toBe(0.5);
  });

  it('honours an explicit popId even when another PoP is nearer', () => {
    const b = assignBackhaul([gw('seattle', 47.6, -122.3, 'frankfurt')], pops, latency);
    expect(b.popIndex[0]).toBe(2);
    expect(b.distanceKm[0]).toBeGreaterThan(8000);
  });

  it('no PoP: index -1, Infinity latency', () => {
    const b = assignBackhaul([gw('a', 0, 0), gw('b', 1, 1, 'missing')], [], latency);
    expect(Array.from(b.popIndex)).toEqual([-1, -1]);
    expect(Array.from(b.backhaulMs)).toEqual([Infinity, Infinity]);
    expect(assignBackhaul([], pops, latency).popIndex.length).toBe(0);
  });
});
