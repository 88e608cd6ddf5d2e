// Demo mode's installation: the bookmarks panel (Scenario tab) and the window.__leo.demo hooks.
import { registerPanel } from '../panels/registry';
import { BookmarksPanel } from './BookmarksPanel';
import { installDemoHooks } from './demoStore';

export function installDemo(): void {
  registerPanel({ id: 'bookmarks', area: 'left', tab: 'scenario', title: 'Bookmarks & demo', component: BookmarksPanel, order: 60 });
  installDemoHooks();
}

export { DemoMode } from './DemoMode';
