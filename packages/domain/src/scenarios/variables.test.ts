import { describe, expect, it } from "vitest";
import { applyFaults } from "./patch";
import { baselineDocument } from "./baseline";
import { getAtPointer } from "./document";
import { parseScenario, publicScenario, ZScenario, type ScenarioInput } from "./schema";
import { fixtureScenario, IOS_SCEP } from "./testing";
import { validateScenario } from "./validate";
import { instantiateScenario, labSeed, resolveVariables, seedFromText, substituteVariables, variantSeeds } from "./variables";

const now = new Date("2026-03-01T09:00:00Z");
const URL_PATH = `/intune/profiles/${IOS_SCEP}/settings/scepServerUrls/0`;

/** The fixture with a variable: which wrong path the iOS profile's SCEP URL ends with, named in the task text. */
function varied(suffixes = ["certsrv/mscep/", "certsrv/", "mscep/"]): ScenarioInput {
  const s = fixtureScenario();
  s.variables = { suffix: { kind: "string", choices: suffixes }, limit: { kind: "int", min: 10, max: 12 } };
  s.faults[1]!.patch = [{ op: "replace", path: URL_PATH, value: "{{/entra/applications/NDES/onPremisesPublishing/externalUrl}}{{var.suffix}}" }];
  s.objectives[1]!.task = "The iOS profile's URL ends in {{var.suffix}}; {{UserPrincipalName}} stays.";
  s.objectives[1]!.hints = [{ id: "h1", text: "Limit {{ var.limit }}.", penalty: 0 }];
  return s;
}

describe("scenario variables", () => {
  it("resolves the same values for the same seed on every machine, and different seeds spread over the choices", () => {
    const s = ZScenario.parse(varied());
    expect(resolveVariables(s, 7)).toEqual(resolveVariables(s, 7));
    // Pinned values: the pick is FNV-1a + rotation, no Math.random, no platform dependency.
    expect(resolveVariables(s, 0)).toEqual({ suffix: "mscep/", limit: 10 });
    expect(resolveVariables(s, 1)).toEqual({ suffix: "certsrv/mscep/", limit: 11 });
    expect(resolveVariables(s, 2 ** 31 + 1)).toEqual(resolveVariables(s, 1));
    // variantSeeds reaches every value of every variable; neighbouring seeds differ in every variable.
    expect(variantSeeds(s)).toEqual([0, 1, 2]);
    const picks = variantSeeds(s).map((seed) => resolveVariables(s, seed));
    expect(new Set(picks.map((p) => p.suffix))).toEqual(new Set(["certsrv/mscep/", "certsrv/", "mscep/"]));
    expect(new Set(picks.map((p) => p.limit))).toEqual(new Set([10, 11, 12]));
    for (let seed = 100; seed < 110; seed++) expect(resolveVariables(s, seed).suffix).not.toBe(resolveVariables(s, seed + 1).suffix);
    expect(variantSeeds(ZScenario.parse(fixtureScenario()))).toEqual([]);
    expect(labSeed(2 ** 31 - 1, 1)).toBe(0);
    expect(seedFromText("a workshop id")).toBe(seedFromText("a workshop id"));
  });

  it("replaces {{var.x}} in patches, texts and checks; leaves Intune variables, {{now}} and pointers", () => {
    const s = ZScenario.parse(varied());
    const { scenario, vars } = instantiateScenario(s, 2);
    expect(vars).toEqual({ suffix: "certsrv/", limit: 12 });
    expect(scenario.faults[1]!.patch[0]).toEqual({ op: "replace", path: URL_PATH, value: "{{/entra/applications/NDES/onPremisesPublishing/externalUrl}}certsrv/" });
    expect(scenario.objectives[1]!.task).toBe("The iOS profile's URL ends in certsrv/; {{UserPrincipalName}} stays.");
    expect(scenario.objectives[1]!.hints[0]!.text).toBe("Limit 12.");
    // A whole placeholder keeps the value's type in a value, and is text in a text field.
    expect(substituteVariables({ value: "{{var.limit}}", task: "{{var.limit}}", list: ["{{var.limit}}"], s: "CN={{UserName}}" }, vars)).toEqual({ value: 12, task: "12", list: [12], s: "CN={{UserName}}" });
    // The faulted document has this lab's value.
    const doc = applyFaults(baselineDocument({ now }), scenario, { now });
    expect(String(getAtPointer(doc, URL_PATH))).toMatch(/\/certsrv\/$/);
    // The trainee's view: texts resolved, no variable declarations (their choices would give the answer away).
    const p = publicScenario(scenario) as Record<string, unknown>;
    expect(p.variables).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain("var.");
  });

  it("refuses an unknown variable, one outside the replaced sections and malformed declarations, naming the path", () => {
    const unknown = varied();
    unknown.objectives[0]!.solution.requests![0]!.path = "/api/lab/servers/{{var.server}}/iis/app-pools/SCEP";
    const r = parseScenario(unknown);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "objectives/0/solution/requests/0/path", message: "no variable 'server' (declared: suffix, limit)" }]);
    const outside = { ...varied(), title: "Fix {{var.suffix}}" };
    expect(parseScenario(outside)).toMatchObject({ ok: false, issues: [{ path: "title", message: expect.stringMatching(/only replaced in briefing, faults, objectives, guards/) }] });
    const titled = varied();
    titled.objectives[1]!.title = "Fix {{var.suffix}}";
    expect(parseScenario(titled)).toMatchObject({ ok: false, issues: [{ path: "objectives/1/title", message: expect.stringMatching(/matrix column/) }] });
    const none = fixtureScenario();
    none.faults[0]!.patch[1] = { op: "replace", path: "/lab/ndes/NDES01/iis/appPools/SCEP/state", value: { deep: ["{{var.state}}"] } };
    expect(parseScenario(none)).toMatchObject({ ok: false, issues: [{ path: "faults/0/patch/1/value/deep/0", message: expect.stringMatching(/no variable 'state' \(declared: none/) }] });

    const bad = (variables: unknown) => {
      const x = parseScenario({ ...fixtureScenario(), variables });
      return x.ok ? [] : x.issues.map((i) => i.path);
    };
    expect(bad({ one: { kind: "string", choices: ["a"] } })).toEqual(["variables/one/choices"]);
    expect(bad({ dup: { kind: "string", choices: ["a", "a"] } })).toEqual(["variables/dup/choices/1"]);
    expect(bad({ wide: { kind: "int", min: 1, max: 100 } })).toEqual(["variables/wide/max"]);
    expect(bad({ host: { kind: "hostname", choices: ["ndes02", "not a host"] } })).toEqual(["variables/host/choices/1"]);
    expect(bad({ pat: { kind: "string", choices: ["NDES02", "ca01"], pattern: "^NDES" } })).toEqual(["variables/pat/choices/1"]);
    expect(bad({ "bad-name": { kind: "string", choices: ["a", "b"] } })).toEqual(["variables/bad-name"]);
    expect(bad({ typo: { kind: "string", choices: ["a", "b"], choice: 1 } }).length).toBeGreaterThan(0);
  });

  it("validate tries every value: a fault that raises its codes only for some values is reported with the seed", () => {
    const ok = validateScenario(varied(), { now });
    expect(ok.issues).toEqual([]);
    // "certsrv/mscep/mscep.dll" is the correct path: with that value the fault raises nothing and the objective passes.
    const r = validateScenario(varied(["certsrv/", "certsrv/mscep/mscep.dll"]), { now });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual(["faults/1/expectFindings", "faults", "objectives/1/check"]);
    expect(r.issues[0]!.message).toMatch(/missing PROF_URL_NOT_MSCEP_PATH.*with seed \d: suffix="certsrv\/mscep\/mscep\.dll"/);
    expect(r.issues[0]!.message).not.toMatch(/suffix="certsrv\/"/);
  });
});
