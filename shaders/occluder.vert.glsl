// Depth-only Earth occluder (three.js ShaderMaterial body: three prepends the precision line,
// the matrices and the `position` attribute). A WGS84-shaped ellipsoid a few km under the
// surface, drawn first with colour writes off, so satellites, links and beams behind the Earth
// fail the depth test per fragment (a link half behind the limb is cut exactly at the limb).
void main() {
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
