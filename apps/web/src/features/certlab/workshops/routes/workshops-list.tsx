// Workshops (issue 11 part 4): the trainer's own workshops (another trainer's never show: the API answers only
// the signed-in user's), each opening its dashboard; "New workshop" creates one.
import { Badge, Button, Text } from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { formatDateTime } from "@/shared/lib/format";
import { useCanManageWorkshops, useWorkshops, workshopPaths } from "@/shared/workshops/api";

export default function WorkshopsListRoute() {
  const canManage = useCanManageWorkshops();
  const workshops = useWorkshops();
  const navigate = useNavigate();
  return (
    <Page
      title="Workshops"
      subtitle="Run a scenario for a group: one isolated lab per seat, a live matrix of every trainee's objectives"
      commands={
        canManage ? (
          <Button appearance="subtle" icon={<Add20Regular />} onClick={() => navigate(workshopPaths.create)}>
            New workshop
          </Button>
        ) : undefined
      }
    >
      {!canManage && <Text>Running workshops needs a role that may change the lab in this directory (Global Administrator).</Text>}
      {workshops.isPending && <Loading label="Reading your workshops…" />}
      {workshops.error && <ErrorMessage error={workshops.error} />}
      {workshops.data && (
        <SimpleTable
          aria-label="My workshops"
          rows={workshops.data}
          rowKey={(w) => w.id}
          empty="You have no workshops yet"
          columns={[
            { header: "Name", cell: (w) => <AppLink to={workshopPaths.workshop(w.id)}>{w.name}</AppLink> },
            { header: "Scenario", cell: (w) => w.scenario.title },
            { header: "Join code", cell: (w) => <code>{w.joinCode}</code> },
            { header: "Seats", cell: (w) => `${w.joined} / ${w.seats}` },
            {
              header: "State",
              cell: (w) => (
                <Badge appearance="tint" color={w.state === "running" ? "success" : "informative"}>
                  {w.state === "running" ? "Running" : "Ended"}
                </Badge>
              ),
            },
            { header: "Ends", cell: (w) => formatDateTime(w.endsAt) },
          ]}
        />
      )}
    </Page>
  );
}
