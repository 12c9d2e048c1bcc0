#!/usr/bin/env node
// The real SCEP clients the API's SCEP client suites drive (issue 10): micromdm scepclient (Debian package "scep")
// and strongSwan's `pki --scep` (package "strongswan-pki", with the openssl/curl plugins), at Debian's paths, which
// is where apps/api/test/scep-helpers.ts runs them. Like scripts/chromium.mjs for the browser: npm test
// (scripts/test.mjs) finds them, installs them with apt-get when they are missing and we are root, and otherwise
// leaves the suites that need them out with ONE summary line naming the missing package and the fix (a failure
// under CI=true, since .ci/run installs them). Never a silent pass.
//
// `pki --scep` also needs strongSwan's curl plugin (libstrongswan-extra-plugins: without it "no capable fetcher
// found") and its openssl plugin (libstrongswan-standard-plugins): a machine with only strongswan-pki counts as
// missing them.
//
// Test hooks (so scripts/scep-tools.test.mjs can drive a fake machine): $CERTLAB_SCEP_TOOLS_DIR replaces /usr/bin
// and $CERTLAB_STRONGSWAN_PLUGINS_DIR replaces /usr/lib/ipsec/plugins; $CERTLAB_SCEP_TOOLS_INSTALL_CMD replaces the
// apt-get install (run with `sh -c`, needs no root); $PATH is read from the env given (for apt-get).
//
// CLI: `node scripts/scep-tools.mjs` ensures the tools and prints their paths (exit 0) or the one-line reason
// (exit 1); `--find` only looks, never installs.
import { spawnSync } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const binDir = (env) => env.CERTLAB_SCEP_TOOLS_DIR || "/usr/bin";
const pluginDir = (env) => env.CERTLAB_STRONGSWAN_PLUGINS_DIR || "/usr/lib/ipsec/plugins";

/** What the SCEP client suites run, where Debian puts it, and the package that ships it. */
export const SCEP_TOOLS = [
  { name: "scepclient", package: "scep", file: (env) => path.join(binDir(env), "scepclient"), executable: true },
  { name: "pki", package: "strongswan-pki", file: (env) => path.join(binDir(env), "pki"), executable: true },
  { name: "pki's openssl plugin", package: "libstrongswan-standard-plugins", file: (env) => path.join(pluginDir(env), "libstrongswan-openssl.so"), executable: false },
  { name: "pki's curl plugin", package: "libstrongswan-extra-plugins", file: (env) => path.join(pluginDir(env), "libstrongswan-curl.so"), executable: false },
];

const packagesFor = (tools) => [...new Set(tools.map((t) => t.package))];
export const FIX = `sudo apt-get install ${packagesFor(SCEP_TOOLS).join(" ")}`;

function isExecutable(file, executable = true) {
  try {
    if (!statSync(file).isFile()) return false;
    if (executable) accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name, pathVar) {
  for (const dir of (pathVar ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

/**
 * Looks for the tools without installing anything.
 * @returns {{ paths: Record<string, string>, missing: typeof SCEP_TOOLS }}
 */
export function findScepTools({ env = process.env } = {}) {
  const paths = {};
  const missing = [];
  for (const tool of SCEP_TOOLS) {
    const file = tool.file(env);
    if (isExecutable(file, tool.executable)) paths[tool.name] = file;
    else missing.push(tool);
  }
  return { paths, missing };
}

const describeMissing = (env, missing) => missing.map((t) => `${t.executable ? t.file(env) : `${t.name} ${t.file(env)}`} (package ${t.package})`).join(" and ");
const fixFor = (missing) => `sudo apt-get install ${packagesFor(missing).join(" ")}`;

function lastLines(text, n = 3) {
  return String(text ?? "")
    .trim()
    .split("\n")
    .slice(-n)
    .join(" | ");
}

function install(env, aptGet, missing) {
  const run = (cmd, args) => spawnSync(cmd, args, { env: { ...env, DEBIAN_FRONTEND: "noninteractive" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const steps = env.CERTLAB_SCEP_TOOLS_INSTALL_CMD
    ? [["/bin/sh", ["-c", env.CERTLAB_SCEP_TOOLS_INSTALL_CMD]]]
    : [
        [aptGet, ["update", "-qq"]],
        [aptGet, ["install", "-y", "-qq", ...packagesFor(missing)]],
      ];
  for (const [cmd, args] of steps) {
    const res = run(cmd, args);
    if (res.error) return `${cmd} ${args.join(" ")} could not start (${res.error.message})`;
    if (res.status !== 0) {
      const tail = lastLines(res.stderr) || lastLines(res.stdout);
      return `${path.basename(cmd)} ${args.join(" ")} failed (exit ${res.status}${tail ? `: ${tail}` : ""})`;
    }
  }
  return null;
}

/**
 * Finds the tools, installing the missing ones from Debian when the machine can do so without asking.
 * @param {{ env?: NodeJS.ProcessEnv, isRoot?: boolean, log?: (line: string) => void }} [opts]
 * @returns {{ outcome: "found" | "installed" | "missing", paths: Record<string, string>, missing: string[], message: string | null }}
 *   `missing` lists the Debian packages still missing; `message` is the one line to show.
 */
export function ensureScepTools({ env = process.env, isRoot = process.getuid?.() === 0, log = console.log } = {}) {
  const first = findScepTools({ env });
  if (!first.missing.length) return { outcome: "found", paths: first.paths, missing: [], message: null };
  const what = `No ${describeMissing(env, first.missing)} for the SCEP client suites`;
  const custom = Boolean(env.CERTLAB_SCEP_TOOLS_INSTALL_CMD);
  const aptGet = onPath("apt-get", env.PATH);
  const packages = first.missing.map((t) => t.package);
  if (!custom && !(isRoot && aptGet)) {
    const why = aptGet ? "not running as root, so nothing was installed" : "no apt-get here to install it";
    return { outcome: "missing", paths: first.paths, missing: packages, message: `${what}; ${why}. Fix: ${fixFor(first.missing)}.` };
  }
  log(custom ? `Installing the SCEP clients (${env.CERTLAB_SCEP_TOOLS_INSTALL_CMD})…` : `Installing Debian's ${packagesFor(first.missing).join(" ")} for the SCEP client suites…`);
  const failure = install(env, aptGet, first.missing);
  if (failure) return { outcome: "missing", paths: first.paths, missing: packages, message: `${what}, and installing failed: ${failure}. Fix: ${fixFor(first.missing)}.` };
  const after = findScepTools({ env });
  if (after.missing.length) {
    return { outcome: "missing", paths: after.paths, missing: after.missing.map((t) => t.package), message: `${what}; the install finished but ${describeMissing(env, after.missing)} is still missing. Fix: ${fixFor(after.missing)}.` };
  }
  log(`Installed: ${Object.values(after.paths).join(", ")}`);
  return { outcome: "installed", paths: after.paths, missing: [], message: null };
}

/**
 * The API test files that run a real SCEP client: those calling scep-helpers' scepclient() or strongswan(), or
 * naming the tools' paths. Read from the files, so a new suite is covered without a list to keep.
 * @returns {string[]} file names relative to `testDir`
 */
export function suitesNeedingScepTools(testDir) {
  return readdirSync(testDir)
    .filter((f) => f.endsWith(".test.ts"))
    .filter((f) => /\b(scepclient|strongswan)\s*\(|\bSCEPCLIENT\b|\brequireBinary\s*\(/.test(readFileSync(path.join(testDir, f), "utf8")))
    .sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--find")) {
    const found = findScepTools();
    for (const p of Object.values(found.paths)) console.log(p);
    if (found.missing.length) console.error(`No ${describeMissing(process.env, found.missing)} for the SCEP client suites. Fix: ${fixFor(found.missing)}.`);
    process.exit(found.missing.length ? 1 : 0);
  }
  const res = ensureScepTools({ log: (line) => console.error(line) });
  for (const p of Object.values(res.paths)) console.log(p);
  if (res.message) console.error(res.message);
  process.exit(res.outcome === "missing" ? 1 : 0);
}
