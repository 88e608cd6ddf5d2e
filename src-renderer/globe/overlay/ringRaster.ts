// Footprint rings rasterised on the CPU, for software WebGL (SwiftShader, llvmpipe; any quality).
//
// Why: under SwiftShader or llvmpipe every line primitive costs ~1.2 us of rasteriser setup plus
// 60-100 ns per pixel (docs/BENCHMARKS.md, "Render, third session"). A whole-Earth view shows
// ~1,450 rings x 16 chords: ~23k primitives, ~45 ms of GPU-process CPU per frame, the single
// largest cost of the constellation layer. The same rings walked here with a DDA into a byte per
// pixel take ~1 ms of JavaScript in Node (~2-3 ms on the renderer's main thread beside
// SwiftShader, on 2 cores and on 16 alike), and the GPU then draws one textured rectangle
// (cpuFootprints.ts).
// On a real GPU the line path (shaders/footprint.vert.glsl) costs next to nothing and stays.
//
// What is drawn is the GPU path's: the same ring points (laid on the WGS84 ellipsoid plus the lift,
// at the coverage half-angle of the satellite's current radius, as footprint.vert.glsl), the same
// chords, hidden where the ray from the eye crosses the occluder ellipsoid (cut at the limb by
// bisection, as the depth test cuts per fragment), clipped to the near plane and the viewport.
// Each pixel counts the rings that cross it (saturating at 255); the overlay blends count x
// (colour, opacity) additively, as the line path's additive blending does ring by ring.
import { hiddenByEllipsoid, type Mat4 } from './projection';

export interface RingRasterFrame {
  /** ECEF km, 3 per satellite. */
  positionsKm: Float64Array;
  /** Rings to draw, packed by cullFootprints: 4 floats per ring, the 4th the satellite index. */
  rings: Float32Array;
  count: number;
  chords: number;
  cameraKm: ArrayLike<number>;
  /** Rotation-only view and projection (column-major), as the overlay's camera. */
  viewRot: Mat4;
  proj: Mat4;
  minElevationRad: number;
  meanRadiusKm: number;
  /** Ellipsoid the rings lie on (km) and their lift above it. */
  ellipsoidAKm: number;
  ellipsoidBKm: number;
  liftKm: number;
  /** Occluder ellipsoid (km): a ring point is hidden when the ray from the eye crosses it. */
  occluderAKm: number;
  occluderBKm: number;
  /** Clip-space w of the near plane: chords are cut there. */
  nearKm: number;
}

/** Pixel rectangle [x0, x1) x [y0, y1), rows from the top. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const MAX_CHORDS = 128;
/** Rows x, y and w of a projection matrix (z is not needed for pixels). */
const CLIP_ROWS = [0, 1, 3] as const;
const BISECTIONS = 10;

/**
 * A width x height byte raster of ring counts (row 0 at the top), reused frame after frame: draw()
 * clears what the previous frame wrote, then walks every chord of every ring.
 */
export class RingRaster {
  width = 0;
  height = 0;
  /** Ring count per pixel (saturating), row-major from the top-left. */
  counts: Uint8ClampedArray<ArrayBufferLike> = new Uint8ClampedArray(0);
  /** Bounding box of what the last draw() wrote (empty: x1 <= x0). */
  readonly written: PixelRect = { x0: 0, y0: 0, x1: 0, y1: 0 };
  /** Pixels the last draw() stepped through (counted before saturation). */
  pixels = 0;

  // Per-ring scratch: the chords + 1 ring points, eye-relative km, hidden flag, pixels and clip w.
  private readonly rx = new Float64Array(MAX_CHORDS + 1);
  private readonly ry = new Float64Array(MAX_CHORDS + 1);
  private readonly rz = new Float64Array(MAX_CHORDS + 1);
  private readonly hid = new Uint8Array(MAX_CHORDS + 1);
  private readonly px = new Float64Array(MAX_CHORDS + 1);
  private readonly py = new Float64Array(MAX_CHORDS + 1);
  private readonly pw = new Float64Array(MAX_CHORDS + 1);
  /** Clip rows x, y, w of projection x view rotation (3 x 4: directions, then translation), per draw. */
  private readonly clipRows = new Float64Array(12);
  /** The ring in hand as a circle: eye-relative centre, then its two radius vectors (km). */
  private readonly circle = new Float64Array(9);
  private cosT = new Float64Array(0);
  private sinT = new Float64Array(0);
  private tableChords = 0;
  // Liang-Barsky parameters, and the written box while drawing.
  private t0 = 0;
  private t1 = 1;
  private bx0 = 0;
  private by0 = 0;
  private bx1 = 0;
  private by1 = 0;

  /** Resizes (and clears) the raster. */
  resize(width: number, height: number): void {
    const w = Math.max(0, Math.floor(width)), h = Math.max(0, Math.floor(height));
    if (w === this.width && h === this.height) return;
    this.width = w;
    this.height = h;
    this.counts = new Uint8ClampedArray(w * h);
    Object.assign(this.written, { x0: 0, y0: 0, x1: 0, y1: 0 });
  }

  /**
   * Draws into `counts` (width x height, e.g. over shared memory) from now on, zeroed here; a
   * later resize() to another size goes back to a buffer of its own.
   */
  adopt(counts: Uint8ClampedArray, width: number, height: number): void {
    if (counts.length !== width * height) throw new Error(`RingRaster.adopt: ${counts.length} bytes for ${width} x ${height} pixels`);
    this.width = width;
    this.height = height;
    this.counts = counts;
    counts.fill(0);
    Object.assign(this.written, { x0: 0, y0: 0, x1: 0, y1: 0 });
  }

  /** Zeroes what the last draw wrote. */
  clear(): void {
    const w = this.written;
    if (w.x1 > w.x0 && w.y1 > w.y0) {
      for (let y = w.y0; y < w.y1; y++) this.counts.fill(0, y * this.width + w.x0, y * this.width + w.x1);
    }
    w.x0 = w.y0 = w.x1 = w.y1 = 0;
    this.pixels = 0;
  }

  draw(f: RingRasterFrame): void {
    this.clear();
    this.bx0 = this.by0 = Infinity;
    this.bx1 = this.by1 = -Infinity;
    const chords = Math.min(MAX_CHORDS, Math.max(3, Math.floor(f.chords)));
    if (this.tableChords !== chords) {
      this.cosT = new Float64Array(chords + 1);
      this.sinT = new Float64Array(chords + 1);
      for (let k = 0; k <= chords; k++) {
        this.cosT[k] = Math.cos((2 * Math.PI * k) / chords);
        this.sinT[k] = Math.sin((2 * Math.PI * k) / chords);
      }
      this.tableChords = chords;
    }
    const { positionsKm: pos, rings, cameraKm: cam } = f;
    const cx = cam[0]!, cy = cam[1]!, cz = cam[2]!;
    const ia2 = 1 / (f.ellipsoidAKm * f.ellipsoidAKm);
    const ib2 = 1 / (f.ellipsoidBKm * f.ellipsoidBKm);
    const rCosEps = f.meanRadiusKm * Math.cos(f.minElevationRad);
    const { rx, ry, rz, hid, px, py, pw, cosT, sinT } = this;
    const v = f.viewRot, p = f.proj;
    const wn = f.nearKm;
    const oa = f.occluderAKm, ob = f.occluderBKm;
    // Rings wholly on the near side of the horizon skip the per-point occlusion test. In
    // coordinates scaled so that the occluder is the unit sphere, a point at radius >= q0 is
    // visible when within acos(1/|O|) + acos(1/q0) of the eye's direction O (the two tangent
    // angles); the scaling bends angles by < 0.4%, hence the 1.01 and a 2 mrad spare.
    const ox = cx / oa, oy = cy / oa, oz = cz / ob;
    const od = Math.sqrt(ox * ox + oy * oy + oz * oz);
    const q0 = Math.min(f.ellipsoidAKm / oa, f.ellipsoidBKm / ob);
    const safeAngle = od > 1 && q0 > 1 ? Math.acos(1 / od) + Math.acos(1 / q0) - 0.002 : -1;
    // Clip-space rows x, y, w of projection x rotation (directions), then the projection's translation.
    const m = this.clipRows;
    for (let r = 0; r < 3; r++) {
      const row = CLIP_ROWS[r]!;
      for (let col = 0; col < 3; col++) m[4 * r + col] = p[row]! * v[4 * col]! + p[4 + row]! * v[4 * col + 1]! + p[8 + row]! * v[4 * col + 2]!;
      m[4 * r + 3] = p[12 + row]!;
    }
    for (let ring = 0; ring < f.count; ring++) {
      const si = 3 * rings[4 * ring + 3]!;
      const sx = pos[si]!, sy = pos[si + 1]!, sz = pos[si + 2]!;
      const r = Math.sqrt(sx * sx + sy * sy + sz * sz);
      if (!(r > f.meanRadiusKm + 1)) continue;
      const ux = sx / r, uy = sy / r, uz = sz / r;
      const c = rCosEps / r;
      const lam = Math.acos(c > 1 ? 1 : c < -1 ? -1 : c) - f.minElevationRad;
      if (!(lam > 0)) continue;
      // e1 = normalize(ref x u), e2 = u x e1 (ref: the z axis, or x near the poles), as the shader.
      let e1x: number, e1y: number, e1z: number;
      if (Math.abs(uz) < 0.9) {
        e1x = -uy;
        e1y = ux;
        e1z = 0;
      } else {
        e1x = 0;
        e1y = -uz;
        e1z = uy;
      }
      const e1l = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
      e1x /= e1l;
      e1y /= e1l;
      e1z /= e1l;
      const e2x = uy * e1z - uz * e1y, e2y = uz * e1x - ux * e1z, e2z = ux * e1y - uy * e1x;
      const cl = Math.cos(lam), sl = Math.sin(lam);
      const qx = sx / oa, qy = sy / oa, qz = sz / ob;
      const cosCentre = (qx * ox + qy * oy + qz * oz) / (Math.sqrt(qx * qx + qy * qy + qz * qz) * od);
      const allVisible = Math.acos(cosCentre > 1 ? 1 : cosCentre) + 1.01 * lam < safeAngle;
      if (allVisible) {
        // The circle: centre (eye-relative) and two radius vectors, at the ellipsoid radius of the centre.
        const rr = 1 / Math.sqrt((ux * ux + uy * uy) * ia2 + uz * uz * ib2) + f.liftKm;
        const g = this.circle, rs = rr * sl;
        g[0] = ux * rr * cl - cx;
        g[1] = uy * rr * cl - cy;
        g[2] = uz * rr * cl - cz;
        g[3] = e1x * rs;
        g[4] = e1y * rs;
        g[5] = e1z * rs;
        g[6] = e2x * rs;
        g[7] = e2y * rs;
        g[8] = e2z * rs;
        if (this.fastRing(chords, wn)) continue;
      }
      let anyVisible = false;
      for (let k = 0; k <= chords; k++) {
        const cp = cosT[k]! * sl, sp = sinT[k]! * sl;
        const dx = cl * ux + cp * e1x + sp * e2x;
        const dy = cl * uy + cp * e1y + sp * e2y;
        const dz = cl * uz + cp * e1z + sp * e2z;
        const kk = 1 / Math.sqrt((dx * dx + dy * dy) * ia2 + dz * dz * ib2) + f.liftKm;
        const gx = dx * kk, gy = dy * kk, gz = dz * kk;
        const ax = gx - cx, ay = gy - cy, az = gz - cz;
        rx[k] = ax;
        ry[k] = ay;
        rz[k] = az;
        const h = !allVisible && hiddenByEllipsoid(cx, cy, cz, gx, gy, gz, oa, ob) ? 1 : 0;
        hid[k] = h;
        if (h === 1) continue;
        anyVisible = true;
        // Clip w and pixels (the pixels are used only when w is past the near plane).
        pw[k] = this.toPixels(ax, ay, az);
        px[k] = this.outX;
        py[k] = this.outY;
      }
      if (!anyVisible) continue;
      for (let k = 0; k < chords; k++) {
        const h0 = hid[k]!, h1 = hid[k + 1]!;
        if (h0 === 1 && h1 === 1) continue;
        if (h0 === 0 && h1 === 0 && pw[k]! >= wn && pw[k + 1]! >= wn) {
          this.walk(px[k]!, py[k]!, px[k + 1]!, py[k + 1]!);
          continue;
        }
        // A chord across the limb or the near plane (rare): cut in 3D, then project.
        let ax = rx[k]!, ay = ry[k]!, az = rz[k]!;
        let bx = rx[k + 1]!, by = ry[k + 1]!, bz = rz[k + 1]!;
        if (h0 !== h1) {
          // Bisect for the last visible point along the chord, from its visible end.
          let lo = 0, hi = 1;
          const vx = h0 === 0 ? ax : bx, vy = h0 === 0 ? ay : by, vz = h0 === 0 ? az : bz;
          const wx = h0 === 0 ? bx : ax, wy = h0 === 0 ? by : ay, wz = h0 === 0 ? bz : az;
          for (let it = 0; it < BISECTIONS; it++) {
            const m = (lo + hi) / 2;
            if (hiddenByEllipsoid(cx, cy, cz, vx + m * (wx - vx) + cx, vy + m * (wy - vy) + cy, vz + m * (wz - vz) + cz, oa, ob)) hi = m;
            else lo = m;
          }
          const ex = vx + lo * (wx - vx), ey = vy + lo * (wy - vy), ez = vz + lo * (wz - vz);
          if (h0 === 0) {
            bx = ex;
            by = ey;
            bz = ez;
          } else {
            ax = ex;
            ay = ey;
            az = ez;
          }
        }
        this.segment(wn, ax, ay, az, bx, by, bz);
      }
    }
    const w = this.written;
    if (this.bx1 >= this.bx0) {
      w.x0 = Math.max(0, Math.floor(this.bx0));
      w.y0 = Math.max(0, Math.floor(this.by0));
      w.x1 = Math.min(this.width, Math.floor(this.bx1) + 1);
      w.y1 = Math.min(this.height, Math.floor(this.by1) + 1);
    }
  }

  /**
   * A ring wholly in front of the horizon, drawn as the planar circle it nearly is (`circle`: its
   * points laid at the ellipsoid radius of its centre plus the lift instead of each point's own,
   * which moves them by under 3 km: the flattening across a footprint, 21 km x sin 2 phi x
   * sin 2 lambda / 2), through one homography from the circle's plane to pixels instead of a 3D
   * transform per point. False (nothing drawn) when a point is behind the near plane.
   */
  private fastRing(chords: number, wn: number): boolean {
    const m = this.clipRows, g = this.circle;
    // Homography columns: each radius vector and the centre through the clip rows x, y, w.
    const h1x = m[0]! * g[3]! + m[1]! * g[4]! + m[2]! * g[5]!, h1y = m[4]! * g[3]! + m[5]! * g[4]! + m[6]! * g[5]!, h1w = m[8]! * g[3]! + m[9]! * g[4]! + m[10]! * g[5]!;
    const h2x = m[0]! * g[6]! + m[1]! * g[7]! + m[2]! * g[8]!, h2y = m[4]! * g[6]! + m[5]! * g[7]! + m[6]! * g[8]!, h2w = m[8]! * g[6]! + m[9]! * g[7]! + m[10]! * g[8]!;
    const h3x = m[0]! * g[0]! + m[1]! * g[1]! + m[2]! * g[2]! + m[3]!, h3y = m[4]! * g[0]! + m[5]! * g[1]! + m[6]! * g[2]! + m[7]!, h3w = m[8]! * g[0]! + m[9]! * g[1]! + m[10]! * g[2]! + m[11]!;
    const { px, py, cosT, sinT } = this;
    const halfW = 0.5 * this.width, halfH = 0.5 * this.height;
    for (let k = 0; k <= chords; k++) {
      const c = cosT[k]!, s = sinT[k]!;
      const w = h1w * c + h2w * s + h3w;
      if (!(w >= wn)) return false;
      px[k] = ((h1x * c + h2x * s + h3x) / w + 1) * halfW;
      py[k] = (1 - (h1y * c + h2y * s + h3y) / w) * halfH;
    }
    for (let k = 0; k < chords; k++) this.walk(px[k]!, py[k]!, px[k + 1]!, py[k + 1]!);
    return true;
  }

  /** One Liang-Barsky edge (p t <= q): narrows [t0, t1]; false when nothing is left. */
  private clipEdge(pe: number, qe: number): boolean {
    if (pe === 0) return qe >= 0;
    const t = qe / pe;
    if (pe < 0) {
      if (t > this.t1) return false;
      if (t > this.t0) this.t0 = t;
    } else {
      if (t < this.t0) return false;
      if (t < this.t1) this.t1 = t;
    }
    return true;
  }

  private outX = 0;
  private outY = 0;
  /**
   * Pixels (outX, outY) of an eye-relative point through the clip rows; returns its clip w. The
   * pixels are meaningless when w is not past the near plane.
   */
  private toPixels(ax: number, ay: number, az: number): number {
    const m = this.clipRows;
    const w = m[8]! * ax + m[9]! * ay + m[10]! * az + m[11]!;
    this.outX = ((m[0]! * ax + m[1]! * ay + m[2]! * az + m[3]!) / w + 1) * 0.5 * this.width;
    this.outY = (1 - (m[4]! * ax + m[5]! * ay + m[6]! * az + m[7]!) / w) * 0.5 * this.height;
    return w;
  }

  /** Clips an eye-relative segment to the near plane (clip w is linear along it), and walks it. */
  private segment(wn: number, ax: number, ay: number, az: number, bx: number, by: number, bz: number): void {
    const m = this.clipRows;
    const w0 = m[8]! * ax + m[9]! * ay + m[10]! * az + m[11]!;
    const w1 = m[8]! * bx + m[9]! * by + m[10]! * bz + m[11]!;
    if (!(w0 >= wn) && !(w1 >= wn)) return;
    if (!(w0 >= wn) || !(w1 >= wn)) {
      const t = (wn - w0) / (w1 - w0);
      const nx = ax + t * (bx - ax), ny = ay + t * (by - ay), nz = az + t * (bz - az);
      if (!(w0 >= wn)) {
        ax = nx;
        ay = ny;
        az = nz;
      } else {
        bx = nx;
        by = ny;
        bz = nz;
      }
    }
    this.toPixels(ax, ay, az);
    const x0 = this.outX, y0 = this.outY;
    this.toPixels(bx, by, bz);
    this.walk(x0, y0, this.outX, this.outY);
  }

  /** Clips a pixel-space segment to the raster and adds one to each pixel it steps through. */
  private walk(x0: number, y0: number, x1: number, y1: number): void {
    const W = this.width, H = this.height;
    if (!(x0 >= 0 && x0 < W && x1 >= 0 && x1 < W && y0 >= 0 && y0 < H && y1 >= 0 && y1 < H)) {
      // Liang-Barsky against [0, W) x [0, H).
      if (!(x0 === x0 && y0 === y0 && x1 === x1 && y1 === y1)) return;
      const dx = x1 - x0, dy = y1 - y0;
      this.t0 = 0;
      this.t1 = 1;
      if (!this.clipEdge(-dx, x0) || !this.clipEdge(dx, W - 1e-6 - x0) || !this.clipEdge(-dy, y0) || !this.clipEdge(dy, H - 1e-6 - y0)) return;
      const t0 = this.t0, t1 = this.t1, ox = x0, oy = y0;
      x0 = ox + t0 * dx;
      y0 = oy + t0 * dy;
      x1 = ox + t1 * dx;
      y1 = oy + t1 * dy;
    }
    // DDA, one sample per step at the middle of each step: the shared end of two chords is
    // counted once, so a ring adds exactly one to each pixel it crosses (bar sharp turns).
    const n = Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)));
    if (!(n > 0)) return;
    const sx = (x1 - x0) / n, sy = (y1 - y0) / n;
    let x = x0 + 0.5 * sx, y = y0 + 0.5 * sy;
    const c = this.counts;
    for (let j = 0; j < n; j++) {
      c[(y | 0) * W + (x | 0)]++;
      x += sx;
      y += sy;
    }
    this.pixels += n;
    if (x0 < this.bx0) this.bx0 = x0;
    if (x1 < this.bx0) this.bx0 = x1;
    if (x0 > this.bx1) this.bx1 = x0;
    if (x1 > this.bx1) this.bx1 = x1;
    if (y0 < this.by0) this.by0 = y0;
    if (y1 < this.by0) this.by0 = y1;
    if (y0 > this.by1) this.by1 = y0;
    if (y1 > this.by1) this.by1 = y1;
  }
}
