// One trainee's seat: their objectives, the findings on their lab, the last actions from the seat's audit log, the
// trainer's resets (the whole lab, or one objective: only the faults that objective fixes are applied again) and
// extra time for this trainee only (the seat's own end; the other seats keep the workshop's), and the seat's variant
// (its seed and the values it picked for the scenario's variables).
import { useState } from "react";
import {
  Badge,
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Input,
  makeStyles,
  OverlayDrawer,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowReset20Regular, Copy20Regular, Dismiss20Regular, Link20Regular, Timer20Regular } from "@fluentui/react-icons";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SimpleTable } from "@/shared/components/simple-table";
import { formatDateTime } from "@/shared/lib/format";
import { useSeatDetails, useWorkshopAction, workshopApi, type Trainee, type Workshop } from "@/shared/workshops/api";
import { traineeName } from "@/features/certlab/workshops/components/matrix";
import { timeLeft, useNow } from "@/features/certlab/workshops/lib/time";

/** What "Give 10 more minutes" adds to one seat. */
const SEAT_EXTEND_MINUTES = 10;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "6px", marginBottom: "16px" },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  code: { wordBreak: "break-all", fontSize: tokens.fontSizeBase200 },
});

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

type Pending = { kind: "lab" } | { kind: "objective"; id: string; title: string };

export function SeatDrawer(props: { workshop: Workshop; seat: Trainee | undefined; poll: boolean; onClose: () => void }) {
  const s = useStyles();
  const w = props.workshop;
  // The seat as the matrix shows it now (the drawer follows the live matrix).
  const seat = props.seat ? (w.trainees.find((t) => t.seatId === props.seat!.seatId) ?? props.seat) : undefined;
  const details = useSeatDetails(w.id, seat?.seatId, props.poll);
  const [pending, setPending] = useState<Pending>();
  const reset = useWorkshopAction(w.id, (p: Pending) => (p.kind === "lab" ? workshopApi.resetSeat(w.id, seat!.seatId) : workshopApi.resetObjective(w.id, seat!.seatId, p.id)), {
    success: (_d, p) => ((p as Pending).kind === "lab" ? `Reset the lab of ${seat ? traineeName(seat) : "the seat"}` : `Reset “${(p as { title: string }).title}” for ${seat ? traineeName(seat) : "the seat"}`),
    error: "Could not reset",
  });
  const link = useWorkshopAction(w.id, () => workshopApi.seatLink(w.id, seat!.seatId), {
    success: "Created a new sign-in link (the previous one no longer works)",
    error: "Could not create a sign-in link",
  });
  const name = seat ? traineeName(seat) : "";
  const extend = useWorkshopAction(w.id, () => workshopApi.extendSeat(w.id, seat!.seatId, SEAT_EXTEND_MINUTES), {
    success: `Gave ${name || "the seat"} ${SEAT_EXTEND_MINUTES} more minutes`,
    error: "Could not extend the seat",
  });
  const now = useNow();
  // The seat's own end when the trainer extended it, else the workshop's.
  const seatEndsAt = seat?.endsAt ?? w.endsAt;
  const seatRunning = !w.endedAt && new Date(seatEndsAt).getTime() > now;
  return (
    <OverlayDrawer position="end" size="large" open={!!seat} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss20Regular />} onClick={props.onClose} />}>
          {name}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {seat && (
          <>
            <section className={s.section} aria-label="Seat">
              <Text className={s.small}>
                Seat {seat.seatNumber} · joined {formatDateTime(seat.joinedAt)} · score {seat.score} / {seat.maxScore}
                {seat.stuck ? " · stuck" : ""}
              </Text>
              {details.data?.tenant && <Text className={s.small}>Lab directory: {details.data.tenant.initialDomain}</Text>}
              {details.data?.variant && (
                <Text className={s.small}>
                  Variant: seed {details.data.variant.seed}
                  {Object.entries(details.data.variant.vars).map(([k, v]) => ` · ${k} = ${String(v)}`).join("")}
                </Text>
              )}
              <Text className={s.small}>
                Time left for this seat:{" "}
                <span role="timer" aria-label={`Time left for ${name}`}>
                  {seatRunning ? timeLeft(seatEndsAt, now) : "Ended"}
                </span>
                {seat.endsAt ? ` · extra time until ${formatDateTime(seat.endsAt)}` : ""}
              </Text>
              <div className={s.row}>
                <Button icon={<ArrowReset20Regular />} onClick={() => setPending({ kind: "lab" })} disabled={!seatRunning}>
                  Reset lab
                </Button>
                <Button icon={<Link20Regular />} disabled={!seatRunning || link.isPending} onClick={() => link.mutate()}>
                  New sign-in link
                </Button>
                <Button icon={<Timer20Regular />} disabled={!!w.endedAt || extend.isPending} onClick={() => extend.mutate()}>
                  Give {SEAT_EXTEND_MINUTES} more minutes
                </Button>
              </div>
              {link.data && link.data.seatId === seat.seatId && (
                <div className={s.row}>
                  <Input readOnly value={link.data.url} aria-label={`Sign-in link of seat ${seat.seatNumber}`} style={{ flex: "1 1 auto" }} />
                  <Button icon={<Copy20Regular />} onClick={() => void navigator.clipboard.writeText(link.data.url)} aria-label="Copy the sign-in link">
                    Copy
                  </Button>
                </div>
              )}
            </section>
            <section className={s.section} aria-labelledby="seat-objectives">
              <h3 id="seat-objectives" className={s.h}>
                Objectives
              </h3>
              <SimpleTable
                aria-label={`Objectives of ${name}`}
                size="small"
                rows={w.objectives}
                rowKey={(o) => o.id}
                columns={[
                  { header: "Objective", cell: (o) => o.title },
                  {
                    header: "State",
                    cell: (o) => {
                      const c = seat.objectives[o.id];
                      return c?.passed ? (
                        <Badge color="success">Passed</Badge>
                      ) : (
                        <span>
                          <Badge color="danger">Failing</Badge> {c?.activeCodes.join(", ")}
                        </span>
                      );
                    },
                  },
                  {
                    header: <span className="sr-only">Action</span>,
                    cell: (o) => (
                      <Button size="small" aria-label={`Reset objective ${o.title}`} disabled={!seatRunning} onClick={() => setPending({ kind: "objective", id: o.id, title: o.title })}>
                        Reset
                      </Button>
                    ),
                  },
                ]}
              />
            </section>
            <section className={s.section} aria-labelledby="seat-findings">
              <h3 id="seat-findings" className={s.h}>
                Findings on this lab
              </h3>
              {details.isPending && <Loading />}
              {details.error && <ErrorMessage error={details.error} />}
              {details.data && (
                <SimpleTable
                  aria-label={`Findings of ${name}`}
                  size="small"
                  rows={[...details.data.findings].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3))}
                  rowKey={(f) => `${f.code}:${f.message ?? f.title ?? ""}`}
                  empty="No findings"
                  columns={[
                    { header: "Code", cell: (f) => <code className={s.code}>{f.code}</code> },
                    { header: "Severity", cell: (f) => f.severity },
                    { header: "Finding", cell: (f) => f.title ?? f.message ?? "" },
                    { header: "Source", cell: (f) => (f.injected ? "Scenario fault" : "Collateral or baseline") },
                  ]}
                />
              )}
              {details.data?.guards && details.data.guards.length > 0 && (
                <SimpleTable
                  aria-label={`Guards of ${name}`}
                  size="small"
                  rows={details.data.guards}
                  rowKey={(g) => g.id}
                  columns={[
                    { header: "Must stay true", cell: (g) => g.description },
                    { header: "State", cell: (g) => (g.holds ? <Badge color="success">Holds</Badge> : <Badge color="danger">Broken</Badge>) },
                  ]}
                />
              )}
            </section>
            <section className={s.section} aria-labelledby="seat-audit">
              <h3 id="seat-audit" className={s.h}>
                Last actions
              </h3>
              {details.data && (
                <SimpleTable
                  aria-label={`Last actions of ${name}`}
                  size="small"
                  rows={details.data.audit}
                  rowKey={(a) => a.id}
                  empty="No actions yet"
                  columns={[
                    { header: "Date", cell: (a) => formatDateTime(a.activityDateTime) },
                    { header: "Activity", cell: (a) => a.activityDisplayName },
                    { header: "Target", cell: (a) => (a.targets ?? []).map((t) => t.displayName).join(", ") },
                    { header: "Result", cell: (a) => a.result ?? "" },
                  ]}
                />
              )}
            </section>
          </>
        )}
        <ConfirmDialog
          open={!!pending}
          title={pending?.kind === "objective" ? "Reset objective" : "Reset lab"}
          confirmLabel="Reset"
          busy={reset.isPending}
          onCancel={() => setPending(undefined)}
          onConfirm={() => pending && reset.mutate(pending, { onSettled: () => setPending(undefined) })}
        >
          {pending?.kind === "objective"
            ? `Break “${pending.title}” again on ${name}'s lab? The faults this objective fixes are applied again; the rest of the lab stays as it is.`
            : `Load the scenario again on ${name}'s lab? Everything they changed in it is replaced.`}
        </ConfirmDialog>
      </DrawerBody>
    </OverlayDrawer>
  );
}
