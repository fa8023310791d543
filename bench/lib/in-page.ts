/// <reference lib="dom" />
/**
 * Timings measured inside the page: from the browser event a person causes (a click, a keystroke)
 * to the second animation frame after the screen shows the answer, on the page's own clock. This
 * leaves Playwright's round trips out of the figure.
 */
import type { Page } from '@playwright/test';

export interface UntilText {
  /** A CSS selector for the element whose text (or attribute) tells the answer is on screen. */
  selector: string;
  /** Regular expression source the text must match. */
  matches: string;
  /** Read this attribute instead of the text. */
  attribute?: string;
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(fn, "name")` call;
 * functions sent to the page carry those calls, so the page gets the helper too.
 */
async function nameShim(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}

/** Starts listening in the page; resolves with ms from the first `event` to the answer being painted. */
function arm(page: Page, event: 'click' | 'input' | 'keydown' | 'scroll', until: UntilText): Promise<number> {
  return page.evaluate(
    ({ event, until, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        let t0: number | null = null;
        const re = new RegExp(until.matches);
        const onEvent = (e: Event) => {
          if (t0 === null) t0 = e.timeStamp;
        };
        document.addEventListener(event, onEvent, true);
        const done = () => {
          const el = document.querySelector(until.selector);
          const text = el ? (until.attribute ? el.getAttribute(until.attribute) : el.textContent) : null;
          return t0 !== null && text !== null && re.test(text);
        };
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`timed out waiting for ${until.selector} to match /${until.matches}/`));
        }, timeoutMs);
        const finish = () => {
          observer.disconnect();
          clearTimeout(timer);
          document.removeEventListener(event, onEvent, true);
          // Two frames: the one that lays out the change, and the one after it is painted.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0!)));
        };
        const observer = new MutationObserver(() => {
          if (done()) finish();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    { event, until, timeoutMs: 120_000 },
  );
}

/** Runs `action` and returns how long the page took from its event to showing `until`. */
export async function measure(
  page: Page,
  event: 'click' | 'input' | 'keydown' | 'scroll',
  until: UntilText,
  action: () => Promise<void>,
): Promise<number> {
  await nameShim(page);
  const armed = arm(page, event, until);
  // Let the listener install before the action fires its event.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  await action();
  return armed;
}

/** Collects main-thread long tasks (over 50 ms) until `stop` is called: what a person feels as a freeze. */
export async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await nameShim(page);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longObs?: PerformanceObserver };
    w.__longTasks = [];
    w.__longObs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
    w.__longObs.observe({ type: 'longtask', buffered: false });
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longObs?: PerformanceObserver };
      w.__longObs?.disconnect();
      return w.__longTasks;
    });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
