// Every save is validated first and is atomic: an invalid scenario is never written (the old file
// stays as it was), and a save killed in the middle of writing leaves the old or the new file,
// never a broken one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioFiles } from '../../../src-main/main/scenario-files';
import { defaultScenario } from '../../../src-core/scenario/default';
import { problemsBeforeSave, saveRefusal, serializeScenario } from '../../../src-core/scenario/save';
import { parseScenario } from '../../../src-core/scenario/schema';

const CHILD = fileURLToPath(new URL('./helpers/save-child.ts', import.meta.url));
/** Size of the scenario the child writes: large enough that the write takes many chunks. */
const CHILD_MB = 24;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leo-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('save is validated first', () => {
  it('refuses an invalid scenario with what and where, and leaves the old file untouched', async () => {
    const file = join(dir, 'plan.leo.json');
    const old = serializeScenario(defaultScenario());
    writeFileSync(file, old);
    const files = new ScenarioFiles({ showOpenDialog: async () => file, showSaveDialog: async () => file }, dir);
    expect(await files.open()).toMatchObject({ ok: true });
    const bad = JSON.parse(old) as { gateways: { latDeg: number }[] };
    bad.gateways[2]!.latDeg = 123;
    const r = await files.save(JSON.stringify(bad), file);
    expect(r).toEqual({ ok: false, code: 'bad-argument', error: expect.stringMatching(/^Not saved to plan\.leo\.json: the scenario is invalid \(gateways\[2\]\.latDeg: latitude must be between -90 and 90 degrees\)\. The file on disk was not changed/) as unknown });
    expect(readFileSync(file, 'utf8')).toBe(old);
    expect(readdirSync(dir)).toEqual(['plan.leo.json']); // no backup, no temp file
  });

  it('problemsBeforeSave is empty exactly for text that opens', () => {
    expect(problemsBeforeSave(serializeScenario(defaultScenario()))).toEqual([]);
    expect(problemsBeforeSave('{"formatVersion": 2}')[0]!.path).toBe('constellation');
    expect(problemsBeforeSave('{')[0]!.path).toBe('(file)');
    const many = Array.from({ length: 7 }, (_, i) => ({ path: `p${i}`, message: 'm' }));
    expect(saveRefusal('a.json', many)).toMatch(/p4: m; and 2 more\)/);
  });
});

/** Runs the child save and SIGKILLs it once the temp file has seen `killAfterEvents` file events. */
function killMidSave(file: string, killAfterEvents: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(CHILD_MB)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let events = 0;
    const watcher = watch(dir, (_event, name) => {
      // write-file-atomic writes "<file>.<hash>" and renames it over the file.
      if (!name || !name.startsWith('plan.leo.json.') || name.includes('.bak')) return;
      if (++events >= killAfterEvents) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      watcher.close();
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

describe('atomic save', () => {
  it.each([1, 8])('a save SIGKILLed after %i temp-file events leaves the old or the new file, whole', async (killAfter) => {
    const file = join(dir, 'plan.leo.json');
    const old = serializeScenario(defaultScenario());
    writeFileSync(file, old);
    const { killed } = await killMidSave(file, killAfter);
    const now = readFileSync(file, 'utf8');
    const r = parseScenario(now);
    expect(r.ok).toBe(true);
    if (now !== old) expect(r.ok && r.scenario.name).toBe('new');
    // The kill came before the rename when the old file is still there.
    if (killed && now === old) expect(readdirSync(dir).some((n) => n.startsWith('plan.leo.json.') && !n.includes('.bak'))).toBe(true);
    // Killed as soon as the temp file appears, the 24 MiB write cannot have finished: proves the
    // interruption really happened between temp write and rename (later cases may finish first).
    if (killAfter === 1) expect({ killed, old: now === old }).toEqual({ killed: true, old: true });
  }, 60_000);
});
