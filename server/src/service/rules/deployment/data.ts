/**
 * The codes the cross-file rules report (rules/types.ts DataMap shape). None carries `data`: the findings name a
 * pair of lines in two files (the second one as related information), and which of them to change is the
 * operator's choice, so there is no fix to drive. `pci-filter-not-enabled` and `placement-devname` are per-file
 * codes (scheduler and placement families) that the deployment reports when the two halves sit in different files.
 */
export type DeploymentData = {
  'alias-mismatch': undefined;
  'override-not-read': undefined;
  'value-overridden': undefined;
  'pci-filter-not-enabled': undefined;
  'placement-devname': undefined;
};

/** Every code a cross-file finding may carry. */
export type DeploymentCode = keyof DeploymentData & string;
