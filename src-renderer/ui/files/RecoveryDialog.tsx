// The recovery question at start-up: an earlier session left unsaved work in an autosave.
// Recover loads it (unsaved, under its old name); Discard asks nothing more.
import { useEffect } from 'react';
import { formatAutosaveTime } from '../../../src-core/scenario/autosave';
import { appStore } from '../../state/store';
import { discardRecovery, recoverAutosave } from './autosave';
import { useFiles, type RecoveryOffer } from './filesStore';

const fail = (e: unknown) => appStore.getState().notify('error', e instanceof Error ? e.message : String(e));

function Body({ offer }: { offer: RecoveryOffer }) {
  const { meta } = offer;
  return (
    <>
      <h2>Recover unsaved work?</h2>
      <p id="recovery-text">
        <strong>{meta.name}</strong> {meta.filePath ? <>({meta.filePath})</> : <>(never saved to a file)</>} had changes that were not saved when LEO Planner last closed.
        They were autosaved at <strong data-testid="recovery-time">{formatAutosaveTime(meta.autosavedAtMs)}</strong>.
      </p>
      {offer.fileChangedSince && <p className="muted">The file on disk was changed after this autosave; recovering and saving would replace that change.</p>}
      <p className="muted">Recover opens that work, still unsaved. Discard starts without it (the autosave is set aside until the next autosave).</p>
    </>
  );
}

export function RecoveryDialog() {
  const offer = useFiles((f) => f.recovery);
  useEffect(() => {
    if (!offer) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || appStore.getState().unsavedPrompt) return;
      // Escape is not an answer: losing the work must be a deliberate click.
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [offer]);
  if (!offer) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-label="Recover unsaved work" aria-describedby="recovery-text" data-testid="recovery-dialog">
        <Body offer={offer} />
        <div className="dialog__actions dialog__actions--spread">
          <button type="button" className="btn" onClick={() => discardRecovery(offer).catch(fail)}>
            Discard
          </button>
          <span className="dialog__spacer" />
          <button type="button" className="btn btn--primary" onClick={() => recoverAutosave(offer).catch(fail)} autoFocus>
            Recover
          </button>
        </div>
      </div>
    </div>
  );
}
