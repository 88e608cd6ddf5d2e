// Ready-made Walker shells: the Kuiper FCC authorisation (3,236 satellites, DOMAIN.md) and a
// Starlink-Gen2-like ~30,000-satellite set used to check the engine does not fall over at scale.
import type { WalkerShell } from '../scenario/schema';

const shell = (id: string, name: string, altitudeKm: number, inclinationDeg: number, planes: number, satsPerPlane: number, phasingF = 1): WalkerShell => ({
  id, name, altitudeKm, inclinationDeg, planes, satsPerPlane, phasingF,
  raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational', islEnabled: true,
});

/** Kuiper K1/K2/K3 (34x34 at 630 km 51.9 deg, 36x36 at 610 km 42 deg, 28x28 at 590 km 33 deg): 3,236 satellites. */
export function kuiperShells(): WalkerShell[] {
  return [
    shell('K1', 'Kuiper K1', 630, 51.9, 34, 34),
    shell('K2', 'Kuiper K2', 610, 42.0, 36, 36),
    shell('K3', 'Kuiper K3', 590, 33.0, 28, 28),
  ];
}

/**
 * Starlink-Gen2-like filing, 29,988 satellites in nine shells (340-614 km, 33-148 deg). For
 * benchmarks and scale tests, not a claim about SpaceX's exact geometry.
 */
export function synthetic30kShells(): WalkerShell[] {
  return [
    shell('G1', 'Gen2 340 km 53 deg', 340, 53, 48, 110),
    shell('G2', 'Gen2 345 km 46 deg', 345, 46, 48, 110),
    shell('G3', 'Gen2 350 km 38 deg', 350, 38, 48, 110),
    shell('G4', 'Gen2 360 km 96.9 deg', 360, 96.9, 30, 120),
    shell('G5', 'Gen2 525 km 53 deg', 525, 53, 28, 120),
    shell('G6', 'Gen2 530 km 43 deg', 530, 43, 28, 120),
    shell('G7', 'Gen2 535 km 33 deg', 535, 33, 28, 120),
    shell('G8', 'Gen2 604 km 148 deg', 604, 148, 12, 12),
    shell('G9', 'Gen2 614 km 115.7 deg', 614, 115.7, 18, 18),
  ];
}
