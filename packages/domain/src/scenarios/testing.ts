// A small scenario for tests (domain, API, runner): two faults in different stages — the SCEP application pool
// stopped on NDES (seed 002, 002_823a4c777ce30773.txt) and the iOS SCEP profile's server URL without
// /certsrv/mscep/mscep.dll (seed 001, 001_6feb1c2e8b30dee5.txt) — each fixed through Certlab's own API.
import type { ScenarioInput } from "./schema";

export const IOS_SCEP = "SCEP user certificate - iOS";

export function fixtureScenario(): ScenarioInput {
  return {
    schemaVersion: "1.0",
    id: "fixture-pool-and-url",
    version: "1.0.0",
    title: "Fixture: a stopped app pool and a wrong SCEP URL",
    summary: "Two faults for the engine's own tests.",
    stage: "layered",
    difficulty: "basic",
    estimatedMinutes: 10,
    tags: ["fixture"],
    sources: [
      { file: "002_823a4c777ce30773.txt", where: "NDES: the SCEP application pool" },
      { file: "001_6feb1c2e8b30dee5.txt", where: "SCEP profile: SCEP Server URLs" },
    ],
    baseline: { id: "complete-setup", version: "1" },
    briefing: { markdown: "Helpdesk ticket: iPhones get no certificate." },
    faults: [
      {
        id: "f-pool",
        description: "The SCEP application pool on NDES01 is stopped.",
        expectFindings: ["NDES_APPPOOL_STOPPED"],
        patch: [
          { op: "test", path: "/lab/ndes/NDES01/iis/appPools/SCEP/state", value: "started" },
          { op: "replace", path: "/lab/ndes/NDES01/iis/appPools/SCEP/state", value: "stopped" },
        ],
      },
      {
        id: "f-url",
        description: "The iOS SCEP profile's server URL lacks the mscep.dll path.",
        expectFindings: ["PROF_URL_NOT_MSCEP_PATH"],
        patch: [{ op: "replace", path: `/intune/profiles/${IOS_SCEP}/settings/scepServerUrls/0`, value: "{{/entra/applications/NDES/onPremisesPublishing/externalUrl}}certsrv/mscep/" }],
      },
    ],
    objectives: [
      {
        id: "o-pool",
        title: "Start the SCEP application pool",
        task: "Find out why NDES answers 503.",
        points: 2,
        fixes: ["f-pool"],
        check: { kind: "rule-cleared", rule: "NDES_APPPOOL_STOPPED" },
        hints: [{ id: "h1", text: "Look at IIS Manager › Application Pools.", penalty: 1 }],
        solution: {
          markdown: "IIS Manager › Application Pools › SCEP › Start.",
          requests: [{ method: "PATCH", path: "/api/lab/servers/{{/lab/servers/NDES01/id}}/iis/app-pools/SCEP", body: { state: "started" } }],
        },
      },
      {
        id: "o-url",
        title: "Fix the SCEP server URL",
        task: "The iOS profile points at the wrong URL.",
        points: 3,
        fixes: ["f-url"],
        check: {
          kind: "all",
          of: [
            { kind: "rule-cleared", rule: "PROF_URL_NOT_MSCEP_PATH", target: IOS_SCEP },
            { kind: "state", path: `/intune/profiles/${IOS_SCEP}/settings/scepServerUrls/0`, op: "matches", value: "/certsrv/mscep/mscep\\.dll$" },
          ],
        },
        solution: {
          markdown: "Intune › the iOS SCEP profile › SCEP Server URLs: the External URL + certsrv/mscep/mscep.dll.",
          requests: [
            {
              method: "PATCH",
              path: "/graph/beta/deviceManagement/deviceConfigurations/{{/intune/profiles/SCEP user certificate - iOS/id}}",
              body: { "@odata.type": "#microsoft.graph.iosScepCertificateProfile", scepServerUrls: ["{{/entra/applications/NDES/onPremisesPublishing/externalUrl}}certsrv/mscep/mscep.dll"] },
            },
          ],
        },
      },
    ],
    guards: [
      { id: "g-profile", description: "The iOS SCEP profile still exists", check: { kind: "state", path: `/intune/profiles/${IOS_SCEP}`, op: "exists" } },
      { id: "g-ndes", description: "NDES still runs on NDES01", check: { kind: "state", path: "/lab/ndes/NDES01", op: "exists" } },
    ],
    scoring: { passPoints: 5 },
  };
}
