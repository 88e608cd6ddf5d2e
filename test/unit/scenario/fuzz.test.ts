// Property-based: structural mutations of valid files (key deletion, type swaps, huge and odd
// numbers, truncation, byte flips) thrown at every parser. Never a throw, never a hang (each
// property is time-boxed by vitest's timeout and fast-check's `interruptAfterTimeLimit`), never a
// partial load: either ok with a full result that re-validates, or a non-empty problems list.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseElementSets } from '../../../src-core/constellation/omm';
import { defaultScenario } from '../../../src-core/scenario/default';
import { serializeScenario } from '../../../src-core/scenario/save';
import { parseScenario } from '../../../src-core/scenario/schema';

type J = null | boolean | number | string | J[] | { [k: string]: J };
const TIME_LIMIT_MS = 20_000;
const ODD_VALUES: J[] = [null, true, 'x', '', 1e308, -1e308, 2 ** 53 + 1, -0, 0.1, [], {}, 'NaN', 99999999999];

/** Every [container, key] in the tree (the root excluded). */
function slots(v: J, out: [J[] | { [k: string]: J }, string | number][] = []): typeof out {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push([v, k]);
      slots(v[k]!, out);
    }
  }
  return out;
}

const mutation = fc.tuple(fc.constantFrom('delete', 'swap', 'huge'), fc.nat(), fc.constantFrom(...ODD_VALUES));

function mutate(src: J, edits: [string, number, J][]): J {
  const v = JSON.parse(JSON.stringify(src)) as J;
  for (const [kind, at, odd] of edits) {
    const all = slots(v);
    if (all.length === 0) break;
    const [box, key] = all[at % all.length]!;
    if (kind === 'delete') {
      if (Array.isArray(box)) box.splice(key as number, 1);
      else delete box[key as string];
    } else if (kind === 'huge') (box as Record<string | number, J>)[key] = typeof (box as Record<string | number, J>)[key] === 'number' ? 1e300 : odd;
    else (box as Record<string | number, J>)[key] = odd;
  }
  return v;
}

/** A small valid scenario (two gateways, one PoP, one shell) so each run is cheap. */
const small = (() => {
  const s = defaultScenario();
  return JSON.parse(serializeScenario({ ...s, gateways: s.gateways.slice(0, 2).map((g) => ({ ...g, popId: null })), pops: s.pops.slice(0, 1), constellation: { shells: s.constellation.shells.slice(0, 1), elementSets: [] } })) as J;
})();

function expectWholeOrProblems(text: string): void {
  const r = parseScenario(text);
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    return;
  }
  // A full result: what was loaded saves and re-loads to the same scenario.
  const again = parseScenario(serializeScenario(r.scenario));
  expect(again.ok && again.scenario).toEqual(r.scenario);
}

describe('fuzzed scenario files', () => {
  it('key deletion, type swaps, huge numbers: whole scenario or problems, never a throw', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => expectWholeOrProblems(JSON.stringify(mutate(small, edits)))), { numRuns: 400, seed: 151, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('truncation and byte flips of a v1 file', () => {
    const v1 = readFileSync('test/fixtures/scenario-v1/starlink-gen1-shell1-v1.leo.json', 'utf8');
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (cut, at, byte, truncate) => {
        const text = truncate ? v1.slice(0, cut % v1.length) : v1.slice(0, at % v1.length) + String.fromCharCode(byte) + v1.slice((at % v1.length) + 1);
        expectWholeOrProblems(text);
      }),
      { numRuns: 300, seed: 152, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);
});

describe('fuzzed element-set files', () => {
  const tle = readFileSync('assets/examples/kuiper-k1.tle', 'utf8').split('\n').slice(0, 9).join('\n');
  it('TLE and OMM JSON mutations: ok only with no problems, every set accounted for', () => {
    expect(parseElementSets(tle).sets).toHaveLength(3);
    const ommJson = [{ OBJECT_NAME: 'A', OBJECT_ID: '2026-001A', EPOCH: '2026-01-01T00:00:00', MEAN_MOTION: 15.1, ECCENTRICITY: 0.0001, INCLINATION: 51.9, RA_OF_ASC_NODE: 10, ARG_OF_PERICENTER: 0, MEAN_ANOMALY: 0, NORAD_CAT_ID: 1, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', ELEMENT_SET_NO: 999, REV_AT_EPOCH: 0, BSTAR: 0, MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0 }] as J;
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutation, { maxLength: 3 }), fc.nat(), (useTle, edits, cut) => {
        const text = useTle ? tle.slice(0, tle.length - (cut % 40)) : JSON.stringify(mutate(ommJson, edits));
        const r = parseElementSets(text);
        expect(r.ok).toBe(r.problems.length === 0);
        if (r.ok) expect(r.sets.length).toBeGreaterThan(0);
      }),
      { numRuns: 400, seed: 153, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);
});
