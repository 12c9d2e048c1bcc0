// Tests of the SCEP client finder (scripts/scep-tools.mjs, issue 10) on a fake machine: a temp dir stands in for
// /usr/bin (CERTLAB_SCEP_TOOLS_DIR) and an install command for apt-get, so each outcome (found, installed, missing)
// happens whatever is installed here. They assert what the user sees: the one line, the exit code, the suites left
// out. Run by npm test (scripts/test.mjs, "unit: scripts") with node's test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureScepTools, findScepTools, suitesNeedingScepTools } from "./scep-tools.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "scripts/scep-tools.mjs");

function machine(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "certlab-scep-tools-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const usrBin = path.join(dir, "usr-bin");
  const plugins = path.join(dir, "plugins");
  const pathDir = path.join(dir, "path");
  mkdirSync(usrBin);
  mkdirSync(plugins);
  mkdirSync(pathDir);
  const exe = (file, body = 'echo "fake"') => {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  // Only what is given: no CERTLAB_* or PATH from the outer shell.
  const plugin = (name) => writeFileSync(path.join(plugins, `libstrongswan-${name}.so`), "");
  const strongswanPlugins = () => ["openssl", "curl"].forEach(plugin);
  const env = (vars = {}) => ({ HOME: os.tmpdir(), PATH: pathDir, CERTLAB_SCEP_TOOLS_DIR: usrBin, CERTLAB_STRONGSWAN_PLUGINS_DIR: plugins, ...vars });
  return { dir, usrBin, plugins, pathDir, exe, plugin, strongswanPlugins, env };
}

const lines = (s) => s.trim().split("\n").filter(Boolean);

test("found: both clients at Debian's paths, nothing installed, no message", (t) => {
  const m = machine(t);
  m.exe(path.join(m.usrBin, "scepclient"));
  m.exe(path.join(m.usrBin, "pki"));
  m.strongswanPlugins();
  const logged = [];
  const res = ensureScepTools({ env: m.env({ CERTLAB_SCEP_TOOLS_INSTALL_CMD: "exit 99" }), isRoot: true, log: (l) => logged.push(l) });
  assert.equal(res.outcome, "found");
  assert.equal(res.paths.scepclient, path.join(m.usrBin, "scepclient"));
  assert.equal(res.paths.pki, path.join(m.usrBin, "pki"));
  assert.equal(res.message, null);
  assert.deepEqual(logged, []);
});

test("a file that is not executable does not count", (t) => {
  const m = machine(t);
  writeFileSync(path.join(m.usrBin, "scepclient"), "not a program");
  m.exe(path.join(m.usrBin, "pki"));
  m.strongswanPlugins();
  assert.deepEqual(findScepTools({ env: m.env() }).missing.map((x) => x.package), ["scep"]);
});

test("missing, not root: one line naming each missing package and the apt-get fix; nothing installed", (t) => {
  const m = machine(t);
  m.exe(path.join(m.pathDir, "apt-get"), `touch ${path.join(m.dir, "apt-ran")}; exit 0`);
  const res = ensureScepTools({ env: m.env(), isRoot: false, log: () => assert.fail("nothing should be logged") });
  assert.equal(res.outcome, "missing");
  assert.deepEqual(res.missing, ["scep", "strongswan-pki", "libstrongswan-standard-plugins", "libstrongswan-extra-plugins"]);
  assert.equal(lines(res.message).length, 1);
  assert.match(res.message, /scepclient \(package scep\) and .*pki \(package strongswan-pki\)/);
  assert.match(res.message, /not running as root/);
  assert.match(res.message, /Fix: sudo apt-get install scep strongswan-pki libstrongswan-standard-plugins libstrongswan-extra-plugins\.$/);
  assert.equal(spawnSync("test", ["-e", path.join(m.dir, "apt-ran")]).status, 1, "apt-get must not run");
});

test("only strongSwan's pki missing: the line and the fix name only strongswan-pki", (t) => {
  const m = machine(t);
  m.exe(path.join(m.usrBin, "scepclient"));
  m.strongswanPlugins();
  const res = ensureScepTools({ env: m.env(), isRoot: false });
  assert.deepEqual(res.missing, ["strongswan-pki"]);
  assert.doesNotMatch(res.message, /package scep\)/);
  assert.match(res.message, /Fix: sudo apt-get install strongswan-pki\.$/);
});

test("pki without its curl plugin counts as missing (pki --scep: 'no capable fetcher found')", (t) => {
  const m = machine(t);
  m.exe(path.join(m.usrBin, "scepclient"));
  m.exe(path.join(m.usrBin, "pki"));
  m.plugin("openssl");
  const res = ensureScepTools({ env: m.env(), isRoot: false });
  assert.deepEqual(res.missing, ["libstrongswan-extra-plugins"]);
  assert.match(res.message, /pki's curl plugin .*libstrongswan-curl\.so \(package libstrongswan-extra-plugins\)/);
  assert.match(res.message, /Fix: sudo apt-get install libstrongswan-extra-plugins\.$/);
});

test("no apt-get at all: says so", (t) => {
  const m = machine(t);
  const res = ensureScepTools({ env: m.env(), isRoot: true });
  assert.equal(res.outcome, "missing");
  assert.match(res.message, /no apt-get here/);
});

test("installed: root with apt-get runs update then install of exactly the missing packages", (t) => {
  const m = machine(t);
  m.exe(path.join(m.usrBin, "scepclient"));
  m.strongswanPlugins();
  const log = path.join(m.dir, "apt.log");
  // A fake apt-get that records its arguments and, on install, puts pki in place.
  m.exe(path.join(m.pathDir, "apt-get"), `echo "$@" >> ${log}\ncase "$1" in install) printf '#!/bin/sh\\n' > ${m.usrBin}/pki; /bin/chmod 755 ${m.usrBin}/pki;; esac`);
  const logged = [];
  const res = ensureScepTools({ env: m.env(), isRoot: true, log: (l) => logged.push(l) });
  assert.equal(res.outcome, "installed", res.message ?? "");
  assert.equal(res.paths.pki, path.join(m.usrBin, "pki"));
  const calls = lines(spawnSync("cat", [log], { encoding: "utf8" }).stdout);
  assert.deepEqual(calls, ["update -qq", "install -y -qq strongswan-pki"]);
  assert.equal(logged.length, 2);
});

test("install fails: the line says why and still gives the fix", (t) => {
  const m = machine(t);
  const res = ensureScepTools({ env: m.env({ CERTLAB_SCEP_TOOLS_INSTALL_CMD: "echo 'E: Unable to locate package scep' >&2; exit 100" }), isRoot: false, log: () => {} });
  assert.equal(res.outcome, "missing");
  assert.match(res.message, /installing failed: .*exit 100.*Unable to locate package scep/);
  assert.match(res.message, /Fix: sudo apt-get install scep /);
});

test("install runs but the tools are still not there: says which", (t) => {
  const m = machine(t);
  const res = ensureScepTools({ env: m.env({ CERTLAB_SCEP_TOOLS_INSTALL_CMD: "exit 0" }), isRoot: false, log: () => {} });
  assert.equal(res.outcome, "missing");
  assert.match(res.message, /the install finished but .*scepclient \(package scep\)/);
});

test("command line: --find prints the paths (exit 0), or one line with the fix (exit 1) and never installs", (t) => {
  const m = machine(t);
  const marker = path.join(m.dir, "installed");
  const missing = spawnSync(process.execPath, [cli, "--find"], { env: m.env({ CERTLAB_SCEP_TOOLS_INSTALL_CMD: `touch ${marker}` }), encoding: "utf8" });
  assert.equal(missing.status, 1);
  assert.equal(missing.stdout, "");
  assert.equal(lines(missing.stderr).length, 1);
  assert.match(missing.stderr, /Fix: sudo apt-get install scep strongswan-pki/);
  assert.equal(spawnSync("test", ["-e", marker]).status, 1);
  m.exe(path.join(m.usrBin, "scepclient"));
  m.exe(path.join(m.usrBin, "pki"));
  m.strongswanPlugins();
  const found = spawnSync(process.execPath, [cli, "--find"], { env: m.env(), encoding: "utf8" });
  assert.equal(found.status, 0, found.stderr);
  assert.deepEqual(lines(found.stdout).slice(0, 2), [path.join(m.usrBin, "scepclient"), path.join(m.usrBin, "pki")]);
  assert.equal(lines(found.stdout).length, 4);
});

test("the suites left out are the test files that run a real client, read from their source", (t) => {
  const m = machine(t);
  const dir = path.join(m.dir, "tests");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "a-clients.test.ts"), 'const r = await scepclient(lab, url, ch, "cn", "n");');
  writeFileSync(path.join(dir, "b-breaks.test.ts"), "await strongswan (lab, url, c, dn, [], 'x');");
  writeFileSync(path.join(dir, "c-devices.test.ts"), "// mentions the scepclient command line only in a comment string: 'scepclient -server-url'");
  writeFileSync(path.join(dir, "helpers.ts"), "export function scepclient() {}");
  assert.deepEqual(suitesNeedingScepTools(dir), ["a-clients.test.ts", "b-breaks.test.ts"]);
  // And in this repository: the three SCEP client suites at least.
  const real = suitesNeedingScepTools(path.join(root, "apps/api/test"));
  for (const f of ["scep-breaks.test.ts", "scep-clients.test.ts", "scep-https.test.ts"]) assert.ok(real.includes(f), `${f} in ${real.join(", ")}`);
});
