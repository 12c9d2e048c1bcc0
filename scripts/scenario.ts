// npm run scenario -- validate|test|run <file|dir...> [--seed N] [--junit out.xml] [--json out.json] [--url URL --token clt_...]
// (issue 11; docs/scenarios.md "Runner").
//   validate  validateScenario on each file (schema, rule codes, patches apply, each fault raises exactly its codes,
//             objectives fail on the faulted lab) and scenario ids unique across the files.
//   test      validate, then Instruqt's track test over HTTP: Certlab's API started in-process on a temporary SQLite
//             database with the demo directories (or the server at --url with --token), the scenario loaded, each
//             objective: check fails → solution requests → check passes, guards hold, no collateral; score ≥ passPoints.
//             A scenario with variables is tested once per seed of variantSeeds (together they reach every value of
//             every variable), or only with --seed N.
//   run       load each file into a running Certlab (--url, --token: a personal API token) and print its status
//             (--seed N: the lab's seed, which picks the variables' values).
// One line per step (✔/✘ and the reason); exit code 1 on any failure. A directory is searched for *.json recursively;
// a missing or empty directory is reported and is not a failure.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { validateScenario } from "../packages/domain/src/scenarios/validate.ts";
import type { Scenario } from "../packages/domain/src/scenarios/schema.ts";
import { variantSeeds } from "../packages/domain/src/scenarios/variables.ts";
import type { Http } from "../apps/api/src/scenarios/solve.ts";
import { humanLines, junitXml, testScenario, type ScenarioRun } from "../apps/api/src/scenarios/runner.ts";

type Args = { command: string; paths: string[]; junit?: string; json?: string; url?: string; token?: string; seed?: number };

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("usage: npm run scenario -- validate|test|run <file|dir...> [--seed N] [--junit out.xml] [--json out.json] [--url http://localhost:3000 --token clt_...]");
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!command || !["validate", "test", "run"].includes(command)) usage(command ? `unknown command '${command}'` : undefined);
  const a: Args = { command, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const v = rest[i]!;
    const next = () => rest[++i] ?? usage(`${v} needs a value`);
    if (v === "--junit") a.junit = next();
    else if (v === "--json") a.json = next();
    else if (v === "--url") a.url = next().replace(/\/$/, "");
    else if (v === "--token") a.token = next();
    else if (v === "--seed") {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) usage("--seed takes an integer from 0 to 2147483647");
      a.seed = n;
    }
    else if (v.startsWith("--")) usage(`unknown option ${v}`);
    else a.paths.push(v);
  }
  if (!a.paths.length) usage("name at least one scenario file or directory");
  if (a.command === "run" && (!a.url || !a.token)) usage("run needs --url and --token (a personal API token, Settings › API tokens)");
  if (Boolean(a.url) !== Boolean(a.token)) usage("--url and --token go together");
  return a;
}

function jsonFiles(p: string): string[] {
  const st = statSync(p);
  if (!st.isDirectory()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(path.join(p, e.name)) : e.name.endsWith(".json") ? [path.join(p, e.name)] : []))
    .sort();
}

function collect(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let found: string[];
    try {
      found = jsonFiles(p);
    } catch {
      console.log(`· ${p}: no such file or directory — nothing to check there`);
      continue;
    }
    if (!found.length) console.log(`· ${p}: no scenario files (*.json) yet`);
    files.push(...found);
  }
  return files;
}

/** fetch as an Http with a bearer token (no CSRF needed for token-authenticated writes). */
function fetchHttp(base: string, token: string): Http {
  return async (method, p, body, headers) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...(headers ?? {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  };
}

/** Certlab's API in this process on a temporary SQLite database with the demo directories; a token for Contoso's admin. */
async function startLocal(): Promise<{ base: string; token: string; stop: () => Promise<void> }> {
  const [{ migrate }, { createDb }, { seedDemo, DEMO }, { createApp }, { createHttpServer }, { repoRoot }] = await Promise.all([
    import("../apps/api/src/db/migrate.ts"),
    import("../apps/api/src/db/client.ts"),
    import("../apps/api/src/seed/demo.ts"),
    import("../apps/api/src/app.ts"),
    import("../apps/api/src/http/http-server.ts"),
    import("../apps/api/src/paths.ts"),
  ]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "certlab-scenario-"));
  const url = `file:${path.join(dir, "scenario-test.db")}`;
  migrate(url);
  const db = await createDb(url);
  const password = "Scenario-Test-Passw0rd!";
  await seedDemo(db, password);
  const server = createHttpServer(createApp({ db, databaseUrl: url, webRoot: path.join(repoRoot, ".tmp/no-web") }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = await fetch(`${base}/api/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: DEMO.contoso.users.admin.upn, password }) });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const t = await fetch(`${base}/api/tokens`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrfToken }, body: JSON.stringify({ displayName: "scenario runner", expiresInDays: 1 }) });
  if (t.status !== 201) throw new Error(`token creation failed: ${t.status} ${await t.text()}`);
  const { token } = (await t.json()) as { token: string };
  return {
    base,
    token,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const files = collect(args.paths);
  const runs: ScenarioRun[] = [];
  const valid: { file: string; scenario: Scenario }[] = [];
  const ids = new Map<string, string>();

  // Validation first, for every command: a file that does not validate is never loaded.
  for (const file of files) {
    const t0 = Date.now();
    const rel = path.relative(process.cwd(), file);
    let json: unknown;
    let issues: { path: string; message: string }[] = [];
    let scenario: Scenario | undefined;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
      const r = validateScenario(json);
      issues = r.issues;
      scenario = r.scenario;
    } catch (e) {
      issues = [{ path: "(file)", message: (e as Error).message }];
    }
    if (scenario) {
      const other = ids.get(scenario.id);
      if (other) issues.push({ path: "id", message: `the id '${scenario.id}' is also used by ${other}` });
      else ids.set(scenario.id, rel);
    }
    const ok = issues.length === 0;
    const run: ScenarioRun = { id: scenario?.id ?? path.basename(file, ".json"), file: rel, ok, cases: [{ name: "validate", ok, message: ok ? "valid" : issues.map((i) => `${i.path}: ${i.message}`).join("\n"), ms: Date.now() - t0 }] };
    runs.push(run);
    if (ok && scenario) valid.push({ file: rel, scenario });
    if (args.command === "validate" || !ok) for (const l of humanLines(run)) console.log(l);
  }

  if (args.command !== "validate" && valid.length) {
    const remote = args.url && args.token ? { base: args.url, token: args.token, stop: async () => undefined } : await startLocal();
    try {
      const http = fetchHttp(remote.base, remote.token);
      for (const { file, scenario } of valid) {
        const run = runs.find((r) => r.file === file)!;
        if (args.command === "test") {
          // Every variant (or the one --seed names); a scenario without variables once, with its own seed.
          const seeds: (number | undefined)[] = args.seed !== undefined ? [args.seed] : variantSeeds(scenario).length ? variantSeeds(scenario) : [undefined];
          let ok = true;
          for (const seed of seeds) {
            const t = await testScenario(http, scenario, file, seed);
            run.cases.push(...t.cases);
            ok &&= t.ok;
            Object.assign(run, { score: t.score, maxScore: t.maxScore, passPoints: t.passPoints });
          }
          run.ok = ok;
        } else {
          const t0 = Date.now();
          const r = await http("POST", "/api/scenarios/load", args.seed === undefined ? { scenario } : { scenario, seed: args.seed });
          const ok = r.status === 200;
          const status = r.body as { objectives?: { id: string; passed: boolean; reason: string }[]; score?: number; maxScore?: number };
          run.cases.push({ name: "load", ok, message: ok ? `loaded into ${remote.base}` : `POST /api/scenarios/load answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`, ms: Date.now() - t0 });
          for (const o of ok ? (status.objectives ?? []) : []) run.cases.push({ name: `objective ${o.id}`, ok: true, message: `${o.passed ? "passing" : "open"}: ${o.reason}`, ms: 0 });
          run.ok = ok;
        }
        for (const l of humanLines(run)) console.log(l);
      }
    } finally {
      await remote.stop();
    }
  }

  if (args.junit) writeFileSync(args.junit, junitXml(runs));
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ command: args.command, runs }, null, 2)}\n`);
  const failed = runs.filter((r) => !r.ok).length;
  console.log(`${runs.length - failed} passed, ${failed} failed (scenario ${args.command})`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
