// The Create a profile pane (rules-reference.md C.1): Platform, then Profile type — Templates > Trusted
// certificate / SCEP certificate; Android Enterprise splits into its two enrollment types — then Create.
import { useState } from "react";
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  OverlayDrawer,
  Select,
  Text,
} from "@fluentui/react-components";
import { Dismiss24Regular } from "@fluentui/react-icons";
import { PROFILE_TYPES, type ProfileTypeInfo, type TPlatform } from "@certlab/domain/intune/profiles";

/** The Platform choices, in the order of S8's list (the platforms Certlab serves). */
export const PANE_PLATFORMS: { id: string; label: string; platforms: TPlatform[] }[] = [
  { id: "androidEnterprise", label: "Android Enterprise", platforms: ["androidDeviceOwner", "androidWorkProfile"] },
  { id: "aosp", label: "Android (AOSP)", platforms: ["aosp"] },
  { id: "iOS", label: "iOS/iPadOS", platforms: ["iOS"] },
  { id: "macOS", label: "macOS", platforms: ["macOS"] },
  { id: "windows", label: "Windows 10 and later", platforms: ["windows"] },
];

const GROUP_LABEL: Partial<Record<TPlatform, string>> = {
  androidDeviceOwner: "Fully Managed, Dedicated, and Corporate-Owned Work Profile",
  androidWorkProfile: "Personally-Owned Work Profile",
};

export function profileTypeGroups(paneId: string): { label: string; types: ProfileTypeInfo[] }[] {
  const entry = PANE_PLATFORMS.find((p) => p.id === paneId);
  if (!entry) return [];
  return entry.platforms.map((platform) => ({
    label: GROUP_LABEL[platform] ?? "Templates",
    types: PROFILE_TYPES.filter((t) => t.platform === platform),
  }));
}

export function CreateProfilePane(props: { open: boolean; onClose: () => void; onCreate: (odataType: string) => void }) {
  const [platform, setPlatform] = useState("");
  const [type, setType] = useState("");
  const groups = profileTypeGroups(platform);
  return (
    <OverlayDrawer position="end" size="medium" open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()} aria-label="Create a profile">
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss24Regular />} onClick={props.onClose} />}
        >
          Create a profile
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody style={{ display: "flex", flexDirection: "column", gap: 16 }}>
        <Field label="Platform" required>
          <Select
            value={platform}
            onChange={(_e, d) => {
              setPlatform(d.value);
              setType("");
            }}
          >
            <option value="">Select platform</option>
            {PANE_PLATFORMS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Profile type" required>
          <Select value={type} disabled={!platform} onChange={(_e, d) => setType(d.value)}>
            <option value="">Select profile type</option>
            {groups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.types.map((t) => (
                  <option key={t.odataType} value={t.odataType}>
                    {t.profileTypeName}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Text size={200}>
          Certlab models the certificate profiles of the SCEP scenario: Trusted certificate and SCEP certificate for each platform.
        </Text>
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" disabled={!type} onClick={() => props.onCreate(type)}>
          Create
        </Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
