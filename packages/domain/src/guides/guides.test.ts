// Issue 8 "Done means": each guide's checks pass on the complete correct setup and fail on the fresh lab; a test per
// guide step that its check follows the state (undo what the step does → not done); and following each guide from
// the fresh lab (its steps' apply, after its prerequisites) leaves every step done and 0 errors / 0 warnings of the
// guide's codes.
import { describe, expect, it } from "vitest";
import { completeSetup } from "../setup/complete-setup";
import { freshLab } from "../lab/fresh-lab";
import { emptyIntuneSnapshot } from "../intune/snapshot";
import { emptyEntraSnapshot } from "../entra/snapshot";
import { SCEP_TYPES, TRUSTED_ROOT_TYPES } from "../intune/profiles";
import { buildIndex, type TenantSnapshot } from "../rules/snapshot";
import { evaluate } from "../rules/engine";
import { findRuleByCode } from "../rules/catalogue";
import { MSCEP_DEFAULT_TEMPLATE } from "../lab/snapshot";
import { ALL_GUIDES, findGuide, prerequisitesOf } from "./catalogue";
import { guideProgress } from "./progress";
import { guidesDoc } from "./guides-doc";
import type { Guide } from "./types";

const NOW = new Date("2026-03-12T08:00:00Z");
const complete = () => completeSetup({ now: NOW });
/** POST /api/lab/reset {"scenario":"fresh"} on a tenant whose Intune and Entra portals are empty. */
function fresh(): TenantSnapshot {
  const c = complete();
  return { tenant: c.tenant, directory: c.directory, lab: { ...freshLab(NOW), asOf: NOW.toISOString() }, intune: { ...emptyIntuneSnapshot(), asOf: NOW.toISOString() }, entra: emptyEntraSnapshot() };
}
const doneSteps = (g: Guide, s: TenantSnapshot) => {
  const ix = buildIndex(s);
  return g.steps.filter((st) => st.check(s, ix)).map((st) => st.id);
};
const follow = (g: Guide, s: TenantSnapshot) => [...prerequisitesOf(g), g].reduce((t, gg) => gg.steps.reduce((u, st) => (st.apply ? st.apply(u) : u), t), s);

const SCEP = new Set<string>(Object.values(SCEP_TYPES));
const TRUSTED = new Set<string>(Object.values(TRUSTED_ROOT_TYPES));
const ndesServer = (t: TenantSnapshot) => t.lab!.servers.find((s) => s.id === t.lab!.ndes[0]!.serverId)!;
const issuing = (t: TenantSnapshot) => t.lab!.cas.find((c) => c.parentCaId)!;
const svc = (t: TenantSnapshot) => t.lab!.accounts.find((a) => a.kind === "serviceAccount")!;
const wrongInternalUrl = (t: TenantSnapshot) => {
  for (const a of t.entra!.applications) a.onPremisesPublishing!.internalUrl = "https://ndes02.corp.contoso.com/";
};
const dropPolicyModule = (t: TenantSnapshot) => {
  t.lab!.ndes[0]!.mscepRegistry.policyModule = undefined;
};

/** For every step, a change to the complete setup that undoes what the step does. */
const UNDO: Record<string, (t: TenantSnapshot) => void> = {
  "service-account": (t) => {
    svc(t).enabled = false;
  },
  "service-account-spn": (t) => {
    svc(t).spns = [];
  },
  "install-ndes-role": (t) => {
    ndesServer(t).ieEscEnabled = true;
  },
  "iis-iusrs": (t) => {
    ndesServer(t).localGroups.IIS_IUSRS = [];
  },
  "request-permission": (t) => {
    for (const e of issuing(t).acl) e.request = false;
  },
  "ca-settings": (t) => {
    issuing(t).editFlags = issuing(t).editFlags.filter((f) => f !== "EDITF_ATTRIBUTEENDDATE");
  },
  "scep-template": (t) => {
    t.lab!.templates.find((x) => x.name === "IntuneSCEP")!.publishInAd = true;
  },
  "publish-template": (t) => {
    issuing(t).templatesToIssue = issuing(t).templatesToIssue.filter((n) => n !== "IntuneSCEP");
  },
  "configure-ndes": (t) => {
    t.lab!.ndes[0]!.mscepRegistry.GeneralPurposeTemplate = MSCEP_DEFAULT_TEMPLATE;
  },
  "url-lengths": (t) => {
    t.lab!.ndes[0]!.iis.requestFiltering.maxUrl = 4096;
  },
  "iis-certificate": (t) => {
    t.lab!.ndes[0]!.iis.sites = [{ id: 1, name: "Default Web Site", bindings: [{ protocol: "http", port: 80, hostName: "" }] }];
  },
  "install-certificate-connector": (t) => {
    for (const c of t.lab!.intuneCertificateConnectors) c.features.scep = false;
  },
  "restart-ndes": (t) => {
    ndesServer(t).pendingRestart = true;
  },
  "install-private-network-connector": (t) => {
    for (const c of t.entra!.connectors) c.status = "inactive";
  },
  "second-connector": (t) => {
    t.entra!.connectors = t.entra!.connectors.slice(0, 1);
  },
  "publish-ndes": (t) => {
    t.entra!.applications[0]!.onPremisesPublishing!.externalAuthenticationType = "aadPreAuthentication";
  },
  "test-welcome-page": wrongInternalUrl,
  "test-mscep-403": dropPolicyModule,
  "scep-url-external": (t) => {
    for (const p of t.intune!.profiles.filter((x) => SCEP.has(x.odataType))) (p.settings as { scepServerUrls: string[] }).scepServerUrls = ["https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll"];
  },
  "trusted-root-profiles": (t) => {
    const gone = new Set(t.intune!.profiles.filter((x) => TRUSTED.has(x.odataType)).map((x) => x.id));
    t.intune!.profiles = t.intune!.profiles.filter((x) => !gone.has(x.id));
    t.intune!.assignments = t.intune!.assignments.filter((a) => !gone.has(a.profileId));
  },
  "scep-profiles": (t) => {
    t.intune!.profiles.find((x) => SCEP.has(x.odataType))!.rootCertificateId = null;
  },
  "assign-profiles": (t) => {
    const scep = new Set(t.intune!.profiles.filter((x) => SCEP.has(x.odataType)).map((x) => x.id));
    t.intune!.assignments = t.intune!.assignments.filter((a) => !scep.has(a.profileId));
  },
  "two-tier-pki": (t) => {
    issuing(t).type = "standaloneSubordinate";
  },
  "service-account-least-privilege": (t) => {
    ndesServer(t).localGroups.Administrators.push(`${svc(t).domain}\\${svc(t).samAccountName}`);
  },
  "hop-a": (t) => {
    t.intune!.assignments = [];
  },
  "hop-b": (t) => {
    for (const c of t.entra!.connectors) c.status = "inactive";
  },
  "hop-c": wrongInternalUrl,
  "hop-d": dropPolicyModule,
  "hop-e": (t) => {
    for (const c of t.lab!.intuneCertificateConnectors) c.features.scep = false;
  },
  "hop-f": (t) => {
    issuing(t).templatesToIssue = issuing(t).templatesToIssue.filter((n) => n !== "IntuneSCEP");
  },
};

describe("guides", () => {
  it("one guide per seed document, every step with a seed source, a real screen and real rule codes", () => {
    expect(ALL_GUIDES.map((g) => g.source)).toEqual(["000_6abfab919ea0a4d2.txt", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt", "003_43f76a8e56847852.txt", "004_0623edc70b4e3354.txt"]);
    for (const g of ALL_GUIDES) {
      expect(new Set(g.steps.map((s) => s.id)).size, g.id).toBe(g.steps.length);
      for (const s of g.steps) {
        expect(s.source.file, `${g.id}/${s.id}`).toBe(g.source);
        expect(s.screen.path, `${g.id}/${s.id}`).toMatch(/^\/(lab|intune|entra|health)/);
        for (const code of s.blockingCodes) expect(findRuleByCode(code), `${g.id}/${s.id}: ${code}`).toBeDefined();
      }
      for (const p of g.parts ?? []) for (const id of p.stepIds) expect(g.steps.some((s) => s.id === id), `${g.id} part ${p.id}: ${id}`).toBe(true);
      if (g.parts) expect(g.parts.flatMap((p) => p.stepIds).sort()).toEqual(g.steps.map((s) => s.id).sort());
    }
    expect(findGuide("seed-001")!.parts!.map((p) => p.title)).toEqual(["Part 1: Install NDES", "Part 2: Configure NDES", "Part 3: Create the trusted root and SCEP profiles"]);
  });

  for (const g of ALL_GUIDES) {
    describe(g.id, () => {
      it("every step is done on the complete correct setup", () => {
        expect(doneSteps(g, complete())).toEqual(g.steps.map((s) => s.id));
      });

      it("no step is done on the fresh lab (except those the fresh lab has by nature)", () => {
        expect(doneSteps(g, fresh())).toEqual(g.steps.filter((s) => s.presetInFreshLab).map((s) => s.id));
      });

      it("following it from the fresh lab ticks every step and leaves 0 errors and 0 warnings of its codes", () => {
        const end = follow(g, fresh());
        expect(doneSteps(g, end)).toEqual(g.steps.map((s) => s.id));
        const codes = new Set(g.steps.flatMap((s) => s.blockingCodes));
        expect(evaluate(end).filter((f) => f.severity !== "info" && codes.has(f.code)).map((f) => `${f.code}: ${f.message}`)).toEqual([]);
      });

      for (const step of g.steps) {
        it(`${step.id}: undoing it on the complete setup un-ticks it`, () => {
          const undo = UNDO[step.id];
          expect(undo, `no undo for ${step.id}`).toBeDefined();
          const t = complete();
          undo!(t);
          expect(step.check(t, buildIndex(t))).toBe(false);
        });
      }
    });
  }

  it("guideProgress names the current step and the findings blocking it", () => {
    const t = complete();
    t.entra!.applications[0]!.onPremisesPublishing!.externalAuthenticationType = "aadPreAuthentication";
    const g = guideProgress(t, evaluate(t)).find((p) => p.id === "seed-000")!;
    expect(g.currentStepId).toBe("publish-ndes");
    expect(g.doneCount).toBe(g.total - g.steps.filter((s) => !s.done).length);
    const step = g.steps.find((s) => s.id === "publish-ndes")!;
    expect(step.done).toBe(false);
    expect(step.blockingFindings.map((f) => f.code)).toContain("APPPROXY_PREAUTH_NOT_PASSTHROUGH");
    // The response is JSON: no functions survive.
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
    expect(guideProgress(complete(), evaluate(complete())).every((p) => p.currentStepId === null && p.doneCount === p.total)).toBe(true);
  });

  it("docs/guides.md lists every guide and step with its screen and source", () => {
    const doc = guidesDoc();
    for (const g of ALL_GUIDES) {
      expect(doc).toContain(`(\`${g.id}\`)`);
      for (const s of g.steps) expect(doc).toContain(`](${s.screen.path}) | ${s.source.where.replace(/</g, "&lt;")} |`);
    }
  });
});
