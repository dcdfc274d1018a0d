/**
 * Adapter-side overrides of the service's limits from the environment. Only the
 * benchmark uses this: NOVA_CONF_MAX_DOCUMENT_SIZE (bytes) lifts the 16 MB analysis
 * cap so that growth can be measured on larger inputs. Not a user setting.
 */
import type { Settings } from './service/index';

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Settings> {
  const v = Number(env.NOVA_CONF_MAX_DOCUMENT_SIZE);
  return Number.isSafeInteger(v) && v > 0 ? { maxDocumentSize: v } : {};
}
