// Round trip: load -> save -> load gives an identical scenario (unknown keys included) and the CLI
// analysis of the saved file gives exactly the same JSON as the original (short window, coarse grid).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeScenario } from '../../../src-core/scenario/save';
import { parseScenario } from '../../../src-core/scenario/schema';
import { runMain } from '../cli/helpers';

const dir = mkdtempSync(join(tmpdir(), 'leo-rt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('round trip', () => {
  it.each(['assets/scenarios/default.json', 'test/fixtures/scenario-v1/starlink-gen1-shell1-v1.leo.json'])('%s: load -> save -> load is identical, and saving again is byte-identical', (file) => {
    const first = parseScenario(readFileSync(file, 'utf8'));
    if (!first.ok) throw new Error('should load');
    const text = serializeScenario(first.scenario);
    const second = parseScenario(text);
    if (!second.ok) throw new Error('should reload');
    expect(second.scenario).toEqual(first.scenario);
    expect(second.warnings).toEqual(first.warnings);
    expect(serializeScenario(second.scenario)).toBe(text);
  });

  it('the CLI analysis of the saved file equals that of the original (same JSON)', async () => {
    const saved = join(dir, 'saved.leo.json');
    expect((await runMain('convert', 'assets/scenarios/default.json', saved)).code).toBe(0);
    const args = ['--duration', '120', '--step', '60', '--grid-res', '1', '--json'];
    const a = await runMain('analyze', 'assets/scenarios/default.json', ...args);
    const b = await runMain('analyze', saved, ...args);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    // elapsedS is the run's wall-clock time, the one field that is not a figure of the scenario.
    const figures = (out: string) => ({ ...(JSON.parse(out) as Record<string, unknown>), elapsedS: null });
    expect(figures(b.out)).toEqual(figures(a.out));
    expect((JSON.parse(a.out) as { satellites: number }).satellites).toBe(3236);
  }, 120_000);
});
