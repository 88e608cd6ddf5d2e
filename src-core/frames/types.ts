// Plain value types of the frames module. Units in names: km, radians.

/** A Cartesian vector in km (or km/s for velocities); the frame is in the variable name. */
export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** WGS84 geodetic position: latitude/longitude in radians (longitude in (-pi, pi]), height in km above the ellipsoid. */
export interface Geodetic {
  latRad: number;
  lonRad: number;
  heightKm: number;
}

/** Topocentric look angles from an observer to a target. */
export interface LookAngles {
  /** Clockwise from geodetic north, radians in [0, 2*pi). */
  azimuthRad: number;
  /** Above the local (ellipsoid-normal) horizon, radians in [-pi/2, pi/2]. */
  elevationRad: number;
  /** Straight-line distance, km. */
  rangeKm: number;
}
