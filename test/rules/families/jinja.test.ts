/** The jinja family (server/src/service/rules/jinja.ts) on templates: one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

const uri = 'file:///fixture/templates/nova.conf.j2';

familyCases('jinja', [
  {
    code: 'jinja-syntax', uri,
    bad: '[pci]\n|{% for gpu in gpus %}|\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}\n',
    good: '[pci]\n{% for gpu in gpus %}\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}\n{% endfor %}\n',
  },
  {
    code: 'jinja-line-join', uri,
    bad: '[pci]\n{% for gpu in gpus %}alias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}|{% endfor %}|\n[DEFAULT]\n',
    good: '[pci]\n{% for gpu in gpus %}\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}\n{% endfor %}\n[DEFAULT]\n',
  },
]);
