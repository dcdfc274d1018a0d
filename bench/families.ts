/**
 * Benchmark input families. Each family generates deterministic text of a
 * target size; `sizes` lists the inputs the bench writes into .bench/.
 *
 * To add a family (e.g. adversarial shapes: lines without separators, thousands
 * of sections, one huge line), append an entry to FAMILIES, with `growth: true`
 * when its sizes should be compared in the growth table (CLI, server didOpen and
 * fix-all time per size, growth exponent, 10×-input ratio). `detail: true` puts
 * its inputs through the full set of per-input measurements (in-process, server
 * didOpen, keystroke, completion/hover, CLI); growth-only families skip those.
 */
import { generateFull, generatePci } from './generate';
import { generateRealistic } from './realistic';
import { ADVERSARIAL } from './adversarial-inputs';

export interface FamilySize {
  /** Input id, unique over all families (file .bench/<id>.conf). */
  id: string;
  bytes: number;
  /** Included in `--quick` runs. */
  quick?: boolean;
}

export interface Family {
  id: string;
  label: string;
  /** One sentence for the inputs list of docs/performance.md. */
  description: string;
  sizes: FamilySize[];
  generate(bytes: number, size: FamilySize): string;
  /** Measured per input in every section (in-process, server, CLI). */
  detail?: boolean;
  /** Compared across sizes in the growth table. */
  growth?: boolean;
}

export const FAMILIES: Family[] = [
  {
    id: 'full',
    label: 'full config (every catalogue option)',
    description: "every option of every group of the default release's catalogue (`listGroups`/`listOptions`), laid out like oslo's sample config with a comment line per option, set to its default or, where the default is unset or host-dependent, a sensible value; plus a small `[pci]` block (one-line and multi-line device_spec, two aliases).",
    sizes: [{ id: 'full', bytes: 0, quick: true }],
    generate: () => generateFull(),
    detail: true,
  },
  {
    id: 'pci',
    label: 'PCI-heavy',
    description: 'one `[pci]` section with thousands of device_spec (one-line objects, lists over continuation lines, regex addresses) and alias entries; about 1% carry a mistake (single quotes, trailing comma, Python literal, id too large, devname with address, misspelt tag, bad numa_policy/device_type, a suppression comment).',
    sizes: [
      { id: 'pci1', bytes: 1e6, quick: true },
      { id: 'pci10', bytes: 1e7, quick: true },
    ],
    generate: (bytes, size) => generatePci(bytes, size.id === 'pci1' ? 1 : 10),
    detail: true,
    growth: true,
  },
  {
    id: 'realistic',
    label: 'realistic mix',
    description: 'repeated units of catalogue options (the same groups reappear), a `[neutron_physnet_NAME]` group per physical network listed in `[neutron] physnets`, an `[mdev_TYPE]` group per mediated device type listed in `[devices] enabled_mdev_types`, and a `[pci]` block; about 1% of the dynamic groups are not listed and about 1% of the PCI entries carry a mistake. The lists grow with the file (about 7,000 physnets at 10 MB), so any work proportional to sections × list length shows up as growth.',
    sizes: [
      { id: 'mix100k', bytes: 1e5, quick: true },
      { id: 'mix1', bytes: 1e6, quick: true },
      { id: 'mix10', bytes: 1e7, quick: true },
      { id: 'mix50', bytes: 5e7 },
    ],
    generate: (bytes) => generateRealistic(bytes),
    growth: true,
  },
  // Adversarial shapes (issue 19): growth only. bench/adversarial.ts measures them in-process, faster.
  ...ADVERSARIAL.map((a): Family => ({
    id: `adv-${a.id}`,
    label: `adversarial: ${a.id}`,
    description: a.description,
    sizes: [
      { id: `adv-${a.id}-1`, bytes: 1e6 },
      { id: `adv-${a.id}-2`, bytes: 2e6 },
    ],
    generate: (bytes) => a.generate(bytes),
    growth: true,
  })),
];
