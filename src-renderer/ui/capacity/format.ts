// Number formats of the capacity figures (one place: the panel, the inspector and the e2e test read the same text).
import type { Bottleneck } from '../../../src-core/capacity';

export const formatGbps = (x: number): string => `${x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} Gbps`;
export const formatPct = (fraction: number): string => `${(100 * fraction).toFixed(1)} %`;

/** Words for a bottleneck class. */
export const BOTTLENECK_TEXT: Record<Bottleneck, string> = {
  none: 'none (all demand served)',
  'user-beam': 'user beams',
  laser: 'laser links',
  feeder: 'feeder links (antennas)',
  backhaul: 'backhaul',
  'no-route': 'no route within the latency budget',
};
