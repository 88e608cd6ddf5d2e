// Orbit: bulk SGP4 propagation of a catalogue.
export * from './propagator';
