/** resource_class / traits normalisation surprises (W9) and names Placement refuses (P9). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../helpers';
import { normalizeResourceClass, normalizeTrait } from '../../server/src/service/rules/placement-names/index';

test('normalisation follows Nova: upper-case, standard names kept, others CUSTOM_ with runs replaced', () => {
  assert.equal(normalizeResourceClass('foo'), 'CUSTOM_FOO');
  assert.equal(normalizeResourceClass('my-rc.x'), 'CUSTOM_MY_RC_X');
  assert.equal(normalizeResourceClass('custom_foo'), 'CUSTOM_FOO');
  assert.equal(normalizeResourceClass('Custom-foo'), 'CUSTOM_CUSTOM_FOO');
  assert.equal(normalizeResourceClass('pgpu'), 'PGPU');
  assert.equal(normalizeResourceClass('a__b'), 'CUSTOM_A_B');
  assert.equal(normalizeTrait(' big'), 'CUSTOM__BIG');
  assert.equal(normalizeTrait('blue'), 'CUSTOM_BLUE');
});

test('"A, B" in traits is a warning with the names Nova really makes', () => {
  const d = lint('[pci]\ndevice_spec = {"address": "0000:81:00.0", "traits": "blue, big"}\n').find((x) => x.code === 'traits-whitespace');
  assert.ok(d);
  assert.equal(d.severity, 2);
  assert.match(d.message, /"CUSTOM_BLUE", "CUSTOM__BIG"/);
  assert.deepEqual(d.range.start, { line: 1, character: 52 }, 'the traits value');
});

test('a CUSTOM_ name Placement refuses is a warning; valid names are not reported', () => {
  const ds = lint('[pci]\ndevice_spec = {"address": "0000:81:00.0", "resource_class": "CUSTOM_gpu-a16"}\nalias = {"name": "a", "vendor_id": "10de", "product_id": "25b6", "traits": "CUSTOM_"}\n');
  const codes = ds.filter((x) => x.code === 'placement-name-invalid');
  assert.equal(codes.length, 2);
  assert.match(codes[0].message, /"CUSTOM_GPU-A16", which Placement refuses/);
  assert.match(codes[1].message, /requests for this alias/);
  const ok = lint('[pci]\ndevice_spec = {"address": "0000:81:00.0", "resource_class": "CUSTOM_GPU_A16", "traits": "HW_GPU_API_VULKAN,CUSTOM_X"}\n');
  assert.deepEqual(ok.filter((x) => x.code === 'placement-name-invalid' || x.code === 'traits-whitespace'), []);
});
