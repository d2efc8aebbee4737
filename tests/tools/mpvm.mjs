#!/usr/bin/env node
// mpvm.mjs: run a .py or .mpy in the MicroPython WebAssembly VM (the behaviour oracle) and print its output.
//
//   node tests/tools/mpvm.mjs [--timeout=S] [--heap=BYTES] [--opt=N] FILE.py|FILE.mpy
//
// stdout and stderr of the program are merged in order. A .mpy is imported as a module; its magic byte 'C'
// (CircuitPython) is changed to 'M' in memory so the upstream loader accepts it.
// Exit: 0 finished (or SystemExit), 1 uncaught exception (traceback printed), 2 usage/harness error, 124 timeout.

import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readFileSync, existsSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

function parseArgs(argv) {
  const options = { timeout: 20, heap: 16 << 20, opt: null, file: null };
  for (const arg of argv) {
    const [key, value] = arg.split("=", 2);
    if (key === "--timeout") options.timeout = Number(value);
    else if (key === "--heap") options.heap = Number(value);
    else if (key === "--opt") options.opt = Number(value);
    else if (!arg.startsWith("--") && options.file === null) options.file = arg;
    else return null;
  }
  return options.file === null ? null : options;
}

function importableName(file) {
  const stem = basename(file).split(".")[0].replace(/\W/g, "_");
  return /^[A-Za-z_]/.test(stem) ? stem : "_" + stem;
}

async function execute(options) {
  const { loadMicroPython } = await import("@micropython/micropython-webassembly-pyscript");
  const bytes = [];
  const collect = (chunk) => bytes.push(chunk[0]);
  const mp = await loadMicroPython({ heapsize: options.heap, pystack: 16384, linebuffer: false,
                                     stdout: collect, stderr: collect });
  let program;
  if (options.file.endsWith(".mpy")) {
    const data = new Uint8Array(readFileSync(options.file));
    if (data[0] === 0x43) data[0] = 0x4d;
    const name = importableName(options.file);
    mp.FS.mkdir("/oracle");
    mp.FS.writeFile(`/oracle/${name}.mpy`, data);
    program = `import sys\nsys.path.append('/oracle')\nimport ${name}\n`;
  } else {
    program = readFileSync(options.file, "utf8");
    if (options.opt !== null) mp.runPython(`import micropython\nmicropython.opt_level(${options.opt})\ndel micropython\n`);
  }
  let status = 0;
  try {
    mp.runPython(program);
  } catch (error) {
    if (error?.name !== "PythonError") throw error;
    if (error.type !== "SystemExit") {
      status = 1;
      bytes.push(...Buffer.from(String(error.message), "utf8"));
    }
  }
  return { status, output: Buffer.from(bytes) };
}

function finish(output, status) {
  process.stdout.write(output, () => process.exit(status));
}

if (isMainThread) {
  const options = parseArgs(process.argv.slice(2));
  if (!options) {
    process.stderr.write("usage: mpvm.mjs [--timeout=S] [--heap=BYTES] [--opt=N] FILE.py|FILE.mpy\n");
    process.exit(2);
  }
  if (!existsSync(options.file)) {
    process.stderr.write(`mpvm.mjs: no such file: ${options.file}\n`);
    process.exit(2);
  }
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: options });
  const timer = setTimeout(() => {
    worker.terminate();
    finish(`[TIMEOUT after ${options.timeout}s]\n`, 124);
  }, options.timeout * 1000);
  worker.on("message", ({ status, output }) => { clearTimeout(timer); finish(Buffer.from(output), status); });
  worker.on("error", (error) => { clearTimeout(timer); finish(`[harness error] ${error?.stack ?? error}\n`, 2); });
} else {
  execute(workerData).then((result) => parentPort.postMessage(result),
                           (error) => parentPort.postMessage({ status: 2, output: Buffer.from(`[harness error] ${error?.stack ?? error}\n`) }));
}
