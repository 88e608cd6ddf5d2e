import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommandType, QualityMode } from '../../../src-main/preload/api';
import { buildMenuTemplate, findMenuItem, type MenuTemplateState } from '../../../src-main/main/menu-template';

const base: MenuTemplateState = { quality: 'auto', canUndo: true, canRedo: true, isDev: false, isMac: false, appName: 'LEO Planner' };

function build(state: Partial<MenuTemplateState> = {}) {
  const sent: [MenuCommandType, { quality: QualityMode } | { path: string } | undefined][] = [];
  let about = 0;
  const template = buildMenuTemplate({ ...base, ...state }, { send: (e, p) => sent.push([e, p]), showAbout: () => about++ });
  const click = (id: string) => {
    const item = findMenuItem(template, id);
    if (!item?.click) throw new Error(`no clickable item ${id}`);
    (item.click as () => void)();
  };
  return { template, sent, click, about: () => about };
}

const labels = (t: MenuItemConstructorOptions[]) => t.map((i) => i.label?.replace('&', ''));

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help (with the macOS app menu and Window menu on macOS)', () => {
    expect(labels(build().template)).toEqual(['File', 'Edit', 'View', 'Help']);
    const mac = build({ isMac: true }).template;
    expect(labels(mac)).toEqual(['LEO Planner', 'File', 'Edit', 'View', undefined, 'Help']);
    expect(mac[4]!.role).toBe('windowMenu');
  });

  it('sends named events for the scenario commands', () => {
    const m = build();
    for (const id of ['file-new', 'file-open', 'file-save', 'file-save-as', 'edit-undo', 'edit-redo', 'help-docs']) m.click(id);
    expect(m.sent.map(([e]) => e)).toEqual(['menu:new', 'menu:open', 'menu:save', 'menu:save-as', 'menu:undo', 'menu:redo', 'menu:documentation']);
    expect(findMenuItem(m.template, 'edit-undo')!.accelerator).toBe('CmdOrCtrl+Z');
  });

  it('mirrors canUndo/canRedo', () => {
    const t = build({ canUndo: false, canRedo: true }).template;
    expect(findMenuItem(t, 'edit-undo')!.enabled).toBe(false);
    expect(findMenuItem(t, 'edit-redo')!.enabled).toBe(true);
  });

  it('uses roles for clipboard, zoom, full screen, DevTools and quit', () => {
    const t = build().template;
    const role = (id: string) => findMenuItem(t, id)!.role;
    expect(['edit-cut', 'edit-copy', 'edit-paste', 'edit-select-all'].map(role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(['view-devtools', 'view-zoom-reset', 'view-zoom-in', 'view-zoom-out', 'view-fullscreen', 'file-quit'].map(role)).toEqual(['toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit']);
  });

  it('shows Reload only in development', () => {
    expect(findMenuItem(build().template, 'view-reload')).toBeUndefined();
    expect(findMenuItem(build({ isDev: true }).template, 'view-reload')!.role).toBe('reload');
  });

  it('File > Export > Report (PDF)… sends menu:export-report', () => {
    const m = build();
    expect(findMenuItem(m.template, 'file-export')!.enabled).not.toBe(false);
    m.click('export-report');
    expect(m.sent).toEqual([['menu:export-report', undefined]]);
  });

  it('has Import, Export, Compare and Merge enabled, each item sending its own event', () => {
    const m = build();
    const items: [string, string][] = [
      ['import-tle', 'menu:import-constellation'],
      ['import-gateways', 'menu:import-sites'],
      ['export-sites-csv', 'menu:export-sites-csv'],
      ['export-sites-geojson', 'menu:export-sites-geojson'],
      ['export-sites-kml', 'menu:export-sites-kml'],
      ['export-czml', 'menu:export-czml'],
      ['export-hypatia', 'menu:export-hypatia'],
      ['export-report-csv', 'menu:export-report-csv'],
      ['file-compare', 'menu:compare'],
      ['file-merge', 'menu:merge'],
    ];
    for (const id of ['file-import', 'file-export']) expect(findMenuItem(m.template, id)!.enabled).not.toBe(false);
    for (const [id] of items) {
      expect(findMenuItem(m.template, id)!.enabled, id).not.toBe(false);
      m.click(id);
    }
    expect(m.sent.map(([e]) => e)).toEqual(items.map(([, e]) => e));
  });

  it('has a Quality radio group reflecting the state and sending menu:quality', () => {
    const m = build({ quality: 'lean' });
    const group = findMenuItem(m.template, 'view-quality')!.submenu as MenuItemConstructorOptions[];
    expect(group.map((i) => [i.id, i.type, i.checked])).toEqual([
      ['quality-auto', 'radio', false],
      ['quality-pretty', 'radio', false],
      ['quality-lean', 'radio', true],
    ]);
    m.click('quality-pretty');
    expect(m.sent).toEqual([['menu:quality', { quality: 'pretty' }]]);
  });

  it('shows About through the injected action', () => {
    const m = build();
    m.click('help-about');
    expect(m.about()).toBe(1);
    expect(findMenuItem(m.template, 'help-about')!.label).toBe('&About LEO Planner');
  });

  it('lists Open Recent newest first, sends the path, and offers Clear Recent only with entries', () => {
    const empty = build();
    const none = findMenuItem(empty.template, 'file-open-recent')!.submenu as MenuItemConstructorOptions[];
    expect(none.map((i) => i.label ?? i.type)).toEqual(['No recent files', 'separator', '&Clear Recent']);
    expect(findMenuItem(empty.template, 'recent-clear')!.enabled).toBe(false);

    const recent = [
      { key: '/plans/a&b.leo.json', name: 'a&b.leo.json', openedAtMs: 2 },
      { key: '/plans/old.leo.json', name: 'old.leo.json', openedAtMs: 1 },
    ];
    const m = build({ recent });
    expect(findMenuItem(m.template, 'recent-0')!.label).toBe('&1  a&&b.leo.json');
    expect(findMenuItem(m.template, 'recent-1')!.toolTip).toBe('/plans/old.leo.json');
    m.click('recent-1');
    m.click('recent-clear');
    expect(m.sent).toEqual([
      ['menu:open-recent', { path: '/plans/old.leo.json' }],
      ['menu:clear-recent', undefined],
    ]);
  });
});
