// Top bar: the in-page menu (browser only), the app title and the scenario name, which is
// edited in place and committed as an undoable "Rename scenario" command.
import { useEffect, useState } from 'react';
import { getBridge } from '../platform/bridge';
import { renameScenario } from '../state/commands';
import { useApp } from '../state/store';
import { isDirty } from '../state/unsaved';
import { MenuBar } from './MenuBar';

function ScenarioName() {
  const name = useApp((s) => s.scenario.name);
  const dirty = useApp(isDirty);
  const filePath = useApp((s) => s.filePath);
  const fileName = filePath ? (filePath.split(/[\\/]/).pop() ?? filePath) : null;
  const execute = useApp((s) => s.execute);
  const [draft, setDraft] = useState(name);
  // Follow outside changes (undo, redo, open) while the field is not being edited.
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(name);
  }, [name, editing]);

  const commit = () => {
    setEditing(false);
    if (draft.trim() === '') setDraft(name);
    else execute(renameScenario(draft));
  };

  return (
    <div className="scenario-name">
      <input
        aria-label="Scenario name"
        data-testid="scenario-name"
        title={draft}
        value={draft}
        spellCheck={false}
        onFocus={() => setEditing(true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            // Revert, then leave the field; commit() then sees the original name and does nothing.
            const input = e.currentTarget;
            setDraft(name);
            requestAnimationFrame(() => input.blur());
          }
        }}
      />
      <span className="scenario-name__file muted" title={filePath ?? 'Not saved to a file yet'} data-testid="file-name">
        {fileName ?? 'not saved yet'}
      </span>
      {dirty && (
        <span className="scenario-name__dirty" title="Unsaved changes (File › Save)" data-testid="dirty-mark">
          • unsaved
        </span>
      )}
    </div>
  );
}

export function TopBar() {
  const showMenu = !getBridge().hasNativeMenu;
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__logo" aria-hidden="true" />
        <span className="topbar__title">LEO Planner</span>
      </div>
      {showMenu && <MenuBar />}
      <ScenarioName />
      <div className="topbar__spacer" />
    </header>
  );
}
