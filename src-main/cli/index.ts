// The leo-planner command line: the same engine as the app, for scripts and batch runs.
// `--json` everywhere for machines, aligned tables otherwise; bad input exits non-zero with a
// specific message and never a stack trace.
import { parseArgs } from 'node:util';
import { CliError, parseIsoArg, parseNumberArg, printProblems } from './io';
import { validateCommand } from './commands/validate';
import { propagateCommand } from './commands/propagate';

const USAGE = `usage: leo-planner <command> [options]

commands:
  validate  <scenario.json>                         check a scenario; every problem with its JSON path
  propagate <scenario|tle> --at ISO [--frame teme|ecef] [--limit N]
                                                    satellite positions at one time
  route     <scenario|tle> --from <lat,lon|gateway id> --to <lat,lon|pop id|gateway id|pop>
            [--start ISO] [--duration s] [--step s] [--min-elevation deg] [--max-slant-km km]
            [--no-gateway-relay] [--bent-pipe]      path and latency per step
  analyze   <scenario> [--start ISO] [--duration s] [--step s] [--grid-res n]
                                                    headline coverage and latency figures
  optimize  <scenario> --add N [--candidates file.csv] [--min-spacing-km km] [--step s] [--duration s]
                                                    suggest the next N gateways, with a bound on the optimum

every command takes --json for machine-readable output.`;

type Cmd = (args: { positionals: string[]; values: Record<string, string | boolean | undefined> }) => Promise<number> | number;

const commands: Record<string, Cmd> = {
  validate: ({ positionals, values }) => validateCommand(need(positionals, 'validate <scenario.json>'), values.json === true),
  propagate: ({ positionals, values }) => {
    const path = need(positionals, 'propagate <scenario|tle> --at ISO');
    if (values.at === undefined) throw new CliError('propagate needs --at <ISO time>, e.g. --at 2026-01-01T00:00:00Z', [], 2);
    return propagateCommand(path, parseIsoArg('at', values.at as string, ''), (values.frame as string | undefined) ?? 'ecef', values.json === true, parseNumberArg('limit', values.limit as string | undefined, 20, { min: 1, integer: true }));
  },
  route: async (a) => (await import('./commands/route')).routeCommand(need(a.positionals, 'route <scenario|tle> --from ... --to ...'), a.values),
  analyze: async (a) => (await import('./commands/analyze')).analyzeCommand(need(a.positionals, 'analyze <scenario>'), a.values),
  optimize: async (a) => (await import('./commands/optimize')).optimizeCommand(need(a.positionals, 'optimize <scenario> --add N'), a.values),
};

function need(positionals: string[], usage: string): string {
  const p = positionals[0];
  if (!p) throw new CliError(`missing file: leo-planner ${usage}`, [], 2);
  return p;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const json = rest.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' }, at: { type: 'string' }, frame: { type: 'string' }, limit: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, start: { type: 'string' }, duration: { type: 'string' }, step: { type: 'string' },
        'min-elevation': { type: 'string' }, 'max-slant-km': { type: 'string' }, 'no-gateway-relay': { type: 'boolean' }, 'bent-pipe': { type: 'boolean' },
        'grid-res': { type: 'string' }, add: { type: 'string' }, candidates: { type: 'string' }, 'min-spacing-km': { type: 'string' },
      },
    });
    return await cmd({ positionals, values });
  } catch (e) {
    if (e instanceof CliError) {
      if (json) console.log(JSON.stringify({ ok: false, error: e.message, problems: e.problems }));
      else {
        console.error(`error: ${e.message}`);
        printProblems(e.problems);
      }
      return e.exitCode;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

const isEntry = process.argv[1] !== undefined && /cli[\\/]index\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    console.error(`internal error: ${(e as Error).stack ?? String(e)}`);
    process.exit(70);
  });
}
