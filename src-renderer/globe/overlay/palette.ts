// Colours of the constellation layer, shared with the legend so both show the same values.
// Colours are sRGB components in 0..1 written straight to the framebuffer (our shaders do no
// colour management), so `cssColor(c)` is exactly what appears on screen.

import { STATUS_OPERATIONAL, STATUS_RAISING } from '../../../src-core/constellation/status';

export type Rgb = readonly [number, number, number];

const hex = (h: number): Rgb => [((h >> 16) & 255) / 255, ((h >> 8) & 255) / 255, (h & 255) / 255];

/** Base colour per shell index (cycled when a scenario has more shells). Distinguishable on the dark-blue globe. */
export const SHELL_COLORS: readonly Rgb[] = [
  hex(0x4fc3f7), // light blue
  hex(0xffd54f), // amber
  hex(0xf06292), // pink
  hex(0x81c784), // green
  hex(0xba68c8), // purple
  hex(0xff8a65), // coral
  hex(0x4db6ac), // teal
  hex(0xe0e0e0), // light grey
];

/** Status names for legends, in STATUS_CODES order (planned, raising, operational). */
export const STATUS_LABELS = ['planned', 'raising', 'operational'] as const;

/** How a status modifies the shell colour: mixed toward `tint` by `amount`. */
interface StatusTint {
  tint: Rgb;
  amount: number;
}
const PLANNED_TINT: StatusTint = { tint: hex(0x607080), amount: 0.65 }; // greyed out: the slot exists on paper only
const RAISING_TINT: StatusTint = { tint: hex(0xff9800), amount: 0.55 }; // toward orange: not in its slot yet
const OPERATIONAL_TINT: StatusTint = { tint: hex(0x000000), amount: 0 }; // the shell colour itself

/**
 * The tint of a STATUS_CODES value (constellation/status). Only an operational satellite gets the
 * plain shell colour; an unknown code is drawn as planned, never as operational.
 */
export function statusTint(status: number): StatusTint {
  if (status === STATUS_OPERATIONAL) return OPERATIONAL_TINT;
  if (status === STATUS_RAISING) return RAISING_TINT;
  return PLANNED_TINT;
}

export function shellColor(shellIndex: number): Rgb {
  return SHELL_COLORS[((shellIndex % SHELL_COLORS.length) + SHELL_COLORS.length) % SHELL_COLORS.length]!;
}

/** The colour of a satellite of shell `shellIndex` with STATUS_CODES value `status`. */
export function satelliteColor(shellIndex: number, status: number): Rgb {
  const base = shellColor(shellIndex);
  const t = statusTint(status);
  const k = t.amount;
  return [base[0] * (1 - k) + t.tint[0] * k, base[1] * (1 - k) + t.tint[1] * k, base[2] * (1 - k) + t.tint[2] * k];
}

/**
 * Laser link colour by length (km): green (short, low latency) through yellow to red (near the
 * grazing limit). Linear between stops, clamped at the ends. Exactly 5 stops (the shader's array size).
 */
export const LINK_RAMP: readonly { lengthKm: number; color: Rgb }[] = [
  { lengthKm: 0, color: hex(0x00e676) },
  { lengthKm: 1000, color: hex(0x76ff03) },
  { lengthKm: 2000, color: hex(0xffea00) },
  { lengthKm: 3500, color: hex(0xff9100) },
  { lengthKm: 5000, color: hex(0xff1744) },
];

/**
 * Laser link colour by routed load: the fraction of the busiest link's load on a square-root
 * scale (so links carrying a few percent of the peak still read), 5 evenly spaced stops (the
 * shader's array size, shaders/isl.vert.glsl). Links carrying nothing are drawn dim in UNLOADED_LINK_COLOR.
 */
export const LOAD_RAMP: readonly Rgb[] = [hex(0x1e88e5), hex(0x00e5ff), hex(0x76ff03), hex(0xffea00), hex(0xff1744)];
export const UNLOADED_LINK_COLOR: Rgb = hex(0x78909c);
/** Opacity factor (x LINK_OPACITY) of unloaded links in load mode. */
export const UNLOADED_LINK_ALPHA = 0.35;

/** Links across the Walker seam (last plane -> plane 0): a distinct colour, drawn dashed. */
export const SEAM_COLOR: Rgb = hex(0xe040fb);
/** Dash period along seam links, km (half on, half off). */
export const SEAM_DASH_KM = 160;
/**
 * Opacity of laser links. Many overlap: at 0.4 the 6,472 Kuiper links of the whole-Earth start
 * view hid the Earth under a yellow-green mesh; at 0.22 the land, the borders and the gateways read
 * through it while the mesh and its length colours still show (zooming in thins it further).
 */
export const LINK_OPACITY = 0.22;

/** A mid cyan: reads over the bright land of the lean imagery as well as over the dark ocean. */
export const FOOTPRINT_COLOR: Rgb = hex(0x26c6da);
/** Footprint ring opacity when a ring is FOOTPRINT_REFERENCE_RADIUS_PX on screen (a whole-Earth view) or smaller. */
export const FOOTPRINT_OPACITY = 0.12;
/** Footprint ring opacity when zoomed in far enough that few rings are on screen. */
export const FOOTPRINT_MAX_OPACITY = 0.75;
/** On-screen radius (device px) of the nearest Kuiper footprint at the default whole-Earth view (1280x720: ~41). */
export const FOOTPRINT_REFERENCE_RADIUS_PX = 42;

/**
 * Opacity of the footprint rings for a ring radius on screen (device px). Every ground point lies
 * inside about ten Kuiper footprints at any zoom, so the ring outlines per screen pixel fall as
 * 1 / radius: a dense mesh at a whole-Earth view (faint, or it would hide the Earth), a few
 * crossing arcs when zoomed in (which a faint line would leave unreadable). The opacity grows with
 * the radius, keeping the outlines' overall weight about the same at every zoom.
 */
export function footprintOpacity(ringRadiusPx: number): number {
  const a = (FOOTPRINT_OPACITY * ringRadiusPx) / FOOTPRINT_REFERENCE_RADIUS_PX;
  return a >= FOOTPRINT_MAX_OPACITY ? FOOTPRINT_MAX_OPACITY : a > FOOTPRINT_OPACITY ? a : FOOTPRINT_OPACITY;
}

export const FEEDER_BEAM_COLOR: Rgb = hex(0xffab40);
export const USER_BEAM_COLOR: Rgb = hex(0x69f0ae);
export const BEAM_OPACITY = 0.9;
/**
 * The selected ground point's other satellites in view (candidates the terminal could switch to):
 * violet, dark enough to read over bright land and light enough over the ocean.
 */
export const IN_VIEW_BEAM_COLOR: Rgb = hex(0x9575ff);

/** Satellite sprite diameter in CSS pixels (constant at every zoom). */
export const SATELLITE_SIZE_PX = 4.5;
/** Rollout view: raising satellites are drawn this much smaller than operational ones (and in the raising tint). */
export const RAISING_SIZE_SCALE = 0.6;

/** Link colour for a length, the same interpolation as shaders/isl.vert.glsl (legend, tests). */
export function linkColor(lengthKm: number): Rgb {
  const r = LINK_RAMP;
  if (!(lengthKm > r[0]!.lengthKm)) return r[0]!.color;
  for (let i = 1; i < r.length; i++) {
    const b = r[i]!;
    if (lengthKm <= b.lengthKm) {
      const a = r[i - 1]!;
      const t = (lengthKm - a.lengthKm) / (b.lengthKm - a.lengthKm);
      return [a.color[0] + (b.color[0] - a.color[0]) * t, a.color[1] + (b.color[1] - a.color[1]) * t, a.color[2] + (b.color[2] - a.color[2]) * t];
    }
  }
  return r[r.length - 1]!.color;
}

export function cssColor(c: Rgb, alpha = 1): string {
  const b = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255);
  return alpha >= 1 ? `rgb(${b(c[0])}, ${b(c[1])}, ${b(c[2])})` : `rgba(${b(c[0])}, ${b(c[1])}, ${b(c[2])}, ${alpha})`;
}
