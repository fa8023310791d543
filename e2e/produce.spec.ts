import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partitionForKey } from '../src-main/contract/key-partition.js';
import { expect, test } from './fixtures.js';
import { kcatConsumeAll, kcatProduce } from './kcat.js';
import { connect, createTopic, openTopic } from './workbench.js';

const suffix = Date.now().toString(36);

test.describe('produce against Apache Kafka', () => {
  test('1,000 records from a template, with progress; kcat reads them all with their keys', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    const topic = `e2e.bulk.${suffix}`;
    await createTopic(kafkaBootstrap, topic, 4);
    await connect(page, kafkaBootstrap);
    await openTopic(page, topic, 'produce');
    await page.getByLabel('Many from a template').check();
    await page.getByLabel('Records', { exact: true }).fill('1000');
    await page.getByLabel('Key template').fill('order-{{seq}}');
    await page
      .getByRole('textbox', { name: 'Value template' })
      .fill('{"n": {{seq}}, "id": "{{uuid}}", "amount": {{random.int(1, 100)}}}');
    // The preview shows what record 1 will be, before anything is sent.
    await expect(page.getByLabel('Record 1')).toContainText('order-1');
    await page.getByRole('button', { name: 'Send 1,000 records' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sent 1,000 records' })).toBeVisible({ timeout: 30_000 });
    const lines = await kcatConsumeAll(kafkaBootstrap, topic);
    expect(lines).toHaveLength(1000);
    const keys = new Set(lines.map((l) => l.split('\t')[0]));
    expect(keys.size).toBe(1000);
    for (let i = 1; i <= 1000; i++) expect(keys.has(`order-${i}`)).toBe(true);
    for (const l of lines) {
      const [key, value] = l.split('\t');
      expect(JSON.parse(value!)).toMatchObject({ n: Number(key!.slice('order-'.length)) });
    }
    await expect(page.getByRole('region', { name: 'Recent sends' })).toContainText('Template: 1,000 records');
  });

  test('feedback that does not mislead: format guessed, broken JSON named, where a key lands, results cleared on edit', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    const topic = `e2e.feedback.${suffix}`;
    await createTopic(kafkaBootstrap, topic, 3);
    await kcatProduce(kafkaBootstrap, topic, { key: 'k', value: '{"status":"NEW"}' });
    await connect(page, kafkaBootstrap);
    await openTopic(page, topic, 'produce');
    // This topic holds JSON, so the value is checked as JSON.
    await expect(page.getByLabel('JSON', { exact: true })).toBeChecked();
    await page.getByLabel('Key', { exact: true }).fill('order-42');
    await expect(page.getByText(`This key goes to partition ${partitionForKey('order-42', 3)}`)).toBeVisible();
    const value = page.getByRole('textbox', { name: 'Value' });
    await value.fill('{bad');
    await expect(page.getByText(/Value is not valid JSON/)).toBeVisible();
    await page.getByLabel('Text', { exact: true }).check();
    await expect(page.getByText(/This looks like JSON but does not parse/)).toBeVisible();
    await page.getByLabel('JSON', { exact: true }).check();
    await value.fill('{"status": "PAID"}');
    await page.getByRole('button', { name: 'Send' }).click();
    const delivered = page.getByText(/^Delivered to partition \d+ at offset \d+$/);
    await expect(delivered).toBeVisible();
    // A refused attempt never stands beside an old success.
    await page.getByLabel('Partition', { exact: true }).fill('7');
    await expect(delivered).toHaveCount(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('This topic has partitions 0 to 2')).toBeVisible();
    await expect(delivered).toHaveCount(0);
    // Recent sends fill the form again.
    await page.getByRole('button', { name: /^Use again: order-42/ }).click();
    await expect(page.getByLabel('Key', { exact: true })).toHaveValue('order-42');
  });

  test('imports a JSONL file, checked first', async ({ samsa: page, kafkaBootstrap }) => {
    const topic = `e2e.import.${suffix}`;
    await createTopic(kafkaBootstrap, topic, 2);
    await connect(page, kafkaBootstrap);
    await openTopic(page, topic, 'produce');
    await page.getByLabel('Import a file').check();
    const bad = join(tmpdir(), `samsa-import-bad-${suffix}.jsonl`);
    await writeFile(bad, '{"key":"a","value":"1"}\n{"key": "b", "value": \n');
    await page.getByLabel('File (JSON Lines)').setInputFiles(bad);
    await page.getByRole('button', { name: /^Import/ }).click();
    await expect(page.getByRole('alert')).toContainText('Line 2: not valid JSON');
    expect(await kcatConsumeAll(kafkaBootstrap, topic)).toEqual([]);

    const good = join(tmpdir(), `samsa-import-${suffix}.jsonl`);
    await writeFile(
      good,
      [
        '{"key":"a","value":{"n":1},"headers":{"src":"file"}}',
        '',
        '{"key":"b","value":"two","partition":1}',
        '{"key":null,"value":"three"}',
      ].join('\n'),
    );
    await page.getByLabel('File (JSON Lines)').setInputFiles(good);
    await page.getByRole('button', { name: /^Import/ }).click();
    await expect(page.getByText('Imported 3 records')).toBeVisible();
    expect((await kcatConsumeAll(kafkaBootstrap, topic)).sort()).toEqual(['\tthree', 'a\t{"n":1}', 'b\ttwo']);
  });
});
