/** The roles family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('roles', [
  {
    code: 'directive-invalid',
    bad: '# nova-conf: service=|nova-compte|\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    good: '# nova-conf: service=nova-compute\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
  },
]);
