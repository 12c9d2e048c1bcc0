// What the API read from a trusted certificate profile's .cer: shown while creating it and on its page.
import type { TrustedCertificateFacts } from "@certlab/domain/intune/snapshot";
import { PropertyList } from "@/shared/components/property-list";
import { formatDateTime } from "@/shared/lib/format";

export function CertificateDetails(props: { facts: TrustedCertificateFacts; withSignatureAlgorithm?: boolean }) {
  const { facts } = props;
  return (
    <section aria-label="Certificate details">
      <PropertyList
        items={[
          ["Subject", facts.subject],
          ["Issuer", facts.issuer],
          ["Thumbprint", <code key="t">{facts.thumbprint}</code>],
          ["Valid from", formatDateTime(facts.notBefore)],
          ["Valid to", formatDateTime(facts.notAfter)],
          ["Certificate authority", facts.isCa ? "Yes" : "No"],
          ...(props.withSignatureAlgorithm ? [["Signature algorithm", facts.signatureAlgorithm ?? "—"] satisfies [string, string]] : []),
        ]}
      />
    </section>
  );
}
