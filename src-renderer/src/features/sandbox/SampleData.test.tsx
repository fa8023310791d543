// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SampleDataPlan } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { SampleDataButton } from './SampleData.js';

afterEach(cleanup);

const topic = (name: string, loaded: boolean) => ({ name, partitions: 3, records: 120, loaded });

function renderButton(plan: SampleDataPlan) {
  const fake = fakeBridge({
    'connections.list': () => [{ id: 'sb', name: 'Sandbox', sandbox: true, bootstrapServers: ['127.0.0.1:9092'] }],
    'sandbox.sampleDataPlan': () => plan,
    'sandbox.loadSampleData': () => ({
      topics: plan.topics.filter((t) => !t.loaded).map((t) => t.name),
      records: plan.records,
      groups: ['payment-notifier'],
      skipped: plan.topics.filter((t) => t.loaded).map((t) => t.name),
    }),
  });
  renderWith(<SampleDataButton />, fake.bridge);
  fireEvent.click(screen.getByRole('button', { name: 'Load sample data' }));
  return fake;
}

describe('Load sample data', () => {
  it('asks first, saying what it adds and what it leaves alone, then says what it added with links', async () => {
    const { calls } = renderButton({
      topics: [topic('orders', false), topic('payments', true)],
      groups: ['payment-notifier'],
      records: 120,
    });
    const dialog = within(screen.getByRole('dialog', { name: 'Load sample data' }));
    expect(await dialog.findByText(/Adds 120 records of keyed JSON to 1 topic on the sandbox/)).toBeTruthy();
    expect(dialog.getByText('already holds records: left as it is')).toBeTruthy();
    expect(calls.some((c) => c.method === 'sandbox.loadSampleData')).toBe(false);

    fireEvent.click(dialog.getByRole('button', { name: 'Add 120 records' }));
    await waitFor(() =>
      expect(dialog.getByRole('status').textContent).toBe(
        'Added 120 records to 1 topic and committed offsets for 1 consumer group. Browse the sample topics',
      ),
    );
    const links = within(dialog.getByRole('list', { name: 'Sample topics' })).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '#/clusters/sb/topics/orders/messages',
      '#/clusters/sb/topics/payments/messages',
    ]);
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Close' })).toBe(document.activeElement));
  });

  it('says so when everything is there already, and offers no way to add it again', async () => {
    const { calls } = renderButton({ topics: [topic('orders', true)], groups: [], records: 0 });
    const dialog = within(screen.getByRole('dialog', { name: 'Load sample data' }));
    expect(await dialog.findByText(/Sample data is already loaded/)).toBeTruthy();
    expect(dialog.queryByRole('button', { name: /^Add/ })).toBeNull();
    fireEvent.click(dialog.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'sandbox.loadSampleData')).toBe(false);
  });
});
