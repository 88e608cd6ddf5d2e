// Camera bookmarks: "Bookmark this view" adds the camera's place as an undoable command; each
// bookmark flies there on click and can be renamed or deleted (undoable too). The demo tour
// visits them in this order. A button starts demo mode.
import { useState } from 'react';
import { Math as CesiumMath } from '@cesium/engine';
import { cameraPlace, getLiveViewer, stopCameraInertia } from '../../globe/camera';
import { cartesianFromDegreesKm } from '../../globe/units';
import { addBookmark, deleteBookmark, getBookmarks, nextBookmarkName, renameBookmark, type Bookmark } from '../../state/bookmarkCommands';
import { appStore, useApp } from '../../state/store';
import { formatLatLon } from '../format';
import { enterDemo } from './tour';

const FLY_S = 1.5;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function bookmarkHere(): void {
  const viewer = getLiveViewer();
  const st = appStore.getState();
  if (!viewer) {
    st.notify('error', 'No bookmark added: the globe is not running.');
    return;
  }
  const place = cameraPlace(viewer.camera);
  const b: Bookmark = {
    name: nextBookmarkName(st.scenario),
    latDeg: round(place.latDeg, 4),
    lonDeg: round(place.lonDeg, 4),
    heightKm: Math.max(1, round(place.heightKm, 1)),
    headingDeg: round(CesiumMath.toDegrees(viewer.camera.heading), 2),
    pitchDeg: round(CesiumMath.toDegrees(viewer.camera.pitch), 2),
  };
  st.execute(addBookmark(b));
}

function flyTo(b: Bookmark): void {
  stopCameraInertia();
  getLiveViewer()?.camera.flyTo({
    destination: cartesianFromDegreesKm(b.lonDeg, b.latDeg, b.heightKm),
    orientation: { heading: CesiumMath.toRadians(b.headingDeg), pitch: CesiumMath.toRadians(b.pitchDeg), roll: 0 },
    duration: FLY_S,
  });
}

function Row({ b, index }: { b: Bookmark; index: number }) {
  const execute = useApp((s) => s.execute);
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="bookmarks__row">
        <input
          className="bookmarks__name"
          aria-label={`New name for ${b.name}`}
          defaultValue={b.name}
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              execute(renameBookmark(index, e.currentTarget.value));
              setEditing(false);
            } else if (e.key === 'Escape') setEditing(false);
          }}
          onBlur={(e) => {
            execute(renameBookmark(index, e.currentTarget.value));
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="bookmarks__row">
      <button type="button" className="bookmarks__go" onClick={() => flyTo(b)} title={`${formatLatLon(b.latDeg, b.lonDeg)}, ${Math.round(b.heightKm).toLocaleString('en-US')} km up`}>
        {b.name}
      </button>
      <button type="button" className="btn btn--small" aria-label={`Rename ${b.name}`} onClick={() => setEditing(true)}>
        Rename
      </button>
      <button type="button" className="btn btn--small" aria-label={`Delete ${b.name}`} onClick={() => execute(deleteBookmark(index))}>
        Delete
      </button>
    </li>
  );
}

export function BookmarksPanel() {
  const bookmarks = useApp((s) => getBookmarks(s.scenario));
  return (
    <div className="bookmarks">
      <div className="bookmarks__actions">
        <button type="button" className="btn" onClick={bookmarkHere}>
          Bookmark this view
        </button>
        <button type="button" className="btn" onClick={enterDemo} title="Full screen tour of the bookmarks with large captions (D)">
          Start demo mode
        </button>
      </div>
      {bookmarks.length === 0 ? (
        <p className="muted">No bookmarks yet: the demo tour uses built-in views over the most populated regions.</p>
      ) : (
        <ol className="bookmarks__list" aria-label="Camera bookmarks">
          {bookmarks.map((b, i) => (
            <Row key={`${i}:${b.name}`} b={b} index={i} />
          ))}
        </ol>
      )}
    </div>
  );
}
