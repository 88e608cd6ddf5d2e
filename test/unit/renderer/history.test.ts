// The scenario slice's command stack: execute/undo/redo, revisions, coalescing, no-op commands.
import { beforeEach, describe, expect, it } from 'vitest';
import { renameScenario, setScenarioNotes, updateGateway, type Command } from '../../../src-renderer/state/commands';
import { builtinScenario } from '../../../src-renderer/state/builtinScenario';
import { appStore } from '../../../src-renderer/state/store';

const s = () => appStore.getState();

beforeEach(() => {
  s().loadScenario(builtinScenario(), null);
});

describe('command stack', () => {
  it('executes, undoes and redoes a rename, moving the revision each time', () => {
    const original = s().scenario;
    const rev = s().revision;
    s().execute(renameScenario('Polar study'));
    expect(s().scenario.name).toBe('Polar study');
    expect(s()).toMatchObject({ revision: rev + 1, canUndo: true, canRedo: false });
    s().undo();
    expect(s().scenario).toBe(original);
    expect(s()).toMatchObject({ revision: rev + 2, canUndo: false, canRedo: true });
    s().redo();
    expect(s().scenario.name).toBe('Polar study');
    expect(s()).toMatchObject({ revision: rev + 3, canUndo: true, canRedo: false });
  });

  it('records nothing for a command that changes nothing', () => {
    const rev = s().revision;
    s().execute(renameScenario(s().scenario.name));
    s().execute(renameScenario('   '));
    expect(s().revision).toBe(rev);
    expect(s().past).toHaveLength(0);
  });

  it('a new command clears the redo stack', () => {
    s().execute(renameScenario('A'));
    s().undo();
    expect(s().canRedo).toBe(true);
    s().execute(renameScenario('B'));
    expect(s().canRedo).toBe(false);
    expect(s().future).toHaveLength(0);
  });

  it('merges consecutive commands with the same coalesce key into one step', () => {
    const before = s().scenario;
    s().execute(setScenarioNotes('a'));
    s().execute(setScenarioNotes('ab'));
    s().execute(setScenarioNotes('abc'));
    expect(s().past).toHaveLength(1);
    expect(s().scenario.notes).toBe('abc');
    s().undo();
    expect(s().scenario).toBe(before);
  });

  it('does not mutate the previous scenario and shares untouched parts', () => {
    const before = s().scenario;
    const id = before.gateways[0]!.id;
    s().execute(updateGateway(id, { latDeg: 10 }));
    expect(before.gateways[0]!.latDeg).not.toBe(10);
    expect(s().scenario.gateways[0]!.latDeg).toBe(10);
    expect(s().scenario.pops).toBe(before.pops);
  });

  it('loading a scenario clears the history and marks it saved', () => {
    s().execute(renameScenario('X'));
    const loaded = { ...builtinScenario(), name: 'Loaded' };
    s().loadScenario(loaded, 'loaded.json');
    expect(s()).toMatchObject({ canUndo: false, canRedo: false, filePath: 'loaded.json' });
    expect(s().scenario).toBe(s().savedScenario);
  });

  it('ignores a command that throws, leaving state as it was', () => {
    const bad: Command = { label: 'Bad', patches: () => { throw new Error('boom'); } };
    const rev = s().revision;
    expect(() => s().execute(bad)).toThrow('boom');
    expect(s().revision).toBe(rev);
  });
});

describe('selection follows the scenario', () => {
  it('undoing the add of a selected gateway clears the selection; a multi-select keeps the survivors', async () => {
    const { appStore } = await import('../../../src-renderer/state/store');
    const st = appStore.getState();
    const base = st.scenario;
    const g0 = base.gateways[0]!;
    const extra = { ...g0, id: 'gw-extra', name: 'Extra' };
    st.execute({ label: 'Add gateway', patches: () => [{ op: 'gateway/add', gateway: extra }] });
    appStore.getState().select({ kind: 'gateway', id: 'gw-extra' });
    appStore.getState().undo();
    expect(appStore.getState().selection).toBeNull();
    appStore.getState().redo();
    appStore.getState().select({ kind: 'gateways', ids: [g0.id, 'gw-extra'] });
    appStore.getState().undo();
    expect(appStore.getState().selection).toEqual({ kind: 'gateway', id: g0.id });
  });
});

describe('the history publishes typed patches', () => {
  it('execute, undo and redo publish the command patches, their inverses and the patches again; they rebuild the exact scenarios', async () => {
    const { appStore } = await import('../../../src-renderer/state/store');
    const { applyPatches } = await import('../../../src-core/session/patches');
    const { moveGateway } = await import('../../../src-renderer/state/gatewayCommands');
    const st = appStore.getState();
    const before = st.scenario;
    const g0 = before.gateways[0]!;
    st.execute(moveGateway(g0.id, g0.latDeg + 1, g0.lonDeg, g0.countryCode));
    const edit = appStore.getState().lastChange;
    expect(edit.revision).toBe(appStore.getState().revision);
    expect(edit.patches.map((p) => p.op)).toEqual(['gateway/update']);
    const after = appStore.getState().scenario;
    expect(applyPatches(before, edit.patches)).toEqual(after);
    appStore.getState().undo();
    expect(applyPatches(after, appStore.getState().lastChange.patches)).toEqual(before);
    expect(appStore.getState().scenario).toBe(before);
    appStore.getState().redo();
    expect(appStore.getState().lastChange.patches).toEqual(edit.patches);
    appStore.getState().loadScenario(before, null);
    expect(appStore.getState().lastChange.patches).toEqual([{ op: 'scenario/replace', scenario: before }]);
  });
});
