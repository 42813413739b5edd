// Runs a WASI command module under Node.js's node:wasi, the independent
// reference the end-to-end tests compare wasmaot with. It takes the same
// options as `wasmaot run`:
//   node node-wasi.mjs [--dir HOST[::GUEST]]... [--env NAME[=VALUE]]... MODULE [ARGS...]
// Exit status: the program's; 134 after a trap, with `error: wasm trap: MESSAGE`
// on stderr as wasmaot prints it; 1 when the module cannot be instantiated; 2
// for a wrong command line.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import v8 from 'node:v8';

// node:wasi's calls have V8 "fast API" entry points in some Node releases, and
// these are not reliable for every WASI call in every version; turning them off
// gives Node 18 and 20 the same, plain call path. The flag must be set before
// node:wasi is loaded (hence the dynamic import) and any WebAssembly compiled.
v8.setFlagsFromString('--no-turbo-fast-api-calls');
const { WASI } = await import('node:wasi');

function usage(message) {
  process.stderr.write(`node-wasi: ${message}\n` +
    'usage: node node-wasi.mjs [--dir HOST[::GUEST]]... [--env NAME[=VALUE]]... MODULE [ARGS...]\n');
  process.exit(2);
}

function parseCommandLine(argv) {
  const preopens = {};
  const env = {};
  let i = 0;
  for (; i < argv.length; i += 2) {
    const flag = argv[i];
    if (flag !== '--dir' && flag !== '--env') break;
    const value = argv[i + 1];
    if (value === undefined) usage(`${flag} needs a value`);
    if (flag === '--dir') {
      const [host, guest = host] = value.split('::');
      // Preopens get fds in the object's key order: insertion order, except
      // that integer-like keys would jump the queue.
      if (/^\d+$/.test(guest)) usage(`guest name ${guest} would reorder the preopens`);
      preopens[guest] = host;
    } else {
      const eq = value.indexOf('=');
      if (eq >= 0) env[value.slice(0, eq)] = value.slice(eq + 1);
      // `--env NAME` passes NAME on from this environment, when it is set.
      else if (process.env[value] !== undefined) env[value] = process.env[value];
    }
  }
  if (i >= argv.length) usage('MODULE is required');
  return { preopens, env, module: argv[i], args: argv.slice(i) };
}

const options = parseCommandLine(process.argv.slice(2));
let instance;
const wasi = new WASI({
  version: 'preview1',
  args: options.args,
  env: options.env,
  preopens: options.preopens,
  // Return the proc_exit code from start() rather than exiting from inside it.
  returnOnExit: true,
});
try {
  const module = await WebAssembly.compile(await readFile(options.module));
  // wasiImport rather than getImportObject(), which Node 18 lacks.
  instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
} catch (error) {
  process.stderr.write(`node-wasi: error: ${options.module}: ${error.message}\n`);
  process.exit(1);
}

try {
  process.exitCode = wasi.start(instance) ?? 0;
} catch (error) {
  if (!(error instanceof WebAssembly.RuntimeError)) throw error;
  process.stderr.write(`error: wasm trap: ${error.message}\n`);
  process.exitCode = 134;
}
