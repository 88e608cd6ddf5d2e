// Laser crosslinks: one line segment per link, all links in one draw call. `position` is
// eye-relative km of the link's endpoint. aLengthKm < 0 marks a link not to draw (inactive:
// beyond the grazing limit, an end raising its orbit or without a position; or entirely behind the
// Earth this frame): both of its vertices are moved outside the clip volume so the segment is
// clipped away before rasterisation.
// Colour (per link, so it runs here, twice per link, not once per fragment):
// - by length through a 5-stop ramp (palette.ts LINK_RAMP, also used by the legend);
// - by routed load (uLoadMode = 1): sqrt(load / uMaxLoad) through palette.ts LOAD_RAMP (the
//   legend's gradient), links carrying nothing dim;
// - by capacity utilisation (uLoadMode = 2, the Capacity layer): aLoad is Gbps / laser Gbps
//   (0..1) through ui/capacity/palette.ts UTILISATION_STOPS (uUtilColor / uUtilAt), idle links dim.
attribute float aLengthKm;
attribute float aLoad;
attribute vec2 aLink; // x: 1 = crosses the Walker seam; y: 0 at endpoint a, 1 at endpoint b
uniform vec3 uRampColor[5];
uniform float uRampKm[5];
uniform float uLoadMode;
uniform float uMaxLoad;
uniform vec3 uLoadColor[5];
uniform vec3 uUtilColor[4];
uniform float uUtilAt[4];
uniform vec3 uUnloadedColor;
uniform float uUnloadedAlpha;
varying vec3 vColor;
varying float vAlpha;
varying float vAlongKm;
varying float vSeam;

vec3 lengthRamp(float km) {
  vec3 c = uRampColor[0];
  for (int i = 1; i < 5; i++) {
    float t = clamp((km - uRampKm[i - 1]) / (uRampKm[i] - uRampKm[i - 1]), 0.0, 1.0);
    c = km > uRampKm[i - 1] ? mix(uRampColor[i - 1], uRampColor[i], t) : c;
  }
  return c;
}

vec3 loadRamp(float x) { // x in [0, 4]
  vec3 c = uLoadColor[0];
  for (int i = 1; i < 5; i++) c = x > float(i - 1) ? mix(uLoadColor[i - 1], uLoadColor[i], clamp(x - float(i - 1), 0.0, 1.0)) : c;
  return c;
}

vec3 utilRamp(float u) { // u in [0, 1]
  vec3 c = uUtilColor[0];
  for (int i = 1; i < 4; i++) {
    float t = clamp((u - uUtilAt[i - 1]) / max(1e-6, uUtilAt[i] - uUtilAt[i - 1]), 0.0, 1.0);
    c = u > uUtilAt[i - 1] ? mix(uUtilColor[i - 1], uUtilColor[i], t) : c;
  }
  return c;
}

void main() {
  vAlpha = 1.0;
  if (uLoadMode > 1.5) {
    if (aLoad > 0.0) {
      vColor = utilRamp(min(1.0, aLoad));
    } else {
      vColor = uUnloadedColor;
      vAlpha = uUnloadedAlpha;
    }
  } else if (uLoadMode > 0.5) {
    if (aLoad > 0.0 && uMaxLoad > 0.0) {
      vColor = loadRamp(4.0 * sqrt(min(1.0, aLoad / uMaxLoad)));
    } else {
      vColor = uUnloadedColor;
      vAlpha = uUnloadedAlpha;
    }
  } else {
    vColor = lengthRamp(aLengthKm);
  }
  vAlongKm = aLink.y * aLengthKm;
  vSeam = aLink.x;
  gl_Position = aLengthKm < 0.0 ? vec4(2.0, 2.0, 2.0, 1.0) : projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
