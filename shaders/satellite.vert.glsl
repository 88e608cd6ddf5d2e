// Satellites: one point per satellite, a fixed size in pixels at every zoom (readable when the
// whole Earth is in view and when zoomed to one plane). `position` is eye-relative km (written
// per frame in float64 on the CPU, then stored float32); satellites without a position are
// written at the Earth's centre, where the occluder hides them.
attribute vec3 aColor;
attribute float aScale; // 1, or smaller for raising satellites in rollout view
uniform float uSizePx; // diameter in device pixels
varying vec3 vColor;

void main() {
  vColor = aColor;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = uSizePx * aScale;
}
