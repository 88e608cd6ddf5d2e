// Time scales, TEME -> ECEF, WGS84 geodetic, look angles and closed-form spherical geometry.
// Tolerances are in the test names; published values from Vallado (Fundamentals of Astrodynamics,
// 4th ed., Example 3-3) and Vallado et al. 2006 (AIAA 2006-6753, TEME example, Appendix C).
import fc from 'fast-check';
import { eciToEcf, gstime } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import {
  coverageHalfAngleRad, ecefToGeodetic, ecefToGeodeticBulk, geodeticToEcef, geodeticToEcefBulk, greatCircleKm, lookAngles,
  lookAnglesBulk, maxIslLengthKm, maxSlantRangeKm, sinElevationBulk, temeToEcef, temeToEcefBulk, topocentricFrame,
} from '../../../src-core/frames/index';
import { gmstFromJulianDate, gmstRad, julianDateFromUtcMs, stepCount, timeGrid, utcMsFromJulianDate } from '../../../src-core/time/index';
import { DEG, WGS84_A_KM, WGS84_B_KM, utcMs } from '../../../src-core/units';

describe('time', () => {
  it('J2000.0 is JD 2451545.0 and the JD <-> ms round trip is exact to 1 us', () => {
    expect(julianDateFromUtcMs(Date.UTC(2000, 0, 1, 12))).toBe(2451545.0);
    const t = Date.UTC(2026, 2, 14, 7, 3, 9, 123);
    expect(Math.abs(utcMsFromJulianDate(julianDateFromUtcMs(t)) - t)).toBeLessThan(1e-3 * 1000);
  });

  it('GMST equals satellite.js gstime (IAU-82) to 1e-12 rad over 1990-2060', () => {
    fc.assert(
      fc.property(fc.double({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1), noNaN: true }), (t) => {
        const jd = julianDateFromUtcMs(t);
        expect(Math.abs(gmstFromJulianDate(jd) - gstime(jd))).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it('GMST at J2000.0 is 280.46061837 deg (to 1e-6 deg)', () => {
    expect(Math.abs(gmstRad(Date.UTC(2000, 0, 1, 12)) / DEG - 280.46061837)).toBeLessThan(1e-6);
  });

  it('time grids count both ends', () => {
    expect(stepCount(5760, 60)).toBe(97);
    expect(Array.from(timeGrid(0, 30, 3))).toEqual([0, 30000, 60000]);
  });
});

describe('TEME -> ECEF', () => {
  // Vallado et al. 2006 TEME example: 2004-04-06 07:51:28.386009 UTC, UT1 - UTC = -0.4399619 s.
  // PEF (ECEF without polar motion) is what temeToEcef produces when given UT1 as the time.
  const tUt1 = utcMs(Date.UTC(2004, 3, 6, 7, 51, 28) + 386.009 - 439.9619);
  const rTeme = { x: 5094.1801621, y: 6127.6446595, z: 6380.3445327 };
  const vTeme = { x: -4.746131487, y: 0.785818041, z: 5.531931288 };

  it('matches the published PEF position to 1 m and velocity to 1 cm/s (UT1 supplied)', () => {
    const { posEcefKm: r, velEcefKmS: v } = temeToEcef(tUt1, rTeme, vTeme);
    expect(Math.abs(r.x - -1033.4750313)).toBeLessThan(1e-3);
    expect(Math.abs(r.y - 7901.3055856)).toBeLessThan(1e-3);
    expect(Math.abs(r.z - 6380.3445327)).toBeLessThan(1e-3);
    expect(Math.abs(v.x - -3.22563652)).toBeLessThan(1e-5);
    expect(Math.abs(v.y - -2.87245145)).toBeLessThan(1e-5);
    expect(Math.abs(v.z - 5.531924446)).toBeLessThan(1e-5);
  });

  it('is within 0.3 km of the published ITRF position when UT1 is taken as UTC (the stated approximation)', () => {
    const r = temeToEcef(tUt1 + 439.9619, rTeme);
    const d = Math.hypot(r.x - -1033.479383, r.y - 7901.2952754, r.z - 6380.3565958);
    expect(d).toBeLessThan(0.3);
  });

  it('equals satellite.js eciToEcf for random vectors (1e-9 km) and the bulk form equals the single form', () => {
    const t = Date.UTC(2026, 0, 1, 3, 4, 5);
    const pos = new Float64Array(3 * 50);
    for (let i = 0; i < pos.length; i++) pos[i] = Math.sin(i * 12.9898) * 8000;
    const out = new Float64Array(pos.length);
    temeToEcefBulk(t, pos, out);
    for (let i = 0; i < 50; i++) {
      const p = { x: pos[3 * i]!, y: pos[3 * i + 1]!, z: pos[3 * i + 2]! };
      const ref = eciToEcf(p, gstime(new Date(t)));
      const ours = temeToEcef(t, p);
      expect(Math.abs(ours.x - ref.x) + Math.abs(ours.y - ref.y) + Math.abs(ours.z - ref.z)).toBeLessThan(1e-9);
      expect(out[3 * i]).toBeCloseTo(ours.x, 9);
      expect(out[3 * i + 1]).toBeCloseTo(ours.y, 9);
    }
  });
});

describe('WGS84 geodetic', () => {
  it('Vallado Example 3-3: (6524.834, 6862.875, 6448.296) km -> 34.352496 N, 46.4464 E, 5085.22 km (1e-4 deg, 0.01 km)', () => {
    const g = ecefToGeodetic({ x: 6524.834, y: 6862.875, z: 6448.296 });
    expect(Math.abs(g.latRad / DEG - 34.352496)).toBeLessThan(1e-4);
    expect(Math.abs(g.lonRad / DEG - 46.4464)).toBeLessThan(1e-4);
    expect(Math.abs(g.heightKm - 5085.22)).toBeLessThan(0.01);
  });

  it('equator and poles are exact (1e-9)', () => {
    const eq = ecefToGeodetic({ x: WGS84_A_KM, y: 0, z: 0 });
    expect(eq.latRad).toBeCloseTo(0, 12);
    expect(eq.heightKm).toBeCloseTo(0, 9);
    const np = ecefToGeodetic({ x: 0, y: 0, z: WGS84_B_KM });
    expect(np.latRad).toBeCloseTo(Math.PI / 2, 12);
    expect(np.heightKm).toBeCloseTo(0, 9);
    const sp = ecefToGeodetic({ x: 0, y: 0, z: -WGS84_B_KM - 100 });
    expect(sp.latRad).toBeCloseTo(-Math.PI / 2, 12);
    expect(sp.heightKm).toBeCloseTo(100, 9);
    const p = geodeticToEcef({ latRad: Math.PI / 2, lonRad: 0.3, heightKm: 0 });
    expect(p.z).toBeCloseTo(WGS84_B_KM, 9);
  });

  it('geodetic -> ECEF -> geodetic round trip to 1e-10 rad and 1 um, -1 km .. GEO (property test)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -179.999, max: 180, noNaN: true }),
        fc.double({ min: -1, max: 40000, noNaN: true }),
        (lat, lon, h) => {
          const g = ecefToGeodetic(geodeticToEcef({ latRad: lat * DEG, lonRad: lon * DEG, heightKm: h }));
          expect(Math.abs(g.latRad - lat * DEG)).toBeLessThan(1e-10);
          if (Math.abs(lat) < 89.9999) expect(Math.abs(g.lonRad - lon * DEG)).toBeLessThan(1e-10);
          expect(Math.abs(g.heightKm - h)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('bulk forms equal the single forms', () => {
    const lat = Float64Array.from([0, 0.5, -1.2]);
    const lon = Float64Array.from([0, 2, -3]);
    const pos = new Float64Array(9);
    geodeticToEcefBulk(lat, lon, 550, pos);
    const la = new Float64Array(3), lo = new Float64Array(3), he = new Float64Array(3);
    ecefToGeodeticBulk(pos, la, lo, he);
    for (let i = 0; i < 3; i++) {
      expect(la[i]).toBeCloseTo(lat[i]!, 12);
      expect(lo[i]).toBeCloseTo(lon[i]!, 12);
      expect(he[i]).toBeCloseTo(550, 8);
    }
  });
});

describe('look angles and spherical closed forms', () => {
  it('zenith is 90 deg elevation; due north/east give azimuth 0/90 deg', () => {
    const obs = { latRad: 40 * DEG, lonRad: -105 * DEG, heightKm: 1.6 };
    const up = geodeticToEcef({ ...obs, heightKm: 600 });
    expect(lookAngles(obs, up).elevationRad / DEG).toBeCloseTo(90, 6);
    expect(lookAngles(obs, up).rangeKm).toBeCloseTo(598.4, 6);
    const north = geodeticToEcef({ latRad: 45 * DEG, lonRad: -105 * DEG, heightKm: 600 });
    const azN = lookAngles(obs, north).azimuthRad;
    expect(Math.min(azN, 2 * Math.PI - azN) / DEG).toBeLessThan(1e-6);
    const eq = { latRad: 0, lonRad: 0, heightKm: 0 };
    const east = geodeticToEcef({ latRad: 0, lonRad: 5 * DEG, heightKm: 600 });
    expect(lookAngles(eq, east).azimuthRad / DEG).toBeCloseTo(90, 9);
  });

  it('elevation on the equator equals the spherical closed form (1e-9 rad), and the footprint edge is at the mask', () => {
    // On the equator the WGS84 normal is radial and the radius is a: spherical geometry is exact.
    const h = 630;
    for (const maskDeg of [0, 10, 25, 35, 50]) {
      const lambda = coverageHalfAngleRad(h, maskDeg * DEG, WGS84_A_KM);
      const sat = geodeticToEcef({ latRad: 0, lonRad: lambda, heightKm: h });
      const la = lookAngles({ latRad: 0, lonRad: 0, heightKm: 0 }, sat);
      expect(Math.abs(la.elevationRad - maskDeg * DEG)).toBeLessThan(1e-9);
      expect(Math.abs(la.rangeKm - maxSlantRangeKm(h, maskDeg * DEG, WGS84_A_KM))).toBeLessThan(1e-6);
      // Closed form: tan(el) = (cos(lambda) - R/(R+h)) / sin(lambda).
      const r = WGS84_A_KM / (WGS84_A_KM + h);
      expect(Math.abs(Math.atan2(Math.cos(lambda) - r, Math.sin(lambda)) - la.elevationRad)).toBeLessThan(1e-9);
    }
  });

  it('bulk look angles and sin(elevation) equal the single form', () => {
    const obs = topocentricFrame({ latRad: 0.7, lonRad: 0.2, heightKm: 0 });
    const pos = new Float64Array(30);
    for (let i = 0; i < 10; i++) {
      const p = geodeticToEcef({ latRad: 0.7 + 0.05 * i, lonRad: 0.2 - 0.03 * i, heightKm: 600 });
      pos.set([p.x, p.y, p.z], 3 * i);
    }
    const az = new Float64Array(10), el = new Float64Array(10), rg = new Float64Array(10), se = new Float64Array(10);
    lookAnglesBulk(obs, pos, { azimuthRad: az, elevationRad: el, rangeKm: rg });
    sinElevationBulk(obs, pos, se);
    for (let i = 0; i < 10; i++) {
      const one = lookAngles(obs, { x: pos[3 * i]!, y: pos[3 * i + 1]!, z: pos[3 * i + 2]! });
      expect(az[i]).toBeCloseTo(one.azimuthRad, 12);
      expect(el[i]).toBeCloseTo(one.elevationRad, 12);
      expect(rg[i]).toBeCloseTo(one.rangeKm, 9);
      expect(se[i]).toBeCloseTo(Math.sin(one.elevationRad), 12);
    }
  });

  it('max ISL length at 630 km with 80 km grazing height is ~5,440 km (DOMAIN.md, +-5 km)', () => {
    expect(Math.abs(maxIslLengthKm(630, 630, 80) - 5440)).toBeLessThan(5);
    expect(maxIslLengthKm(50, 630, 80)).toBe(0);
  });

  it('K1 footprint at a 35 deg mask: central angle 6.80 deg (+-0.01), slant range 1,012 km (+-1 km)', () => {
    // Hand computation, R = 6371 km: acos(6371 cos35 / 7001) - 35 deg = 41.80 - 35 deg;
    // sqrt(7001^2 - (6371 cos35)^2) - 6371 sin35 = 4666.7 - 3654.3 km.
    const lam = coverageHalfAngleRad(630, 35 * DEG) / DEG;
    expect(Math.abs(lam - 6.80)).toBeLessThan(0.01);
    expect(Math.abs(maxSlantRangeKm(630, 35 * DEG) - 1012.4)).toBeLessThan(1);
    expect(maxSlantRangeKm(630, 90 * DEG)).toBeCloseTo(630, 9);
  });

  it('great circle: quarter meridian = R*pi/2; London-New York ~5,570 km (+-10 km)', () => {
    expect(greatCircleKm(0, 0, Math.PI / 2, 0, 6371)).toBeCloseTo(6371 * Math.PI / 2, 9);
    const d = greatCircleKm(51.5074 * DEG, -0.1278 * DEG, 40.7128 * DEG, -74.006 * DEG);
    expect(Math.abs(d - 5570)).toBeLessThan(10);
  });
});
