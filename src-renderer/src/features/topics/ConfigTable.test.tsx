// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AlterConfigsParams, ConfigsResult } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ConfigTable } from './ConfigTable.js';

afterEach(cleanup);

const result: ConfigsResult = {
  resource: { type: 'topic', name: 'orders' },
  editable: true,
  notEditableReason: null,
  entries: [
    {
      name: 'cleanup.policy',
      value: 'delete',
      source: 'default',
      readOnly: false,
      sensitive: false,
      fallback: null,
      synonyms: [],
      type: 'list',
      documentation: null,
    },
    {
      name: 'retention.ms',
      value: '3600000',
      source: 'topic',
      readOnly: false,
      sensitive: false,
      fallback: { name: 'retention.ms', value: '604800000', source: 'default' },
      synonyms: [],
      type: 'long',
      documentation: null,
    },
  ],
};

describe('ConfigTable', () => {
  it('shows values with their source and a reading, and searches by name', async () => {
    const { bridge } = fakeBridge({ 'configs.describe': () => result });
    renderWith(<ConfigTable clusterId="c1" resource={{ type: 'topic', name: 'orders' }} />, bridge);
    const row = (await screen.findByText('retention.ms')).closest('tr')!;
    expect(within(row).getByText('Topic override')).toBeTruthy();
    expect(within(row).getByText('1 hour')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search configs' }), { target: { value: 'cleanup' } });
    expect(screen.queryByText('retention.ms')).toBeNull();
  });

  it('collects an edit and a reset, previews the diff, checks it, then applies both', async () => {
    const alters: AlterConfigsParams[] = [];
    const { bridge } = fakeBridge({
      'configs.describe': () => result,
      'configs.alter': ((p: AlterConfigsParams) => {
        alters.push(p);
        return { validateOnly: p.validateOnly ?? false };
      }) as never,
    });
    renderWith(<ConfigTable clusterId="c1" resource={{ type: 'topic', name: 'orders' }} />, bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit cleanup.policy' }));
    fireEvent.change(screen.getByLabelText('New value of cleanup.policy'), { target: { value: 'compact' } });
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset retention.ms to default' }));
    expect(screen.getByText('2 changes not applied yet')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Review and apply…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply 2 changes to topic orders?' });
    expect(within(dialog).getByText(/reset: falls back to Kafka default/)).toBeTruthy();
    expect(await within(dialog).findByText(/The broker accepts these changes/)).toBeTruthy();
    expect(alters[0]).toMatchObject({ validateOnly: true });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply 2 changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(alters.at(-1)).toEqual({
      clusterId: 'c1',
      resource: { type: 'topic', name: 'orders' },
      changes: [
        { action: 'set', name: 'cleanup.policy', value: 'compact' },
        { action: 'reset', name: 'retention.ms' },
      ],
      validateOnly: false,
    });
    expect(screen.getByText('✓ Applied 2 changes.')).toBeTruthy();
  });

  it('says why nothing can be edited when every config is read-only', async () => {
    const { bridge } = fakeBridge({
      'configs.describe': () => ({
        ...result,
        resource: { type: 'broker', name: '1' },
        editable: false,
        notEditableReason: 'Every config of this broker is read-only here.',
        entries: result.entries.map((e) => ({ ...e, readOnly: true })),
      }),
    });
    renderWith(<ConfigTable clusterId="c1" resource={{ type: 'broker', name: '1' }} />, bridge);
    expect(await screen.findByText('Every config of this broker is read-only here.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Edit / })).toBeNull();
  });
});
