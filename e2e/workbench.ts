/** Helpers for the message workbench and produce specs: a Kafka connection, topics, records. */
import { Kafka, Partitioners, logLevel, type Message } from 'kafkajs';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';

export function kafka(bootstrap: string) {
  return new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

export async function createTopic(
  bootstrap: string,
  topic: string,
  partitions = 3,
  config: Record<string, string> = {},
) {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: partitions,
          configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

export async function produce(bootstrap: string, topic: string, messages: Message[]) {
  const p = kafka(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await p.connect();
  try {
    for (let i = 0; i < messages.length; i += 1000) await p.send({ topic, messages: messages.slice(i, i + 1000) });
  } finally {
    await p.disconnect();
  }
}

/** Saves a connection to the test Kafka through the dialog, as a person would, and opens it. */
export async function connect(page: Page, bootstrap: string, name = 'Local Kafka') {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Bootstrap servers').fill(bootstrap);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name }).click();
  await expect(page.getByRole('main')).toContainText(bootstrap.split(':')[1]!);
}

/** Opens a topic's tab by its address (the cluster id is in the current one). */
export async function openTopic(page: Page, topic: string, tab: 'messages' | 'produce' | 'partitions', query = '') {
  const id = /#\/clusters\/([^/]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no cluster in ${page.url()}`);
  const base = page.url().replace(/#.*$/, '');
  await page.goto(`${base}#/clusters/${id}/topics/${encodeURIComponent(topic)}/${tab}${query ? `?${query}` : ''}`);
}

export const grid = (page: Page) => page.getByRole('grid', { name: 'Messages' });
/** Data rows of the messages grid (the header row excluded). */
export const rows = (page: Page) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });
export const details = (page: Page) => page.getByRole('region', { name: 'Message details' });
