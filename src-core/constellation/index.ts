// Constellation: Walker shells, element-set import (TLE, OMM JSON/XML), SGP4 records, the catalogue.
export * from './types';
export * from './elements';
export * from './walker';
export * from './tle';
export * from './omm';
export * from './catalog';
export * from './presets';
export * from './kvn';
