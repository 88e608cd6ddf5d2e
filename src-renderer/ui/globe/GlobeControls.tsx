// Buttons on the globe itself: the home view (also the H key, ui/actions.ts).
import { goHome } from '../../globe/camera';
import { formatCombo } from '../actions';

export function GlobeControls() {
  return (
    <div className="globe-controls" role="toolbar" aria-label="Globe view" data-globe-hud>
      <button type="button" className="globe-controls__btn" onClick={() => goHome()} aria-label="Home view" title={`Home view: back to the start-up view (${formatCombo('H')})`} aria-keyshortcuts="H" data-testid="home-view">
        ⌂
      </button>
    </div>
  );
}
