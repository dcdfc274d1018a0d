/**
 * The workspace's deployments under changing settings (service level): the same settings again keep the deployments,
 * their parsed documents and the cross-file findings (the LSP adapter re-applies settings on every save); other
 * settings build them again from parses made under those settings, so the cross-file rules follow the new release.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspaceService } from '../helpers';

const ROOT = 'file:///etc/nova/';
// [filter_scheduler] pci_in_placement exists from 2023.1 on (nova/conf/scheduler.py).
const MAIN = '[filter_scheduler]\npci_in_placement = true\n';
const OVERRIDE = '[filter_scheduler]\npci_in_placement = false\n';

function deployment(release: '2022.2' | '2026.1') {
  const s = workspaceService(ROOT, { 'nova.conf': MAIN, 'nova.conf.d/10-pci.conf': OVERRIDE }, { settings: { release } });
  const codes = () => s.diagnostics(s.workspace.document(ROOT + 'nova.conf')!).map((d) => String(d.code));
  return { s, codes };
}

test('the same settings again keep the deployment, its documents and the cross-file findings', () => {
  const { s, codes } = deployment('2026.1');
  const found = s.diagnostics(s.workspace.document(ROOT + 'nova.conf')!);
  assert.ok(found.some((d) => d.code === 'value-overridden'));
  const d = s.workspace.deploymentOf(ROOT + 'nova.conf')!;
  s.configure({ release: '2026.1', rules: {}, host: undefined });
  assert.equal(s.workspace.deploymentOf(ROOT + 'nova.conf'), d, 'the same deployment object');
  assert.equal(d.files.find((f) => f.uri === ROOT + 'nova.conf')!.doc, s.workspace.document(ROOT + 'nova.conf'), 'holding the cached parse');
  assert.equal(s.diagnostics(s.workspace.document(ROOT + 'nova.conf')!), found, 'the same list: the same result id, no recomputation');
  assert.ok(codes().includes('value-overridden'));
});

test('a release change builds the deployments again from parses for the new release (both directions)', () => {
  for (const [from, to, overridden] of [['2026.1', '2022.2', false], ['2022.2', '2026.1', true]] as const) {
    const { s, codes } = deployment(from);
    assert.equal(codes().includes('value-overridden'), !overridden, `${from}`);
    s.configure({ release: to });
    assert.equal(codes().includes('value-overridden'), overridden, `${from} -> ${to}`);
    for (const f of s.workspace.deploymentOf(ROOT + 'nova.conf')!.files) {
      assert.equal(f.doc.release, to, `${f.uri} parsed for ${to}`);
      assert.equal(f.doc, s.workspace.document(f.uri), 'the deployment holds the cached parse');
    }
  }
});

test('a rule-level change or invalidate() builds the deployments again; their documents are the cached parses', () => {
  const { s } = deployment('2026.1');
  const before = s.workspace.deploymentOf(ROOT + 'nova.conf')!;
  s.configure({ rules: { 'value-overridden': 'warning' } });
  const after = s.workspace.deploymentOf(ROOT + 'nova.conf')!;
  assert.notEqual(after, before);
  for (const f of after.files) assert.equal(f.doc, s.workspace.document(f.uri));
  const d = s.diagnostics(s.workspace.document(ROOT + 'nova.conf')!).find((x) => x.code === 'value-overridden');
  assert.equal(d?.severity, 2, 'the new level');
  s.invalidate();
  const again = s.workspace.deploymentOf(ROOT + 'nova.conf')!;
  assert.notEqual(again, after);
  for (const f of again.files) assert.equal(f.doc, s.workspace.document(f.uri));
});
