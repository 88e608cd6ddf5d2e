// Depth-only Earth occluder (three.js ShaderMaterial body: three prepends the precision line,
// the matrices and the `position` attribute): the part of a WGS84-shaped ellipsoid a few km under
// the surface that the camera can see, drawn first with colour writes off, so satellites, links
// and beams behind the Earth fail the depth test per fragment (a link half behind the limb is cut
// exactly at the limb).
// Only the visible cap is meshed, centred under the camera, with its outer ring exactly on the
// silhouette: in coordinates scaled by (a, a, b) the ellipsoid is the unit sphere, whose horizon
// seen from the scaled camera c' is the circle at angle acos(1 / |c'|) from c'; scaling maps
// tangent lines to tangent lines, so that ring is the ellipsoid's exact limb. `position`.x is the
// azimuth as a fraction of a turn, .y the ring (0 = under the camera, 1 = the limb); rings crowd
// toward the limb, where the surface is seen edge-on. ~1,500 triangles instead of a 16k-triangle
// sphere (software WebGL pays per triangle).
uniform vec3 uCameraKm;  // camera ECEF km
uniform vec2 uRadiiKm;   // occluder (a, b)

void main() {
  vec3 scale = vec3(uRadiiKm.x, uRadiiKm.x, uRadiiKm.y);
  vec3 c = uCameraKm / scale;
  float d = length(c);
  vec3 n = c / d;
  float horizon = acos(min(1.0, 1.0 / d));
  float theta = horizon * sin(1.5707963267948966 * position.y);
  float phi = 6.283185307179586 * position.x;
  vec3 ref = abs(n.z) < 0.9 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
  vec3 e1 = normalize(cross(ref, n));
  vec3 e2 = cross(n, e1);
  vec3 p = (cos(theta) * n + sin(theta) * (cos(phi) * e1 + sin(phi) * e2)) * scale;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p - uCameraKm, 1.0);
}
