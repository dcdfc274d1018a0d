/**
 * The notification the client sends when a folder's `.nova-conf.json` changes and the server cannot read that folder
 * itself (platform.ts). A module of its own so that the clients import this name without the language service.
 */
export const CONFIG_FILES_NOTIFICATION = 'nova-conf/configFiles';
