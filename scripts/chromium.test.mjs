// Tests of the browser finder (scripts/chromium.mjs, issue 13) on a fake machine: temp dirs with fake
// executables stand in for PATH, /usr/bin/chromium and apt-get, so each outcome (found, installed, missing)
// happens whatever is installed here. They assert what the user sees: the printed lines and the exit code.
// Run by npm test (scripts/test.mjs, "unit: scripts") with node's test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium, findChromium } from "./chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "scripts/chromium.mjs");

/** A fresh fake machine: `bin(name)` makes a directory, `exe(file)` writes an executable shell script. */
function machine(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "certlab-chromium-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bin = (name) => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const exe = (file, body = 'echo "Chromium 140.0 (fake)"') => {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  return { dir, bin, exe };
}

/** A minimal environment for the fake machine: only what is given, no CERTLAB_* from the outer shell. */
const fakeEnv = (vars) => ({ HOME: os.tmpdir(), CERTLAB_CHROMIUM_CANDIDATES: "", ...vars });

const runCli = (env) => spawnSync(process.execPath, [cli], { env, encoding: "utf8" });
const stderrLines = (res) => res.stderr.trim().split("\n").filter(Boolean);

test("found: CERTLAB_CHROMIUM wins over Debian's path and PATH", (t) => {
  const m = machine(t);
  const own = m.exe(path.join(m.bin("own"), "my-chromium"));
  const debian = m.exe(path.join(m.bin("usr-bin"), "chromium"));
  const pathDir = m.bin("path");
  m.exe(path.join(pathDir, "chromium"));
  const found = findChromium({ env: fakeEnv({ CERTLAB_CHROMIUM: own, CERTLAB_CHROMIUM_CANDIDATES: debian, PATH: pathDir }) });
  assert.equal(found.path, own);
  assert.equal(found.via, "CERTLAB_CHROMIUM");
});

test("found: Debian's fixed path before PATH, then chromium or chromium-browser on PATH", (t) => {
  const m = machine(t);
  const debian = m.exe(path.join(m.bin("usr-bin"), "chromium"));
  const first = m.bin("first");
  const second = m.bin("second");
  // A `chromium` that is not executable is skipped; `chromium-browser` further along PATH is found.
  writeFileSync(path.join(first, "chromium"), "not a program");
  const browser = m.exe(path.join(second, "chromium-browser"));
  const PATH = `${first}${path.delimiter}${second}`;
  assert.equal(findChromium({ env: fakeEnv({ CERTLAB_CHROMIUM_CANDIDATES: debian, PATH }) }).path, debian);
  const onPath = findChromium({ env: fakeEnv({ CERTLAB_CHROMIUM_CANDIDATES: path.join(m.dir, "none/chromium"), PATH }) });
  assert.equal(onPath.path, browser);
  assert.equal(onPath.via, "chromium-browser on PATH");
});

test("found, via the command line: prints the path, says nothing else, exits 0", (t) => {
  const m = machine(t);
  const pathDir = m.bin("path");
  const chromium = m.exe(path.join(pathDir, "chromium"));
  const res = runCli(fakeEnv({ PATH: pathDir }));
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout.trim(), chromium);
  assert.equal(res.stderr, "");
});

test("CERTLAB_CHROMIUM set but missing or not executable: says so, then uses Debian's chromium", (t) => {
  const m = machine(t);
  const pathDir = m.bin("path");
  const chromium = m.exe(path.join(pathDir, "chromium"));
  const missing = path.join(m.dir, "no/such/chromium");
  const res = runCli(fakeEnv({ PATH: pathDir, CERTLAB_CHROMIUM: missing }));
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout.trim(), chromium);
  assert.deepEqual(stderrLines(res), [`CERTLAB_CHROMIUM=${missing} does not exist; looking for Debian's chromium instead.`]);

  const plain = path.join(m.dir, "plain-file");
  writeFileSync(plain, "");
  const found = findChromium({ env: fakeEnv({ PATH: pathDir, CERTLAB_CHROMIUM: plain }) });
  assert.equal(found.path, chromium);
  assert.match(found.notes.join("\n"), /CERTLAB_CHROMIUM=.*plain-file is not executable/);
});

test("installed: as root with apt-get, runs apt-get update and install chromium, with one line before and one after", (t) => {
  const m = machine(t);
  const sbin = m.bin("sbin");
  const usrBin = m.bin("usr-bin");
  const calls = path.join(m.dir, "apt-get.calls");
  // The fake apt-get records each call and, on install, puts a chromium where Debian's would be.
  m.exe(
    path.join(sbin, "apt-get"),
    `echo "$DEBIAN_FRONTEND $*" >> ${calls}\n` +
      `if [ "$1" = install ]; then printf '#!/bin/sh\\necho Chromium\\n' > ${usrBin}/chromium; /bin/chmod 755 ${usrBin}/chromium; fi`,
  );
  const seen = [];
  let clock = 1_000;
  const res = ensureChromium({
    env: fakeEnv({ PATH: `${sbin}${path.delimiter}${usrBin}` }),
    isRoot: true,
    log: (line) => seen.push(line),
    now: () => (clock += 21_500),
  });
  assert.equal(res.outcome, "installed");
  assert.equal(res.path, path.join(usrBin, "chromium"));
  assert.deepEqual(seen, [
    "Installing Debian's chromium for the browser tests (apt-get install chromium)…",
    `Installed chromium in 21.5 s: ${path.join(usrBin, "chromium")}`,
  ]);
  assert.deepEqual(readFileSync(calls, "utf8").trim().split("\n"), ["noninteractive update -qq", "noninteractive install -y -qq chromium"]);
});

test("installed, via the command line with a fake installer: the two lines on stderr, the path on stdout, exit 0", (t) => {
  const m = machine(t);
  const pathDir = m.bin("path");
  const target = path.join(pathDir, "chromium");
  const install = `printf '#!/bin/sh\\n' > ${target} && /bin/chmod 755 ${target}`;
  const res = runCli(fakeEnv({ PATH: pathDir, CERTLAB_CHROMIUM_INSTALL_CMD: install }));
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout.trim(), target);
  const lines = stderrLines(res);
  assert.equal(lines.length, 2, res.stderr);
  assert.equal(lines[0], `Installing chromium for the browser tests (${install})…`);
  assert.match(lines[1], new RegExp(`^Installed chromium in \\d+\\.\\d s: ${target}$`));
});

test("missing, not root: apt-get is not run; one line says what is missing and how to fix it", (t) => {
  const m = machine(t);
  const sbin = m.bin("sbin");
  const calls = path.join(m.dir, "apt-get.calls");
  m.exe(path.join(sbin, "apt-get"), `echo "$*" >> ${calls}`);
  const seen = [];
  const res = ensureChromium({ env: fakeEnv({ PATH: sbin }), isRoot: false, log: (line) => seen.push(line) });
  assert.equal(res.outcome, "missing");
  assert.equal(res.path, null);
  assert.deepEqual(seen, [], "nothing is announced when nothing is installed");
  assert.equal(existsSync(calls), false, "apt-get must not run without root");
  assert.equal(
    res.message,
    "No Chromium for the browser tests (looked at chromium or chromium-browser on PATH); not running as root, so nothing was installed. " +
      "Fix: sudo apt-get install chromium, or CERTLAB_CHROMIUM=/path/to/chromium.",
  );
});

test("missing, via the command line without apt-get: exactly one line, exit 1", (t) => {
  const m = machine(t);
  const empty = m.bin("empty");
  const res = runCli(fakeEnv({ PATH: empty, CERTLAB_CHROMIUM_CANDIDATES: path.join(m.dir, "usr/bin/chromium") }));
  assert.equal(res.status, 1);
  assert.equal(res.stdout, "");
  assert.deepEqual(stderrLines(res), [
    `No Chromium for the browser tests (looked at ${path.join(m.dir, "usr/bin/chromium")}, chromium or chromium-browser on PATH); ` +
      "no apt-get here to install it. Fix: sudo apt-get install chromium, or CERTLAB_CHROMIUM=/path/to/chromium.",
  ]);
});

test("missing after a failed install: the reason includes the installer's last words, exit 1", (t) => {
  const m = machine(t);
  const empty = m.bin("empty");
  const res = runCli(fakeEnv({ PATH: empty, CERTLAB_CHROMIUM_INSTALL_CMD: "echo 'E: Unable to locate package chromium' >&2; exit 100" }));
  assert.equal(res.status, 1);
  const lines = stderrLines(res);
  assert.equal(lines.length, 2, res.stderr);
  assert.match(lines[0], /^Installing chromium for the browser tests/);
  assert.match(lines[1], /installing it failed: sh -c .* failed \(exit 100: E: Unable to locate package chromium\)\. Fix: sudo apt-get install chromium/);
});

test("npm test without a browser: every other stage runs, e2e is 'not run (no browser)', one line, exit 1, no Playwright", (t) => {
  const m = machine(t);
  const empty = m.bin("empty");
  const reports = m.bin("reports");
  const res = spawnSync(process.execPath, [path.join(root, "scripts/test.mjs")], {
    cwd: root,
    encoding: "utf8",
    env: fakeEnv({
      PATH: empty, // no chromium, no chromium-browser and no apt-get: the non-root / no-apt machine
      CERTLAB_CHROMIUM: path.join(m.dir, "gone/chromium"),
      CERTLAB_TEST_ONLY: "e2e",
      CERTLAB_TEST_REPORTS: reports,
    }),
  });
  assert.equal(res.status, 1, res.stdout + res.stderr);
  const out = res.stdout.trim().split("\n");
  const reason = out.filter((l) => l.includes("No Chromium"));
  assert.deepEqual(reason, [
    `No Chromium for the browser tests (looked at CERTLAB_CHROMIUM (${path.join(m.dir, "gone/chromium")} does not exist), ` +
      "chromium or chromium-browser on PATH); no apt-get here to install it. Fix: sudo apt-get install chromium, or CERTLAB_CHROMIUM=/path/to/chromium.",
  ]);
  const summary = out.slice(out.indexOf("=== Summary") + 1);
  assert.deepEqual(summary, ["FAIL e2e: Chromium: not run (no browser)", "0 passed, 1 failed"]);
  assert.doesNotMatch(res.stdout + res.stderr, /playwright|build the portal|browserType\.launch/i);
});
