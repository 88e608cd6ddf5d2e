// The ONE place utilisation colours are defined: gateways, backhaul and laser links on the globe,
// the legend, the Capacity section and the inspector all read these stops. Utilisation is a
// fraction (0 = idle, 1 = at capacity); a link or site at capacity is the bottleneck's candidate.
export type Rgb = readonly [number, number, number];

/** Colour stops from idle to saturated, fractions 0..1 (sRGB 0..255). */
export const UTILISATION_STOPS: readonly { at: number; rgb: Rgb; label: string }[] = [
  { at: 0, rgb: [56, 120, 200], label: 'idle' },
  { at: 0.5, rgb: [64, 190, 120], label: '50 %' },
  { at: 0.9, rgb: [240, 200, 60], label: '90 %' },
  { at: 1, rgb: [220, 50, 50], label: 'at capacity' },
];

/** Below this a link carries nothing worth colouring (drawn with its normal style). */
export const UTILISATION_FLOOR = 1e-6;

/** Colour of a utilisation (clamped to [0, 1]; NaN counts as idle), linear between stops. */
export function utilisationRgb(u: number): Rgb {
  const x = Number.isFinite(u) ? Math.min(1, Math.max(0, u)) : 0;
  for (let i = 1; i < UTILISATION_STOPS.length; i++) {
    const a = UTILISATION_STOPS[i - 1]!, b = UTILISATION_STOPS[i]!;
    if (x <= b.at) {
      const f = b.at > a.at ? (x - a.at) / (b.at - a.at) : 1;
      return [0, 1, 2].map((k) => Math.round(a.rgb[k]! + f * (b.rgb[k]! - a.rgb[k]!))) as unknown as Rgb;
    }
  }
  return UTILISATION_STOPS[UTILISATION_STOPS.length - 1]!.rgb;
}

export const utilisationCss = (u: number): string => `rgb(${utilisationRgb(u).join(',')})`;

/** A CSS linear-gradient of the palette (legend bars). */
export function utilisationGradientCss(): string {
  return `linear-gradient(to right, ${UTILISATION_STOPS.map((s) => `rgb(${s.rgb.join(',')}) ${s.at * 100}%`).join(', ')})`;
}
