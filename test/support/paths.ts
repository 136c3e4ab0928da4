import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI, as users run it; global-setup builds it when it is missing. */
export const BIN = fileURLToPath(new URL('../../bin/punchlist.js', import.meta.url));
