// The live matrix: one row per seat (trainee), one column per objective. A cell is green when the objective's
// check passes on that seat's lab, red while it fails, with the codes of the findings that keep it failing.
import {
  Badge,
  Button,
  makeStyles,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Tooltip,
} from "@fluentui/react-components";
import { CheckmarkCircle16Filled, DismissCircle16Filled } from "@fluentui/react-icons";
import { formatDateTime } from "@/shared/lib/format";
import type { ObjectiveCell, Trainee, Workshop } from "@/shared/workshops/api";

const useStyles = makeStyles({
  wrap: { overflowX: "auto" },
  cell: { display: "flex", flexDirection: "column", gap: "2px", alignItems: "flex-start" },
  passed: { display: "inline-flex", alignItems: "center", gap: "4px", color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  failing: { display: "inline-flex", alignItems: "center", gap: "4px", color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  passedBg: { background: tokens.colorPaletteGreenBackground1 },
  failingBg: { background: tokens.colorPaletteRedBackground1 },
  codes: { display: "flex", flexWrap: "wrap", gap: "2px" },
  who: { display: "flex", flexDirection: "column", gap: "2px" },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  progress: { minWidth: "120px" },
});

function Cell(props: { cell: ObjectiveCell | undefined; objective: string }) {
  const s = useStyles();
  const c = props.cell;
  if (!c) return <Text className={s.small}>—</Text>;
  if (c.passed) {
    return (
      <span className={s.passed}>
        <CheckmarkCircle16Filled aria-hidden />
        Passed
        {c.passedAt && <span className="sr-only"> at {formatDateTime(c.passedAt)}</span>}
      </span>
    );
  }
  return (
    <div className={s.cell}>
      <span className={s.failing}>
        <DismissCircle16Filled aria-hidden />
        Failing
      </span>
      <div className={s.codes}>
        {c.activeCodes.map((code) => (
          <Tooltip key={code} content={`${props.objective}: ${code} is still raised on this lab`} relationship="description">
            <Badge appearance="outline" color="danger" size="small" tabIndex={0}>
              {code}
            </Badge>
          </Tooltip>
        ))}
      </div>
    </div>
  );
}

export function traineeName(t: Trainee): string {
  return t.displayName ?? `Seat ${t.seatNumber} (free)`;
}

export function WorkshopMatrix(props: { workshop: Workshop; onOpenSeat: (seat: Trainee) => void }) {
  const s = useStyles();
  const w = props.workshop;
  const joined = w.trainees.filter((t) => t.joinedAt);
  return (
    <div className={s.wrap}>
      <Table aria-label="Trainees and objectives" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Trainee</TableHeaderCell>
            <TableHeaderCell>Progress</TableHeaderCell>
            {w.objectives.map((o) => {
              const done = joined.filter((t) => t.objectives[o.id]?.passed).length;
              return (
                <TableHeaderCell key={o.id}>
                  <div className={s.who}>
                    <span>{o.title}</span>
                    <span className={s.small}>
                      {o.points} pt · {done}/{joined.length} done
                    </span>
                  </div>
                </TableHeaderCell>
              );
            })}
            <TableHeaderCell>Details</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {w.trainees.map((t) => (
            <TableRow key={t.seatId} data-seat={t.seatNumber}>
              <TableCell>
                <div className={s.who}>
                  <span>
                    {traineeName(t)} {t.stuck && <Badge color="warning" appearance="filled" size="small">Stuck</Badge>}
                  </span>
                  <span className={s.small}>
                    Seat {t.seatNumber}
                    {t.lastActivityAt ? ` · last action ${formatDateTime(t.lastActivityAt)}` : ""}
                    {t.resets ? ` · ${t.resets} reset${t.resets === 1 ? "" : "s"}` : ""}
                  </span>
                  {t.collateral.length > 0 && (
                    <span className={s.small}>Collateral: {t.collateral.join(", ")}</span>
                  )}
                </div>
              </TableCell>
              <TableCell>
                <div className={s.progress}>
                  <ProgressBar
                    value={t.maxScore ? t.score / t.maxScore : 0}
                    thickness="large"
                    color={t.maxScore && t.score >= t.maxScore ? "success" : "brand"}
                    aria-label={`${traineeName(t)} score`}
                    aria-valuetext={`${t.score} of ${t.maxScore} points`}
                  />
                  <span className={s.small}>
                    {t.score} / {t.maxScore} pt
                  </span>
                </div>
              </TableCell>
              {w.objectives.map((o) => {
                const c = t.objectives[o.id];
                return (
                  <TableCell
                    key={o.id}
                    data-objective={o.id}
                    data-state={c ? (c.passed ? "passed" : "failing") : "none"}
                    className={c ? (c.passed ? s.passedBg : s.failingBg) : undefined}
                  >
                    <Cell cell={c} objective={o.title} />
                  </TableCell>
                );
              })}
              <TableCell>
                <Button size="small" onClick={() => props.onOpenSeat(t)} aria-label={`Open ${traineeName(t)}`}>
                  Open
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
