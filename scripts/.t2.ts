import { geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import countriesJson from '../assets/data/countries.json';
import { countryAt } from '../src-core/geo/countries';
const t: any = countriesJson; const fc: any = feature(t, t.objects.countries);
let dis = 0, n = 20000;
for (let i = 0; i < n; i++) {
  const lat = Math.asin(2*Math.random()-1)*180/Math.PI, lon = Math.random()*360-180;
  if (lat < -60) continue;
  const a = countryAt(lat, lon)?.name ?? null;
  const hits = fc.features.filter((f: any) => geoContains(f, [lon, lat])).map((f: any) => f.properties.name);
  const b = hits[0] ?? null;
  if (a !== b && !(a && hits.includes(a))) { dis++; if (dis < 15) console.log(lat.toFixed(4), lon.toFixed(4), a, hits); }
}
console.log('disagreements', dis);
