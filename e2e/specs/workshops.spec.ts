// Issue 11 part 4, a workshop end to end: the trainer creates a 3-seat workshop on the shipped "Pre Authentication"
// scenario (scenarios/device-to-ndes/appproxy-preauth-not-passthrough.json); two trainees join from their own
// browsers; one fixes the objective in the Entra portal (Enterprise apps › NDES › Application proxy › Passthrough)
// and the trainer's matrix turns that cell green without a reload (event stream or 2 s polling); the trainer resets
// that trainee's lab and the cell is red again; the CSV export lists both trainees. Screenshots attached.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signIn } from "../fixtures/portal";
import { createWorkshop, joinAsTrainee, matrixCell, setPreAuthentication, shippedScenario } from "../fixtures/workshops";

const SCENARIO = shippedScenario("appproxy-preauth-not-passthrough");
const { id: OBJECTIVE, title: OBJECTIVE_TITLE, points: POINTS, hints: HINTS } = SCENARIO.objectives[0]!;

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

test("a trainer runs a workshop: two trainees join, a fix turns the matrix green live, a reset turns it red, the CSV lists both", async ({ page, browser }, testInfo) => {
  test.setTimeout(420_000);
  // The trainer's session is not a workshop seat: the portal never asks for a trainee's Tasks (GET /api/workshop,
  // which would answer 404 on every page).
  const traineeReads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/workshop") traineeReads.push(r.url());
  });
  await signIn(page);
  const { joinCode } = await createWorkshop(page, { name: "Pre Authentication drill", scenarioId: SCENARIO.id, seats: 3, minutes: 45 });
  expect(joinCode).toMatch(/^[A-Z0-9]{6,8}$/);
  await expect(page.getByRole("timer", { name: "Time left" })).toHaveText(/^4[45]:\d\d$/);
  await shot(page, testInfo, "trainer dashboard, nobody joined");

  const alice = await joinAsTrainee(browser, joinCode, "Alice Trainee");
  const bob = await joinAsTrainee(browser, joinCode, "Bob Trainee");
  try {
    // The Tasks panel: the objective, failing, with its task text and the time left.
    const tasks = alice.page.getByRole("complementary", { name: "Tasks panel" });
    await expect(tasks.getByRole("heading", { name: "Pre Authentication drill" })).toBeVisible();
    await expect(tasks.locator(`[data-objective="${OBJECTIVE}"]`)).toHaveAttribute("data-state", "failing");
    await expect(tasks.getByRole("timer", { name: "Time left" })).toContainText(/Time left \d+:\d\d/);
    await shot(alice.page, testInfo, "trainee portal with the Tasks panel");

    // The trainer's matrix shows both trainees, failing, with the active finding code.
    await expect(matrixCell(page, "Alice Trainee", OBJECTIVE)).toHaveAttribute("data-state", "failing");
    await expect(matrixCell(page, "Bob Trainee", OBJECTIVE)).toHaveAttribute("data-state", "failing");
    await expect(matrixCell(page, "Alice Trainee", OBJECTIVE)).toContainText("APPPROXY_PREAUTH_NOT_PASSTHROUGH");

    // Alice fixes it through the portal; her Tasks panel ticks after the save.
    await setPreAuthentication(alice.page, "Passthrough");
    await expect(tasks.locator(`[data-objective="${OBJECTIVE}"]`)).toHaveAttribute("data-state", "passed");
    await expect(tasks.getByLabel("Score")).toHaveText(`Score ${POINTS} / ${POINTS}`);

    // The trainer's page was not reloaded: the cell turns green by itself; Bob's stays red.
    const urlBefore = page.url();
    await expect(matrixCell(page, "Alice Trainee", OBJECTIVE)).toHaveAttribute("data-state", "passed", { timeout: 10_000 });
    await expect(matrixCell(page, "Bob Trainee", OBJECTIVE)).toHaveAttribute("data-state", "failing");
    expect(page.url()).toBe(urlBefore);
    await shot(page, testInfo, "matrix: Alice passed, Bob failing");

    // The projector scoreboard ranks Alice first.
    const board = await page.context().newPage();
    await board.goto(new URL(page.url()).pathname + "/scoreboard");
    await expect(board.getByRole("table", { name: "Scoreboard" }).getByRole("row").nth(1)).toContainText("Alice Trainee");
    await shot(board, testInfo, "scoreboard");
    await board.close();

    // The trainer resets Alice's lab from her drawer: the cell goes back to failing.
    await page.getByRole("button", { name: "Open Alice Trainee" }).click();
    const drawer = page.getByRole("dialog", { name: "Alice Trainee" });
    await expect(drawer.getByRole("table", { name: "Last actions of Alice Trainee" })).toBeVisible();
    await drawer.getByRole("button", { name: "Reset lab" }).click();
    await page.getByRole("dialog", { name: "Reset lab" }).getByRole("button", { name: "Reset" }).click();
    // Reloading the scenario into the seat is a whole lab written in one transaction: slow on a loaded machine.
    await expect(page.getByRole("dialog", { name: "Reset lab" })).toBeHidden({ timeout: 60_000 });
    // The drawer follows the live matrix too: the objective is failing again in it.
    await expect(drawer.getByRole("table", { name: "Objectives of Alice Trainee" })).toContainText("Failing", { timeout: 10_000 });
    await drawer.getByRole("button", { name: "Close" }).click();
    await expect(matrixCell(page, "Alice Trainee", OBJECTIVE)).toHaveAttribute("data-state", "failing");
    await shot(page, testInfo, "matrix after resetting Alice's lab");

    // Export CSV: one row per trainee × objective, both trainees listed.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const csv = (await import("node:fs")).readFileSync(file!, "utf8");
    expect(csv.split(/\r?\n/)[0]).toMatch(/^seat,name,seed,objective,passed/);
    expect(csv).toContain("Alice Trainee");
    expect(csv).toContain("Bob Trainee");
    expect(traineeReads).toEqual([]);
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});

test("hints released by the trainer, revealed by a trainee at their cost; the matrix by polling without the event stream; extend and end", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page);
  // No event stream for this trainer (a proxy that buffers it, say): the dashboard falls back to polling every 2 s.
  await page.route("**/api/workshops/*/events", (route) => route.abort());
  await createWorkshop(page, { name: "Hint drill", scenarioId: SCENARIO.id, seats: 1, minutes: 30, hints: /^Released by the trainer/ });
  const carol = await joinAsTrainee(browser, (await page.getByTestId("join-code").textContent())!.trim(), "Carol Trainee");
  try {
    const tasks = carol.page.getByRole("complementary", { name: "Tasks panel" });
    await expect(tasks).toContainText("Hint 1: not released yet");

    // The trainer releases the objective's hint to everyone.
    await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Release a hint" }).click();
    const release = page.getByRole("dialog", { name: "Release a hint" });
    await release.getByRole("button", { name: `Release hint 1 of ${OBJECTIVE_TITLE}` }).click();
    await expect(release.getByText("Released", { exact: true })).toBeVisible();
    await release.getByRole("button", { name: "Close" }).click();

    // The trainee's panel reads the seat again by itself; revealing costs the hint's point.
    await carol.page.getByRole("button", { name: `Reveal hint 1 of ${OBJECTIVE_TITLE} (costs ${HINTS[0]!.penalty} points)` }).click({ timeout: 30_000 });
    await carol.page.getByRole("dialog", { name: "Reveal hint" }).getByRole("button", { name: "Reveal" }).click();
    await expect(tasks).toContainText(HINTS[0]!.text);
    await shot(carol.page, testInfo, "trainee with a revealed hint");

    // Carol fixes it: the trainer's matrix, polling, turns green with the hint's penalty taken off.
    await expect(page.getByText("Refreshing every 2 s")).toBeVisible();
    await setPreAuthentication(carol.page, "Passthrough");
    await expect(matrixCell(page, "Carol Trainee", OBJECTIVE)).toHaveAttribute("data-state", "passed", { timeout: 10_000 });
    await expect(page.getByRole("table", { name: "Trainees and objectives" }).getByRole("row", { name: /Carol Trainee/ })).toContainText(`${POINTS - HINTS[0]!.penalty} / ${POINTS} pt`);

    // Extend by 10 minutes: the countdown jumps from 29:xx to 39:xx.
    await expect(page.getByRole("timer", { name: "Time left" })).toHaveText(/^29:\d\d$/);
    await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Extend by 10 minutes" }).click();
    await expect(page.getByRole("timer", { name: "Time left" })).toHaveText(/^39:\d\d$/);

    // Carol alone gets 10 more minutes from her drawer: her seat's time goes to 49:xx, the workshop's stays 39:xx.
    await page.getByRole("button", { name: "Open Carol Trainee" }).click();
    const drawer = page.getByRole("dialog", { name: "Carol Trainee" });
    await expect(drawer.getByRole("timer", { name: "Time left for Carol Trainee" })).toHaveText(/^39:\d\d$/);
    await drawer.getByRole("button", { name: "Give 10 more minutes" }).click();
    await expect(drawer.getByRole("timer", { name: "Time left for Carol Trainee" })).toHaveText(/^49:\d\d$/);
    await drawer.getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("timer", { name: "Time left" })).toHaveText(/^39:\d\d$/);
    await carol.page.reload();
    await expect(tasks.getByRole("timer", { name: "Time left" })).toContainText(/Time left 49:\d\d/);

    // End it: the dashboard says so, and the trainee's panel follows.
    await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "End workshop" }).click();
    await page.getByRole("dialog", { name: "End workshop" }).getByRole("button", { name: "End workshop" }).click();
    await expect(page.getByRole("timer", { name: "Time left" })).toHaveText("Ended");
    await carol.page.reload();
    await expect(tasks.getByRole("timer", { name: "Time left" })).toHaveText("The workshop has ended");
    await shot(page, testInfo, "trainer dashboard, ended");
  } finally {
    await carol.context.close();
  }
});
