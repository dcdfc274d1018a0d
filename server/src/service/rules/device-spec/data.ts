import type { JsonReplacementData, JsonSuggestionData } from '../json-fixes';

type Field = 'domain' | 'bus' | 'slot' | 'function';

/** What each device_spec finding carries in `data` (rules/types.ts DataMap); the fixes read the JSON ones. */
export type DeviceSpecData = {
  'device-spec-not-object': undefined;
  'device-spec-id-not-string': { key: 'vendor_id' | 'product_id' };
  'device-spec-id-not-hex': { key: 'vendor_id' | 'product_id' };
  'device-spec-id-too-large': { key: 'vendor_id' | 'product_id' };
  'device-spec-devname-and-address': { remove: string[] };
  'device-spec-address-format': undefined;
  'device-spec-address-not-hex': { field: Field };
  'device-spec-address-too-large': { field: Field };
  'device-spec-address-bad-regex': { field: string };
  'device-spec-address-regex-not-string': { field: string };
  'device-spec-bad-bool-tag': { tag: string };
  'one-time-use-needs-placement': undefined;
  'live-migratable-needs-libvirt': undefined;
  'device-spec-matches-all': undefined;
  'device-spec-unknown-tag': JsonSuggestionData & { key: string };
  'device-spec-tag-not-string': { key: string };
  'device-spec-truefalse-tag': JsonReplacementData & { key: string };
  'device-spec-address-unknown-key': JsonSuggestionData & { key: string };
  'device-spec-address-regex-case': JsonReplacementData & { field: string };
  'device-spec-address-regex-prefix': { field: string; replacement: string };
  'device-spec-address-glob-fields': JsonReplacementData;
};
