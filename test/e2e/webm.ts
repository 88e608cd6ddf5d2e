// Minimal WebM (Matroska/EBML) reader for tests: checks the EBML header and DocType and counts
// the video frames (SimpleBlock and Block elements) in the clusters, and reads the duration;
// copes with unknown-size Segment and Cluster elements (what a streaming writer emits).

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const BLOCK_GROUP = 0xa0;
const SIMPLE_BLOCK = 0xa3;
const BLOCK = 0xa1;
const DOC_TYPE = 0x4282;
const EBML = 0x1a45dfa3;
const INFO = 0x1549a966;
const DURATION = 0x4489;
/** Master elements whose children are walked (the rest are skipped by their size). */
const MASTERS = new Set([EBML, SEGMENT, INFO, CLUSTER, BLOCK_GROUP]);

function vintLength(first: number, pos: number): number {
  for (let n = 1; n <= 8; n++) if (first & (0x80 >> (n - 1))) return n;
  throw new Error(`invalid EBML variable-length integer at byte ${pos}`);
}

/** Element id (marker bits kept, as ids are written) and data size (null: unknown). */
function readHeader(buf: Buffer, pos: number): { id: number; size: number | null; dataStart: number } {
  const idLen = vintLength(buf[pos]!, pos);
  let id = 0;
  for (let i = 0; i < idLen; i++) id = id * 256 + buf[pos + i]!;
  const p = pos + idLen;
  const sizeLen = vintLength(buf[p]!, p);
  let size = buf[p]! & (0xff >> sizeLen);
  let allOnes = size === 0xff >> sizeLen;
  for (let i = 1; i < sizeLen; i++) {
    size = size * 256 + buf[p + i]!;
    allOnes &&= buf[p + i] === 0xff;
  }
  return { id, size: allOnes ? null : size, dataStart: p + sizeLen };
}

export interface WebmInfo {
  docType: string;
  frames: number;
  /** Segment duration in ms (TimecodeScale 1 ms assumed, as browsers write), NaN when absent. */
  durationMs: number;
}

export function readWebm(buf: Buffer): WebmInfo {
  if (!EBML_MAGIC.every((b, i) => buf[i] === b)) throw new Error('no EBML header: not a WebM file');
  let docType = '';
  let frames = 0;
  let durationMs = Number.NaN;
  const walk = (start: number, end: number): void => {
    let pos = start;
    while (pos < end) {
      const h = readHeader(buf, pos);
      const stop = h.size === null ? end : Math.min(end, h.dataStart + h.size);
      if (h.id === DOC_TYPE) docType = buf.toString('latin1', h.dataStart, stop);
      if (h.id === DURATION) durationMs = stop - h.dataStart === 4 ? buf.readFloatBE(h.dataStart) : buf.readDoubleBE(h.dataStart);
      if (h.id === SIMPLE_BLOCK || h.id === BLOCK) frames++;
      if (MASTERS.has(h.id)) {
        // Unknown size (streamed): its children run on until the parent ends; siblings follow inline.
        if (h.size === null) {
          pos = h.dataStart;
          continue;
        }
        walk(h.dataStart, stop);
      }
      pos = stop;
    }
  };
  walk(0, buf.length);
  return { docType, frames, durationMs };
}
