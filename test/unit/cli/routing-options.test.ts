// `route` and `analyze` routing options (--no-gateway-relay, --bent-pipe, --max-hops): parsed onto
// the scenario's routing settings, which the one router reads (docs/ROUTING.md).
import { describe, expect, it } from 'vitest';
import { routingOverrides } from '../../../src-main/cli/commands/routeSettings';
import { defaultScenario } from '../../../src-core/scenario/default';
import { runMain } from './helpers';

const routing = defaultScenario().routing;

describe('routing options', () => {
  it('no options keep the scenario settings', () => {
    expect(routingOverrides(routing, {})).toEqual(routing);
  });
  it('--no-gateway-relay, --bent-pipe and --max-hops override them', () => {
    expect(routingOverrides(routing, { 'no-gateway-relay': true, 'bent-pipe': true, 'max-hops': '4' })).toEqual({ ...routing, allowGatewayRelay: false, bentPipeOnly: true, maxSatelliteHops: 4 });
  });
  it.each([['0', 'at least 1'], ['2.5', 'whole number'], ['1001', 'at most 1000'], ['x', 'not a number']])('--max-hops %s is refused (%s)', (value, why) => {
    expect(() => routingOverrides(routing, { 'max-hops': value })).toThrow(why);
  });
  it('route applies --max-hops: one satellite cannot reach a PoP from 15N 80W via the Miami relay', async () => {
    const r = await runMain('route', 'assets/scenarios/default.json', '--from=15,-80', '--to', 'pop', '--max-hops', '1', '--json');
    expect(r.code).toBe(0);
    const steps = (JSON.parse(r.out) as { samples: { ok: boolean; reason?: string }[] }).samples;
    expect(steps[0]!.ok).toBe(false);
    expect(steps[0]!.reason).toMatch(/within 1 satellite hops/);
  }, 60_000);
  it('--help lists --max-hops', async () => {
    expect((await runMain('--help')).out).toMatch(/--max-hops N/);
  });
});
