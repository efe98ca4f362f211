#!/usr/bin/env node

// Starts the command-line tool. A clone after `npm ci` has tsx, so the TypeScript source runs as it is.
// An install without dev dependencies has no tsx, so it runs the build that `npm run build` puts in dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'cli', 'main.ts');
const built = path.join(root, 'dist', 'cli', 'main.js');

function loadTsx() {
  try {
    return require('tsx/cjs/api');
  } catch {
    return undefined;
  }
}

const tsx = fs.existsSync(source) ? loadTsx() : undefined;
if (tsx !== undefined) {
  tsx.register();
  require(source);
} else if (fs.existsSync(built)) {
  require(built);
} else {
  process.stderr.write(
    'reset-sessions cannot start: neither tsx (a dev dependency) nor dist/cli/main.js was found. ' +
      'Run `npm ci`, or `npm run build` for an install without dev dependencies.\n',
  );
  process.exitCode = 1;
}
