// Frames: TEME -> ECEF, WGS84 geodetic, look angles, closed-form spherical geometry.
export * from './types';
export * from './teme';
export * from './geodetic';
export * from './look';
export * from './spherical';
