// What kind of file a text is: a scenario, OMM JSON, OMM XML or TLE. Decided from the parsed
// structure, never from where a key happens to sit in the text: a scenario whose formatVersion is
// its last key is a scenario, and an OMM record whose name mentions "formatVersion" is not.
import type { ElementFileFormat } from '../constellation/omm';

export type FileKind = 'scenario' | ElementFileFormat;

const OMM_KEYS = ['MEAN_MOTION', 'NORAD_CAT_ID', 'OBJECT_NAME', 'EPOCH', 'INCLINATION'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const looksOmm = (v: unknown): boolean => isRecord(v) && OMM_KEYS.some((k) => k in v);

/**
 * The kind of `text` (already decoded, BOM removed or not). `fileName` breaks ties for files that
 * do not parse: "x.leo.json" is a scenario with a syntax error, "x.tle" element sets.
 */
export function detectFileKind(text: string, fileName = ''): FileKind {
  const name = fileName.toLowerCase();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === '<') return 'omm-xml';
  if (first === '{' || first === '[') {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      if (name.endsWith('.leo.json')) return 'scenario';
      // Broken JSON: an array is an OMM list; an object is a scenario unless it reads like OMM.
      if (first === '[') return 'omm-json';
      return /"(MEAN_MOTION|NORAD_CAT_ID|OBJECT_NAME)"\s*:/.test(body.slice(0, 4096)) ? 'omm-json' : 'scenario';
    }
    if (isRecord(value)) {
      if (Object.hasOwn(value, 'formatVersion') || Object.hasOwn(value, 'constellation')) return 'scenario';
      if (looksOmm(value)) return 'omm-json';
      return name.endsWith('.leo.json') || !name.endsWith('.json') ? 'scenario' : 'omm-json';
    }
    if (Array.isArray(value)) return name.endsWith('.leo.json') ? 'scenario' : 'omm-json';
    return name.endsWith('.leo.json') ? 'scenario' : 'omm-json';
  }
  if (name.endsWith('.leo.json')) return 'scenario';
  return 'tle';
}
