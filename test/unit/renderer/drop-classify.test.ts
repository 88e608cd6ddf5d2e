import { describe, expect, it } from 'vitest';
import { classifyDroppedFile } from '../../../src-renderer/ui/files/classify';

const TLE = 'ISS (ZARYA)\n1 25544U 98067A   24001.50000000  .00016717  00000-0  10270-3 0  9005\n2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.49815304 12345\n';

describe('classifyDroppedFile', () => {
  it('opens scenarios, by structure or name, whole or cut off', () => {
    expect(classifyDroppedFile('walker.leo.json', '{"name":"x","formatVersion":2}')).toBe('scenario');
    expect(classifyDroppedFile('plan.json', '{"constellation":{},"formatVersion":2}')).toBe('scenario');
    expect(classifyDroppedFile('big.leo.json', '{"name":"x","constellation":{"shells":[{"id":"K1",')).toBe('scenario');
    // Any other JSON object is offered to Open, which names what is wrong with it.
    expect(classifyDroppedFile('notes.json', '{"hello": 1}')).toBe('scenario');
  });

  it('sends element sets and sites to File › Import', () => {
    expect(classifyDroppedFile('stations.txt', TLE)).toBe('element-sets');
    expect(classifyDroppedFile('kuiper', TLE)).toBe('element-sets');
    expect(classifyDroppedFile('gp.json', '[{"OBJECT_NAME":"X","NORAD_CAT_ID":1,"MEAN_MOTION":15}]')).toBe('element-sets');
    expect(classifyDroppedFile('gp.xml', '<?xml version="1.0"?><ndm><omm>')).toBe('element-sets');
    expect(classifyDroppedFile('gp.kvn', 'CCSDS_OMM_VERS = 2.0\nOBJECT_NAME = X\n')).toBe('element-sets');
    expect(classifyDroppedFile('gateways.csv', 'name,lat,lon\n')).toBe('sites');
    expect(classifyDroppedFile('pops.kml', '<kml>')).toBe('sites');
    expect(classifyDroppedFile('sites.json', '{"type": "FeatureCollection", "features": []}')).toBe('sites');
  });

  it('refuses anything else', () => {
    expect(classifyDroppedFile('photo.png', '\u0089PNG\r\n\u001a\n')).toBe('unknown');
    expect(classifyDroppedFile('empty.leo.json', '   ')).toBe('unknown');
    expect(classifyDroppedFile('list.json', '[1, 2, 3]')).toBe('unknown');
  });
});
