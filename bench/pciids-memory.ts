// Memory held by the parsed pci.ids index: heap and RSS after a full GC, before and after parsing the bundled
// snapshot (and after one vendor and one device search, which build the lower-case forms they need).
// Run: node --expose-gc --import tsx bench/pciids-memory.ts
import snapshot from '../server/src/service/catalog/pciids.snapshot';
import { parsePciIds } from '../server/src/service/catalog/pciids';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mb = (n: number): string => `${(n / 1048576).toFixed(2)} MB`;
function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage();
}
// The snapshot text itself is loaded (and flattened) before the baseline, as the server holds it anyway.
const text = snapshot.slice(0, 1) + snapshot.slice(1);
const before = settle();
const t0 = process.hrtime.bigint();
const db = parsePciIds(text);
const parseMs = Number(process.hrtime.bigint() - t0) / 1e6;
const parsed = settle();
db.searchVendors('intel', 10);
db.searchDevices('8086', 'ethernet', 10);
db.searchDevices('15b3', 'connectx', 10);
const searched = settle();
let devices = 0;
for (const v of db.searchVendors('', 1e9)) devices += db.searchDevices(v.id, '', 1e9).length;
console.log(`vendors ${db.vendorCount}, devices ${devices}, parse ${parseMs.toFixed(1)} ms`);
console.log(`after parse:    heap +${mb(parsed.heapUsed - before.heapUsed)}, rss +${mb(parsed.rss - before.rss)} (rss ${mb(parsed.rss)})`);
console.log(`after searches: heap +${mb(searched.heapUsed - before.heapUsed)}, rss +${mb(searched.rss - before.rss)} (rss ${mb(searched.rss)})`);
