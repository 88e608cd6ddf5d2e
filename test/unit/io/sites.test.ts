import { describe, expect, it } from 'vitest';
import { geoBounds, geoContains } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import { exportSitesCsv, exportSitesGeoJson, exportSitesKml, importSites, importSitesCsv, importSitesGeoJson, importSitesKml } from '../../../src-core/io';
import { scanXml } from '../../../src-core/io/xml';
import { defaultScenario } from '../../../src-core/scenario/default';
import { Gateway } from '../../../src-core/scenario/schema';

const base = defaultScenario();
// The shipped gateways plus one with every optional field set, and the shipped PoPs.
const gateways = [...base.gateways, Gateway.parse({ id: 'gw-x', name: 'Odd, "quoted" & <tagged>', latDeg: -33.123456789012, lonDeg: 151.98765432101, altitudeKm: 0.045, minElevationDeg: 30, maxSlantKm: 2100.5, antennas: 12, capacityGbps: 120, popId: base.pops[0]!.id, status: 'planned', inServiceDate: '2027-03-01T00:00:00Z', countryCode: 'AU' })];
const pops = base.pops;

describe('gateway and PoP export round trip (exact: every field, every digit)', () => {
  it.each([
    ['csv', exportSitesCsv, importSitesCsv],
    ['geojson', exportSitesGeoJson, importSitesGeoJson],
    ['kml', exportSitesKml, importSitesKml],
  ] as const)('%s', (_f, write, read) => {
    expect(gateways.length).toBeGreaterThan(1);
    const r = read(write(gateways, pops));
    expect(r.rejected).toEqual([]);
    expect(r.gateways).toEqual(gateways);
    expect(r.pops).toEqual(pops);
  });
});

describe('exports parse with standard readers', () => {
  it('GeoJSON is an RFC 7946 FeatureCollection that d3-geo reads (bounds contain every site)', () => {
    const fc = JSON.parse(exportSitesGeoJson(gateways, pops)) as FeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(gateways.length + pops.length);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const c = (f.geometry as { coordinates: number[] }).coordinates;
      expect(c.length === 2 || c.length === 3).toBe(true);
      expect(Math.abs(c[0]!)).toBeLessThanOrEqual(180);
      expect(Math.abs(c[1]!)).toBeLessThanOrEqual(90);
      expect(geoContains(f, [c[0]!, c[1]!])).toBe(true);
    }
    const [[w, s], [e, n]] = geoBounds(fc);
    expect(s).toBeLessThanOrEqual(-33.12345);
    expect(n).toBeGreaterThan(s);
    expect(Number.isFinite(w) && Number.isFinite(e)).toBe(true);
  });
  it('KML is well-formed (tokenizer finds no error) with one Point placemark per site', () => {
    const kml = exportSitesKml(gateways, pops);
    let placemarks = 0;
    expect(scanXml(kml, { open: (n) => void (n === 'Placemark' && placemarks++), close: () => undefined, text: () => undefined })).toBeNull();
    expect(placemarks).toBe(gateways.length + pops.length);
    expect(kml).toContain('<kml xmlns="http://www.opengis.net/kml/2.2">');
  });
});

describe('site import errors name the row or feature and what to fix', () => {
  it('CSV: header synonyms, row numbers, nothing dropped silently', () => {
    const csv = 'Site Name,Lat_deg,LNG,antennas\nPerth,-31.95,115.86,4\nNowhere,95,10,4\nBadNum,abc,10,4\nNoAnt,10,10,zero\n\nPerth,1,1,4\n';
    const r = importSitesCsv(csv);
    expect(r.gateways.map((g) => [g.id, g.name, g.latDeg, g.lonDeg, g.antennas])).toEqual([['perth', 'Perth', -31.95, 115.86, 4]]);
    expect(r.rejected).toEqual([
      { where: 'row 3', message: 'latitude 95 is outside -90..90 degrees (are latitude and longitude swapped?)' },
      { where: 'row 4', message: 'latitude "abc" is not a number' },
      { where: 'row 5', message: 'antennas "zero" is not a number' },
      { where: 'row 7', message: 'id "perth" is already used (made from the name; add an id column): give each site its own id' },
    ]);
  });
  it('CSV without coordinate columns says which headers it accepts', () => {
    expect(importSitesCsv('name,x1\na,1\n').rejected[0]!.message).toMatch(/needs a latitude column \(lat, latitude, lat_deg\)/);
  });
  it('GeoJSON: a LineString feature and a bad type are listed by feature number and name', () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [2.35, 48.85] }, properties: { name: 'Paris', type: 'pop' } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { name: 'Road' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { name: 'Odd', type: 'station' } },
    ] });
    const r = importSitesGeoJson(gj);
    expect(r.pops.map((p) => p.id)).toEqual(['paris']);
    expect(r.rejected).toEqual([
      { where: 'feature 2 (Road)', message: 'has a LineString geometry; only Point features become sites' },
      { where: 'feature 3 (Odd)', message: 'type "station" must be "gateway" or "pop"' },
    ]);
  });
  it('KML: DOCTYPE/ENTITY refused; a placemark without a Point is listed', () => {
    expect(importSitesKml('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]><kml/>').rejected[0]!.message).toMatch(/declarations are not allowed/);
    const r = importSites('<kml><Document><Placemark><name>A</name><Point><coordinates> 10.5 , 20.25 ,100</coordinates></Point></Placemark><Placemark><name>B</name><LineString><coordinates>0,0 1,1</coordinates></LineString></Placemark></Document></kml>', 'x.kml');
    expect(r.gateways.map((g) => [g.id, g.lonDeg, g.latDeg, g.altitudeKm])).toEqual([['a', 10.5, 20.25, 0.1]]);
    expect(r.rejected).toEqual([{ where: 'placemark 2 (B)', message: 'has a LineString; only <Point> placemarks become sites' }]);
  });
  it('refuses ids that clash with the scenario', () => {
    expect(importSitesCsv('id,lat,lon\ngw-a,1,2\n', { existingIds: new Set(['gw-a']) }).rejected[0]).toEqual({ where: 'row 2', message: 'id "gw-a" is already used: give each site its own id' });
  });
});
