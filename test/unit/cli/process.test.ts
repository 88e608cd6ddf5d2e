// The CLI as a process, spawned through its real entry (bin/leo-planner.mjs): output through a
// real pipe arrives whole, it runs from any working directory and through a symlinked bin (as
// npm link / npm install -g install it), and a signal that kills it is its exit status.
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ROOT, spawnCli } from './helpers';

const SCENARIO = join(ROOT, 'assets/scenarios/default.json');

describe('leo-planner as a process', () => {
  it('pipes more than 1 MB of JSON whole: the reader gets every byte and JSON.parse succeeds', async () => {
    // Every Kuiper satellite's state at one time: about 1.2 MB on one line.
    const { done } = spawnCli(['propagate', SCENARIO, '--at', '2026-01-01T00:00:00Z', '--json']);
    const r = await done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1_000_000);
    const j = JSON.parse(r.stdout.toString('utf8')) as { count: number; satellites: unknown[] };
    expect(j.count).toBe(3236);
    expect(j.satellites).toHaveLength(3236);
  });

  it('NDJSON batch output through a pipe: every line parses, one per pair and step', async () => {
    const { done } = spawnCli(['route', SCENARIO, '--cities', 'London,New York City,Tokyo,Sydney', '--duration', '1200', '--step', '60', '--format', 'ndjson']);
    const r = await done;
    expect(r.code).toBe(0);
    const lines = r.stdout.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12 * 21);
    for (const l of lines) expect(typeof (JSON.parse(l) as { ok: boolean }).ok).toBe('boolean');
  });

  it('runs from another working directory, resolving relative file names against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leo-cwd-'));
    copyFileSync(SCENARIO, join(dir, 'mine.json'));
    const { done } = spawnCli(['validate', 'mine.json'], { cwd: dir });
    const r = await done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^ok: mine\.json .*3236 satellites/);
  });

  it('runs through a symlinked bin from another folder (how npm link and npm install -g install it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leo-link-'));
    const link = join(dir, 'leo-planner');
    symlinkSync(BIN, link);
    const child = spawn(process.execPath, [link, 'route', SCENARIO, '--from', 'Seattle', '--to', 'pop', '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { samples: { ok: boolean }[] }).samples[0]!.ok).toBe(true);
  });

  it('without the bundle (tsx path, LEO_PLANNER_NO_BUNDLE=1) it also runs from another folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leo-tsx-'));
    const { done } = spawnCli(['route', SCENARIO, '--from', '-33.9,151.2', '--to', 'pop', '--json'], { cwd: dir, env: { LEO_PLANNER_NO_BUNDLE: '1' } });
    const r = await done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout.toString()) as { samples: { ok: boolean }[] }).samples[0]!.ok).toBe(true);
  });

  it('a signal that kills the CLI mid-run is its exit status (no wrapper turns it into exit 1)', async () => {
    // optimize announces itself on stderr before the long part; kill it then, as an OOM killer would.
    const s = spawnCli(['optimize', SCENARIO, '--add', '50', '--duration', '86400', '--step', '60']);
    await new Promise<void>((resolve, reject) => {
      s.child.stderr!.on('data', (c: Buffer) => {
        if (/optimize: .* building the coverage evaluator/.test(c.toString())) resolve();
      });
      s.child.on('close', () => reject(new Error('the CLI exited before it started working')));
    });
    // No intermediate process: the pid we spawned is the one doing the work (Linux: its children list is empty).
    const childrenFile = `/proc/${s.child.pid}/task/${s.child.pid}/children`;
    if (existsSync(childrenFile)) expect(readFileSync(childrenFile, 'utf8').trim()).toBe('');
    s.child.kill('SIGKILL');
    const r = await s.done;
    expect(r.signal).toBe('SIGKILL');
    expect(r.code).toBeNull();

    const t = spawnCli(['optimize', SCENARIO, '--add', '50', '--duration', '86400', '--step', '60']);
    await new Promise<void>((resolve) => t.child.stderr!.once('data', () => resolve()));
    t.child.kill('SIGTERM');
    expect((await t.done).signal).toBe('SIGTERM');
  });

  it('optimize reports progress on stderr while stdout carries only the result; --quiet silences it', async () => {
    const args = ['optimize', SCENARIO, '--add', '2', '--duration', '600', '--step', '300', '--grid-res', '1', '--json'];
    const r = await spawnCli(args).done;
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^optimize: \d+ candidate sites, 3236 satellites, 2 steps; building the coverage evaluator$/);
    expect(r.stderr).toMatch(/^optimize: scoring candidates \d+\/\d+/m);
    expect(r.stderr).toMatch(/^optimize: site 2\/2 .+, latency objective \+\d\.\d\de[-+]\d+ -> \d\.\d{5}$/m);
    expect(lines[lines.length - 1]).toMatch(/^optimize: done, 2 of 2 placed in \d+\.\d s$/);
    const j = JSON.parse(r.stdout.toString()) as { chosen: { name: string }[] };
    expect(j.chosen).toHaveLength(2);
    expect(r.stderr).toContain(`site 2/2 ${j.chosen[1]!.name}`);
    const q = await spawnCli([...args, '--quiet']).done;
    expect(q.code).toBe(0);
    expect(q.stderr).toBe('');
    expect((JSON.parse(q.stdout.toString()) as { chosen: { name: string }[] }).chosen.map((c) => c.name)).toEqual(j.chosen.map((c) => c.name));
  });

  it('--help answers from the plain-JS usage: no TypeScript loader, no engine', async () => {
    const { done } = spawnCli(['--help']);
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^usage: leo-planner <command> \[options\]/);
    // The bundle, when built, lives under out/cli/<id>/ with a manifest of its inputs.
    const out = join(ROOT, 'out/cli');
    if (existsSync(join(out, 'manifest.json'))) {
      const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { dir: string; inputs: Record<string, unknown> };
      expect(readdirSync(join(out, m.dir))).toContain('index.mjs');
      expect(Object.keys(m.inputs)).toContain('src-main/cli/index.ts');
    }
  });
});
