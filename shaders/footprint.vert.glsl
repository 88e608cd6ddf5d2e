// Coverage footprints: one ring per satellite (instanced: the template is a unit circle of line
// segments, `position`.xy = (cos phi, sin phi)), where a user terminal sees the satellite at
// exactly the elevation mask. Half-angle as src-core/frames/spherical.ts coverageHalfAngleRad,
// from the satellite's current geocentric radius:
//   lambda = acos(R cos(eps) / r) - eps      (R = mean Earth radius)
// The ring is then laid on the WGS84 ellipsoid (plus a small lift above the occluder).
// Precision: the satellite's absolute position is rebuilt here as eye-relative + camera in float32
// (~1 m error), invisible except at street-level zoom; rings are faint outlines.
attribute vec3 aSatRel;   // per instance: satellite position, eye-relative km
uniform vec3 uCameraKm;   // camera ECEF km
uniform float uMinElevRad;
uniform float uMeanRadiusKm;
uniform vec3 uEllipsoidKm; // (a, b, lift)

void main() {
  vec3 sat = aSatRel + uCameraKm;
  float r = length(sat);
  if (!(r > uMeanRadiusKm + 1.0)) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // no position (written at the Earth's centre): clip away
    return;
  }
  vec3 u = sat / r;
  float lambda = acos(clamp(uMeanRadiusKm * cos(uMinElevRad) / r, -1.0, 1.0)) - uMinElevRad;
  vec3 ref = abs(u.z) < 0.9 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
  vec3 e1 = normalize(cross(ref, u));
  vec3 e2 = cross(u, e1);
  vec3 dir = cos(lambda) * u + sin(lambda) * (position.x * e1 + position.y * e2);
  float a = uEllipsoidKm.x;
  float b = uEllipsoidKm.y;
  float k = inversesqrt((dir.x * dir.x + dir.y * dir.y) / (a * a) + (dir.z * dir.z) / (b * b));
  vec3 ground = dir * (k + uEllipsoidKm.z);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(ground - uCameraKm, 1.0);
}
