// Geography from shipped assets (assets/data/, built by `npm run assets:build`): demand
// (population per H3 cell), land cells and land mask, country lookup, nearest city. Pure: the
// JSON is bundled by the importer (Vite, tsx, vitest); no fetch, no file system.
import { demandForResolution } from './demand';
import { landCells } from './land';

export { demandForResolution, DEMAND_BASE_RESOLUTION, DEMAND_SOURCE, type DemandGrid } from './demand';
export { landCells, landCellSet, LAND_MAX_SHIPPED_RESOLUTION, LAND_SOURCE } from './land';
export { countryAt, isLand, listCountries, type CountryInfo } from './countries';
export { nearestCity, cityTable, cityLabel, placeName, regionCode, NEAR_CITY_KM, CITIES_SOURCE, type NearestCity, type CityTable } from './cities';

/** The demand/land source the coverage grid takes (coverage/grid.ts GeoDemandSource). */
export const geoDemandSource = { landCells, demandForResolution } as const;
