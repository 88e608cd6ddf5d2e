// Coverage footprints: one ring of uChords chords per satellite, where a user terminal sees the
// satellite at exactly the elevation mask. Drawn as plain GL_LINES without instancing or vertex
// attributes (software WebGL, SwiftShader, runs every instance of an instanced draw as a draw of
// its own): vertex v is end (v mod 2) of chord (v / 2) mod uChords of ring v / (2 uChords), and
// the ring's satellite (eye-relative km, packed by overlay/culling.ts after horizon and frustum
// culling) is texel `ring` of the uSatRel float texture, uSatRelWidth texels per row.
// Half-angle as src-core/frames/spherical.ts coverageHalfAngleRad, from the satellite's current
// geocentric radius:
//   lambda = acos(R cos(eps) / r) - eps      (R = mean Earth radius)
// The ring is then laid on the WGS84 ellipsoid (plus a small lift above the occluder).
// Precision: the satellite's absolute position is rebuilt here as eye-relative + camera in float32
// (~1 m error), invisible except at street-level zoom; rings are faint outlines.
uniform highp sampler2D uSatRel;
uniform int uSatRelWidth;
uniform int uChords;
uniform vec3 uCameraKm;   // camera ECEF km
uniform float uMinElevRad;
uniform float uMeanRadiusKm;
uniform vec3 uEllipsoidKm; // (a, b, lift)

void main() {
  int v = gl_VertexID;
  int ring = v / (2 * uChords);
  int k = (v / 2) - ring * uChords + (v - 2 * (v / 2)); // chord index + end (k = uChords closes the ring)
  float phi = 6.283185307179586 * float(k) / float(uChords);
  vec3 sat = texelFetch(uSatRel, ivec2(ring - uSatRelWidth * (ring / uSatRelWidth), ring / uSatRelWidth), 0).xyz + uCameraKm;
  float r = length(sat);
  if (!(r > uMeanRadiusKm + 1.0)) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // no position: clip away
    return;
  }
  vec3 u = sat / r;
  float lambda = acos(clamp(uMeanRadiusKm * cos(uMinElevRad) / r, -1.0, 1.0)) - uMinElevRad;
  vec3 ref = abs(u.z) < 0.9 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
  vec3 e1 = normalize(cross(ref, u));
  vec3 e2 = cross(u, e1);
  vec3 dir = cos(lambda) * u + sin(lambda) * (cos(phi) * e1 + sin(phi) * e2);
  float a = uEllipsoidKm.x;
  float b = uEllipsoidKm.y;
  float kk = inversesqrt((dir.x * dir.x + dir.y * dir.y) / (a * a) + (dir.z * dir.z) / (b * b));
  vec3 ground = dir * (kk + uEllipsoidKm.z);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(ground - uCameraKm, 1.0);
}
