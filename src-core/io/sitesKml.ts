// Gateways and PoPs as KML (OGC KML 2.2): read Placemark/Point elements with the shared linear XML
// tokenizer (DOCTYPE and ENTITY refused), their <name> and <ExtendedData> (<Data name><value>
// and <SimpleData name>) mapped like CSV columns; write placemarks that read back the same.
import type { Gateway, Pop } from '../scenario/schema';
import { buildSites, siteRows, type RawSite, type SiteImport, type SiteImportOptions, type SiteProblem } from './sites';
import { escapeXml, localName, parseAttributes, scanXml, unescapeXml } from './xml';

const M_PER_KM = 1000;

/** Collects placemarks while the tokenizer runs: the element path decides what each text is. */
class KmlReader {
  readonly raws: RawSite[] = [];
  readonly bad: SiteProblem[] = [];
  private pm: { props: RawSite['props']; coords: string | null; geometry: string | null } | null = null;
  private count = 0;
  private dataName: string | null = null;
  private text = '';
  private readonly path: string[] = [];

  open(name: string, attrs: string, selfClosing: boolean): void {
    const n = localName(name);
    if (selfClosing) return;
    this.path.push(n);
    this.text = '';
    if (n === 'Placemark') this.pm = { props: {}, coords: null, geometry: null };
    else if (this.pm && (n === 'Data' || n === 'SimpleData')) this.dataName = parseAttributes(attrs).name ?? null;
    else if (this.pm && ['Point', 'LineString', 'Polygon', 'MultiGeometry', 'LinearRing', 'Model', 'Track'].includes(n)) this.pm.geometry ??= n;
  }

  textIn(src: string, start: number, end: number): void {
    if (this.pm) this.text += src.slice(start, end);
  }

  close(name: string): void {
    const n = localName(name);
    this.path.pop();
    const parent = this.path[this.path.length - 1];
    const pm = this.pm;
    if (!pm) return;
    const un = unescapeXml(this.text.trim());
    const value = 'text' in un ? un.text : '';
    if (n === 'name' && parent === 'Placemark') pm.props.name = value;
    else if (n === 'coordinates' && parent === 'Point') pm.coords = value;
    else if ((n === 'value' && parent === 'Data') || n === 'SimpleData') {
      if (this.dataName !== null) pm.props[this.dataName] = value;
    } else if (n === 'Placemark') this.endPlacemark(pm);
    this.text = '';
  }

  private endPlacemark(pm: NonNullable<KmlReader['pm']>): void {
    const where = `placemark ${++this.count}${typeof pm.props.name === 'string' && pm.props.name ? ` (${pm.props.name})` : ''}`;
    this.pm = null;
    if (pm.geometry !== 'Point' || pm.coords === null) {
      this.bad.push({ where, message: `has ${pm.geometry ? `a ${pm.geometry}` : 'no geometry'}; only <Point> placemarks become sites` });
      return;
    }
    const c = pm.coords.split(',').map((s) => Number(s.trim()));
    if (c.length < 2 || c.length > 3 || !c.every(Number.isFinite)) {
      this.bad.push({ where, message: `<coordinates> "${pm.coords.slice(0, 40)}" must be "longitude,latitude[,altitude m]"` });
      return;
    }
    const raw: RawSite = { where, props: pm.props, lonDeg: c[0]!, latDeg: c[1]! };
    if (c.length === 3) raw.altitudeM = c[2]!;
    this.raws.push(raw);
  }
}

/** Parse KML text. A file that is not well-formed XML stops at its first error, with the line. */
export function importSitesKml(text: string, options: SiteImportOptions = {}): SiteImport {
  const reader = new KmlReader();
  const error = scanXml(text, { open: (n, a, s) => reader.open(n, a, s), close: (n) => reader.close(n), text: (a, b) => reader.textIn(text, a, b) });
  if (error) return { ...buildSites('kml', [], options), rejected: [{ where: error.line === null ? '(end of file)' : `line ${error.line}`, message: error.message.replace(/^line \d+: /, '') }] };
  const out = buildSites('kml', reader.raws, options);
  out.rejected.unshift(...reader.bad);
  if (reader.raws.length === 0 && reader.bad.length === 0) out.rejected.push({ where: '(file)', message: 'no <Placemark> elements found; is this a KML file?' });
  return out;
}

/** Gateways and PoPs as KML 2.2 placemarks; every field in ExtendedData so that it reads back. */
export function exportSitesKml(gateways: readonly Gateway[], pops: readonly Pop[], title = 'LEO Planner sites'): string {
  const parts = [`<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>${escapeXml(title)}</name>\n`];
  for (const row of siteRows(gateways, pops)) {
    const { lat_deg: lat, lon_deg: lon, altitude_km: altKm } = row;
    const data = Object.entries(row).map(([k, v]) => `<Data name="${escapeXml(k)}"><value>${escapeXml(String(v))}</value></Data>`).join('');
    const coords = altKm === undefined ? `${lon},${lat}` : `${lon},${lat},${Number(altKm) * M_PER_KM}`;
    parts.push(`<Placemark><name>${escapeXml(String(row.name))}</name><ExtendedData>${data}</ExtendedData><Point>${altKm === undefined ? '' : '<altitudeMode>absolute</altitudeMode>'}<coordinates>${coords}</coordinates></Point></Placemark>\n`);
  }
  parts.push('</Document>\n</kml>\n');
  return parts.join('');
}
