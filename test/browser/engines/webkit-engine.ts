import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { Builder, By, Key as SeleniumKey, type WebDriver } from "selenium-webdriver";
import { DEFAULT_VIEWPORT, type Engine, type EnginePage, type Key } from "./page-driver";

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER_PATHS = [
  "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
  "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
];

const KEYS: Record<Exclude<Key, "Shift+Tab">, string> = {
  Enter: SeleniumKey.ENTER,
  Tab: SeleniumKey.TAB,
  End: SeleniumKey.END,
  Space: SeleniumKey.SPACE,
};

/**
 * Collects page errors from the moment it runs (classic WebDriver has no page-error events and no init scripts,
 * so it is installed after every navigation). A string, so the test transform can't add helpers the page lacks.
 */
const ERROR_RECORDER = `
  if (!window.__engineErrors) {
    window.__engineErrors = [];
    window.addEventListener("error", (e) => window.__engineErrors.push(e.message));
    window.addEventListener("unhandledrejection", (e) => window.__engineErrors.push(String(e.reason && e.reason.message || e.reason)));
  }
`;

/**
 * Debian's WebKitGTK (webkit2gtk-driver): WebKitWebDriver drives MiniBrowser over classic WebDriver through
 * selenium-webdriver. The GTK MiniBrowser has no headless mode (it needs a display even with `--headless`),
 * so each launch starts its own Xvfb.
 */
export const webkitEngine: Engine = {
  name: "WebKit",
  async launch() {
    const miniBrowser = MINIBROWSER_PATHS.find((p) => existsSync(p));
    if (!existsSync(WEBKIT_DRIVER_PATH) || !miniBrowser) {
      throw new Error(
        "WebKitWebDriver or MiniBrowser not found. Install them with: apt-get install -y webkit2gtk-driver",
      );
    }
    const xvfb = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const children: ChildProcess[] = [xvfb];
    const stop = () => children.forEach((c) => c.kill());
    try {
      const display = await new Promise<string>((resolve, reject) => {
        xvfb.once("error", () => reject(new Error("Xvfb not found. Install it with: apt-get install -y xvfb")));
        xvfb.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
        xvfb.stdout?.once("data", (d: Buffer) => resolve(`:${String(d).trim()}`));
      });
      const port = await freePort();
      const driverProcess = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], {
        stdio: "ignore",
        // Xvfb has no GPU: composited on software GL, every frame that changed anything cost about 100 ms once the
        // hostile corpus was on screen (16 ms without compositing), so that suite took minutes. Safari composites on
        // the GPU; what these suites check does not depend on compositing.
        env: { WEBKIT_DISABLE_COMPOSITING_MODE: "1", ...process.env, DISPLAY: display },
      });
      children.push(driverProcess);
      await waitForDriver(`http://127.0.0.1:${port}`);
      const driver = await new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": { binary: miniBrowser, args: ["--automation"] },
        })
        .build();
      // WebDriver's default script timeout is 30 s; a suite's own timeouts bound a page script instead
      // (expanding the whole hostile corpus takes longer than that in WebKit).
      await driver.manage().setTimeouts({ script: 600_000 });
      let open: EnginePage | null = null;
      return {
        async newPage(viewport = DEFAULT_VIEWPORT) {
          // One WebDriver session has one current window: the suites open one page at a time.
          if (open) throw new Error("WebKit: close the open page before opening another");
          const previous = await driver.getWindowHandle();
          await driver.switchTo().newWindow("tab"); // a fresh tab: its own sessionStorage
          await driver.switchTo().window(previous);
          await driver.close();
          await driver.switchTo().window((await driver.getAllWindowHandles())[0] as string);
          await driver.manage().window().setRect(viewport);
          open = seleniumPage(driver, () => {
            open = null;
          });
          return open;
        },
        async close() {
          await driver.quit().catch(() => undefined);
          stop();
        },
      };
    } catch (e) {
      stop();
      throw e;
    }
  },
};

function seleniumPage(driver: WebDriver, onClose: () => void): EnginePage {
  const navigated = async () => {
    await driver.executeScript(ERROR_RECORDER);
  };
  const find = (selector: string) => driver.findElement(By.css(selector));
  return {
    async goto(url) {
      await driver.get(url);
      await navigated();
    },
    async reload() {
      await driver.navigate().refresh();
      await navigated();
    },
    async evaluate(fn, arg) {
      const result = (await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
           .then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) }));`,
        arg ?? null,
      )) as { value: never } | { error: string };
      if ("error" in result) throw new Error(`in the page: ${result.error}`);
      return result.value;
    },
    click: async (selector) => (await find(selector)).click(),
    async fill(selector, text) {
      const el = await find(selector);
      // WebKitWebDriver now and then drops the first key it sends to a field it has just focused (seen as
      // "hich schema…" for "Which schema…"): the field is focused first, and the typing checked and done again
      // if the field does not hold the text. The keys are real key events either way.
      for (let attempt = 1; ; attempt++) {
        await el.clear();
        await driver.executeScript("arguments[0].focus()", el);
        await el.sendKeys(text);
        const value = (await driver.executeScript("return arguments[0].value", el)) as unknown;
        if (value === text || attempt === 3) return;
        console.warn(`WebKit: typing into ${selector} gave ${JSON.stringify(value)}; typing it again`);
      }
    },
    type: (text) => driver.actions().sendKeys(text).perform(),
    async press(key) {
      if (key === "Shift+Tab") {
        await driver.actions().keyDown(SeleniumKey.SHIFT).sendKeys(SeleniumKey.TAB).keyUp(SeleniumKey.SHIFT).perform();
      } else await driver.actions().sendKeys(KEYS[key]).perform();
    },
    async select(selector, value) {
      await (await find(`${selector} option[value=${JSON.stringify(value)}]`)).click();
    },
    async errors() {
      const seen = (await driver.executeScript("return window.__engineErrors || null")) as string[] | null;
      return seen ?? ["page-error recorder missing: the page navigated by itself"];
    },
    async close() {
      onClose();
      await driver.get("about:blank");
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** WebKitWebDriver answers /status once it listens. */
async function waitForDriver(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start at ${url}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
