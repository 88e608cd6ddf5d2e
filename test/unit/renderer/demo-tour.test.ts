// Demo mode's pure parts: the tour as a function of its own clock (tourPlan.ts), the built-in
// views over populated regions, and the bookmark commands (undoable, through the app's stack).
import { beforeEach, describe, expect, it } from 'vitest';
import { addBookmark, deleteBookmark, getBookmarks, nextBookmarkName, renameBookmark, setBookmarks, type Bookmark } from '../../../src-renderer/state/bookmarkCommands';
import { builtinScenario } from '../../../src-renderer/state/builtinScenario';
import { appStore } from '../../../src-renderer/state/store';
import { muxWebm } from '../../../src-renderer/ui/demo/webmMuxer';
import { readWebm } from '../../e2e/webm';
import { builtinStops, DEFAULT_TOUR, poseAt, separationDeg, simTimeAt, stopIndexAt, stopMs, type TourStop } from '../../../src-renderer/ui/demo/tourPlan';

const stop = (name: string, latDeg: number, lonDeg: number, heightKm = 7000): TourStop => ({ name, latDeg, lonDeg, heightKm, headingDeg: 0, pitchDeg: -90 });
const STOPS = [stop('A', 40, -100), stop('B', 50, 10), stop('C', 20, 170)];
const S = { flightS: 4, dwellS: 6, simSpeed: 120 };

describe('tour clock', () => {
  it('visits the stops in order, each for flight + dwell seconds, and loops', () => {
    expect(stopMs(S)).toBe(10_000);
    expect([0, 9_999, 10_000, 25_000, 30_000, 41_000].map((t) => stopIndexAt(3, S, t))).toEqual([0, 0, 1, 2, 0, 1]);
  });

  it('stands exactly on a stop while dwelling, and at the first stop from the start', () => {
    expect(poseAt(STOPS, S, 0)).toEqual(STOPS[0]);
    expect(poseAt(STOPS, S, 14_000)).toEqual(STOPS[1]);
    expect(poseAt(STOPS, S, 19_999)).toEqual(STOPS[1]);
  });

  it('flies between stops continuously (no jump at either end), arcing above both', () => {
    const ends = [poseAt(STOPS, S, 10_000), poseAt(STOPS, S, 13_999.999)];
    expect(separationDeg(ends[0]!.latDeg, ends[0]!.lonDeg, 40, -100)).toBeLessThan(1e-6);
    expect(separationDeg(ends[1]!.latDeg, ends[1]!.lonDeg, 50, 10)).toBeLessThan(1e-3);
    let prev = ends[0]!;
    for (let t = 10_050; t < 14_000; t += 50) {
      const p = poseAt(STOPS, S, t);
      // 50 ms of a 4 s flight over ~95°: never more than 5° of arc per step.
      expect(separationDeg(prev.latDeg, prev.lonDeg, p.latDeg, p.lonDeg)).toBeLessThan(5);
      prev = p;
    }
    expect(poseAt(STOPS, S, 12_000).heightKm).toBeGreaterThan(7000 + 1000);
  });

  it('crosses the antimeridian the short way', () => {
    // C (170°E) back to A (100°W): 90° east across 180°, not 270° west.
    const mid = poseAt(STOPS, S, 32_000);
    expect(Math.abs(mid.lonDeg)).toBeGreaterThan(135);
  });

  it('advances the date at simSpeed simulated seconds per tour second', () => {
    expect(simTimeAt(1_000_000, S, 2_500)).toBe(1_000_000 + 2_500 * 120);
    expect(simTimeAt(1_000_000, DEFAULT_TOUR, 0)).toBe(1_000_000);
  });
});

describe('built-in views', () => {
  it('picks the most populated regions, far enough apart, west to east', () => {
    // Two heavy clusters (India, Europe), a light one (Brazil) and a near-duplicate of India.
    const pts = { latDeg: [28, 28.5, 48, 48.5, -15, 23], lonDeg: [77, 77.5, 2, 3, -47, 79], weight: [100, 100, 80, 80, 10, 90] };
    const stops = builtinStops(pts);
    expect(stops.map((s) => Math.round(s.lonDeg))).toEqual([-47, 3, 78]);
    for (const a of stops) for (const b of stops) if (a !== b) expect(separationDeg(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg)).toBeGreaterThanOrEqual(40);
    expect(stops.every((s) => s.heightKm > 0 && s.pitchDeg === -90)).toBe(true);
  });

  it('with no population known, still gives a tour around the globe', () => {
    const stops = builtinStops({ latDeg: [], lonDeg: [] });
    expect(stops.length).toBe(6);
  });
});

describe('bookmark commands', () => {
  const s = () => appStore.getState();
  const b = (name: string): Bookmark => ({ name, latDeg: 10, lonDeg: 20, heightKm: 5000, headingDeg: 0, pitchDeg: -90 });
  // The default scenario comes with three bookmarks; these tests start from none.
  beforeEach(() => s().loadScenario(setBookmarks(builtinScenario(), []), null));

  it('adds, renames and deletes as undoable steps', () => {
    expect(getBookmarks(s().scenario)).toEqual([]);
    expect(nextBookmarkName(s().scenario)).toBe('View 1');
    s().execute(addBookmark(b('View 1')));
    s().execute(addBookmark(b('View 2')));
    s().execute(renameBookmark(0, '  Europe '));
    expect(getBookmarks(s().scenario).map((x) => x.name)).toEqual(['Europe', 'View 2']);
    s().execute(deleteBookmark(1));
    expect(getBookmarks(s().scenario).map((x) => x.name)).toEqual(['Europe']);
    s().undo();
    expect(getBookmarks(s().scenario).map((x) => x.name)).toEqual(['Europe', 'View 2']);
    s().undo();
    expect(getBookmarks(s().scenario).map((x) => x.name)).toEqual(['View 1', 'View 2']);
    s().redo();
    expect(getBookmarks(s().scenario)[0]!.name).toBe('Europe');
  });

  it('records nothing for an empty or unchanged name, or a missing index', () => {
    s().execute(addBookmark(b('View 1')));
    const rev = s().revision;
    s().execute(renameBookmark(0, '   '));
    s().execute(renameBookmark(0, 'View 1'));
    s().execute(renameBookmark(5, 'X'));
    s().execute(deleteBookmark(3));
    expect(s().revision).toBe(rev);
  });
});

describe('WebM writer', () => {
  it('writes a file a Matroska reader walks: EBML header, DocType webm, every frame, the duration', () => {
    // Frame payloads are opaque to the container; sizes straddle the 1- and 2-byte EBML size forms.
    const frames = [0, 1, 2, 3, 4].map((k) => ({ data: new Uint8Array(60 + k * 40).fill(k), timestampUs: Math.round((k * 1e6) / 30), key: k % 3 === 0 }));
    const file = Buffer.from(muxWebm({ codec: 'V_VP9', width: 1920, height: 1080, frameDurationUs: 1e6 / 30 }, frames));
    expect([...file.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    const info = readWebm(file);
    expect(info.docType).toBe('webm');
    expect(info.frames).toBe(5);
    // Timestamps are whole microseconds: within 1 us of 5 frame periods.
    expect(Math.abs(info.durationMs - 5000 / 30)).toBeLessThan(0.001);
  });

  it('refuses a video that does not start with a key frame', () => {
    expect(() => muxWebm({ codec: 'V_VP8', width: 2, height: 2, frameDurationUs: 1 }, [{ data: new Uint8Array(1), timestampUs: 0, key: false }])).toThrow(/key frame/);
  });
});
