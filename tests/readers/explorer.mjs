// Opens the HTML explorer in headless Chromium (Debian's, driven by playwright-core):
// no console errors, the drawing fits the window on load, every actor drawn, a click on
// an arrow shows its evidence, a click on an actor lists its positions, the wheel zooms,
// the search highlights. Writes a screenshot.
// Usage: node explorer.mjs OUTPUT_FOLDER SCREENSHOT.png
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const [folder, shot] = process.argv.slice(2);
const page_url = "file://" + resolve(folder, "graph.html");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
const check = (name, ok, detail = "") => { console.log(`${ok ? "ok  " : "FAIL"} ${name} ${detail}`); if (!ok) failures.push(name); };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) requests.push(r.url()); });
  await page.goto(page_url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 10000 });

  const data = JSON.parse(await page.textContent("#graph-data"));
  const fit = await page.evaluate(() => {
    const box = document.querySelector("#drawing svg").getBoundingClientRect();
    const drawing = document.querySelector("#drawing svg g").getBoundingClientRect();
    const title = document.querySelector("header h1").getBoundingClientRect();
    return { box, drawing, title, w: window.innerWidth, h: window.innerHeight };
  });
  const inside = (r) => r.left >= -1 && r.top >= -1 && r.right <= fit.w + 1 && r.bottom <= fit.h + 1;
  check("the drawing fits the window on load", inside(fit.drawing) && fit.drawing.width > 0.5 * fit.box.width,
    JSON.stringify(fit.drawing));
  check("the title is in view", inside(fit.title) && fit.title.height > 0);
  const kinds = data.nodes.map((n) => n.kind);
  check("kinds read as words", kinds.every((k) => !k.includes("_")), kinds.filter((k) => k.includes("_")).join(" "));
  const drawn = await page.locator('g.node[id^="n:"]').count();
  check("every node drawn", drawn === data.nodes.length, `(${drawn} of ${data.nodes.length})`);
  const arrows = await page.locator('g.edge[id^="d"]').count();
  check("every arrow drawn", arrows === data.edges.length, `(${arrows} of ${data.edges.length})`);

  const edge = data.edges.find((e) => e.evidence.length > 0);
  // Where a reader clicks: the arrow's label (its line is a pixel wide).
  await page.locator(`g.edge[id="${edge.id}"] text`).first().click();
  const panel = await page.textContent("#panel");
  check("clicking an arrow shows its evidence", panel.includes(edge.evidence[0].text.slice(0, 40)));

  const actor = data.edges[0].source;
  await page.locator(`g.node[id="n:${actor}"] text`).first().click();
  const positions = await page.locator("#panel ul.positions li").count();
  check("clicking an actor lists its positions", positions > 0, `(${positions})`);

  await page.uncheck("input[name=polarity][value=support]");
  const hidden = await page.locator('g.edge[id^="d"][style*="display: none"]').count();
  const support = data.edges.filter((e) => e.polarity === "support").length;
  check("the support filter hides support arrows", hidden === support, `(${hidden} of ${support})`);
  await page.check("input[name=polarity][value=support]");

  const before = await page.getAttribute("#drawing svg", "viewBox");
  await page.mouse.move(fit.box.left + fit.box.width / 2, fit.box.top + fit.box.height / 2);
  await page.mouse.wheel(0, -300);
  const after = await page.getAttribute("#drawing svg", "viewBox");
  check("the wheel zooms", before !== after, `(${before} -> ${after})`);
  await page.click("#fit");
  check("Fit goes back", (await page.getAttribute("#drawing svg", "viewBox")) === before);

  const label = data.nodes.find((n) => n.id === actor).label;
  await page.fill("#search", label.slice(0, 4));
  check("search highlights the actor", (await page.locator(`g.node[id="n:${actor}"].hit`).count()) === 1);

  await page.screenshot({ path: shot, fullPage: false });
  check("no console errors", errors.length === 0, errors.join(" | "));
  check("no network requests", requests.length === 0, requests.join(" "));
} finally {
  await browser.close();
}
if (failures.length) { console.error(`${failures.length} browser check(s) failed`); process.exit(1); }
