// Branded unit types and physical constants shared by the whole engine.
// Engine units: km, km/s, radians, seconds; time as UTC milliseconds. Degrees only at the edges.

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** UTC milliseconds since 1970-01-01 (what Date.getTime() returns). UT1 is taken as UTC. */
export type UtcMs = Brand<number, 'UtcMs'>;
export type Radians = Brand<number, 'Radians'>;
export type Degrees = Brand<number, 'Degrees'>;

export const utcMs = (n: number): UtcMs => n as UtcMs;
export const parseIsoUtc = (iso: string): UtcMs => utcMs(Date.parse(iso));
export const isoUtc = (t: UtcMs | number): string => new Date(t).toISOString();

export const DEG = Math.PI / 180;
export const degToRad = (d: number): number => d * DEG;
export const radToDeg = (r: number): number => r / DEG;

/** WGS84 ellipsoid. */
export const WGS84_A_KM = 6378.137;
export const WGS84_F = 1 / 298.257223563;
export const WGS84_B_KM = WGS84_A_KM * (1 - WGS84_F);
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Mean Earth radius used by spherical closed-form geometry (coverage radius, spacing). */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;
/** Earth gravitational parameter (WGS72, as SGP4 uses), km^3/s^2. */
export const MU_EARTH_KM3_S2 = 398600.8;
/** Speed of light in vacuum, km/s. */
export const C_VACUUM_KM_S = 299792.458;
