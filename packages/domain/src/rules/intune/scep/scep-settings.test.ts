// SCEP profile settings of catalogue A.6, each tried on seed 001's iOS profile (or its other-platform twin).
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import { correctIntune, profile, scepProfile, SCEP_PROFILE_ID, withIntune } from "../../../intune/testing";
import type { TPlatform } from "../../../intune/profile-types";
import { PROF_EKU_NO_CLIENT_AUTH, PROF_HASH_SHA1, PROF_KEYSIZE_4096_UNSUPPORTED, PROF_WINDOWS_KSP_WHFB_4096 } from "./keys";
import { PROF_AE_DO_NO_REVOKE_REPORT, PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY, PROF_MACOS_CHANNEL_MISMATCH } from "./platform";
import { PROF_URL_HTTP_ANDROID, PROF_URL_MULTI_NONSTICKY, PROF_URL_NOT_MSCEP_PATH } from "./urls";
import { PROF_APPLE_RENEWAL_RISK, PROF_RENEWAL_THRESHOLD_RANGE, PROF_VALIDITY_GT_24M, PROF_VALIDITY_LT_5D } from "./validity";
import { allDevicesTarget } from "../../../intune/testing";

/** Seed 001's SCEP profile with `settings` changed (and, optionally, on another platform). */
function scepWith(settings: Record<string, unknown>, platform: TPlatform = "iOS") {
  return withIntune(correctIntune(), (i) => {
    const p = profile(i, SCEP_PROFILE_ID);
    Object.assign(p, scepProfile(platform, { displayName: p.displayName, settings }));
  });
}
const messages = (t: ReturnType<typeof correctIntune>, rule: Rule) => evaluate(t, [rule]).map((f) => f.message);
const quiet = (rule: Rule) => expect(evaluate(correctIntune(), [rule])).toEqual([]);

describe("SCEP server URLs", () => {
  it("PROF_URL_NOT_MSCEP_PATH fires for a URL that stops at /certsrv/mscep/", () => {
    expect(messages(scepWith({ scepServerUrls: ["https://ndes.contoso.com/certsrv/mscep/"] }), PROF_URL_NOT_MSCEP_PATH)).toEqual([
      "SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) has 'https://ndes.contoso.com/certsrv/mscep/', which doesn't end with /certsrv/mscep/mscep.dll.",
    ]);
  });
  it("PROF_URL_NOT_MSCEP_PATH is quiet for https://<external FQDN>/certsrv/mscep/mscep.dll", () => quiet(PROF_URL_NOT_MSCEP_PATH));

  it("PROF_URL_HTTP_ANDROID fires for http:// on a personally-owned work profile", () => {
    const t = scepWith({ scepServerUrls: ["http://ndes.contoso.com/certsrv/mscep/mscep.dll"] }, "androidWorkProfile");
    expect(messages(t, PROF_URL_HTTP_ANDROID)[0]).toContain("is for Android Enterprise: Personally-Owned Work Profile and uses 'http://ndes.contoso.com/certsrv/mscep/mscep.dll' over http");
  });
  it("PROF_URL_HTTP_ANDROID is quiet for http:// on iOS and for https:// on Android", () => {
    expect(messages(scepWith({ scepServerUrls: ["http://ndes.contoso.com/certsrv/mscep/mscep.dll"] }), PROF_URL_HTTP_ANDROID)).toEqual([]);
    expect(messages(scepWith({}, "aosp"), PROF_URL_HTTP_ANDROID)).toEqual([]);
  });

  it("PROF_URL_MULTI_NONSTICKY fires for two NDES servers in one profile", () => {
    const t = scepWith({ scepServerUrls: ["https://ndes1.contoso.com/certsrv/mscep/mscep.dll", "https://ndes2.contoso.com/certsrv/mscep/mscep.dll"] });
    expect(messages(t, PROF_URL_MULTI_NONSTICKY)[0]).toContain("lists 2 SCEP servers: 'ndes1.contoso.com', 'ndes2.contoso.com'");
  });
  it("PROF_URL_MULTI_NONSTICKY is quiet for one URL", () => quiet(PROF_URL_MULTI_NONSTICKY));
});

describe("validity period and renewal threshold", () => {
  it("PROF_VALIDITY_GT_24M fires for 3 years", () => {
    expect(messages(scepWith({ certificateValidityPeriodValue: 3 }), PROF_VALIDITY_GT_24M)[0]).toContain("asks for 3 years; Intune supports up to 24 months");
  });
  it("PROF_VALIDITY_GT_24M is quiet for 24 months and for 1 year", () => {
    expect(messages(scepWith({ certificateValidityPeriodValue: 24, certificateValidityPeriodScale: "months" }), PROF_VALIDITY_GT_24M)).toEqual([]);
    quiet(PROF_VALIDITY_GT_24M);
  });
  it("PROF_VALIDITY_LT_5D fires for 4 days and is quiet for 5", () => {
    expect(messages(scepWith({ certificateValidityPeriodValue: 4, certificateValidityPeriodScale: "days" }), PROF_VALIDITY_LT_5D)[0]).toContain("asks for 4 days, less than five days");
    expect(messages(scepWith({ certificateValidityPeriodValue: 5, certificateValidityPeriodScale: "days" }), PROF_VALIDITY_LT_5D)).toEqual([]);
  });
  it("PROF_RENEWAL_THRESHOLD_RANGE fires for 100 % and is quiet for 20 %", () => {
    expect(messages(scepWith({ renewalThresholdPercentage: 100 }), PROF_RENEWAL_THRESHOLD_RANGE)[0]).toContain("renewal threshold of 100 %; valid values are 1 to 99");
    quiet(PROF_RENEWAL_THRESHOLD_RANGE);
  });
  it("PROF_APPLE_RENEWAL_RISK informs about iOS profiles but not Windows ones", () => {
    expect(evaluate(correctIntune(), [PROF_APPLE_RENEWAL_RISK])).toMatchObject([{ severity: "info" }]);
    expect(messages(scepWith({}, "windows"), PROF_APPLE_RENEWAL_RISK)).toEqual([]);
  });
});

describe("keys, hash and extended key usage", () => {
  it("PROF_KEYSIZE_4096_UNSUPPORTED fires for 4096 bits in the TPM on Windows", () => {
    const t = scepWith({ keySize: "size4096", keyStorageProvider: "useTpmKspOtherwiseFail" }, "windows");
    expect(messages(t, PROF_KEYSIZE_4096_UNSUPPORTED)[0]).toContain('4096-bit key with "Enroll to Trusted Platform Module (TPM) KSP, otherwise fail"');
  });
  it("PROF_KEYSIZE_4096_UNSUPPORTED is quiet for 4096 bits in the Software KSP", () => {
    expect(messages(scepWith({ keySize: "size4096", keyStorageProvider: "useSoftwareKsp" }, "windows"), PROF_KEYSIZE_4096_UNSUPPORTED)).toEqual([]);
  });
  it("PROF_WINDOWS_KSP_WHFB_4096 fires for Windows Hello for Business with 4096 bits, not with 2048", () => {
    expect(messages(scepWith({ keySize: "size4096", keyStorageProvider: "usePassportForWorkKspOtherwiseFail" }, "windows"), PROF_WINDOWS_KSP_WHFB_4096)).toHaveLength(1);
    expect(messages(scepWith({ keyStorageProvider: "usePassportForWorkKspOtherwiseFail" }, "windows"), PROF_WINDOWS_KSP_WHFB_4096)).toEqual([]);
  });
  it("PROF_HASH_SHA1 informs that Android ignores SHA-1, and is quiet for SHA-2", () => {
    expect(messages(scepWith({ hashAlgorithm: "sha1" }, "androidDeviceOwner"), PROF_HASH_SHA1)[0]).toContain("uses hash algorithm SHA-1; Android uses SHA-2 instead");
    expect(messages(scepWith({}, "androidDeviceOwner"), PROF_HASH_SHA1)).toEqual([]);
  });
  it("PROF_EKU_NO_CLIENT_AUTH fires with only Server Authentication", () => {
    const t = scepWith({ extendedKeyUsages: [{ name: "Server Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.1" }] });
    expect(messages(t, PROF_EKU_NO_CLIENT_AUTH)[0]).toContain("has Server Authentication (1.3.6.1.5.5.7.3.1) but not Client Authentication");
  });
  it("PROF_EKU_NO_CLIENT_AUTH is quiet with Client Authentication (1.3.6.1.5.5.7.3.2)", () => quiet(PROF_EKU_NO_CLIENT_AUTH));
});

describe("platform specifics", () => {
  it("PROF_MACOS_CHANNEL_MISMATCH fires for Device certificates through the user channel", () => {
    const t = scepWith({ deploymentChannel: "userChannel", certificateStore: "machine" }, "macOS");
    expect(messages(t, PROF_MACOS_CHANNEL_MISMATCH)[0]).toContain("uses the user deployment channel for Device certificates");
  });
  it("PROF_MACOS_CHANNEL_MISMATCH is quiet for User certificates through the user channel", () => {
    expect(messages(scepWith({ deploymentChannel: "userChannel", certificateStore: "user" }, "macOS"), PROF_MACOS_CHANNEL_MISMATCH)).toEqual([]);
  });
  it("PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY informs about All devices, not about a user group", () => {
    const t = withIntune(correctIntune(), (i) => i.assignments.push({ profileId: SCEP_PROFILE_ID, target: allDevicesTarget() }));
    expect(messages(t, PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY)[0]).toContain("is assigned to All devices");
    quiet(PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY);
  });
  it("PROF_AE_DO_NO_REVOKE_REPORT informs about fully managed devices, not iOS", () => {
    expect(messages(scepWith({}, "androidDeviceOwner"), PROF_AE_DO_NO_REVOKE_REPORT)[0]).toContain("revoke its certificates at the CA");
    quiet(PROF_AE_DO_NO_REVOKE_REPORT);
  });
});
