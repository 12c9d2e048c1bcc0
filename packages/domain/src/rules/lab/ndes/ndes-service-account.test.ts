import { describe, expect, it } from "vitest";
import { aBrokenLab, aCorrectLab, check, parts } from "../testing";
import { NDES_SPN_MISSING, NDES_SVC_ACCOUNT_UNHEALTHY, NDES_SVC_LOCAL_ADMIN, NDES_SVC_NOT_IN_IIS_IUSRS } from "./ndes-service-account";

describe("the NDES service account (seed 001 part 1)", () => {
  it("must be in the local IIS_IUSRS group", () => {
    const [f] = check(aBrokenLab("NDES_SVC_NOT_IN_IIS_IUSRS"), NDES_SVC_NOT_IN_IIS_IUSRS);
    expect(f?.message).toBe("CONTOSO\\svc-ndes is not a member of IIS_IUSRS on ndes01.corp.contoso.com (members: none).");
  });

  it("counts membership through an AD group placed in IIS_IUSRS", () => {
    const lab = aCorrectLab();
    lab.groups.push({ id: "g-ndes", name: "NDES Service Accounts", domain: "CONTOSO", scope: "global", memberOf: [] });
    parts(lab).svc.memberOf.push("NDES Service Accounts");
    parts(lab).ndesSrv.localGroups.IIS_IUSRS = ["CONTOSO\\NDES Service Accounts"];
    expect(check(lab, NDES_SVC_NOT_IN_IIS_IUSRS)).toEqual([]);
  });

  it("in Domain Admins is a local administrator through the local Administrators group", () => {
    const lab = aCorrectLab();
    parts(lab).svc.memberOf.push("Domain Admins");
    expect(check(lab, NDES_SVC_LOCAL_ADMIN)[0]?.message).toBe("CONTOSO\\svc-ndes is a member of Administrators on ndes01.corp.contoso.com.");
  });

  it("locked out and with an expired password is named both ways", () => {
    const lab = aCorrectLab();
    Object.assign(parts(lab).svc, { lockedOut: true, passwordExpired: true });
    expect(check(lab, NDES_SVC_ACCOUNT_UNHEALTHY)[0]?.message).toBe("CONTOSO\\svc-ndes is locked out, its password has expired.");
  });

  it("needs HTTP/<alias> SPNs only when NDES answers under another name", () => {
    expect(check(aCorrectLab(), NDES_SPN_MISSING)).toEqual([]);
    expect(check(aBrokenLab("NDES_SPN_MISSING"), NDES_SPN_MISSING)[0]?.message).toContain("no HTTP/ndes.corp.contoso.com SPN");
  });
});
