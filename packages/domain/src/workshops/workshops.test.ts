import { describe, expect, it } from "vitest";
import {
  exportCsv,
  extendedEnd,
  hintAvailable,
  isStuck,
  JOIN_CODE_ALPHABET,
  joinCodeFrom,
  rankScoreboard,
  seatEndsAt,
  seatScore,
  seatState,
  ZJoinCode,
  ZWorkshopCreate,
} from "./workshops";

describe("workshop rules", () => {
  it("a seat ends at the later of its own end and the workshop's; ending the workshop ends every seat", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 10, m));
    expect(seatEndsAt(at(30), null)).toEqual(at(30));
    expect(seatEndsAt(at(30), at(40))).toEqual(at(40));
    expect(seatEndsAt(at(50), at(40))).toEqual(at(50)); // the whole workshop extended past the seat's own time
    expect(seatState({ state: "running", endsAt: at(30) }, { endsAt: null }, at(31))).toBe("ended");
    expect(seatState({ state: "running", endsAt: at(30) }, { endsAt: at(40) }, at(31))).toBe("running");
    expect(seatState({ state: "ended", endsAt: at(30) }, { endsAt: at(40) }, at(20))).toBe("ended");
    // Extending adds to the end while it is ahead; time that ran out is given back from now.
    expect(extendedEnd(at(30), 10, at(20))).toEqual(at(40));
    expect(extendedEnd(at(30), 10, at(35))).toEqual(at(45));
  });

  it("join codes use the unambiguous alphabet only and parse case-insensitively", () => {
    const bytes = new Uint8Array(64).map((_, i) => (i * 37 + 11) % 256);
    const code = joinCodeFrom(bytes);
    expect(code).toHaveLength(7);
    for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
    expect(ZJoinCode.parse(` ${code.toLowerCase()} `)).toBe(code);
    expect(ZJoinCode.safeParse("O0I1L").success).toBe(false);
    expect(() => joinCodeFrom(new Uint8Array([255, 255]))).toThrow();
  });

  it("creation body: seats 1..50, time limit 5..600, a hint policy, no extra keys", () => {
    const ok = { name: "Monday", scenarioId: "ndes-503", seats: 3, timeLimitMinutes: 60, hintPolicy: "on" };
    expect(ZWorkshopCreate.safeParse(ok).success).toBe(true);
    for (const bad of [{ seats: 0 }, { seats: 51 }, { timeLimitMinutes: 4 }, { timeLimitMinutes: 601 }, { hintPolicy: "always" }, { extra: 1 }, { name: " " }]) {
      expect(ZWorkshopCreate.safeParse({ ...ok, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("hints: 'on' always, otherwise only what the trainer released", () => {
    const ref = { objectiveId: "o-a", hintId: "h1" };
    expect(hintAvailable("on", [], ref)).toBe(true);
    expect(hintAvailable("off", [], ref)).toBe(false);
    expect(hintAvailable("trainer-released", [], ref)).toBe(false);
    expect(hintAvailable("trainer-released", [ref], ref)).toBe(true);
    expect(hintAvailable("trainer-released", [{ ...ref, hintId: "h2" }], ref)).toBe(false);
  });

  it("score: passed points minus that objective's hint penalties, floored at 0", () => {
    const objectives = [{ id: "a", points: 3 }, { id: "b", points: 2 }, { id: "c", points: 1 }];
    const at = "2026-01-01T00:00:00Z";
    const s = seatScore(objectives, new Set(["a", "c"]), [{ objectiveId: "a", hintId: "h", penalty: 1, at }, { objectiveId: "c", hintId: "h", penalty: 5, at }, { objectiveId: "b", hintId: "h", penalty: 1, at }]);
    expect(s).toEqual({ score: 2, maxScore: 6, perObjective: { a: 2, b: 0, c: 0 } });
  });

  it("stuck: joined, objectives open, no progress for 10 minutes", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    expect(isStuck({ joinedAt: null, progressAt: null, allPassed: false }, now)).toBe(false);
    expect(isStuck({ joinedAt: "2026-01-01T09:45:00Z", progressAt: null, allPassed: false }, now)).toBe(true);
    expect(isStuck({ joinedAt: "2026-01-01T09:45:00Z", progressAt: "2026-01-01T09:55:00Z", allPassed: false }, now)).toBe(false);
    expect(isStuck({ joinedAt: "2026-01-01T09:00:00Z", progressAt: null, allPassed: true }, now)).toBe(false);
  });

  it("scoreboard: score desc, then earliest last pass; ties share a rank", () => {
    const rows = rankScoreboard([
      { seatId: "1", name: "Ann", score: 3, objectivesDone: 1, lastPassAt: "2026-01-01T10:05:00Z" },
      { seatId: "2", name: "Bob", score: 5, objectivesDone: 2, lastPassAt: "2026-01-01T10:09:00Z" },
      { seatId: "3", name: "Cid", score: 3, objectivesDone: 1, lastPassAt: "2026-01-01T10:01:00Z" },
      { seatId: "4", name: "Dee", score: 0, objectivesDone: 0, lastPassAt: null },
      { seatId: "5", name: "Eve", score: 0, objectivesDone: 0, lastPassAt: null },
    ]);
    expect(rows.map((r) => [r.name, r.rank])).toEqual([["Bob", 1], ["Cid", 2], ["Ann", 3], ["Dee", 4], ["Eve", 4]]);
  });

  it("CSV: header, quoting, formula cells neutralised", () => {
    const csv = exportCsv([{ seat: 1, name: 'A "b", c', seed: 41, objective: "o-a", passed: true, passedAt: null, points: 3, hintsUsed: 0 }, { seat: 2, name: "=cmd()", seed: 42, objective: "o-a", passed: false, passedAt: null, points: 0, hintsUsed: 1 }]);
    expect(csv.split("\r\n")).toEqual(["seat,name,seed,objective,passed,passedAt,points,hintsUsed", '1,"A ""b"", c",41,o-a,true,,3,0', "2,'=cmd(),42,o-a,false,,0,1", ""]);
  });
});
