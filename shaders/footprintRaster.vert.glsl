// Footprints rasterised on the CPU (overlay/ringRaster.ts, lean quality): one rectangle over the
// pixels the raster wrote. position.xy in [0, 1] picks a corner of uRect (NDC x0, y0, x1, y1).
uniform vec4 uRect;

void main() {
  gl_Position = vec4(mix(uRect.xy, uRect.zw, position.xy), 0.0, 1.0);
}
