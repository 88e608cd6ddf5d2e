// The scenario the app opens with: the engine's built-in default (full Kuiper, starter gateways
// near Internet exchanges, PoPs at the AWS regions).
import { defaultScenario } from '../../src-core/scenario/default';
import type { Scenario } from '../../src-core/scenario/schema';

export function builtinScenario(): Scenario {
  return defaultScenario();
}
