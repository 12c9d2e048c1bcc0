// Devices > Configuration: the profiles (Profile name, Platform, Profile type, Last modified, Assigned) and
// Create > New policy, which opens the Create a profile pane.
import { useState } from "react";
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SearchBox,
} from "@fluentui/react-components";
import { Add20Regular, ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { profileTypeInfo } from "@certlab/domain/intune/profiles";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { formatDateTime } from "@/shared/lib/format";
import { paths } from "@/shared/paths";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useProfiles } from "@/features/intune/configuration/api/profiles";
import { CreateProfilePane } from "@/features/intune/configuration/components/create-profile-pane";

export default function ProfilesListRoute() {
  const session = useSignedInSession();
  const canWrite = useCan("intune.configuration.write");
  const navigate = useNavigate();
  const query = useProfiles(session.tenant.id);
  const [pane, setPane] = useState(false);
  const [search, setSearch] = useState("");
  const rows = (query.data?.value ?? [])
    .filter((p) => p.displayName.toLowerCase().includes(search.trim().toLowerCase()))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <Page
      title="Configuration"
      subtitle="Devices | Manage devices"
      commands={
        <>
          {canWrite && (
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <Button appearance="subtle" icon={<Add20Regular />}>
                  Create
                </Button>
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  <MenuItem onClick={() => setPane(true)}>New policy</MenuItem>
                </MenuList>
              </MenuPopover>
            </Menu>
          )}
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      <SearchBox aria-label="Search by profile name" placeholder="Search" value={search} onChange={(_e, d) => setSearch(d.value)} style={{ maxWidth: 360 }} />
      {query.isPending && <Loading />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && (
        <SimpleTable
          aria-label="Configuration profiles"
          rows={rows}
          rowKey={(p) => p.id}
          empty="No profiles"
          columns={[
            { header: "Profile name", cell: (p) => <AppLink to={paths.intune.profile(p.id)}>{p.displayName}</AppLink> },
            { header: "Platform", cell: (p) => profileTypeInfo(p["@odata.type"])?.listedPlatformDisplayName ?? "—" },
            { header: "Profile type", cell: (p) => profileTypeInfo(p["@odata.type"])?.profileTypeName ?? p["@odata.type"] },
            { header: "Last modified", cell: (p) => formatDateTime(p.lastModifiedDateTime) },
            { header: "Assigned", cell: (p) => ((p.assignments?.length ?? 0) > 0 ? "Yes" : "No") },
          ]}
        />
      )}
      <CreateProfilePane open={pane} onClose={() => setPane(false)} onCreate={(t) => navigate(paths.intune.createProfile(t))} />
    </Page>
  );
}
