// Closed-form spherical-Earth geometry for planning: footprint size at an elevation mask, slant
// range, laser-link (ISL) reach over a grazing height, great-circle distance. Spherical Earth of
// radius `earthRadiusKm` (default: mean radius 6371.0088 km); errors vs WGS84 are ~0.3% in
// distance, fine for dimensioning, not for pointing.
import { EARTH_MEAN_RADIUS_KM } from '../units';

/**
 * Earth central angle (radians) between the sub-satellite point and the edge of the footprint where
 * the satellite is seen at exactly `minElevationRad` above the horizon:
 * lambda = acos(R cos(eps) / (R + h)) - eps.
 */
export function coverageHalfAngleRad(altitudeKm: number, minElevationRad: number, earthRadiusKm = EARTH_MEAN_RADIUS_KM): number {
  const r = earthRadiusKm;
  return Math.acos((r * Math.cos(minElevationRad)) / (r + altitudeKm)) - minElevationRad;
}

/** Footprint radius measured on the ground (km): central angle times Earth radius. */
export function coverageRadiusKm(altitudeKm: number, minElevationRad: number, earthRadiusKm = EARTH_MEAN_RADIUS_KM): number {
  return coverageHalfAngleRad(altitudeKm, minElevationRad, earthRadiusKm) * earthRadiusKm;
}

/**
 * Slant range (km) from a ground point to a satellite at `altitudeKm` seen at `minElevationRad`
 * (the longest user or gateway link at that mask): sqrt((R+h)^2 - (R cos eps)^2) - R sin eps.
 */
export function maxSlantRangeKm(altitudeKm: number, minElevationRad: number, earthRadiusKm = EARTH_MEAN_RADIUS_KM): number {
  const r = earthRadiusKm;
  const rc = r * Math.cos(minElevationRad);
  return Math.sqrt((r + altitudeKm) ** 2 - rc * rc) - r * Math.sin(minElevationRad);
}

/**
 * Longest line-of-sight (km) between satellites at altitudes `altAKm` and `altBKm` whose straight
 * link stays at least `grazingHeightKm` above the Earth: the sum of the two tangent segments to the
 * sphere of radius R + grazing. (630 km / 630 km / 80 km -> ~5,440 km.) Returns 0 if a satellite is
 * itself below the grazing height.
 */
export function maxIslLengthKm(altAKm: number, altBKm: number, grazingHeightKm: number, earthRadiusKm = EARTH_MEAN_RADIUS_KM): number {
  const rg = earthRadiusKm + grazingHeightKm;
  const ra = earthRadiusKm + altAKm;
  const rb = earthRadiusKm + altBKm;
  if (ra < rg || rb < rg) return 0;
  return Math.sqrt(ra * ra - rg * rg) + Math.sqrt(rb * rb - rg * rg);
}

/** Central angle (radians) between two points given by latitude/longitude in radians (haversine, stable for small angles). */
export function centralAngleRad(lat1Rad: number, lon1Rad: number, lat2Rad: number, lon2Rad: number): number {
  const sdLat = Math.sin((lat2Rad - lat1Rad) / 2);
  const sdLon = Math.sin((lon2Rad - lon1Rad) / 2);
  const h = sdLat * sdLat + Math.cos(lat1Rad) * Math.cos(lat2Rad) * sdLon * sdLon;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Great-circle distance (km) between two points (latitude/longitude radians) on the sphere. */
export function greatCircleKm(lat1Rad: number, lon1Rad: number, lat2Rad: number, lon2Rad: number, earthRadiusKm = EARTH_MEAN_RADIUS_KM): number {
  return centralAngleRad(lat1Rad, lon1Rad, lat2Rad, lon2Rad) * earthRadiusKm;
}
