// "Enroll a real client" (issue 10 part 3): for this device and a SCEP profile, the one-time challenge the simulated
// Intune hands the device (POST /api/intune/devices/{id}/scep-challenge: signed, encrypted, expiring, single-use,
// bound to the subject, SANs, key usage and size), the local SCEP URLs of this machine (GET /api/lab/scep/endpoints)
// and the command lines that enroll micromdm scepclient, strongSwan `pki --scep` and sscep with it.
import { useState } from "react";
import { Button, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { Copy16Regular } from "@fluentui/react-icons";
import { isScepType } from "@certlab/domain/intune/profile-types";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { PropertyList } from "@/shared/components/property-list";
import { formatDateTime } from "@/shared/lib/format";
import { useScepChallenge, useScepEndpoints, type ProfileName } from "@/features/intune/devices/api/devices";
import { clientCommands } from "@/features/intune/devices/lib/client-commands";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: "flex", gap: "8px", alignItems: "flex-end", flexWrap: "wrap" },
  pre: {
    margin: 0,
    padding: "8px",
    overflowX: "auto",
    whiteSpace: "pre-wrap",
    wordBreak: "break-all",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    background: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  warn: { color: "#8a3707" },
});

function Copyable(props: { label: string; text: string }) {
  const s = useStyles();
  const [copied, setCopied] = useState(false);
  return (
    <div className={s.root} style={{ gap: 4 }}>
      <pre className={s.pre} aria-label={props.label} tabIndex={0}>
        {props.text}
      </pre>
      <Button
        size="small"
        icon={<Copy16Regular />}
        style={{ alignSelf: "flex-start" }}
        aria-label={`Copy ${props.label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(props.text).then(() => setCopied(true));
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}

export function EnrollRealClient(props: { tenantId: string; deviceId: string; deviceName: string; profiles: readonly ProfileName[]; canWrite: boolean }) {
  const s = useStyles();
  const scep = props.profiles.filter((p) => isScepType(p["@odata.type"]));
  const [profileId, setProfileId] = useState("");
  const chosen = profileId || scep[0]?.id || "";
  const challenge = useScepChallenge(props.deviceId);
  const endpoints = useScepEndpoints(props.tenantId);
  const ch = challenge.data;
  const url = ch?.localUrl ?? endpoints.data?.value[0]?.localExternalUrl ?? endpoints.data?.value[0]?.localInternalUrl ?? "";

  return (
    <section aria-labelledby="enroll-real-client-h" className={s.root}>
      <h2 id="enroll-real-client-h" className={s.h}>
        Enroll a real client
      </h2>
      <Text>
        A real SCEP client on this machine can stand in for this device: Certlab's Intune mints the challenge it would hand the device, and the lab's NDES issues a real certificate if the
        configuration is right.
      </Text>
      {!props.canWrite ? (
        <Text>Your role can't request challenges. It requires Global Administrator or Intune Administrator.</Text>
      ) : scep.length === 0 ? (
        <Text>There is no SCEP certificate profile in this tenant.</Text>
      ) : (
        <div className={s.row}>
          <Field label="SCEP profile">
            <Select value={chosen} onChange={(_e, d) => setProfileId(d.value)}>
              {scep.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" disabled={!chosen || challenge.isPending} onClick={() => challenge.mutate(chosen)}>
            {challenge.isPending ? "Getting a challenge…" : ch ? "Get a new challenge" : "Get a challenge"}
          </Button>
        </div>
      )}
      {challenge.error && <ErrorMessage error={challenge.error} title="No challenge" />}
      {ch && (
        <div className={s.root} role="region" aria-label="SCEP challenge">
          <PropertyList
            items={[
              ["Expires", `${formatDateTime(ch.expiresDateTime)} (single use)`],
              ["Subject", ch.subject],
              ["Subject alternative names", ch.subjectAlternativeNames.length ? ch.subjectAlternativeNames.map((n) => `${n.type}: ${n.value}`).join("; ") : "None"],
              ["Key usage", ch.keyUsage.join(", ") || "—"],
              ["Key size", `${ch.keySize} bits`],
              ["Extended key usages", ch.extendedKeyUsage.join(", ") || "None"],
            ]}
          />
          <Copyable label="Challenge" text={ch.challenge} />
        </div>
      )}
      <div className={s.root}>
        <h3 className={s.h3}>SCEP URLs on this machine</h3>
        {endpoints.isPending && <Loading />}
        {endpoints.error && <ErrorMessage error={endpoints.error} />}
        {endpoints.data && endpoints.data.value.length === 0 && <Text>No NDES server is configured in the lab.</Text>}
        {endpoints.data?.value.map((e) => (
          <PropertyList
            key={e.ndesInstanceId}
            items={[
              ["Internal URL", e.internalUrl],
              ["Local URL for the internal URL", e.localInternalUrl],
              ["External URL", e.externalUrl ?? "Not published"],
              ["Local URL for the external URL", e.localExternalUrl ?? "—"],
            ]}
          />
        ))}
        {ch?.localUrl && <Text>The profile's SCEP server URL on this machine: {ch.localUrl}</Text>}
      </div>
      {ch && url && (
        <div className={s.root}>
          {clientCommands(ch, url, props.deviceName).map((c) => (
            <div key={c.client} className={s.root} style={{ gap: 4 }}>
              <h3 className={s.h3}>
                {c.title}
                {c.debianPackage ? ` (Debian package ${c.debianPackage})` : " (not in Debian)"}
              </h3>
              {c.caveats.map((w) => (
                <Text key={w} className={s.warn}>
                  {w}
                </Text>
              ))}
              <Copyable label={`${c.title} commands`} text={c.script} />
            </div>
          ))}
          <Text>
            Check the certificate against the lab CA chain: download the chain from a certificate above (Download PEM) or from the CA in the lab, then{" "}
            <code>openssl verify -CAfile chain.pem device.crt</code>.
          </Text>
        </div>
      )}
    </section>
  );
}
