// The application shell: top bar, left panels, globe, right inspector, bottom timeline and the
// status bar. Areas hold whatever panels are registered for them (ui/panels/registry.ts).
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { GlobeView } from './globe/GlobeView';
import { getBridge } from './platform/bridge';
import { installPlatformSync } from './platform/sync';
import { useApp, appStore } from './state/store';
import { fromMenu, installCloseGuard, installShortcuts } from './ui/actions';
import { DemoMode } from './ui/demo';
import { IoDialogs } from './ui/fileio/IoDialogs';
import { useDemo } from './ui/demo/demoStore';
import { GlobeControls } from './ui/globe/GlobeControls';
import { Dialogs, NoticeToast } from './ui/Overlays';
import { installAutosave } from './ui/files/autosave';
import { installFileDrop, setDropImportHandler } from './ui/files/drop';
import { importDroppedFile } from './ui/fileio/ioActions';
import { refreshRecent } from './ui/files/filesStore';
import { RecoveryDialog } from './ui/files/RecoveryDialog';
import { openRecentFile } from './ui/actions';
import { PanelArea } from './ui/panels/PanelArea';
import { RolloutBar } from './ui/rollout';
import { GlobeContextMenu } from './ui/search/GlobeContextMenu';
import { GlobeSearch } from './ui/search/GlobeSearch';
import { usePanels } from './ui/panels/registry';
import { StatusBar } from './ui/StatusBar';
import { TopBar } from './ui/TopBar';

/** Advances simulation time while playing, one step per animation frame. */
function useClockDriver(): void {
  const playing = useApp((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let raf = requestAnimationFrame(function step(now) {
      appStore.getState().tick(now - last);
      last = now;
      raf = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(raf);
  }, [playing]);
}

export function App() {
  const visible = useApp(useShallow((s) => s.panels));
  const left = usePanels('left').length > 0 && visible.left;
  const right = usePanels('right').length > 0 && visible.right;
  const bottom = usePanels('bottom').length > 0 && visible.bottom;
  const demo = useDemo((d) => d.active);

  useEffect(() => installShortcuts(), []);
  useEffect(() => getBridge().onMenuCommand(fromMenu), []);
  useEffect(() => installPlatformSync(), []);
  useEffect(() => installCloseGuard(), []);
  useEffect(() => installAutosave(), []);
  useEffect(() => {
    setDropImportHandler(importDroppedFile);
    const uninstall = installFileDrop();
    return () => {
      uninstall();
      setDropImportHandler(null);
    };
  }, []);
  useEffect(() => getBridge().onOpenRecent((key) => void openRecentFile(key)), []);
  useEffect(() => void refreshRecent(), []);
  useClockDriver();

  const cls = ['shell', left ? 'has-left' : '', right ? 'has-right' : '', bottom ? 'has-bottom' : '', demo ? 'is-demo' : ''].filter(Boolean).join(' ');
  return (
    <div className={cls}>
      <TopBar />
      {left && (
        <aside className="slot slot--left" aria-label="Left panels">
          <PanelArea area="left" />
        </aside>
      )}
      <main className="slot slot--globe" aria-label="Globe">
        <GlobeView />
        <GlobeSearch />
        <GlobeContextMenu />
        <GlobeControls />
        <RolloutBar />
        <DemoMode />
        <NoticeToast />
      </main>
      {right && (
        <aside className="slot slot--right" aria-label="Right panels">
          <PanelArea area="right" />
        </aside>
      )}
      {bottom && (
        <section className="slot slot--bottom" aria-label="Bottom panels">
          <PanelArea area="bottom" />
        </section>
      )}
      <StatusBar />
      <RecoveryDialog />
      <Dialogs />
      <IoDialogs />
    </div>
  );
}
