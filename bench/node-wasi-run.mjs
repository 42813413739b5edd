// Runs a WASI (preview 1) command module under Node.js's node:wasi, the peer
// runtime bench/kernels.py compares wasmaot with:
//   node --no-warnings node-wasi-run.mjs MODULE [ARGS...]
// The program gets ARGS (argv[0] is MODULE), an empty environment, no
// directories, and this process's stdin, stdout and stderr. Exit status: the
// program's; 134 after a trap (as wasmaot exits); 1 when the module cannot be
// compiled or instantiated; 2 for a wrong command line.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { WASI } from 'node:wasi';

const [path, ...args] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write('usage: node node-wasi-run.mjs MODULE [ARGS...]\n');
  process.exit(2);
}

// returnOnExit: start() returns the proc_exit code instead of exiting inside
// the call, so that the exit status is set in one place.
const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {},
                        returnOnExit: true });
let instance;
try {
  // The time to compile the module (V8's baseline compiler first, its
  // optimising one in the background) is part of what is measured, as
  // wasmaot run's is.
  const module = await WebAssembly.compile(await readFile(path));
  instance = await WebAssembly.instantiate(
      module, { wasi_snapshot_preview1: wasi.wasiImport });
} catch (error) {
  process.stderr.write(`node-wasi-run: ${path}: ${error.message}\n`);
  process.exit(1);
}
try {
  process.exitCode = wasi.start(instance) ?? 0;
} catch (error) {
  if (!(error instanceof WebAssembly.RuntimeError)) throw error;
  process.stderr.write(`error: wasm trap: ${error.message}\n`);
  process.exitCode = 134;
}
