// The trainer's dashboard (issue 11 part 4): time left, the join code and per-seat links to hand out, extend and
// end, hints released to everyone, exports, the projector scoreboard, and the live matrix of trainees × objectives
// (the event stream keeps it current; short polling every 2 s while the stream is not open).
import { useState } from "react";
import { Badge, Button, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ArrowDownload20Regular, Copy20Regular, Lightbulb20Regular, Stop20Regular, Timer20Regular, Trophy20Regular } from "@fluentui/react-icons";
import { useParams } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { notifications } from "@/shared/notifications/notification-store";
import { useWorkshop, useWorkshopAction, workshopApi, workshopPaths, type Trainee } from "@/shared/workshops/api";
import { WorkshopMatrix } from "@/features/certlab/workshops/components/matrix";
import { ReleaseHintDialog } from "@/features/certlab/workshops/components/release-hint-dialog";
import { SeatDrawer } from "@/features/certlab/workshops/components/seat-drawer";
import { rememberedSeatLinks } from "@/features/certlab/workshops/lib/seat-links";
import { timeLeft, useNow } from "@/features/certlab/workshops/lib/time";
import { useWorkshopEvents } from "@/features/certlab/workshops/lib/use-workshop-events";

const useStyles = makeStyles({
  header: { display: "flex", flexWrap: "wrap", gap: "24px", alignItems: "flex-start" },
  box: { display: "flex", flexDirection: "column", gap: "4px" },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  big: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  code: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontFamily: tokens.fontFamilyMonospace, letterSpacing: "0.1em" },
  row: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  links: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
});

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    notifications.push({ intent: "success", title: `Copied ${what}` });
  } catch {
    notifications.push({ intent: "error", title: `Could not copy ${what}`, body: text });
  }
}

export default function WorkshopDashboardRoute() {
  const s = useStyles();
  const { workshopId = "" } = useParams();
  const [streamWanted] = useState(() => typeof EventSource !== "undefined");
  const { live } = useWorkshopEvents(workshopId, streamWanted);
  const workshop = useWorkshop(workshopId, !live);
  const now = useNow();
  const [seat, setSeat] = useState<Trainee>();
  const [ending, setEnding] = useState(false);
  const [hints, setHints] = useState(false);
  const extend = useWorkshopAction(workshopId, (minutes: number) => workshopApi.extend(workshopId, minutes), {
    success: (_d, m) => `Extended the workshop by ${m as number} minutes`,
    error: "Could not extend the workshop",
  });
  const end = useWorkshopAction(workshopId, () => workshopApi.end(workshopId), { success: "Ended the workshop", error: "Could not end the workshop" });

  const w = workshop.data;
  if (!w) {
    return (
      <Page title="Workshop">
        {workshop.isPending && <Loading label="Reading the workshop…" />}
        {workshop.error && <ErrorMessage error={workshop.error} />}
      </Page>
    );
  }
  const joinUrl = new URL(workshopPaths.joinCode(w.joinCode), window.location.origin).toString();
  const seatLinks = rememberedSeatLinks(w);
  const running = w.state === "running" && new Date(w.endsAt).getTime() > now;
  const joined = w.trainees.filter((t) => t.joinedAt).length;
  return (
    <Page
      title={w.name}
      subtitle={`${w.scenario.title} · version ${w.scenario.version} · hints ${w.hintPolicy}`}
      commands={
        <>
          <Button appearance="subtle" icon={<Timer20Regular />} disabled={w.state === "ended" || extend.isPending} onClick={() => extend.mutate(10)}>
            Extend by 10 minutes
          </Button>
          <Button appearance="subtle" icon={<Lightbulb20Regular />} onClick={() => setHints(true)}>
            Release a hint
          </Button>
          <Button appearance="subtle" icon={<Stop20Regular />} disabled={w.state === "ended"} onClick={() => setEnding(true)}>
            End workshop
          </Button>
          <Link href={workshopApi.exportUrl(w.id, "csv")} download>
            <ArrowDownload20Regular aria-hidden /> Export CSV
          </Link>
          <Link href={workshopApi.exportUrl(w.id, "json")} download>
            <ArrowDownload20Regular aria-hidden /> Export JSON
          </Link>
          <AppLink to={workshopPaths.scoreboard(w.id)}>
            <Trophy20Regular aria-hidden /> Scoreboard
          </AppLink>
        </>
      }
    >
      <div className={s.header}>
        <div className={s.box}>
          <span className={s.label}>Time left</span>
          <span className={s.big} role="timer" aria-label="Time left">
            {w.state === "ended" ? "Ended" : timeLeft(w.endsAt, now)}
          </span>
          <Badge appearance="tint" color={running ? "success" : "informative"}>
            {running ? "Running" : "Ended"}
          </Badge>
        </div>
        <div className={s.box}>
          <span className={s.label} id="join-code-label">
            Join code
          </span>
          <span className={s.code} aria-labelledby="join-code-label" data-testid="join-code">
            {w.joinCode}
          </span>
          <div className={s.row}>
            <Button size="small" icon={<Copy20Regular />} onClick={() => copy(w.joinCode, "the join code")}>
              Copy code
            </Button>
            <Button size="small" icon={<Copy20Regular />} onClick={() => copy(joinUrl, "the join link")}>
              Copy join link
            </Button>
          </div>
          <Text className={s.label}>{joinUrl}</Text>
        </div>
        <div className={s.box}>
          <span className={s.label}>Seats</span>
          <span className={s.big}>
            {joined} / {w.seats}
          </span>
          <span className={s.label}>{live ? "Live" : "Refreshing every 2 s"}</span>
        </div>
        {seatLinks.length > 0 && (
          <div className={s.box}>
            <span className={s.label}>Per-seat sign-in links (one use each; shown in this tab only)</span>
            <ul className={s.links} aria-label="Per-seat sign-in links">
              {seatLinks.map((l) => (
                <li key={l.seatNumber}>
                  Seat {l.seatNumber}{" "}
                  <Button size="small" appearance="subtle" icon={<Copy20Regular />} aria-label={`Copy the link of seat ${l.seatNumber}`} onClick={() => copy(l.url, `the link of seat ${l.seatNumber}`)} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {w.releasedHints.length > 0 && <Text className={s.label}>Released hints: {w.releasedHints.length}</Text>}
      <WorkshopMatrix workshop={w} onOpenSeat={setSeat} />
      <SeatDrawer workshop={w} seat={seat} poll={!live} onClose={() => setSeat(undefined)} />
      <ReleaseHintDialog workshop={w} open={hints} onClose={() => setHints(false)} />
      <ConfirmDialog
        open={ending}
        title="End workshop"
        confirmLabel="End workshop"
        busy={end.isPending}
        onCancel={() => setEnding(false)}
        onConfirm={() => end.mutate(undefined, { onSettled: () => setEnding(false) })}
      >
        End “{w.name}” now? Trainees can still read their tasks and score but can no longer change their labs.
      </ConfirmDialog>
    </Page>
  );
}
