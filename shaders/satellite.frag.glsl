// Round sprite with a darker rim, so a satellite stays visible over bright land and cloudless
// ice as well as over the dark ocean.
varying vec3 vColor;

void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(c, c);
  if (r2 > 1.0) discard;
  float rim = smoothstep(0.45, 1.0, r2);
  gl_FragColor = vec4(vColor * (1.0 - 0.45 * rim), 1.0);
}
