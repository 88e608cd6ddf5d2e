// A minimal WebM (Matroska) writer for one video track of encoded frames (VP8/VP9 from
// WebCodecs' VideoEncoder): EBML header, Segment with Info (duration) and Tracks, and a Cluster
// per key frame holding SimpleBlocks. Frame times are whatever the caller stamped, so a video
// keeps the tour's clock however long each frame took to render. Sizes are known (the whole
// file is assembled at the end), so every element has a definite size.

export interface EncodedFrame {
  data: Uint8Array;
  /** Presentation time, microseconds from the start. */
  timestampUs: number;
  key: boolean;
}

export interface WebmTrack {
  codec: 'V_VP8' | 'V_VP9';
  width: number;
  height: number;
  /** Frame period, microseconds (DefaultDuration). */
  frameDurationUs: number;
}

const ID = {
  EBML: 0x1a45dfa3, EBMLVersion: 0x4286, EBMLReadVersion: 0x42f7, EBMLMaxIDLength: 0x42f2, EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282, DocTypeVersion: 0x4287, DocTypeReadVersion: 0x4285,
  Segment: 0x18538067, Info: 0x1549a966, TimecodeScale: 0x2ad7b1, Duration: 0x4489, MuxingApp: 0x4d80, WritingApp: 0x5741,
  Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackNumber: 0xd7, TrackUID: 0x73c5, TrackType: 0x83, CodecID: 0x86, FlagLacing: 0x9c,
  DefaultDuration: 0x23e383, Video: 0xe0, PixelWidth: 0xb0, PixelHeight: 0xba,
  Cluster: 0x1f43b675, Timecode: 0xe7, SimpleBlock: 0xa3,
} as const;

/** Timecodes in milliseconds (TimecodeScale 1,000,000 ns). */
const TIMECODE_SCALE_NS = 1_000_000;
const APP = 'LEO Planner';
const VIDEO_TRACK = 1;
/** SimpleBlock flag: the frame is a key frame. */
const KEY_FLAG = 0x80;
/** A SimpleBlock's timecode is a signed 16-bit offset from its cluster's. */
const MAX_CLUSTER_SPAN_MS = 30_000;

type Part = Uint8Array<ArrayBuffer>;

function idBytes(id: number): Part {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from(out);
}

/** EBML variable-length size: the shortest form (1 to 8 bytes) that holds `n`. */
function sizeBytes(n: number): Part {
  let len = 1;
  while (len < 8 && n >= 2 ** (7 * len) - 1) len++;
  const out = new Uint8Array(len);
  let v = n;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0]! |= 0x80 >> (len - 1);
  return out;
}

function concat(parts: readonly Uint8Array[]): Part {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function element(id: number, ...body: Uint8Array[]): Part {
  const data = concat(body);
  return concat([idBytes(id), sizeBytes(data.length), data]);
}

function uint(id: number, v: number): Part {
  const out: number[] = [];
  let x = v;
  do {
    out.unshift(x % 256);
    x = Math.floor(x / 256);
  } while (x > 0);
  return element(id, Uint8Array.from(out));
}

function float64(id: number, v: number): Part {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v);
  return element(id, b);
}

function str(id: number, s: string): Part {
  return element(id, new TextEncoder().encode(s));
}

function simpleBlock(frame: EncodedFrame, relMs: number): Part {
  const head = new Uint8Array(4);
  head[0] = 0x80 | VIDEO_TRACK;
  new DataView(head.buffer).setInt16(1, relMs);
  head[3] = frame.key ? KEY_FLAG : 0;
  return element(ID.SimpleBlock, head, frame.data);
}

/** Frames in presentation order; the first must be a key frame. Returns the whole .webm file. */
export function muxWebm(track: WebmTrack, frames: readonly EncodedFrame[]): Uint8Array<ArrayBuffer> {
  if (frames.length > 0 && !frames[0]!.key) throw new Error('a WebM video must start with a key frame');
  const header = element(
    ID.EBML,
    uint(ID.EBMLVersion, 1), uint(ID.EBMLReadVersion, 1), uint(ID.EBMLMaxIDLength, 4), uint(ID.EBMLMaxSizeLength, 8),
    str(ID.DocType, 'webm'), uint(ID.DocTypeVersion, 4), uint(ID.DocTypeReadVersion, 2),
  );
  const last = frames[frames.length - 1];
  const durationMs = last ? (last.timestampUs + track.frameDurationUs) / 1000 : 0;
  const info = element(ID.Info, uint(ID.TimecodeScale, TIMECODE_SCALE_NS), float64(ID.Duration, durationMs), str(ID.MuxingApp, APP), str(ID.WritingApp, APP));
  const tracks = element(
    ID.Tracks,
    element(
      ID.TrackEntry,
      uint(ID.TrackNumber, VIDEO_TRACK), uint(ID.TrackUID, VIDEO_TRACK), uint(ID.TrackType, 1), str(ID.CodecID, track.codec), uint(ID.FlagLacing, 0),
      uint(ID.DefaultDuration, Math.round(track.frameDurationUs * 1000)),
      element(ID.Video, uint(ID.PixelWidth, track.width), uint(ID.PixelHeight, track.height)),
    ),
  );
  const clusters: Part[] = [];
  let blocks: Part[] = [];
  let clusterMs = 0;
  const flush = () => {
    if (blocks.length) clusters.push(element(ID.Cluster, uint(ID.Timecode, clusterMs), ...blocks));
    blocks = [];
  };
  for (const f of frames) {
    const ms = Math.round(f.timestampUs / 1000);
    if (blocks.length === 0 || f.key || ms - clusterMs > MAX_CLUSTER_SPAN_MS) {
      flush();
      clusterMs = ms;
    }
    blocks.push(simpleBlock(f, ms - clusterMs));
  }
  flush();
  return concat([header, element(ID.Segment, info, tracks, ...clusters)]);
}
