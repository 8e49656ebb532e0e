import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** Debian's chromium (or $TSDBT_CHROMIUM); undefined when there is none, so browser tests skip with the reason. */
export const chromiumPath: string | undefined = [process.env.TSDBT_CHROMIUM, '/usr/bin/chromium'].find((p): p is string => Boolean(p) && existsSync(p!));
export const noChromiumReason = 'no chromium: install Debian chromium (CI does through .ci/run) or set TSDBT_CHROMIUM';

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A screenshot of the whole page: the site scrolls inside <main>, so the viewport grows to its height first. */
export async function screenshotPage(page: Page, path: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = await page.$eval('main', (m) => m.scrollHeight + 60);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(height, 4000)) });
  await page.screenshot({ path });
  await page.setViewportSize(size);
}
