// The leo-planner command line: the same engine as the app, for scripts and batch runs.
// `--json` everywhere for machines, aligned tables otherwise; bad input exits non-zero with a
// specific message and never a stack trace.
import { parseArgs } from 'node:util';
import { CliError, clean, parseIsoArg, parseNumberArg, printProblems } from './io';
import { USAGE } from './usage.mjs';
import { validateCommand } from './commands/validate';
import { propagateCommand } from './commands/propagate';

type Cmd = (args: { positionals: string[]; values: Record<string, string | boolean | undefined> }) => Promise<number> | number;

const commands: Record<string, Cmd> = {
  validate: ({ positionals, values }) => validateCommand(need(positionals, 'validate <scenario.json>'), values.json === true, values.at === undefined ? undefined : parseIsoArg('at', values.at as string, '')),
  propagate: ({ positionals, values }) => {
    const path = need(positionals, 'propagate <scenario|tle> --at ISO');
    if (values.at === undefined) throw new CliError('propagate needs --at <ISO time>, e.g. --at 2026-01-01T00:00:00Z', [], 2);
    return propagateCommand(path, parseIsoArg('at', values.at as string, ''), (values.frame as string | undefined) ?? 'ecef', values.json === true, parseNumberArg('limit', values.limit as string | undefined, 20, { min: 1, integer: true }));
  },
  route: async (a) => (await import('./commands/route')).routeCommand(need(a.positionals, 'route <scenario|tle> --from ... --to ...'), a.values),
  analyze: async (a) => (await import('./commands/analyze')).analyzeCommand(need(a.positionals, 'analyze <scenario>'), a.values),
  import: async (a) => (await import('./commands/importExport')).importCommand(need(a.positionals, 'import <file> --into <scenario> -o <out>'), a.values),
  export: async (a) => (await import('./commands/importExport')).exportCommand(need(a.positionals, 'export <scenario> --format <f> -o <path>'), a.values),
  report: async (a) => (await import('./commands/report')).reportCommand(need(a.positionals, 'report <scenario> -o out.pdf [--csv out.csv]'), a.values),
  optimize: async (a) => (await import('./commands/optimize')).optimizeCommand(need(a.positionals, 'optimize <scenario> --add N'), a.values),
  rollout: async (a) => (await import('./commands/rollout')).rolloutCommand(need(a.positionals, 'rollout <scenario> [--from DATE] [--to DATE] [--step days]'), a.values),
  diff: async ({ positionals, values }) => (await import('./commands/diff')).diffCommand(need(positionals, 'diff <a> <b>'), need(positionals.slice(1), 'diff <a> <b>'), values.json === true),
  merge: async ({ positionals, values }) => (await import('./commands/merge')).mergeCommand(positionals, (values.output ?? values.out) as string | undefined, mergeResolution(values), values.json === true),
  convert: async ({ positionals }) => (await import('./commands/convert')).convertCommand(need(positionals, 'convert <in> <out>'), need(positionals.slice(1), 'convert <in> <out>')),
};

function mergeResolution(values: Record<string, string | boolean | undefined>): 'none' | 'ours' | 'theirs' {
  if (values.ours === true && values.theirs === true) throw new CliError('merge: give --ours or --theirs, not both', [], 2);
  return values.ours === true ? 'ours' : values.theirs === true ? 'theirs' : 'none';
}

function need(positionals: string[], usage: string): string {
  const p = positionals[0];
  if (!p) throw new CliError(`missing file: leo-planner ${usage}`, [], 2);
  return p;
}

const OPTIONS = {
  json: { type: 'boolean' }, at: { type: 'string' }, frame: { type: 'string' }, limit: { type: 'string' },
  from: { type: 'string' }, to: { type: 'string' }, start: { type: 'string' }, duration: { type: 'string' }, step: { type: 'string' },
  'min-elevation': { type: 'string' }, 'max-slant-km': { type: 'string' }, 'no-gateway-relay': { type: 'boolean' }, 'bent-pipe': { type: 'boolean' }, 'max-hops': { type: 'string' },
  pairs: { type: 'string' }, cities: { type: 'string' }, format: { type: 'string' },
  into: { type: 'string' }, output: { type: 'string', short: 'o' },
  'grid-res': { type: 'string' }, add: { type: 'string' }, candidates: { type: 'string' }, 'min-spacing-km': { type: 'string' }, objective: { type: 'string' }, 'stop-at-saturation': { type: 'boolean' }, quiet: { type: 'boolean' }, capacity: { type: 'boolean' },
  out: { type: 'string' }, ours: { type: 'boolean' }, theirs: { type: 'boolean' },
  csv: { type: 'string' }, rollout: { type: 'boolean' },
} as const;

/**
 * node:util parseArgs reads a value that starts with "-" as an option ("--from -33.9,151.2" is
 * "ambiguous"). A value option followed by something that starts like a negative number takes it
 * as its value: rewritten to "--from=-33.9,151.2", which parseArgs accepts.
 */
export function normalizeArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = a.startsWith('--') ? a.slice(2) : null;
    const next = args[i + 1];
    if (name !== null && name in OPTIONS && OPTIONS[name as keyof typeof OPTIONS].type === 'string') {
      if (next === undefined) throw new CliError(`${a} needs a value (see leo-planner --help)`, [], 2);
      if (/^-\.?\d/.test(next)) {
        out.push(`${a}=${next}`);
        i++;
        continue;
      }
      if (next.startsWith('-')) throw new CliError(`${a} needs a value, but the next argument is the option "${next}" (a value that starts with "-" is written ${a}=<value>)`, [], 2);
    }
    out.push(a);
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`unknown command "${clean(name)}"\n\n${USAGE}`);
    return 2;
  }
  const json = rest.includes('--json');
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(USAGE);
      return 0;
    }
    const { values, positionals } = parseArgs({ args: normalizeArgs(rest), allowPositionals: true, strict: true, options: OPTIONS });
    return await cmd({ positionals, values });
  } catch (e) {
    if (e instanceof CliError) {
      if (json) console.log(JSON.stringify({ ok: false, error: e.message, problems: e.problems }));
      else {
        console.error(`error: ${clean(e.message)}`);
        printProblems(e.problems);
      }
      return e.exitCode;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${clean((e as Error).message)}\n(run "leo-planner --help" for every command and option)`);
      return 2;
    }
    throw e;
  }
}

/**
 * Run as a process: the exit code goes to process.exitCode, never process.exit(), so everything
 * written to stdout (a pipe drains asynchronously: 64 KiB at a time) reaches the reader first.
 * A reader that goes away (`| head`) ends the run quietly instead of with an EPIPE stack trace.
 */
export async function runCli(argv: string[]): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); // nobody is reading any more
    throw e;
  });
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    console.error(`internal error: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 70;
  }
}

const isEntry = process.argv[1] !== undefined && /cli[\\/]index\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) void runCli(process.argv.slice(2));
