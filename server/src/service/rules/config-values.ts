/** Reading the few option values the PCI rules depend on, the way oslo.config would. */
import type { NovaConfDocument } from '../document';
import type { Entry } from '../model';
import { osloBool } from '../oslo/bool';

/** The entry that sets (group, name) last in the file (oslo.config: the last one wins), through deprecated names too. */
export function lastEntry(doc: NovaConfDocument, group: string, name: string): Entry | undefined {
  return doc.byOption.get(`${group}.${name}`)?.at(-1);
}

function boolOption(doc: NovaConfDocument, group: string, name: string): boolean {
  const e = lastEntry(doc, group, name);
  if (!e) return false;
  return osloBool(e.value) === true;
}

export function reportInPlacement(doc: NovaConfDocument): boolean {
  return boolOption(doc, 'pci', 'report_in_placement');
}

export function pciInPlacement(doc: NovaConfDocument): boolean {
  return boolOption(doc, 'filter_scheduler', 'pci_in_placement');
}
