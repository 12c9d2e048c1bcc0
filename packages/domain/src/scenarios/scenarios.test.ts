import { describe, expect, it } from "vitest";
import { completeSetup } from "../setup/complete-setup";
import { freshLab } from "../lab/fresh-lab";
import { evaluate } from "../rules/engine";
import { aTenant } from "../directory/tenant-builder";
import type { TenantSnapshot } from "../rules/snapshot";
import { baselineDocument, baselineSnapshot } from "./baseline";
import { getAtPointer, scenarioDocument, snapshotFromDocument } from "./document";
import { evaluateScenario, runCheck } from "./evaluate";
import { addIsoDuration, applyFaultPatch, applyFaults, resolvePlaceholders, ScenarioPatchError } from "./patch";
import { parseScenario, publicScenario, ZScenario, type Check } from "./schema";
import { fixtureScenario, IOS_SCEP } from "./testing";
import { validateScenario } from "./validate";

const now = new Date("2026-03-01T09:00:00Z");
const scenario = () => ZScenario.parse(fixtureScenario());

describe("scenario document", () => {
  it("keys arrays by human names and round-trips the complete setup exactly", () => {
    const s = completeSetup({ now });
    const d = scenarioDocument(s) as Record<string, any>;
    expect(Object.keys(d.lab.servers)).toContain("NDES01");
    expect(d.lab.ndes.NDES01.iis.appPools.SCEP.state).toBe("started");
    expect(d.lab.servers.NDES01.services.W3SVC.status).toBe("running");
    expect(d.directory.users["intune-admin"].userPrincipalName).toBe("intune-admin@contoso.onmicrosoft.com");
    expect(Object.keys(d.directory.roleAssignments)).toContain("intune-admin|intuneAdministrator");
    expect(Object.keys(d.intune.assignments)).toContain(`${IOS_SCEP}|Certlab SCEP Users`);
    expect(d.entra.connectorGroups["NDES Connector Group"].isDefault).toBe(false);
    expect(snapshotFromDocument(d as never)).toEqual(s);
    expect(JSON.stringify(snapshotFromDocument(d as never))).toBe(JSON.stringify(s));
  });

  it("round-trips freshLab-based snapshots and a directory with duplicate local parts", () => {
    const t = aTenant({
      displayName: "Fabrikam",
      skus: ["EMS"],
      users: [
        { upn: "alex@fabrikam.onmicrosoft.com", displayName: "Alex", roles: ["globalAdministrator"] },
        { upn: "alex@fabrikam.com", displayName: "Alex 2" },
      ],
    });
    const snap: TenantSnapshot = { tenant: t.tenant, directory: t.directory, lab: freshLab(now) };
    const d = scenarioDocument(snap) as Record<string, any>;
    expect(Object.keys(d.directory.users)).toEqual(["alex", "alex@fabrikam.com"]);
    expect(snapshotFromDocument(d as never)).toEqual(snap);
    const empty: TenantSnapshot = { tenant: t.tenant, directory: { ...t.directory, users: [], groups: [] } };
    expect(snapshotFromDocument(scenarioDocument(empty))).toEqual(empty);
  });

  it("reads JSON pointers with ~0/~1 escapes", () => {
    const doc = { a: { "x/y": { "m~n": 1 } }, list: [5, 6] };
    expect(getAtPointer(doc, "/a/x~1y/m~0n")).toBe(1);
    expect(getAtPointer(doc, "/list/1")).toBe(6);
    expect(getAtPointer(doc, "/list/01")).toBeUndefined();
    expect(getAtPointer(doc, "/nope")).toBeUndefined();
  });
});

describe("patches and placeholders", () => {
  it("moves ISO 8601 durations both ways", () => {
    expect(addIsoDuration(now, "P2D", -1).toISOString()).toBe("2026-02-27T09:00:00.000Z");
    expect(addIsoDuration(now, "PT1H30M").toISOString()).toBe("2026-03-01T10:30:00.000Z");
    expect(addIsoDuration(now, "P1Y").toISOString()).toBe("2027-03-01T09:00:00.000Z");
    expect(() => addIsoDuration(now, "P")).toThrow(/not an ISO 8601 duration/);
    expect(() => addIsoDuration(now, "2D")).toThrow(/not an ISO 8601 duration/);
  });

  it("expands now±duration and pointers, whole or embedded", () => {
    const doc = { a: { n: 3, s: "x" } };
    expect(resolvePlaceholders({ t: "{{now-P2D}}", n: "{{/a/n}}", e: "id={{/a/s}}", k: ["{{ now+PT1H }}"] }, { now, doc })).toEqual({
      t: "2026-02-27T09:00:00.000Z",
      n: 3,
      e: "id=x",
      k: ["2026-03-01T10:00:00.000Z"],
    });
    expect(() => resolvePlaceholders("{{/a/zz}}", { now, doc })).toThrow(/nothing at that pointer/);
    expect(() => resolvePlaceholders("{{tomorrow}}", { now, doc })).toThrow(/not a placeholder/);
    // A SCEP profile's subject format holds Intune variables: they are the profile's text, not placeholders.
    expect(resolvePlaceholders({ subjectNameFormatString: "CN={{UserPrincipalName}},E={{EmailAddress}}", at: "{{now}}" }, { now, doc })).toEqual({
      subjectNameFormatString: "CN={{UserPrincipalName}},E={{EmailAddress}}",
      at: now.toISOString(),
    });
  });

  it("applies a fault with a passing test op; a failing test op names the fault and the path and changes nothing", () => {
    const doc = baselineDocument({ now });
    const s = scenario();
    const out = applyFaults(doc, s, { now });
    expect(getAtPointer(out, "/lab/ndes/NDES01/iis/appPools/SCEP/state")).toBe("stopped");
    expect(getAtPointer(out, `/intune/profiles/${IOS_SCEP}/settings/scepServerUrls/0`)).toBe("https://ndes-contoso.msappproxy.net/certsrv/mscep/");
    expect(getAtPointer(doc, "/lab/ndes/NDES01/iis/appPools/SCEP/state")).toBe("started");
    const bad = structuredClone(s);
    bad.faults[0]!.patch[0] = { op: "test", path: "/lab/ndes/NDES01/iis/appPools/SCEP/state", value: "stopped" };
    try {
      applyFaults(doc, bad, { now });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioPatchError);
      expect((e as Error).message).toMatch(/Fault 'f-pool', patch operation 0 \(\/lab\/ndes\/NDES01\/iis\/appPools\/SCEP\/state\): the test failed/);
    }
    expect(() => applyFaultPatch(structuredClone(doc), "f-x", [{ op: "replace", path: "/lab/servers/NOPE01/name", value: "x" }], now)).toThrow(/nothing at that path/);
  });

  it("sets an expiry relative to the load moment", () => {
    const doc = baselineDocument({ now });
    applyFaultPatch(doc, "f-ra", [{ op: "replace", path: "/lab/ndes/NDES01/raCertificates/0/notAfter", value: "{{now-P1D}}" }], now);
    const codes = evaluate(snapshotFromDocument(doc)).filter((f) => f.severity !== "info").map((f) => f.code);
    expect(codes).toEqual(["NDES_RA_CERTS_EXPIRED"]);
  });
});

describe("schema", () => {
  it("accepts the fixture", () => {
    expect(parseScenario(fixtureScenario()).ok).toBe(true);
  });

  it("refuses malformed files with messages naming the path", () => {
    const paths = (json: unknown) => {
      const r = parseScenario(json);
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    const f = fixtureScenario() as any;
    expect(paths({ ...f, colour: "red" }).join("\n")).toMatch(/colour|Unrecognized key/);
    expect(paths({ ...f, id: "Not Kebab" })).toEqual([expect.stringMatching(/^id: must be kebab-case/)]);
    const badOp = structuredClone(f);
    badOp.faults[1].patch[0].op = "delete";
    expect(paths(badOp).join("\n")).toMatch(/^faults\/1\/patch\/0\/op/m);
    const badCheck = structuredClone(f);
    badCheck.objectives[1].check.of[1].op = "exists";
    expect(paths(badCheck)).toEqual(["objectives/1/check/of/1/value: op 'exists' takes no value"]);
    const badFix = structuredClone(f);
    badFix.objectives[0].fixes = ["f-nope"];
    expect(paths(badFix)).toEqual([expect.stringMatching(/^objectives\/0\/fixes\/0: no fault 'f-nope'/)]);
    const dup = structuredClone(f);
    dup.objectives[1].id = "o-pool";
    expect(paths(dup)).toEqual(["objectives/1/id: duplicate objective id 'o-pool'"]);
    const unknownInHint = structuredClone(f);
    unknownInHint.objectives[0].hints[0].cost = 2;
    expect(paths(unknownInHint).join("\n")).toMatch(/^objectives\/0\/hints\/0/m);
    expect(paths({ ...f, scoring: { passPoints: 99 } })).toEqual(["scoring/passPoints: passPoints 99 is more than the objectives' 5 points"]);
    expect(paths({ ...f, sources: [{ file: "notes.txt", where: "x" }] })).toEqual([expect.stringMatching(/^sources\/0\/file: must name a seed file/)]);
  });

  it("hides solutions and fault descriptions from trainees", () => {
    const p = publicScenario(scenario());
    const text = JSON.stringify(p);
    expect(text).not.toContain("solution");
    expect(text).not.toContain("IIS Manager › Application Pools › SCEP › Start");
    expect(text).not.toContain("is stopped");
    expect(text).not.toContain("mscep\\\\.dll$");
    expect(p.guards).toEqual([{ id: "g-profile", description: "The iOS SCEP profile still exists" }, { id: "g-ndes", description: "NDES still runs on NDES01" }]);
    expect(p.objectives[0]!.hints[0]!.text).toMatch(/Application Pools/);
  });
});

describe("evaluation", () => {
  const faulted = () => snapshotFromDocument(applyFaults(baselineDocument({ now }), scenario(), { now }));
  const grade = (snap: TenantSnapshot) => evaluateScenario(scenario(), snap, evaluate(snap), [], { now });

  it("fails every objective on the faulted lab and passes all on the baseline", () => {
    const f = grade(faulted());
    expect(f.objectives.map((o) => [o.id, o.passed, o.activeCodes])).toEqual([
      ["o-pool", false, ["NDES_APPPOOL_STOPPED"]],
      ["o-url", false, ["PROF_URL_NOT_MSCEP_PATH"]],
    ]);
    expect(f.objectives[1]!.reason).toMatch(/PROF_URL_NOT_MSCEP_PATH is still reported.*wanted: matches/);
    expect([f.score, f.maxScore, f.passed]).toEqual([0, 5, false]);
    expect(f.guards.every((g) => g.holds)).toBe(true);
    const ok = grade(baselineSnapshot({ now }));
    expect([ok.score, ok.passed, ok.collateral]).toEqual([5, true, []]);
  });

  it("a guard catches a destructive fix: deleting the SCEP profile clears PROF_* but fails the guard", () => {
    const doc = applyFaults(baselineDocument({ now }), scenario(), { now });
    applyFaultPatch(doc, "nuke", [{ op: "remove", path: `/intune/profiles/${IOS_SCEP}` }, { op: "remove", path: `/intune/assignments/${IOS_SCEP}|Certlab SCEP Users` }], now);
    const r = grade(snapshotFromDocument(doc));
    expect(r.objectives.find((o) => o.id === "o-url")!.activeCodes).toEqual([]);
    expect(r.guards.find((g) => g.id === "g-profile")).toMatchObject({ holds: false });
    expect(r.passed).toBe(false);
  });

  it("reports collateral findings that neither the baseline nor a fault explains", () => {
    const doc = applyFaults(baselineDocument({ now }), scenario(), { now });
    applyFaultPatch(doc, "x", [{ op: "replace", path: "/entra/applications/NDES/onPremisesPublishing/externalAuthenticationType", value: "aadPreAuthentication" }], now);
    const snap = snapshotFromDocument(doc);
    const r = evaluateScenario(scenario(), snap, evaluate(snap), [], { now });
    expect(r.collateral.map((f) => f.code)).toEqual(["APPPROXY_PREAUTH_NOT_PASSTHROUGH"]);
    expect(evaluateScenario(scenario(), snap, evaluate(snap), ["APPPROXY_PREAUTH_NOT_PASSTHROUGH"], { now }).collateral).toEqual([]);
  });

  describe("each check kind both ways", () => {
    const base = baselineSnapshot({ now });
    const bad = faulted();
    const run = (c: Check, s: TenantSnapshot, traceEnrollment?: Parameters<typeof runCheck>[1]["opts"]["traceEnrollment"]) =>
      runCheck(c, { snapshot: s, findings: evaluate(s), doc: () => scenarioDocument(s), opts: { now, traceEnrollment } }).passed;
    it("rule-cleared (with and without target)", () => {
      expect(run({ kind: "rule-cleared", rule: "NDES_APPPOOL_STOPPED" }, base)).toBe(true);
      expect(run({ kind: "rule-cleared", rule: "NDES_APPPOOL_STOPPED" }, bad)).toBe(false);
      expect(run({ kind: "rule-cleared", rule: "PROF_URL_NOT_MSCEP_PATH", target: "SCEP user certificate - macOS" }, bad)).toBe(true);
      expect(run({ kind: "rule-cleared", rule: "PROF_URL_NOT_MSCEP_PATH", target: IOS_SCEP }, bad)).toBe(false);
    });
    it("no-findings", () => {
      expect(run({ kind: "no-findings" }, base)).toBe(true);
      expect(run({ kind: "no-findings", severity: "error" }, bad)).toBe(false);
    });
    it("state ops", () => {
      const p = "/lab/ndes/NDES01/iis/appPools/SCEP/state";
      expect(run({ kind: "state", path: p, op: "eq", value: "started" }, base)).toBe(true);
      expect(run({ kind: "state", path: p, op: "eq", value: "started" }, bad)).toBe(false);
      expect(run({ kind: "state", path: p, op: "neq", value: "started" }, bad)).toBe(true);
      expect(run({ kind: "state", path: "/lab/servers/NDES01", op: "exists" }, base)).toBe(true);
      expect(run({ kind: "state", path: "/lab/servers/NDES02", op: "exists" }, base)).toBe(false);
      expect(run({ kind: "state", path: "/lab/servers/NDES02", op: "absent" }, base)).toBe(true);
      expect(run({ kind: "state", path: "/lab/ndes/NDES01/iis/requestFiltering/maxQueryString", op: "gte", value: 2048 }, base)).toBe(true);
      expect(run({ kind: "state", path: "/lab/ndes/NDES01/iis/requestFiltering/maxQueryString", op: "lte", value: 10 }, base)).toBe(false);
      expect(run({ kind: "state", path: "/lab/ndes/NDES01/raCertificates/0/notAfter", op: "gte", value: "{{now}}" }, base)).toBe(true);
      expect(run({ kind: "state", path: "/lab/ndes/NDES01/raCertificates/0/notAfter", op: "lte", value: "{{now}}" }, base)).toBe(false);
      expect(run({ kind: "state", path: p, op: "matches", value: "^start" }, base)).toBe(true);
      expect(run({ kind: "state", path: p, op: "matches", value: "^start" }, bad)).toBe(false);
    });
    it("enrollment (through the tracer it is given) and all/any", () => {
      const tracer = (s: TenantSnapshot) => (evaluate(s).some((f) => f.code === "NDES_APPPOOL_STOPPED") ? { result: "failed" as const, failedHop: "ndes" } : { result: "issued" as const });
      expect(run({ kind: "enrollment", platform: "iOS", expect: "issued" }, base, tracer)).toBe(true);
      expect(run({ kind: "enrollment", platform: "iOS", expect: "issued" }, bad, tracer)).toBe(false);
      expect(run({ kind: "enrollment", platform: "iOS", expect: "failed", failedHop: "ndes" }, bad, tracer)).toBe(true);
      expect(run({ kind: "enrollment", platform: "iOS", expect: "failed", failedHop: "ca" }, bad, tracer)).toBe(false);
      // The real trace (enrollment/trace.ts): the complete setup issues; the stopped SCEP app pool fails at NDES IIS.
      expect(run({ kind: "enrollment", platform: "iOS", expect: "issued" }, base)).toBe(true);
      expect(run({ kind: "enrollment", platform: "windows", user: "intune-admin", expect: "issued" }, base)).toBe(true);
      expect(run({ kind: "enrollment", platform: "iOS", expect: "failed", failedHop: "ndesIis" }, bad)).toBe(true);
      expect(run({ kind: "enrollment", platform: "iOS", expect: "issued" }, bad)).toBe(false);
      const yes: Check = { kind: "state", path: "/lab", op: "exists" };
      const no: Check = { kind: "state", path: "/nope", op: "exists" };
      expect(run({ kind: "all", of: [yes, yes] }, base)).toBe(true);
      expect(run({ kind: "all", of: [yes, no] }, base)).toBe(false);
      expect(run({ kind: "any", of: [no, yes] }, base)).toBe(true);
      expect(run({ kind: "any", of: [no, no] }, base)).toBe(false);
    });
  });
});

describe("validateScenario", () => {
  it("accepts the fixture", () => {
    const r = validateScenario(fixtureScenario(), { now });
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("names an unknown rule code, a wrong expectFindings, a failing test op and an objective that already passes", () => {
    const f = fixtureScenario() as any;
    const unknown = structuredClone(f);
    unknown.objectives[0].check.rule = "NDES_NO_SUCH_RULE";
    expect(validateScenario(unknown, { now }).issues).toEqual([{ path: "objectives/0/check/rule", message: expect.stringMatching(/no rule 'NDES_NO_SUCH_RULE'/) }]);
    const wrong = structuredClone(f);
    wrong.faults[0].expectFindings = ["NDES_APPPOOL_STOPPED", "NDES_RA_CERTS_EXPIRED"];
    expect(validateScenario(wrong, { now }).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "faults/0/expectFindings: applied alone, the fault raises NDES_APPPOOL_STOPPED (missing NDES_RA_CERTS_EXPIRED)",
      "faults: all faults together raise NDES_APPPOOL_STOPPED, PROF_URL_NOT_MSCEP_PATH (missing NDES_RA_CERTS_EXPIRED)",
    ]);
    const test = structuredClone(f);
    test.faults[0].patch[0].value = "stopped";
    expect(validateScenario(test, { now }).issues).toEqual([{ path: "faults/0/patch/0", message: expect.stringMatching(/the test failed/) }]);
    const passes = structuredClone(f);
    passes.objectives[0].check = { kind: "state", path: "/lab/servers/NDES01", op: "exists" };
    expect(validateScenario(passes, { now }).issues).toEqual([{ path: "objectives/0/check", message: expect.stringMatching(/already passes/) }]);
    const guard = structuredClone(f);
    guard.guards[0].check = { kind: "rule-cleared", rule: "NDES_APPPOOL_STOPPED" };
    expect(validateScenario(guard, { now }).issues).toEqual([{ path: "guards/0/check", message: expect.stringMatching(/guard fails on the faulted lab/) }]);
  });
});
