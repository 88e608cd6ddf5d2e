// Country borders: the shared arcs of Natural Earth's 1:50m countries (world-atlas), drawn as
// one static primitive of 1-pixel lines. Coastlines come from the imagery, so only internal
// borders (arcs shared by two countries) are drawn.
import { ArcType, Cartesian3, Color, ColorGeometryInstanceAttribute, GeometryInstance, PerInstanceColorAppearance, Primitive, SimplePolylineGeometry } from '@cesium/engine';
import { mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { kmToM } from './units';

/** Lifted slightly so the lines never sink into coarse low-zoom globe tiles. */
const BORDER_HEIGHT_KM = 0.5;
const BORDER_COLOR = Color.fromCssColorString('rgba(255, 255, 255, 0.3)');

export async function loadBorderLines(signal?: AbortSignal): Promise<number[][][]> {
  const res = await fetch(countriesUrl, signal ? { signal } : {});
  if (!res.ok) throw new Error(`country borders: HTTP ${res.status} for ${countriesUrl}`);
  // Shipped data file in world-atlas's TopoJSON format; the shape is known, not user input.
  const topology = (await res.json()) as Topology<{ countries: GeometryCollection }>;
  return mesh(topology, topology.objects.countries, (a, b) => a !== b).coordinates;
}

export function createBorderPrimitive(lines: number[][][]): Primitive {
  const color = ColorGeometryInstanceAttribute.fromColor(BORDER_COLOR);
  const heightM = kmToM(BORDER_HEIGHT_KM);
  const instances: GeometryInstance[] = [];
  for (const line of lines) {
    if (line.length < 2) continue;
    const flat: number[] = [];
    for (const [lon, lat] of line) flat.push(lon!, lat!, heightM);
    instances.push(
      new GeometryInstance({
        geometry: new SimplePolylineGeometry({ positions: Cartesian3.fromDegreesArrayHeights(flat), arcType: ArcType.GEODESIC }),
        attributes: { color },
      }),
    );
  }
  return new Primitive({
    geometryInstances: instances,
    appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
    allowPicking: false,
  });
}
