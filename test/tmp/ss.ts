import { buildCatalog } from '../../src-core/constellation/catalog';
import { defaultScenario } from '../../src-core/scenario/default';
import { searchSatellites } from '../../src-core/constellation/search';
const { catalog } = buildCatalog(defaultScenario());
console.log(catalog.noradIds.slice(0,3), catalog.names.slice(0,3), catalog.shells.map(s=>[s.id,s.name]));
for (const q of ['K1-P1-S1','k1p1s1','K1 P01 S01','K1-P01-S01','kuiper','Kuiper K2','K3','kuiper k1 p1 s1','K1-P1-S','900001','#900002',String(catalog.noradIds[100]),'norad '+catalog.noradIds[5],'p33-s33','xyz','K1-P1-S1x']) {
  const t0 = performance.now();
  const r = searchSatellites(q, catalog, catalog.shells, {limit: 5});
  console.log(q, (performance.now()-t0).toFixed(2)+'ms', r.map(h => h.kind==='shell' ? `[shell ${catalog.shells[h.shellIndex]!.name}]` : `${catalog.names[h.index]}#${catalog.noradIds[h.index]}(${h.score})`).join(' '));
}
