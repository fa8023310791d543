import { expect, test } from './fixtures.js';
import { connect, createTopic, details, grid, openTopic, produce, rows } from './workbench.js';

const suffix = Date.now().toString(36);

// Issue 12, items 3 and 5: a narrow window, the keyboard, the details pane.
test('narrow windows: the details pane floats over the list; wide ones resize it; hex fits; keyboard all the way', async ({
  samsa: page,
  kafkaBootstrap,
}) => {
  const topic = `e2e.layout.${suffix}`;
  await createTopic(kafkaBootstrap, topic, 1);
  await produce(
    kafkaBootstrap,
    topic,
    Array.from({ length: 30 }, (_, i) => ({
      key: `customer-with-a-long-key-${i}`,
      value: JSON.stringify({ i, text: 'y'.repeat(300) }),
    })),
  );
  await connect(page, kafkaBootstrap);
  await openTopic(page, topic, 'messages');
  // Opening a topic puts the keyboard on its name.
  await expect(page.getByRole('heading', { name: topic })).toBeFocused();

  // Keyboard: into the grid, down two rows, Enter opens, Escape closes.
  await rows(page).first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(details(page)).toContainText('Offset 27');
  await page.keyboard.press('Escape');
  await expect(details(page)).toHaveCount(0);

  // Wide: the pane sits beside the list and its divider resizes it, by keyboard too.
  await rows(page).first().click();
  const divider = page.getByRole('separator', { name: 'Resize the details pane' });
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await divider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before + 48));

  // The hex view shows its ASCII column whole at this width.
  await details(page).getByLabel('Show value as').selectOption('hex');
  const hex = details(page).getByRole('region', { name: 'Value' });
  expect(await hex.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await expect(hex).toContainText('{"i":29,"text":'.slice(0, 8));

  // Narrow: the pane floats over the list, which keeps its Key and Value columns at full width.
  await page.setViewportSize({ width: 1000, height: 700 });
  const value = grid(page).getByRole('columnheader', { name: 'Value' });
  await expect(value).toBeVisible();
  expect((await value.boundingBox())!.width).toBeGreaterThan(150);
  await expect(divider).toHaveCount(0);
  const pane = (await details(page).boundingBox())!;
  const list = (await grid(page).boundingBox())!;
  expect(pane.x).toBeLessThan(list.x + list.width); // over the list, not beside it
  expect(await hex.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await page.getByRole('button', { name: 'Close details' }).click();
  await expect(details(page)).toHaveCount(0);

  // The sidebar folds away for more room, and stays folded after a reload.
  const nav = page.getByRole('navigation', { name: 'Clusters' });
  await page.getByRole('button', { name: 'Hide the sidebar' }).click();
  await expect(nav).toBeHidden();
  const wider = (await grid(page).boundingBox())!.width;
  expect(wider).toBeGreaterThan(list.width + 150);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show the sidebar' })).toBeVisible();
  await page.getByRole('button', { name: 'Show the sidebar' }).click();
  await expect(nav).toBeVisible();
});

test('re-send ticked records to another topic', async ({ samsa: page, kafkaBootstrap }) => {
  const from = `e2e.resend-from.${suffix}`;
  const to = `e2e.resend-to.${suffix}`;
  await createTopic(kafkaBootstrap, from, 1);
  await createTopic(kafkaBootstrap, to, 1);
  await produce(
    kafkaBootstrap,
    from,
    Array.from({ length: 5 }, (_, i) => ({ key: `r${i}`, value: `value ${i}` })),
  );
  await connect(page, kafkaBootstrap);
  await openTopic(page, from, 'messages');
  await page.getByRole('checkbox', { name: 'Tick partition 0 offset 1' }).check();
  await page.getByRole('checkbox', { name: 'Tick partition 0 offset 3' }).check();
  await expect(page.getByText('2 ticked')).toBeVisible();
  await page.getByRole('button', { name: 'Re-send…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Re-send 2 records' });
  await dialog.getByLabel('To topic').fill(to);
  await dialog.getByRole('button', { name: 'Re-send' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Sent 2 records to ${to}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await openTopic(page, to, 'messages');
  await expect(rows(page)).toHaveCount(2);
  await expect(grid(page)).toContainText('value 3');
  await expect(grid(page)).toContainText('value 1');
});
