/**
 * What each start-up finding carries in `data` (rules/types.ts DataMap). Only the reserved_huge_pages size
 * has a fix (fixes.ts): the document offsets of the `size` value and the spelling oslo.utils reads.
 * Every other code carries nothing: the finding names an option pair whose resolution is a choice.
 */
export type StartupData = {
  'cpu-set-invalid': undefined;
  'cpu-sets-overlap': undefined;
  'vcpu-pin-set-with-dedicated': undefined;
  'reserved-host-cpus-with-cpu-sets': undefined;
  'power-management-without-dedicated': undefined;
  'max-disk-devices-zero': undefined;
  'reserved-huge-pages-invalid': { start: number; end: number; text: string };
  'reserved-huge-pages-repeated': undefined;
  'cpu-models-without-custom-mode': undefined;
  'cpu-mode-custom-without-models': undefined;
  'cpu-mode-unsupported-virt-type': undefined;
  'cpu-extra-flags-ignored': undefined;
  'live-migration-tunnelled-with-tls': undefined;
  'rbd-images-not-raw': undefined;
  'file-backed-memory-conflict': undefined;
  'swtpm-unsupported-virt-type': undefined;
  'enforce-multipath-without-multipath': undefined;
  'vcpu-pin-set-with-shared-set': undefined;
  'power-management-cpu0-ignored': undefined;
  'mdev-address-duplicate': undefined;
  'mdev-address-invalid': undefined;
  'mdev-type-dropped': undefined;
  'weight-setting-item-ignored': undefined;
};

/** The start-up family's rule codes. */
export type StartupCode = keyof StartupData & string;
