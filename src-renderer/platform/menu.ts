// The application menu as data: one list of command ids shared by the native Electron menu
// (main process sends the id through the preload's onMenuCommand) and the in-page menu bar
// of the browser fallback. Keep ids stable: the main process uses the same strings.
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.clearRecent',
  'file.save',
  'file.saveAs',
  'file.exportReport',
  // File › Import / Export / Compare / Merge (ui/fileio).
  'file.import.constellation',
  'file.import.sites',
  'file.export.sitesCsv',
  'file.export.sitesGeoJson',
  'file.export.sitesKml',
  'file.export.czml',
  'file.export.hypatia',
  'file.export.reportCsv',
  'file.compare',
  'file.merge',
  'edit.undo',
  'edit.redo',
  'view.quality.auto',
  'view.quality.lean',
  'view.quality.pretty',
  'view.toggle.left',
  'view.toggle.right',
  'view.toggle.bottom',
  'view.demo',
  'help.shortcuts',
  'help.about',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(v: unknown): v is MenuCommand {
  return typeof v === 'string' && (MENU_COMMANDS as readonly string[]).includes(v);
}
