// The scenario runner CLI (npm run scenario, scripts/scenario.ts; issue 11): `test` on the fixture that works passes
// every step; on the fixture whose solution starts the wrong application pool it fails with a readable line naming
// the objective and the finding still reported, in the human output, the JUnit XML and the JSON; exit code 1.
// `validate` names the path of a broken file; a missing directory is reported, not a failure. A scenario with variables
// is tested once per seed of variantSeeds (every value), or only with --seed N.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths.ts";

const fixtures = path.join(repoRoot, "apps/api/test/fixtures/scenarios");
const tmp = mkdtempSync(path.join(os.tmpdir(), "certlab-runner-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/scenario.ts", ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, CERTLAB_TEST_DATABASE_URL: "" }, timeout: 400_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

describe("npm run scenario", () => {
  it("test: passes the working fixture, fails the broken solution with a readable reason (text, JUnit, JSON)", () => {
    const junit = path.join(tmp, "out.xml");
    const json = path.join(tmp, "out.json");
    const r = cli("test", fixtures, "--junit", junit, "--json", json);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain("✔ fixture-pool-and-url");
    expect(r.out).toMatch(/✘ objective o-pool: Start the SCEP application pool — the check still fails after the solution: NDES_APPPOOL_STOPPED is still reported/);
    expect(r.out).toContain("✘ score — score 3/5, pass needs 5");
    expect(r.out).toContain("1 passed, 1 failed (scenario test)");
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/<testsuites name="certlab scenarios" tests="10" failures="2">/);
    expect(xml).toMatch(/<testcase classname="fixture-broken-solution" name="objective o-pool: Start the SCEP application pool" time="[\d.]+">\n\s+<failure message="the check still fails/);
    const runs = (JSON.parse(readFileSync(json, "utf8")) as { runs: { id: string; ok: boolean; score: number }[] }).runs;
    expect(runs.map((x) => [x.id, x.ok, x.score])).toEqual([
      ["fixture-broken-solution", false, 3],
      ["fixture-pool-and-url", true, 5],
    ]);
  }, 420_000);

  it("test: a scenario with variables runs once per seed (every value), or only with --seed N", () => {
    const varied = JSON.parse(readFileSync(path.join(fixtures, "fixture-ok.json"), "utf8"));
    varied.id = "fixture-varied";
    varied.variables = { suffix: { kind: "string", choices: ["certsrv/mscep/", "certsrv/", "mscep/"] } };
    varied.faults[1].patch[0].value = "{{/entra/applications/NDES/onPremisesPublishing/externalUrl}}{{var.suffix}}";
    varied.objectives[1].task = "The iOS profile's URL ends in {{var.suffix}}.";
    const file = path.join(tmp, "varied.json");
    writeFileSync(file, JSON.stringify(varied));
    const all = cli("test", file);
    expect(all.code, all.out).toBe(0);
    for (const seed of [0, 1, 2]) expect(all.out).toMatch(new RegExp(`✔ seed ${seed} · load — loaded fixture-varied@1\\.0\\.0 \\(2 faults; suffix="[a-z/]+"\\)`));
    expect(new Set([...all.out.matchAll(/suffix="([a-z/]+)"/g)].map((m) => m[1]))).toEqual(new Set(["certsrv/mscep/", "certsrv/", "mscep/"]));
    const one = cli("test", file, "--seed", "7");
    expect(one.code, one.out).toBe(0);
    expect(one.out).toContain("✔ seed 7 · score");
    expect(one.out).not.toContain("seed 0 ·");
    expect(cli("test", file, "--seed", "-3").code).toBe(2);
  }, 420_000);

  it("validate: names the path of each problem; a missing directory is reported and not a failure", () => {
    const bad = JSON.parse(readFileSync(path.join(fixtures, "fixture-ok.json"), "utf8"));
    bad.faults[0].expectFindings = ["NDES_APPPOOL_STOPPED", "NO_SUCH_CODE"];
    const file = path.join(tmp, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const r = cli("validate", file, path.join(tmp, "nowhere"));
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain("faults/0/expectFindings/1: no rule 'NO_SUCH_CODE' in the catalogue");
    expect(r.out).toMatch(/nowhere: no such file or directory/);
    const empty = cli("validate", path.join(tmp, "nowhere"));
    expect(empty.code, empty.out).toBe(0);
    expect(empty.out).toContain("0 passed, 0 failed");
  }, 120_000);
});
