import { expect, type Locator, type Page } from '@playwright/test';

/** Waits until the canvas stops moving (an animated fit after adding nodes or tidying starts a frame later). */
export async function viewSettled(page: Page) {
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  let previous = await transform();
  let stableReads = 0;
  await expect
    .poll(
      async () => {
        const now = await transform();
        stableReads = now === previous ? stableReads + 1 : 0;
        previous = now;
        return stableReads;
      },
      { intervals: [100, 100, 150, 150, 200] },
    )
    .toBeGreaterThanOrEqual(3);
}

/** A person's drag from one handle to another: press, move across in steps, release. */
export async function dragBetween(page: Page, from: Locator, to: Locator) {
  await expect(to).toBeInViewport();
  await viewSettled(page);
  const start = (await from.boundingBox())!;
  const end = (await to.boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
  await page.mouse.up();
}
