// Link colour by length through a 5-stop ramp (palette.ts LINK_RAMP, also used by the legend);
// seam links in their own colour, dashed by distance along the link (km, so the dash does not
// crawl as the camera zooms).
uniform vec3 uRampColor[5];
uniform float uRampKm[5];
uniform vec3 uSeamColor;
uniform float uDashKm;
uniform float uOpacity;
varying float vLengthKm;
varying float vAlongKm;
varying float vSeam;

vec3 ramp(float km) {
  vec3 c = uRampColor[0];
  for (int i = 1; i < 5; i++) {
    float t = clamp((km - uRampKm[i - 1]) / (uRampKm[i] - uRampKm[i - 1]), 0.0, 1.0);
    c = km > uRampKm[i - 1] ? mix(uRampColor[i - 1], uRampColor[i], t) : c;
  }
  return c;
}

void main() {
  if (vSeam > 0.5) {
    if (fract(vAlongKm / uDashKm) > 0.5) discard;
    gl_FragColor = vec4(uSeamColor, min(1.0, uOpacity + 0.3));
    return;
  }
  gl_FragColor = vec4(ramp(vLengthKm), uOpacity);
}
