// The shipped example element-set file (assets/examples/kuiper-k1.tle): Kuiper shell K1 as the
// engine models it (Walker 34 x 34, 630 km, 51.9 deg), written as TLEs at the default epoch.
import { kuiperShells } from '../../src-core/constellation/presets';
import { walkerElements, walkerSatelliteName } from '../../src-core/constellation/walker';
import { defaultScenario } from '../../src-core/scenario/default';
import { formatTle } from './tleFormat';

/** First NORAD id of the example (a range no launched object uses yet). */
export const EXAMPLE_FIRST_NORAD_ID = 90001;

export function kuiperK1Tle(): string {
  const k1 = kuiperShells().find((s) => s.id === 'K1')!;
  const epochMs = Date.parse(defaultScenario().epochUtc);
  return walkerElements(k1, epochMs)
    .map((w, i) => formatTle(walkerSatelliteName(k1.id, w.plane, w.slot, k1.planes, k1.satsPerPlane), EXAMPLE_FIRST_NORAD_ID + i, w.elements))
    .join('\n') + '\n';
}
