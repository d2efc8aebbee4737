#!/usr/bin/env node
// mpycross_oracle.mjs: semantic check of our compiler. Programs compiled by our mpy-cross run in the
// MicroPython WebAssembly VM and must print the expected output: the corpus .exp (corpus mode) or what the same
// VM prints when it runs the source itself (source mode, for programs whose reference bytes are unknown).
//
//   node mpycross_oracle.mjs COMPILER --corpus=DIR [--known=FILE] [--only=NAME] [--timeout=S]
//   node mpycross_oracle.mjs COMPILER --sources=DIR [--known=FILE] [--only=NAME] [--timeout=S]
//   node mpycross_oracle.mjs COMPILER --errors=FILE [--known=FILE] [--only=NAME] [--timeout=S]
// COMPILER is --mpy-cross=BIN (our standalone mpy-cross) or --cpytool=BIN (runs `BIN mpy-cross ...`).
//
// Corpus mode checks every runnable NAME.py (one with NAME.exp): default options against NAME.exp, -O1..-O3
// against NAME.O{N}.exp where present, and `-s custom/name.py` against NAME.exp where NAME.s.mpy exists.
// Source mode checks every DIR/*.py at -O0 (and at -O1..-O3 when the first line is `# oracle: -O`), comparing the
// .mpy run with the source run at the VM's same opt_level; `# oracle: generate` marks a generator script.
// Error mode splits FILE into programs (`### NAME` lines) that our mpy-cross must reject with the message and line
// the VM's own compiler reports (CircuitPython's \r\n and the file name normalised).
// The known-differences file lists case names (NAME, NAME.O1, NAME.s ...) with a reason; a listed case that
// passes is reported as fixed and fails the run, so the list only shrinks.
// Exit: 0 all passed, 1 a case failed, 2 usage, 77 node_modules (the VM) missing: CTest reports a skip.

import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const k_vm_package = "@micropython/micropython-webassembly-pyscript";
const k_skip = 77;

// ---- worker: runs each program it is sent in a fresh VM instance ----

async function run_in_vm({ file, opt }) {
  const { loadMicroPython } = await import(k_vm_package);
  const bytes = [];
  const collect = (chunk) => bytes.push(chunk[0]);
  const mp = await loadMicroPython({ heapsize: 16 << 20, pystack: 16384, linebuffer: false,
                                     stdout: collect, stderr: collect });
  let program;
  if (file.endsWith(".mpy")) {
    const data = new Uint8Array(readFileSync(file));
    if (data[0] === 0x43) data[0] = 0x4d;
    mp.FS.mkdir("/oracle");
    mp.FS.writeFile("/oracle/oracle_module.mpy", data);
    program = "import sys\nsys.path.append('/oracle')\nimport oracle_module\n";
  } else {
    program = readFileSync(file, "utf8");
    if (opt !== null) mp.runPython(`import micropython\nmicropython.opt_level(${opt})\ndel micropython\n`);
  }
  try {
    mp.runPython(program);
  } catch (error) {
    if (error?.name !== "PythonError") throw error;
    if (error.type !== "SystemExit") bytes.push(...Buffer.from(String(error.message), "utf8"));
  }
  return Buffer.from(bytes);
}

if (!isMainThread) {
  parentPort.on("message", (job) => {
    run_in_vm(job).then((output) => parentPort.postMessage({ output }),
                        (error) => parentPort.postMessage({ harness: String(error?.stack ?? error) }));
  });
}

// ---- main thread ----

// One worker runs the programs one after another (a fresh VM instance each); a timed-out worker is replaced.
let g_worker = null;

function vm_output(file, opt, timeout) {
  return new Promise((done) => {
    g_worker ??= new Worker(fileURLToPath(import.meta.url));
    const worker = g_worker;
    const finish = (text) => {
      clearTimeout(timer);
      worker.removeAllListeners("message");
      worker.removeAllListeners("error");
      done(text);
    };
    const timer = setTimeout(() => {
      worker.terminate();
      g_worker = null;
      finish(Buffer.from(`[TIMEOUT after ${timeout}s]\n`));
    }, timeout * 1000);
    worker.on("message", (m) => finish(m.output ? Buffer.from(m.output) : Buffer.from(`[harness error] ${m.harness}\n`)));
    worker.on("error", (e) => {
      g_worker = null;
      finish(Buffer.from(`[harness error] ${e?.stack ?? e}\n`));
    });
    worker.postMessage({ file, opt });
  });
}

function parse_args(argv) {
  const o = { cpytool: null, "mpy-cross": null, corpus: null, sources: null, errors: null, known: null, only: null, timeout: 30 };
  for (const arg of argv) {
    const m = arg.match(/^--([\w-]+)=(.*)$/);
    if (!m || !(m[1] in o)) return null;
    o[m[1]] = m[1] === "timeout" ? Number(m[2]) : m[2];
  }
  // The compiler command: `mpy-cross ARGS` or `cpytool mpy-cross ARGS`.
  o.command = o["mpy-cross"] ? [resolve(o["mpy-cross"])] : o.cpytool ? [resolve(o.cpytool), "mpy-cross"] : null;
  return o.command && (o.corpus || o.sources || o.errors) ? o : null;
}

function read_known(file) {
  const known = new Map();
  if (!file) return known;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) continue;
    const space = text.search(/\s/);
    known.set(space < 0 ? text : text.slice(0, space), space < 0 ? "" : text.slice(space).trim());
  }
  return known;
}

// Each case: { name, dir, source, args (mpy-cross options), opt (VM level for source mode), expected (file|null) }
function corpus_cases(dir) {
  const cases = [];
  for (const file of readdirSync(dir).sort()) {
    const m = file.match(/^([^.]+)\.py$/);
    if (!m || !existsSync(join(dir, `${m[1]}.exp`))) continue;
    const name = m[1];
    cases.push({ name, dir, source: file, args: [], expected: join(dir, `${name}.exp`) });
    for (const level of [1, 2, 3]) {
      const exp = join(dir, `${name}.O${level}.exp`);
      if (existsSync(exp)) cases.push({ name: `${name}.O${level}`, dir, source: file, args: [`-O${level}`], expected: exp });
    }
    if (existsSync(join(dir, `${name}.s.mpy`)))
      cases.push({ name: `${name}.s`, dir, source: file, args: ["-s", "custom/name.py"], expected: join(dir, `${name}.exp`) });
  }
  return cases;
}

// A source whose first line is `# oracle: generate` is a CPython script printing the program to check (for
// programs too large to commit); `# oracle: -O` also checks -O1..-O3.
function source_cases(dir, scratch) {
  const cases = [];
  for (const file of readdirSync(dir).sort()) {
    const m = file.match(/^([^.]+)\.py$/);
    if (!m) continue;
    const first = readFileSync(join(dir, file), "utf8").split("\n", 1)[0];
    let c = { name: m[1], dir, source: file, args: [], opt: null, expected: null };
    if (first.startsWith("# oracle: generate")) c = { ...c, dir: scratch, generator: join(dir, file) };
    cases.push(c);
    if (first.startsWith("# oracle: -O")) {
      for (const level of [1, 2, 3]) cases.push({ ...c, name: `${m[1]}.O${level}`, args: [`-O${level}`], opt: level });
    }
  }
  return cases;
}

function generate(c) {
  const r = spawnSync("python3", [c.generator], { maxBuffer: 64 << 20 });
  if (r.status !== 0) return `generator ${c.generator} failed: ${r.error?.message ?? String(r.stderr)}`;
  writeFileSync(join(c.dir, c.source), r.stdout);
  return null;
}

// Error cases: `### NAME` lines split FILE into programs, each written to the scratch folder as NAME.py.
function error_cases(file, scratch) {
  const cases = [];
  let current = null;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^### (\w+)$/);
    if (m) {
      current = { name: m[1], dir: scratch, source: `${m[1]}.py`, args: [], lines: [], rejected: true };
      cases.push(current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  for (const c of cases) writeFileSync(join(scratch, c.source), c.lines.join("\n").replace(/\n+$/, "") + "\n");
  return cases;
}

// Our mpy-cross must fail; its stderr, with the CRLFs and file name of the CircuitPython form normalised, must be
// what the VM prints when its own compiler rejects the source.
async function check_rejected(options, c, out, timeout) {
  const [bin, ...pre] = options.command;
  const r = spawnSync(bin, [...pre, "-o", out, c.source], { cwd: c.dir });
  if (r.error) return `cannot run ${bin}: ${r.error.message}`;
  if (r.status === 0) return "mpy-cross accepted a program the VM rejects";
  const ours = String(r.stderr).replaceAll("\r\n", "\n").replace(`File "${c.source}"`, 'File "<stdin>"');
  const vm = String(await vm_output(join(c.dir, c.source), null, timeout));
  return ours === vm ? null : `stderr differs:\n    VM   ${JSON.stringify(vm)}\n    ours ${JSON.stringify(ours)}`;
}

function compile(options, c, out) {
  const [bin, ...pre] = options.command;
  const r = spawnSync(bin, [...pre, ...c.args, "-o", out, c.source], { cwd: c.dir });
  if (r.status === 0) return null;
  if (r.error) return `cannot run ${bin}: ${r.error.message}`;
  return `mpy-cross exited ${r.status ?? r.signal}: ${String(r.stderr)}`;
}

function first_difference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) ++i;
  const show = (buf) => JSON.stringify(buf.subarray(Math.max(0, i - 40), i + 40).toString("utf8"));
  return `first difference at byte ${i}:\n    expected ${show(b)}\n    got      ${show(a)}`;
}

async function check(options, c, scratch) {
  const out = join(scratch, `${c.name}.mpy`);
  if (c.rejected) return check_rejected(options, c, out, options.timeout);
  const error = (c.generator ? generate(c) : null) ?? compile(options, c, out);
  if (error) return error;
  const got = await vm_output(out, null, options.timeout);
  const expected = c.expected ? readFileSync(c.expected)
                              : await vm_output(join(c.dir, c.source), c.opt ?? null, options.timeout);
  if (!c.expected && expected.toString().startsWith("[harness error]")) return `source run: ${expected}`;
  return got.equals(expected) ? null : first_difference(got, expected);
}

async function main() {
  const options = parse_args(process.argv.slice(2));
  if (!options) {
    process.stderr.write("usage: mpycross_oracle.mjs (--mpy-cross=BIN|--cpytool=BIN) (--corpus=DIR|--sources=DIR|--errors=FILE) [--known=FILE] " +
                         "[--only=NAME] [--timeout=S]\n");
    return 2;
  }
  try {
    await import(k_vm_package);
  } catch {
    process.stdout.write(`SKIP: ${k_vm_package} is not installed (npm ci in tests/)\n`);
    return k_skip;
  }
  const known = read_known(options.known);
  const scratch = mkdtempSync(join(tmpdir(), "mpycross-oracle-"));
  let cases = options.corpus ? corpus_cases(resolve(options.corpus))
              : options.errors ? error_cases(resolve(options.errors), scratch)
              : source_cases(resolve(options.sources), scratch);
  if (options.only) cases = cases.filter((c) => c.name === options.only || c.name.split(".")[0] === options.only);
  const failures = [];
  let passed = 0, expected_failures = 0;
  try {
    for (const c of cases) {
      const problem = await check(options, c, scratch);
      if (known.has(c.name)) {
        if (problem) ++expected_failures;
        else failures.push(`${c.name}: passes but is listed as a known difference; remove it from the list`);
      } else if (problem) {
        failures.push(`${c.name}: ${problem}`);
      } else {
        ++passed;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await g_worker?.terminate();
  }
  for (const f of failures) process.stdout.write(`FAIL ${f}\n`);
  process.stdout.write(`${cases.length} cases: ${passed} passed, ${expected_failures} known differences, ` +
                       `${failures.length} failed\n`);
  if (cases.length === 0) return 1;
  return failures.length === 0 ? 0 : 1;
}

if (isMainThread) main().then((code) => process.exit(code), (e) => { process.stderr.write(`${e?.stack ?? e}\n`); process.exit(2); });
