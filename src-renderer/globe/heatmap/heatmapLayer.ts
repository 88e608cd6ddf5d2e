// The coverage heatmap on the globe: one Cesium Primitive per spatial batch of H3 cells (cells of
// one H3 base cell, geometry.ts cellBatches: Cesium culls the batches behind the horizon), with one
// GeometryInstance per cell (a hexagon fan, geometry.ts) and a per-instance colour attribute. The
// meshes are built ONCE per analysis grid; new coverage results (every gateway edit) only rewrite
// the colour attributes of the cells whose colour changed (batch-table writes, no geometry rebuild). Follows the planning
// store: metric, comparison (before/after, vs baseline) and results (in rollout view the date's
// network, planningStore.dated: shownCoverage), and owns the legend drawn on the globe (legend.ts).
import {
  BoundingSphere,
  ColorGeometryInstanceAttribute,
  ComponentDatatype,
  Geometry,
  GeometryAttribute,
  GeometryInstance,
  PerInstanceColorAppearance,
  Primitive,
  PrimitiveCollection,
  PrimitiveType,
  type CesiumWidget,
} from '@cesium/engine';
import type { CoverageGridInfo } from '../../engine/planningProtocol';
import { capacityStore } from '../../ui/capacity/capacityStore';
import { planningStore, shownCoverage, type PlanningState } from '../../ui/planning/planningStore';
import { installLeoHooks } from '../hooks';
import { cellColors, refitScales, scaleForState, type Scale } from './colors';
import { cellBatches, cellMesh } from './geometry';
import { createHeatmapLegend, type LegendModel } from './legend';

export interface HeatmapLayer {
  destroy(): void;
}

/** One batch of cells (indices into the grid) and the primitive that draws them (instance id = cell index). */
interface Batch {
  cells: number[];
  primitive: Primitive;
  /** Where its colours live in the primitive's batch table, found once it is ready; null: use the public attributes. */
  slots?: ColorSlots | null;
}

/**
 * The colour entries of a ready Primitive's batch table (@cesium/engine 24 internals: the values
 * Cesium's own per-instance `color` setter writes, then uploads when `_batchValuesDirty`). Through
 * `getGeometryInstanceAttributes` the writes of one gateway edit took ~6 ms of main-thread JS (CPU
 * profile, docs/BENCHMARKS.md sixteenth session); written directly they no longer show. Checked
 * against the layout it relies on (instance k = cells[k], 4 components); where any of it differs,
 * null, and the public setter is used.
 */
interface ColorSlots {
  table: { _batchValuesDirty: boolean };
  values: Uint8Array | Float32Array;
  /** values index of instance k's colour: base + k * step. */
  base: number;
  step: number;
}

function colorSlotsOf(primitive: Primitive, cells: readonly number[]): ColorSlots | null {
  const p = primitive as unknown as { _batchTable?: { _batchValues?: unknown; _offsets?: number[]; _stride?: number; _attributes?: { componentsPerAttribute?: number }[]; _batchValuesDirty: boolean }; _batchTableAttributeIndices?: { color?: number }; _instanceIds?: unknown[] };
  const table = p._batchTable;
  const index = p._batchTableAttributeIndices?.color;
  const ids = p._instanceIds;
  if (!table || index === undefined || !ids || ids.length !== cells.length) return null;
  const values = table._batchValues;
  const offset = table._offsets?.[index];
  const stride = table._stride;
  if (!(values instanceof Uint8Array || values instanceof Float32Array) || offset === undefined || stride === undefined) return null;
  if (table._attributes?.[index]?.componentsPerAttribute !== 4) return null;
  for (let k = 0; k < cells.length; k++) if (ids[k] !== cells[k]) return null;
  return { table, values, base: 4 * offset, step: 4 * stride };
}

function buildBatch(grid: CoverageGridInfo, cells: number[], rgba: Uint8Array): Batch {
  const instances: GeometryInstance[] = new Array(cells.length);
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const mesh = cellMesh(grid.ids[c]!);
    const geometry = new Geometry({
      attributes: { position: new GeometryAttribute({ componentDatatype: ComponentDatatype.DOUBLE, componentsPerAttribute: 3, values: mesh.positions }) } as never,
      indices: mesh.indices,
      primitiveType: PrimitiveType.TRIANGLES,
      boundingSphere: BoundingSphere.fromVertices(Array.from(mesh.positions)),
    });
    instances[k] = new GeometryInstance({
      geometry,
      id: c,
      attributes: { color: new ColorGeometryInstanceAttribute(rgba[4 * c]! / 255, rgba[4 * c + 1]! / 255, rgba[4 * c + 2]! / 255, rgba[4 * c + 3]! / 255) },
    });
  }
  const primitive = new Primitive({
    geometryInstances: instances,
    appearance: new PerInstanceColorAppearance({ flat: true, translucent: true, closed: false }),
    asynchronous: false,
    releaseGeometryInstances: true,
    allowPicking: false,
    compressVertices: false,
  });
  return { cells, primitive };
}

const sameColor = (a: Uint8Array, b: Uint8Array, cell: number): boolean => {
  const i = 4 * cell;
  return a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2] && a[i + 3] === b[i + 3];
};

/** A hash of the cell colours written (tests tell two heatmaps apart without reading pixels). */
function colorHash(rgba: Uint8Array): number {
  let h = 0;
  for (let i = 0; i < rgba.length; i++) h = (Math.imul(h, 31) + rgba[i]!) >>> 0;
  return h;
}

export function attachHeatmapLayer(viewer: CesiumWidget): HeatmapLayer {
  const scene = viewer.scene;
  /** All batches' primitives (one show switch, one remove). */
  let collection: PrimitiveCollection | null = null;
  let batches: Batch[] = [];
  let builtFor: CoverageGridInfo | null = null;
  let pending: Uint8Array | null = null;
  const scratch = new Uint8Array(4);
  /**
   * The coverage revision whose colours were last written, and the rollout date of that network
   * (null: the scenario as written) (window.__leo.heatmap: tests and the click-to-heatmap bench).
   */
  let shown: { revision: number; atMs: number; dateMs: number | null; colorHash: number } | null = null;
  let pendingShown: { revision: number; dateMs: number | null } = { revision: -1, dateMs: null };
  const markShown = (p: { revision: number; dateMs: number | null }, colors: Uint8Array): void =>
    void (shown = { revision: p.revision, dateMs: p.dateMs, atMs: performance.now(), colorHash: colorHash(colors) });
  installLeoHooks().heatmap = {
    lastShown: () => shown,
    // Tests: read every cell's colour back through Cesium's public per-instance attribute (what
    // the batch table holds and uploads), against the colours last written.
    checkColors: () => {
      let mismatches = 0;
      for (const { cells, primitive } of batches) {
        for (const c of cells) {
          const got = (primitive.getGeometryInstanceAttributes(c) as { color: Uint8Array } | undefined)?.color;
          if (!got || !written || got[0] !== written[4 * c] || got[1] !== written[4 * c + 1] || got[2] !== written[4 * c + 2] || got[3] !== written[4 * c + 3]) mismatches++;
        }
      }
      return { batches: batches.length, direct: batches.filter((b) => b.slots).length, mismatches };
    },
  };

  const legend = createHeatmapLegend(viewer.container, {
    toggleDiff: () => {
      const s = planningStore.getState();
      s.setCompare(s.compare === 'none' ? 'previous' : 'none');
    },
    refit: () => planningStore.getState().refitScale(),
  });

  const scaleOf = (s: PlanningState): { scale: Scale; ref: PlanningState['current'] } | null => {
    const { current, previous } = shownCoverage(s);
    if (!current || s.metric === 'off') return null;
    const ref = s.compare === 'previous' ? previous : s.compare === 'baseline' ? s.baseline : null;
    return { scale: scaleForState(s.metric, current, ref, s.compare === 'baseline' ? 'baseline' : 'previous'), ref };
  };

  const legendModel = (s: PlanningState): LegendModel | null => {
    const sc = scaleOf(s);
    if (!sc) return null;
    return { scale: sc.scale, canDiff: shownCoverage(s).previous !== null, waitingFor: s.compare !== 'none' && sc.ref === null ? (s.compare === 'baseline' ? 'baseline' : 'earlier result') : null };
  };

  const colorsFor = (s: PlanningState): Uint8Array | null => {
    const sc = scaleOf(s);
    const { current } = shownCoverage(s);
    return sc && current ? cellColors(sc.scale, current, sc.ref) : null;
  };

  /** The colours in the primitive's batch table (RGBA per cell): only cells whose colour changed are written. */
  let written: Uint8Array | null = null;
  const writeColors = (colors: Uint8Array): boolean => {
    if (batches.length === 0 || !batches.every((b) => b.primitive.ready)) return false;
    const before = written !== null && written.length === colors.length ? written : null;
    for (const batch of batches) {
      const { cells, primitive } = batch;
      if (batch.slots === undefined) batch.slots = colorSlotsOf(primitive, cells);
      const slots = batch.slots;
      // In grid order within a batch (the public path: Cesium's instance lookup resumes where the last one ended).
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k]!;
        if (before && sameColor(before, colors, c)) continue;
        const attrs = slots ? null : (primitive.getGeometryInstanceAttributes(c) as { color: Uint8Array } | undefined);
        const out = slots ? slots.values : scratch;
        const i = slots ? slots.base + k * slots.step : 0;
        out[i] = colors[4 * c]!;
        out[i + 1] = colors[4 * c + 1]!;
        out[i + 2] = colors[4 * c + 2]!;
        out[i + 3] = colors[4 * c + 3]!;
        if (slots) slots.table._batchValuesDirty = true;
        else if (attrs) attrs.color = scratch;
      }
    }
    written = colors.slice();
    scene.requestRender();
    return true;
  };

  const update = (s: PlanningState): void => {
    const grid = s.grid;
    const { current, dateMs } = shownCoverage(s);
    const colors = grid && current && current.gridGeneration === grid.generation ? colorsFor(s) : null;
    legend.update(colors ? legendModel(s) : null);
    if (!colors || !grid) {
      if (collection?.show) {
        collection.show = false;
        scene.requestRender();
      }
      return;
    }
    if (builtFor !== grid) {
      if (collection) scene.primitives.remove(collection);
      collection = scene.primitives.add(new PrimitiveCollection()) as PrimitiveCollection;
      batches = cellBatches(grid.ids).map((cells) => buildBatch(grid, cells, colors));
      for (const b of batches) collection.add(b.primitive);
      written = colors.slice();
      builtFor = grid;
      pending = null;
      markShown({ revision: current!.revision, dateMs }, colors);
    } else if (writeColors(colors)) markShown({ revision: current!.revision, dateMs }, colors);
    else {
      pending = colors;
      pendingShown = { revision: current!.revision, dateMs };
    }
    collection!.show = true;
    scene.requestRender();
  };

  const onPostRender = (): void => {
    if (!pending) return;
    if (writeColors(pending)) {
      markShown(pendingShown, pending);
      pending = null;
    } else scene.requestRender(); // the primitive is not ready yet: frames are drawn on request, so ask for the next one
  };
  scene.postRender.addEventListener(onPostRender);
  update(planningStore.getState());
  const unsub = planningStore.subscribe((s, prev) => {
    if (s.scaleEpoch !== prev.scaleEpoch) refitScales();
    if (s.current !== prev.current || s.grid !== prev.grid || s.metric !== prev.metric || s.compare !== prev.compare || s.baseline !== prev.baseline || s.previous !== prev.previous || s.dated !== prev.dated || s.scaleEpoch !== prev.scaleEpoch) update(s);
  });
  // "Served demand" colours come from the capacity view (servedDemand.ts): repaint when it arrives.
  const unsubCapacity = capacityStore.subscribe((c, prev) => {
    if (c.view !== prev.view && planningStore.getState().metric === 'demand') update(planningStore.getState());
  });

  return {
    destroy() {
      unsub();
      unsubCapacity();
      legend.destroy();
      scene.postRender.removeEventListener(onPostRender);
      if (collection && !viewer.isDestroyed()) scene.primitives.remove(collection);
      collection = null;
      batches = [];
    },
  };
}
