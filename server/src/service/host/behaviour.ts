/** Release-dependent host behaviour (data, not code): where in Nova's history each one applies. */
import type { ReleaseRange } from '../releases';

export const HOST_BEHAVIOUR = {
  /** pci_placement_translator adds HW_PCI_LIVE_MIGRATABLE for a truthy live_migratable tag (master after 33.0.0). */
  liveMigratableTrait: { since: 'master' },
  /** The one_time_use tag exists, and a VF carrying it is refused (32.0.0 / 2025.2). */
  oneTimeUse: { since: '2025.2' },
} satisfies Record<string, ReleaseRange>;
