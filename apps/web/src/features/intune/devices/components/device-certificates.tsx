// The certificates on a device (issue 10: "on the device, with its chain"): what the lab CA issued to it through
// NDES — subject, subject alternative names, validity, issuer chain — and Download PEM (the certificate followed by
// its chain, ready for `openssl verify -untrusted` / a trust store).
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ArrowDownload16Regular } from "@fluentui/react-icons";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { PropertyList } from "@/shared/components/property-list";
import { formatDateTime } from "@/shared/lib/format";
import { useDeviceCertificates, type DeviceCertificate, type ProfileName } from "@/features/intune/devices/api/devices";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  card: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  chain: { margin: 0, paddingLeft: "20px" },
});

const pemOf = (c: DeviceCertificate): string => (typeof c.pem === "string" ? c.pem : typeof c["certificatePem"] === "string" ? (c["certificatePem"] as string) : "");

function chainOf(c: DeviceCertificate): { subject?: string; pem: string }[] {
  const raw = (c.chain ?? c["chainPems"] ?? []) as (string | { subject?: string; pem?: string })[];
  return raw.map((x) => (typeof x === "string" ? { pem: x } : { ...(x.subject ? { subject: x.subject } : {}), pem: x.pem ?? "" }));
}

function sanText(c: DeviceCertificate): string {
  const sans = c.subjectAlternativeNames ?? [];
  if (!sans.length) return "None";
  return sans.map((s) => (typeof s === "string" ? s : `${(s as { type: string }).type}: ${(s as { value: string }).value}`)).join("; ");
}

function download(c: DeviceCertificate, name: string) {
  const text = [pemOf(c), ...chainOf(c).map((x) => x.pem)].map((p) => p.trim()).filter(Boolean).join("\n") + "\n";
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${name}.pem`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DeviceCertificates(props: { tenantId: string; deviceId: string; deviceName: string; profiles: readonly ProfileName[] }) {
  const s = useStyles();
  const certs = useDeviceCertificates(props.tenantId, props.deviceId);
  const profileName = (id: string | null | undefined) => (id ? (props.profiles.find((p) => p.id === id)?.displayName ?? id) : "—");
  return (
    <section aria-labelledby="device-certificates-h" className={s.root}>
      <h2 id="device-certificates-h" className={s.h}>
        Certificates
      </h2>
      {certs.isPending && <Loading />}
      {certs.error && <ErrorMessage error={certs.error} />}
      {certs.data && certs.data.value.length === 0 && <Text>No certificates on this device yet.</Text>}
      {certs.data?.value.map((c) => {
        const chain = chainOf(c);
        return (
          <article key={c.id} className={s.card} aria-label={`Certificate ${c.subject}`}>
            <PropertyList
              items={[
                ["Subject", c.subject],
                ["Subject alternative names", sanText(c)],
                ["Issuer", c.issuer ?? "—"],
                ["Serial number", c.serialNumber ?? "—"],
                ["Thumbprint", c.thumbprint ?? "—"],
                ["Valid from", formatDateTime(c.notBefore)],
                ["Valid to", formatDateTime(c.notAfter)],
                ["Profile", profileName(c.profileId)],
              ]}
            />
            {chain.length > 0 && (
              <div>
                <Text weight="semibold">Certification path</Text>
                <ol className={s.chain} aria-label={`Issuer chain of ${c.subject}`}>
                  <li>{c.subject}</li>
                  {chain.map((x, i) => (
                    <li key={i}>{x.subject ?? (i === 0 ? (c.issuer ?? "Issuing CA") : `CA certificate ${i + 1}`)}</li>
                  ))}
                </ol>
              </div>
            )}
            {pemOf(c) && (
              <Button
                size="small"
                icon={<ArrowDownload16Regular />}
                style={{ alignSelf: "flex-start" }}
                aria-label={`Download PEM of ${c.subject}`}
                onClick={() => download(c, `${props.deviceName}-${c.serialNumber ?? c.id}`)}
              >
                Download PEM
              </Button>
            )}
          </article>
        );
      })}
    </section>
  );
}
