// Element-set writers for `convert`: TLE -> OMM fields (read from the TLE's fixed columns, so no
// precision is lost beyond what the TLE holds) and OMM XML (CCSDS NDM/XML meanElements layout).
import type { ElementSet } from '../../../src-core/scenario/schema';

type TleSet = Extract<ElementSet, { format: 'tle' }>;
type Omm = Record<string, string | number>;

const col = (line: string, from: number, to: number) => line.slice(from - 1, to).trim();

/** TLE "assumed decimal point" exponent field: " 28098-4" = 0.28098e-4, "-11606-4" = -0.11606e-4. */
function tleExp(field: string): number {
  const m = /^([+-]?)(\d{1,5})([+-]\d)$/.exec(field.replace(/\s/g, ''));
  if (!m) return 0;
  return Number(`${m[1]}0.${m[2]}e${m[3]}`);
}

/**
 * "YYDDD.DDDDDDDD" -> ISO UTC with microseconds (years 57..99 are 19xx, as in the TLE
 * convention). Milliseconds would not do: the TLE's 1e-8 day is 0.86 ms, metres along track.
 */
function tleEpochIso(field: string): string {
  const yy = Number(field.slice(0, 2));
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const us = Math.round((Number(field.slice(2)) - 1) * 86_400_000_000);
  const wholeMs = Math.floor(us / 1000);
  const iso = new Date(Date.UTC(year, 0, 1) + wholeMs).toISOString().slice(0, 19);
  const fracUs = us - wholeMs * 1000 + (wholeMs % 1000) * 1000;
  return `${iso}.${String(fracUs).padStart(6, '0')}`;
}

/** "98067A" -> "1998-067A" (empty when the TLE leaves it blank). */
function objectId(field: string): string {
  const m = /^(\d{2})(\d{3})(\S*)$/.exec(field);
  if (!m) return '';
  const yy = Number(m[1]);
  return `${yy < 57 ? 2000 + yy : 1900 + yy}-${m[2]}${m[3]}`;
}

export function ommFromTle(set: TleSet): Omm {
  const [l1, l2] = [set.line1, set.line2];
  return {
    OBJECT_NAME: set.name.trim(),
    OBJECT_ID: objectId(col(l1, 10, 17)),
    EPOCH: tleEpochIso(col(l1, 19, 32)),
    MEAN_MOTION: Number(col(l2, 53, 63)),
    ECCENTRICITY: Number(`0.${col(l2, 27, 33)}`),
    INCLINATION: Number(col(l2, 9, 16)),
    RA_OF_ASC_NODE: Number(col(l2, 18, 25)),
    ARG_OF_PERICENTER: Number(col(l2, 35, 42)),
    MEAN_ANOMALY: Number(col(l2, 44, 51)),
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: col(l1, 8, 8) || 'U',
    NORAD_CAT_ID: Number(col(l1, 3, 7)),
    ELEMENT_SET_NO: Number(col(l1, 65, 68)) || 999,
    REV_AT_EPOCH: Number(col(l2, 64, 68)) || 0,
    BSTAR: tleExp(col(l1, 54, 61)),
    MEAN_MOTION_DOT: Number(col(l1, 34, 43)),
    MEAN_MOTION_DDOT: tleExp(col(l1, 45, 52)),
  };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const META = ['OBJECT_NAME', 'OBJECT_ID'];
const MEAN = ['EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY'];

function tags(omm: Omm, keys: readonly string[], indent: string): string {
  return keys.filter((k) => omm[k] !== undefined).map((k) => `${indent}<${k}>${xmlEscape(String(omm[k]))}</${k}>`).join('\n');
}

/** OMM records as one NDM/XML document (the layout CelesTrak serves). */
export function ommXmlText(records: readonly Omm[]): string {
  const body = records.map((o) => {
    const rest = Object.keys(o).filter((k) => !META.includes(k) && !MEAN.includes(k));
    return `  <omm id="CCSDS_OMM_VERS" version="2.0">\n    <header><CREATION_DATE/><ORIGINATOR/></header>\n    <body><segment>\n      <metadata>\n${tags(o, META, '        ')}\n      </metadata>\n      <data>\n        <meanElements>\n${tags(o, MEAN, '          ')}\n        </meanElements>\n        <tleParameters>\n${tags(o, rest, '          ')}\n        </tleParameters>\n      </data>\n    </segment></body>\n  </omm>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ndm>\n${body.join('\n')}\n</ndm>\n`;
}

/** An element set as OMM fields, whichever way it is held. */
export function asOmm(set: ElementSet): Omm {
  return set.format === 'omm' ? set.omm : ommFromTle(set);
}
