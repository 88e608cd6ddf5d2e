// Laser crosslinks: one line segment per link, all links in one draw call. `position` is
// eye-relative km of the link's endpoint. aLengthKm < 0 marks an inactive link (beyond the
// grazing limit, an end raising its orbit or without a position): both of its vertices are moved
// outside the clip volume so the segment is clipped away.
attribute float aLengthKm;
attribute vec2 aLink; // x: 1 = crosses the Walker seam; y: 0 at endpoint a, 1 at endpoint b
varying float vLengthKm;
varying float vAlongKm;
varying float vSeam;

void main() {
  vLengthKm = aLengthKm;
  vAlongKm = aLink.y * aLengthKm;
  vSeam = aLink.x;
  gl_Position = aLengthKm < 0.0 ? vec4(2.0, 2.0, 2.0, 1.0) : projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
