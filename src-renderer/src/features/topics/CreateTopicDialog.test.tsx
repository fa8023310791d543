// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError, type CreateTopicParams } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { CreateTopicDialog } from './CreateTopicDialog.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const overview = () => ({
  clusterId: 'k',
  controllerId: 1,
  brokers: [{ nodeId: 1, host: 'h', port: 1, rack: null }],
  topicCount: 1,
  partitionCount: 1,
  internalTopicCount: 0,
});
const list = () => [
  {
    name: 'orders_v1',
    partitionCount: 1,
    replicationFactor: 1,
    internal: false,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
  },
];

function setup(create: (p: CreateTopicParams) => unknown) {
  const { bridge, calls } = fakeBridge({
    'cluster.overview': overview,
    'topics.list': list,
    'topics.create': create as never,
  });
  renderWith(<CreateTopicDialog clusterId="c1" onClose={() => undefined} />, bridge);
  return calls;
}

describe('CreateTopicDialog', () => {
  it('says at once why a name is not allowed, before asking the broker', async () => {
    const calls = setup(() => ({}));
    await screen.findByText(/This cluster has 1 broker/);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'orders.v1' } });
    expect(await screen.findByText(/collides with "orders_v1"/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'topics.create')).toBe(false);
  });

  it("asks the broker (validate-only) as typing pauses and shows its answer at the config's input", async () => {
    const calls = setup((p) => {
      if (p.configs?.some((c) => c.value === 'soon'))
        throw new AppError('VALIDATION', 'The broker says: Invalid value soon for configuration flush.ms', {
          field: 'configs.0',
        });
      return { name: p.name, partitions: 1, replicationFactor: 1, validateOnly: p.validateOnly };
    });
    await screen.findByText(/This cluster has 1 broker/);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'payments' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add config' }));
    fireEvent.change(screen.getByLabelText('Config 1 name'), { target: { value: 'flush.ms' } });
    fireEvent.change(screen.getByLabelText('Config 1 value'), { target: { value: 'soon' } });
    const value = screen.getByLabelText('Config 1 value');
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'), { timeout: 3000 });
    expect(screen.getAllByText(/Invalid value soon for configuration flush.ms/).length).toBeGreaterThan(0);
    const check = calls.filter((c) => c.method === 'topics.create').at(-1)!.params as CreateTopicParams;
    expect(check).toMatchObject({
      name: 'payments',
      validateOnly: true,
      configs: [{ name: 'flush.ms', value: 'soon' }],
    });

    fireEvent.change(value, { target: { value: '1000' } });
    expect(await screen.findByText(/The broker accepts this topic/, undefined, { timeout: 3000 })).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create topic' }));
    });
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'topics.create').at(-1)!.params).toMatchObject({ validateOnly: false }),
    );
  });
});
