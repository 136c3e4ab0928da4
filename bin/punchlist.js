#!/usr/bin/env node
// The CLI, bundled by `npm run build` (scripts/bundle.js) for a fast start.
import { main } from '../dist/bundle/punchlist.js';

process.exitCode = await main(process.argv.slice(2));
