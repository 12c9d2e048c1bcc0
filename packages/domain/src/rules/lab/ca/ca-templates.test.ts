import { describe, expect, it } from "vitest";
import { aBrokenLab, aCorrectLab, check } from "../testing";
import { CA_TEMPLATE_NOT_PUBLISHED, CA_TEMPLATE_UNREADABLE_BY_CA } from "./ca-templates";

describe("the CA and the SCEP template", () => {
  it("a template not in Certificate Templates to Issue is named with what the CA does issue", () => {
    const [f] = check(aBrokenLab("CA_TEMPLATE_NOT_PUBLISHED"), CA_TEMPLATE_NOT_PUBLISHED);
    expect(f?.message).toMatch(/^GeneralPurposeTemplate names 'IntuneSCEP', which is not among the templates 'Contoso Issuing CA' issues \(.*WebServer.*\)\.$/);
    expect(f?.symptom).toContain("0x80094800");
  });
  it("a registry typo is not published either", () => {
    const lab = aCorrectLab();
    lab.ndes[0]!.mscepRegistry.GeneralPurposeTemplate = "IntuneSCPE";
    expect(check(lab, CA_TEMPLATE_NOT_PUBLISHED)[0]?.message).toContain("'IntuneSCPE'");
  });
  it("without Authenticated Users the CA computer can't read the template", () => {
    expect(check(aBrokenLab("CA_TEMPLATE_UNREADABLE_BY_CA"), CA_TEMPLATE_UNREADABLE_BY_CA)[0]?.message).toContain("the CA computer CONTOSO\\CA01$");
  });
});
