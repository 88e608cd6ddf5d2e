// Feeder and user beams: ground point -> satellite line segments. `position` is eye-relative km;
// aAlong is 0 at the ground end and 1 at the satellite, for the fade.
attribute float aAlong;
varying float vAlong;

void main() {
  vAlong = aAlong;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
