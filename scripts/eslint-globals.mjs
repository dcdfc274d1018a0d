// Node globals for eslint (kept here to avoid another dependency).
const names = ['process', 'console', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'URL', 'TextDecoder', 'TextEncoder', 'performance', 'queueMicrotask', 'structuredClone', 'AbortController', 'globalThis', '__dirname', '__filename', 'require', 'module', 'fetch'];
export default Object.fromEntries(names.map((n) => [n, 'readonly']));
