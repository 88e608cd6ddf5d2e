// Beams brighten toward the satellite, so where several fan out from one ground point the
// serving satellites stand out.
uniform vec3 uColor;
uniform float uOpacity;
varying float vAlong;

void main() {
  gl_FragColor = vec4(uColor, uOpacity * (0.45 + 0.55 * vAlong));
}
