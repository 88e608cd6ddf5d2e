// Satellite status and gateway in-service dates mean the same thing in coverage, routes, laser
// links and capacity (src-core/constellation/status.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCapacity } from '../../../src-core/capacity';
import { buildCatalog, kuiperShells } from '../../../src-core/constellation';
import { carriesTraffic, gatewayInServiceAt, STATUS_OPERATIONAL, STATUS_PLANNED, STATUS_RAISING, trafficMask } from '../../../src-core/constellation/status';
import { createCoverageEvaluator } from '../../../src-core/coverage';
import { NetworkSnapshot } from '../../../src-core/network/snapshot';
import { Propagator } from '../../../src-core/orbit';
import { satelliteColor, shellColor } from '../../../src-renderer/globe/overlay/palette';
import { assetGeo, kuiperScenario } from '../coverage/fixtures';

describe('satellite status', () => {
  it('only operational satellites carry traffic', () => {
    expect([STATUS_PLANNED, STATUS_RAISING, STATUS_OPERATIONAL].map(carriesTraffic)).toEqual([false, false, true]);
  });
  it.each(['planned', 'raising'] as const)('a %s shell serves nothing, has no active laser links and carries no capacity; operational serves', (status) => {
    const shells = [{ ...kuiperShells()[0]!, status }];
    const sc = kuiperScenario({ durationS: 2 * 600, stepS: 600, h3Resolution: 1 }, { constellation: { shells, elementSets: [] } });
    const { catalog, satrecs } = buildCatalog(sc);
    expect(Array.from(trafficMask(catalog)).every((u) => u === 0)).toBe(true);
    const prop = new Propagator(satrecs);
    const ev = createCoverageEvaluator(sc, catalog, prop, { geo: assetGeo });
    expect(ev.result().headline.servedPct).toBe(0);
    expect(analyzeCapacity(ev).servedGbpsMean).toBe(0);
    const snap = new NetworkSnapshot(sc, catalog);
    const pos = new Float64Array(3 * catalog.count);
    prop.propagateEcef(Date.parse(sc.analysis.startUtc), pos);
    snap.build(Date.parse(sc.analysis.startUtc), pos);
    expect(Array.from(snap.islActive).some((a) => a === 1)).toBe(false);
    const op = kuiperScenario({ durationS: 2 * 600, stepS: 600, h3Resolution: 1 }, { constellation: { shells: [{ ...shells[0]!, status: 'operational' }], elementSets: [] } });
    const b = buildCatalog(op);
    expect(createCoverageEvaluator(op, b.catalog, new Propagator(b.satrecs), { geo: assetGeo }).result().headline.servedPct).toBeGreaterThan(0);
  });
});

describe('gateway in-service dates', () => {
  it('a gateway carries traffic from its inServiceDate on, and always without one', () => {
    const t = Date.parse('2026-03-01T00:00:00Z');
    expect(gatewayInServiceAt({ inServiceDate: null }, t)).toBe(true);
    expect(gatewayInServiceAt({ inServiceDate: '2026-03-01T00:00:00Z' }, t)).toBe(true);
    expect(gatewayInServiceAt({ inServiceDate: '2026-03-01T00:00:01Z' }, t)).toBe(false);
  });
});

describe('gateway in-service dates in coverage', () => {
  it('a gateway dated mid-window serves only from that step: coverage equals no gateway before and the undated gateway after', () => {
    const base = kuiperScenario({ durationS: 4 * 600, stepS: 600, h3Resolution: 1 });
    const { catalog, satrecs } = buildCatalog(base);
    const prop = new Propagator(satrecs);
    const gw = base.gateways[0]!;
    const at = (extra: Partial<typeof gw>[]) => {
      const sc = { ...base, gateways: extra.map((e) => ({ ...gw, ...e })) };
      return createCoverageEvaluator(sc, catalog, prop, { geo: assetGeo });
    };
    const dated = at([{ inServiceDate: '2026-01-01T00:20:00Z' }]); // step 2 of 0..3 (600 s steps)
    const none = at([]);
    const always = at([{}]);
    const C = dated.grid.count;
    for (let t = 0; t < 4; t++) {
      const ref = t < 2 ? none : always;
      expect(Array.from(dated.cellLat.subarray(t * C, (t + 1) * C))).toEqual(Array.from(ref.cellLat.subarray(t * C, (t + 1) * C)));
    }
  });
});

describe('status rules live in constellation/status.ts only', () => {
  // Every consumer (routes, coverage, capacity, optimizer, the globe overlay) asks status.ts; a
  // status code compared with a literal, or STATUS_CODES read outside the catalogue builders, is a
  // second copy of the rule. Scans the source tree's code lines (comments may name the codes).
  const ROOTS = ['src-core', 'src-renderer', 'src-main'];
  const ALLOWED_STATUS_CODES = new Set(['src-core/constellation/types.ts', 'src-core/constellation/status.ts', 'src-core/constellation/catalog.ts']);
  const LITERAL_COMPARE = /status\w*(\[[^\]]*\])*!?\s*[!=]==?\s*\d|\d\s*[!=]==?\s*\w*status\w*\[/i;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name)) files.push(p);
    }
  };
  ROOTS.forEach(walk);

  it('no status code is compared with a number literal, and STATUS_CODES is read only where catalogues are built', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const rel = relative('.', f).split('\\').join('/');
      readFileSync(f, 'utf8').split('\n').forEach((text, i) => {
        const line = /^\s*(\*|\/\*|\/\/)/.test(text) ? '' : text.replace(/\/\/.*$/, '');
        if (LITERAL_COMPARE.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        if (/STATUS_CODES\b/.test(line) && !ALLOWED_STATUS_CODES.has(rel)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('the globe overlay draws only operational satellites in the plain shell colour', () => {
    expect(satelliteColor(1, STATUS_OPERATIONAL)).toEqual(shellColor(1));
    for (const s of [STATUS_PLANNED, STATUS_RAISING, 99]) expect(satelliteColor(1, s)).not.toEqual(shellColor(1));
    expect(satelliteColor(1, 99)).toEqual(satelliteColor(1, STATUS_PLANNED));
  });
});
