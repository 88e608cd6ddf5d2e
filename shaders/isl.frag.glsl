// Link colour from the vertex shader (length or load ramp). Seam links are dashed by distance
// along the link (km, so the dash does not crawl as the camera zooms); in length mode they also
// take their own colour, in load mode they keep the load colour so the busy ones still show.
uniform vec3 uSeamColor;
uniform float uDashKm;
uniform float uOpacity;
uniform float uLoadMode;
varying vec3 vColor;
varying float vAlpha;
varying float vAlongKm;
varying float vSeam;

void main() {
  if (vSeam > 0.5) {
    if (fract(vAlongKm / uDashKm) > 0.5) discard;
    gl_FragColor = uLoadMode > 0.5 ? vec4(vColor, min(1.0, (uOpacity + 0.3) * vAlpha)) : vec4(uSeamColor, min(1.0, uOpacity + 0.3));
    return;
  }
  gl_FragColor = vec4(vColor, uOpacity * vAlpha);
}
