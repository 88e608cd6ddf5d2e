// Each pixel holds how many footprint rings cross it (R8, row 0 at the top of the canvas). The
// output, blended ONE + ONE, adds what `n` rings add under the line path's additive blending
// (three's AdditiveBlending: colour x opacity and opacity each, blendFuncSeparate(SRC_ALPHA, ONE,
// ONE, ONE), shaders/footprint.frag.glsl).
uniform highp sampler2D uCounts;
uniform float uHeight;
uniform vec3 uColor;
uniform float uOpacity;

void main() {
  float n = texelFetch(uCounts, ivec2(int(gl_FragCoord.x), int(uHeight - gl_FragCoord.y)), 0).r * 255.0;
  if (n < 0.5) discard;
  gl_FragColor = vec4(uColor * (uOpacity * n), uOpacity * n);
}
