// What a file dropped on the window is: a scenario (opened), element sets or sites (imported), or
// something else (refused with a sentence). Pure: decided from the name and the first bytes.
import { detectFileKind } from '../../../src-core/scenario/detect';

export type DroppedKind = 'scenario' | 'element-sets' | 'sites' | 'unknown';

/** Bytes read to tell the kind of a dropped file (a scenario is read whole only once it opens). */
export const SNIFF_BYTES = 1 << 20;
const SITE_EXTENSIONS = ['.csv', '.geojson', '.kml'];

const OMM_MARK = /MEAN_MOTION|NORAD_CAT_ID|<omm\b|CCSDS_OMM_VERS/i;
const TLE_LINE_1 = /^1 [ 0-9]{5}[A-Z ] /m;

/** What a dropped file is, from its name and its first bytes. */
export function classifyDroppedFile(name: string, head: string): DroppedKind {
  const lower = name.toLowerCase();
  if (SITE_EXTENSIONS.some((x) => lower.endsWith(x))) return 'sites';
  if (/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(head.slice(0, 4096))) return 'sites';
  const first = head.trimStart()[0];
  if (first === undefined) return 'unknown';
  // detectFileKind parses JSON; with a cut-off head it falls back on the name and the first keys.
  const kind = detectFileKind(head, name);
  if (kind === 'scenario') return first === '{' ? 'scenario' : 'unknown';
  if (kind === 'tle') return TLE_LINE_1.test(head) || OMM_MARK.test(head.slice(0, 65536)) ? 'element-sets' : 'unknown';
  if (OMM_MARK.test(head.slice(0, 65536))) return 'element-sets';
  // Any other JSON object is taken for a scenario: Open then names what is wrong with it.
  return first === '{' ? 'scenario' : 'unknown';
}
