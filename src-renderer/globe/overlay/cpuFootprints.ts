// Footprint rings rasterised on the CPU, on screen (software WebGL): ringRaster.ts walks the rings
// into a count per pixel (ringRasterJob.ts, in the raster worker or on the main thread); this
// uploads the rows that changed to an R8 texture and places one rectangle over what was written
// (shaders/footprintRaster.*.glsl). Why: see ringRaster.ts.
import { BufferAttribute, BufferGeometry, DataTexture, Mesh, NearestFilter, RedFormat, Sphere, UnsignedByteType, Vector3, type ShaderMaterial, type WebGLRenderer } from 'three';
import { footprintRasterMaterial } from './materials';
import type { PixelRect } from './ringRaster';

export class CpuFootprints {
  /** The rectangle: add it to the overlay's scene. Visible only while it shows a raster. */
  readonly object: Mesh<BufferGeometry, ShaderMaterial>;
  /** The last upload (main-thread ms). */
  readonly timing = { uploadMs: 0 };
  private texture: DataTexture | null = null;
  private size = { width: 0, height: 0 };
  /** Rows [y0, y1) of the texture that may be non-zero on the GPU (written by the last upload). */
  private gpuRows = { y0: 0, y1: 0 };

  constructor() {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0]), 3));
    g.setIndex([0, 1, 2, 2, 1, 3]);
    g.boundingSphere = new Sphere(new Vector3(), Infinity);
    this.object = new Mesh(g, footprintRasterMaterial());
    this.object.renderOrder = -5; // after the occluder, before the satellites (opaque pass)
    this.object.frustumCulled = false;
    this.object.visible = false;
  }

  /**
   * Shows `counts` (width x height ring counts, e.g. walked by the raster worker), which are zero
   * outside `written`, with `opacity` per ring.
   */
  present(renderer: WebGLRenderer, counts: Uint8ClampedArray, width: number, height: number, written: PixelRect, opacity: number): void {
    const t1 = performance.now();
    this.ensureTexture(renderer, width, height);
    const w = written;
    const any = w.x1 > w.x0 && w.y1 > w.y0;
    this.upload(renderer, counts, any ? w.y0 : 0, any ? w.y1 : 0);
    this.timing.uploadMs = performance.now() - t1;
    this.object.visible = any;
    if (!any) return;
    const u = this.object.material.uniforms;
    (u.uRect!.value as Float32Array).set([(2 * w.x0) / width - 1, 1 - (2 * w.y1) / height, (2 * w.x1) / width - 1, 1 - (2 * w.y0) / height]);
    u.uHeight!.value = height;
    u.uOpacity!.value = opacity;
  }

  hide(): void {
    this.object.visible = false;
  }

  dispose(): void {
    this.texture?.dispose();
    this.object.geometry.dispose();
    this.object.material.dispose();
  }

  private ensureTexture(renderer: WebGLRenderer, width: number, height: number): void {
    if (this.texture && this.size.width === width && this.size.height === height) return;
    this.texture?.dispose();
    // Allocated and uploaded whole (zeros) once per size; rows after that, from whichever counts.
    const t = new DataTexture(new Uint8Array(width * height), width, height, RedFormat, UnsignedByteType);
    t.minFilter = t.magFilter = NearestFilter;
    t.generateMipmaps = false;
    t.unpackAlignment = 1;
    t.needsUpdate = true;
    renderer.initTexture(t);
    t.image.data = null as unknown as Uint8Array; // on the GPU now; the zeros are not needed again
    this.texture = t;
    this.size = { width, height };
    this.gpuRows = { y0: 0, y1: 0 };
    this.object.material.uniforms.uCounts!.value = t;
  }

  /**
   * Uploads the rows written now [y0, y1) and those written before and cleared since: at a
   * whole-Earth view under half of the texture. three's texture update ranges assume RGBA texels,
   * so this binds three's texture through three's state cache and calls texSubImage2D itself.
   */
  private upload(renderer: WebGLRenderer, counts: Uint8ClampedArray, y0: number, y1: number): void {
    const g = this.gpuRows;
    const from = Math.min(y1 > y0 ? y0 : Infinity, g.y1 > g.y0 ? g.y0 : Infinity);
    const to = Math.max(y1 > y0 ? y1 : -Infinity, g.y1 > g.y0 ? g.y1 : -Infinity);
    this.gpuRows = { y0, y1 };
    if (!(to > from)) return;
    const tex = this.texture!;
    const gl = renderer.getContext() as WebGL2RenderingContext;
    const handle = (renderer.properties.get(tex) as { __webglTexture?: WebGLTexture }).__webglTexture;
    if (!handle) return;
    renderer.state.activeTexture(gl.TEXTURE0);
    renderer.state.bindTexture(gl.TEXTURE_2D, handle);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    const w = this.size.width;
    const bytes = new Uint8Array(counts.buffer, counts.byteOffset, counts.length);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, from, w, to - from, gl.RED, gl.UNSIGNED_BYTE, bytes, from * w);
  }
}
