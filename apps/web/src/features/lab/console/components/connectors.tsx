// The connector installers run on a lab server: the Certificate Connector for Microsoft Intune configuration wizard
// (rules-reference C.3: Welcome → Features → Service Account → Proxy → Prerequisites → Azure AD Sign-In → Configure
// → Finish) and the Microsoft Entra private network connector installer (terms → sign in → registered).
import { useState } from "react";
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Text } from "@fluentui/react-components";
import { errorBody } from "@/shared/api/query-client";
import { PropertyList } from "@/shared/components/property-list";
import { formatDate } from "@/shared/lib/format";
import { api, useLabMutation, type Lab, type LabServerOut } from "@/features/lab/console/api/lab-api";
import { FindingBadge, TAB_CODES, codeIn, useFindingsFor } from "@/features/lab/console/components/findings";
import { Section, useLabWrite } from "@/features/lab/console/components/ui";
import { Wizard } from "@/features/lab/console/components/wizard";

export function Connectors(props: { server: LabServerOut; lab: Lab }) {
  const s = props.server;
  const canWrite = useLabWrite();
  const [intuneOpen, setIntuneOpen] = useState(false);
  const [appxOpen, setAppxOpen] = useState(false);
  const intune = props.lab.intuneCertificateConnectors.filter((c) => c.serverId === s.id);
  const appx = props.lab.appProxyConnectors.filter((c) => c.serverId === s.id);
  const findings = useFindingsFor([s.id, ...intune.map((c) => c.id), ...appx.map((c) => c.id)], codeIn(TAB_CODES.connector));
  return (
    <>
      <Section
        title="Certificate Connector for Microsoft Intune"
        actions={
          <>
            <FindingBadge findings={findings} label="the connector" />
            {canWrite && <Button onClick={() => setIntuneOpen(true)}>Run IntuneCertificateConnector.exe</Button>}
          </>
        }
      >
        {intune.length === 0 && <Text>Not installed.</Text>}
        {intune.map((c) => (
          <PropertyList
            key={c.id}
            items={[
              ["Connector", c.generation === "legacy" ? "Microsoft Intune Connector (legacy)" : "Certificate Connector for Microsoft Intune"],
              ["Version", c.version],
              ["Status", c.status],
              ["Features", Object.entries(c.features).filter(([, on]) => on).map(([k]) => k).join(", ")],
              ["Service account", c.serviceAccount],
              ["Proxy", c.proxy ?? "None"],
              ["Signed in as", c.signedInUpn],
              ["Enrolled", formatDate(c.enrolledDateTime)],
            ]}
          />
        ))}
      </Section>
      <Section title="Microsoft Entra private network connector" actions={canWrite && <Button onClick={() => setAppxOpen(true)}>Run MicrosoftEntraPrivateNetworkConnectorInstaller.exe</Button>}>
        {appx.length === 0 && <Text>Not installed.</Text>}
        {appx.map((c) => (
          <PropertyList
            key={c.id}
            items={[
              ["Version", c.version],
              ["Status", c.status],
              ["Registered by", c.registeredByUpn],
              ["Connector group", c.connectorGroupName ?? "Default"],
            ]}
          />
        ))}
      </Section>
      {intuneOpen && <IntuneConnectorWizard server={s} lab={props.lab} onClose={() => setIntuneOpen(false)} />}
      {appxOpen && <PrivateNetworkConnectorWizard server={s} onClose={() => setAppxOpen(false)} />}
    </>
  );
}

const STEPS = ["Welcome", "Features", "Service Account", "Proxy", "Prerequisites", "Azure AD Sign-In", "Configure", "Finish"];
const FEATURES = [
  ["scep", "SCEP"],
  ["pkcs", "PKCS"],
  ["pkcsImported", "PKCS imported certificates"],
  ["revocation", "Certificate revocation"],
] as const;

function IntuneConnectorWizard(props: { server: LabServerOut; lab: Lab; onClose: () => void }) {
  const s = props.server;
  const [step, setStep] = useState(0);
  const [features, setFeatures] = useState({ scep: false, pkcs: false, pkcsImported: false, revocation: false });
  const [account, setAccount] = useState<"SYSTEM" | "domain">("SYSTEM");
  const [domainUser, setDomainUser] = useState("");
  const [useProxy, setUseProxy] = useState(false);
  const [proxy, setProxy] = useState("");
  const [environment, setEnvironment] = useState("Public Commercial Cloud");
  const [upn, setUpn] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const install = useLabMutation((b: Record<string, unknown>) => api.intuneConnector(s.id, b), {
    success: `Certificate Connector for Microsoft Intune configured on ${s.name}`,
    error: "The Certificate Connector for Microsoft Intune configuration failed",
  });
  const checks: [string, boolean][] = [
    ["Internet Explorer Enhanced Security Configuration is deactivated", !s.ieEscEnabled],
    [".NET Framework 4.7.2 or later is installed", s.dotNetRelease >= 461808],
    ["TLS 1.2 is enabled", s.tls12.client && s.tls12.server],
    ["Windows Server 2012 R2 or later", !["2008R2SP1", "2012"].includes(s.os)],
  ];
  const nextDisabled =
    (step === 1 && !Object.values(features).some(Boolean)) ||
    (step === 2 && account === "domain" && !domainUser.trim()) ||
    (step === 3 && useProxy && !/^https?:\/\//i.test(proxy.trim())) ||
    (step === 5 && (!upn.trim() || !password));
  return (
    <Wizard
      open
      title="Certificate Connector for Microsoft Intune"
      steps={STEPS}
      step={step}
      onStep={(n) => {
        setError(null);
        setStep(n);
      }}
      finishLabel="Sign In"
      finishStep={5}
      busy={install.isPending}
      nextDisabled={nextDisabled}
      done={step === 7}
      closeLabel="Exit"
      onFinish={() =>
        install.mutate(
          {
            features,
            serviceAccount: account === "SYSTEM" ? "SYSTEM" : domainUser.trim(),
            ...(useProxy ? { proxy: proxy.trim() } : {}),
            environment,
            signIn: { userPrincipalName: upn.trim(), password },
          },
          { onSuccess: () => setStep(7), onError: (e) => setError(errorBody(e)) },
        )
      }
      onClose={props.onClose}
    >
      {step === 0 && <Text>Welcome to the Certificate Connector for Microsoft Intune configuration. Select Next to configure the connector on {s.fqdn}.</Text>}
      {step === 1 && (
        <>
          <Text>Select the features to enable.</Text>
          {FEATURES.map(([k, label]) => (
            <Checkbox key={k} label={label} checked={features[k]} onChange={(_e, d) => setFeatures({ ...features, [k]: !!d.checked })} />
          ))}
        </>
      )}
      {step === 2 && (
        <>
          <RadioGroup aria-label="Service Account" value={account} onChange={(_e, d) => setAccount(d.value as "SYSTEM" | "domain")}>
            <Radio value="SYSTEM" label="SYSTEM Account" />
            <Radio value="domain" label="Domain user account" />
          </RadioGroup>
          {account === "domain" && (
            <Field label="User name" hint="DOMAIN\user">
              <Input value={domainUser} onChange={(_e, d) => setDomainUser(d.value)} />
            </Field>
          )}
        </>
      )}
      {step === 3 && (
        <>
          <Checkbox label="Use proxy" checked={useProxy} onChange={(_e, d) => setUseProxy(!!d.checked)} />
          {useProxy && (
            <Field label="Proxy address" hint="Include the prefix, e.g. http://proxy.contoso.com:8080">
              <Input value={proxy} onChange={(_e, d) => setProxy(d.value)} />
            </Field>
          )}
        </>
      )}
      {step === 4 && (
        <>
          <Text>Review and resolve any errors or warnings before you continue.</Text>
          <ul aria-label="Prerequisite checks">
            {checks.map(([label, ok]) => (
              <li key={label}>
                {ok ? "✔" : "✖"} {label}
                {!ok && " — Error"}
              </li>
            ))}
          </ul>
        </>
      )}
      {step === 5 && (
        <>
          <Field label="Environment">
            <Select value={environment} onChange={(_e, d) => setEnvironment(d.value)}>
              <option>Public Commercial Cloud</option>
              <option>US Government</option>
            </Select>
          </Field>
          <Text>Sign in with a Global Administrator or Intune Administrator account of your tenant that has an Intune license.</Text>
          <Field label="Email, phone, or Skype">
            <Input value={upn} onChange={(_e, d) => setUpn(d.value)} autoComplete="off" />
          </Field>
          <Field label="Password">
            <Input type="password" value={password} onChange={(_e, d) => setPassword(d.value)} autoComplete="off" />
          </Field>
          {error && (
            <MessageBar intent="error">
              <MessageBarBody style={{ whiteSpace: "pre-line" }}>
                <MessageBarTitle>Error</MessageBarTitle>
                {error}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      {step === 7 && (
        <Text role="status">
          Configuration succeeded. The Certificate Connector for Microsoft Intune is configured on {s.name}. Restart the server to complete the setup.
        </Text>
      )}
    </Wizard>
  );
}

function PrivateNetworkConnectorWizard(props: { server: LabServerOut; onClose: () => void }) {
  const s = props.server;
  const [step, setStep] = useState(0);
  const [agree, setAgree] = useState(false);
  const [upn, setUpn] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const install = useLabMutation((b: Record<string, unknown>) => api.privateNetworkConnector(s.id, b), {
    success: `Microsoft Entra private network connector registered on ${s.name}`,
    error: "The private network connector could not be registered",
  });
  return (
    <Wizard
      open
      title="Microsoft Entra private network connector Setup"
      steps={["License terms", "Sign in", "Setup Successful"]}
      step={step}
      onStep={(n) => {
        setError(null);
        setStep(n);
      }}
      finishLabel="Sign in"
      finishStep={1}
      busy={install.isPending}
      nextDisabled={(step === 0 && !agree) || (step === 1 && (!upn.trim() || !password))}
      done={step === 2}
      onFinish={() =>
        install.mutate({ acceptTerms: true, registerAsUpn: upn.trim(), password }, { onSuccess: () => setStep(2), onError: (e) => setError(errorBody(e)) })
      }
      onClose={props.onClose}
    >
      {step === 0 && (
        <>
          <Text>Please read the license terms and conditions before installing the connector.</Text>
          <Checkbox label="I agree to the license terms and conditions" checked={agree} onChange={(_e, d) => setAgree(!!d.checked)} />
        </>
      )}
      {step === 1 && (
        <>
          <Text>Sign in with an Application Administrator of your directory to register the connector.</Text>
          <Field label="Email, phone, or Skype">
            <Input value={upn} onChange={(_e, d) => setUpn(d.value)} autoComplete="off" />
          </Field>
          <Field label="Password">
            <Input type="password" value={password} onChange={(_e, d) => setPassword(d.value)} autoComplete="off" />
          </Field>
          {error && (
            <MessageBar intent="error">
              <MessageBarBody style={{ whiteSpace: "pre-line" }}>{error}</MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      {step === 2 && <Text role="status">Setup Successful. The connector is registered with your directory.</Text>}
    </Wizard>
  );
}
