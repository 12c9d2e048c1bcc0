// A.4: long SCEP URLs — IIS request filtering and HTTP.sys limits (S10, S13, S28; 001_6feb1c2e8b30dee5.txt part 2).
import { configuredNdes, labRule, ref, type LabCheck } from "../lab-rule";

/** The value every source sets, in bytes. */
export const LONG_URL_LIMIT = 65534;
/** Defaults: IIS request filtering maxUrl 4096 and maxQueryString 2048; HTTP.sys 16384 for both registry values. */
export const IIS_DEFAULT_LIMITS = { maxUrl: 4096, maxQueryString: 2048 } as const;
export const HTTPSYS_DEFAULT_LIMITS = { MaxFieldLength: 16384, MaxRequestBytes: 16384 } as const;

const SYMPTOM_414 = '"HTTP 414 Request-URI Too Long"';

/** Reports each configured NDES whose IIS request filtering `setting` (shown as `name`) is below 65534. */
function iisLimitBelow(setting: keyof typeof IIS_DEFAULT_LIMITS, name: string): LabCheck {
  return (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const v = c.ndes.iis.requestFiltering[setting];
      if (v < LONG_URL_LIMIT) report([ref.server(c.server)], `Default Web Site › Request Filtering › ${name} on ${c.server.fqdn} is ${v} bytes, not ${LONG_URL_LIMIT}.`);
    }
  };
}

/** Reports each configured NDES whose HTTP.sys registry `value` is absent or below 65534. */
function httpSysBelow(value: keyof typeof HTTPSYS_DEFAULT_LIMITS): LabCheck {
  return (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const v = c.ndes.httpSysParameters[value];
      if ((v ?? 0) < LONG_URL_LIMIT)
        report([ref.server(c.server)], `HTTP\\Parameters\\${value} on ${c.server.fqdn} is ${v === undefined ? `not set (HTTP.sys uses ${HTTPSYS_DEFAULT_LIMITS[value]})` : v}.`);
    }
  };
}

export const IIS_REQFILTER_MAXURL_LOW = labRule(
  {
    code: "IIS_REQFILTER_MAXURL_LOW",
    severity: "error",
    title: "IIS Maximum URL length is below 65534",
    why: "A SCEP PKIOperation request carries the CSR in the query string; the URL is far longer than IIS accepts by default.",
    fix: "Edit Feature Settings: **Maximum URL length (Bytes)** = 65534",
    symptom: `${SYMPTOM_414}; script "maxUrl not set correctly!"`,
    sources: ["S10", "S13", "S28", "001_6feb1c2e8b30dee5.txt"],
  },
  iisLimitBelow("maxUrl", "Maximum URL length"),
);

export const IIS_REQFILTER_MAXQUERY_LOW = labRule(
  {
    code: "IIS_REQFILTER_MAXQUERY_LOW",
    severity: "error",
    title: "IIS Maximum query string is below 65534",
    why: "A SCEP PKIOperation request carries the CSR in the query string; IIS's default limit rejects it.",
    fix: "**Maximum query string (Bytes)** = 65534",
    symptom: `${SYMPTOM_414}; "MaxQueryString not set correctly!"`,
    sources: ["S10", "S13", "S28", "001_6feb1c2e8b30dee5.txt"],
  },
  iisLimitBelow("maxQueryString", "Maximum query string"),
);

export const HTTPSYS_MAXFIELDLENGTH_LOW = labRule(
  {
    code: "HTTPSYS_MAXFIELDLENGTH_LOW",
    severity: "error",
    title: "HTTP.sys MaxFieldLength is not 65534",
    why: "HTTP.sys rejects a request line longer than MaxFieldLength (16384 bytes when the value is absent) before IIS sees it.",
    fix: "set DWORD 65534 decimal, restart server",
    symptom: 'listed by MS under the 414 fix; script "Error: MaxFieldLength not set to 65534 in the registry!" (HTTP.sys-level status code UNCONFIRMED, likely 400)',
    sources: ["S10", "S13", "S28", "001_6feb1c2e8b30dee5.txt"],
  },
  httpSysBelow("MaxFieldLength"),
);

export const HTTPSYS_MAXREQUESTBYTES_LOW = labRule(
  {
    code: "HTTPSYS_MAXREQUESTBYTES_LOW",
    severity: "error",
    title: "HTTP.sys MaxRequestBytes is not 65534",
    why: "HTTP.sys rejects a request whose request line and headers exceed MaxRequestBytes (16384 bytes when the value is absent).",
    fix: "set DWORD 65534, restart",
    symptom: '"MaxRequestBytes not set to 65534 in the registry!"',
    sources: ["S10", "S13", "S28", "001_6feb1c2e8b30dee5.txt"],
  },
  httpSysBelow("MaxRequestBytes"),
);
