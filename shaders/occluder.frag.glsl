// Depth only: the material has colorWrite off; the colour is never stored.
void main() {
  gl_FragColor = vec4(0.0);
}
