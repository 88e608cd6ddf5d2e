// The satellite catalogue: every satellite of a scenario in one struct of arrays, index i is the
// same satellite everywhere (positions, links, routing). Built once per constellation edit.
import type { SatelliteStatus } from '../scenario/schema';

export const STATUS_CODES: Record<SatelliteStatus, number> = { planned: 0, raising: 1, operational: 2 };
export const STATUS_NAMES: readonly SatelliteStatus[] = ['planned', 'raising', 'operational'];

export interface ShellInfo {
  id: string;
  name: string;
  /** Nominal altitude (km); for imported element sets, the mean altitude of the group. */
  altitudeKm: number;
  inclinationDeg: number;
  /** Walker geometry; 0 when the shell comes from imported element sets without a grid. */
  planes: number;
  satsPerPlane: number;
  islEnabled: boolean;
  /** Walker phasing F and RAAN spread, where known (inferred shells of imported sets carry them). */
  phasingF?: number;
  raanSpreadDeg?: number;
  /** 'walker' shells are planned; 'imported' shells come from element sets (with an inferred grid when planes > 0). */
  kind: 'walker' | 'imported';
}

export interface SatelliteCatalog {
  count: number;
  shells: ShellInfo[];
  /** Index into `shells`, per satellite. */
  shellIndex: Int32Array;
  /** Plane number within the shell (0-based), -1 if unknown. */
  plane: Int32Array;
  /** Slot within the plane (0-based), -1 if unknown. */
  slot: Int32Array;
  /** STATUS_CODES value per satellite. */
  status: Uint8Array;
  /** Display names, e.g. "K1-P03-S12" or the TLE name. */
  names: string[];
  /** NORAD catalogue numbers (synthetic 9xxxxx for planned Walker satellites). */
  noradIds: Int32Array;
}
