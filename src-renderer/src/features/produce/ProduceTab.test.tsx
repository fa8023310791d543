// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { AppError } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ProduceTab } from './ProduceTab.js';

afterEach(cleanup);

const value = () => screen.getByLabelText('Value') as HTMLTextAreaElement;

describe('ProduceTab', () => {
  it('sends key, JSON value, partition and headers, then says where it landed', async () => {
    const { bridge, calls } = fakeBridge({
      'produce.send': () => ({ topic: 't', partition: 1, offset: '42', timestamp: 0 }),
    });
    renderWith(<ProduceTab clusterId="c" topic="t" partitionCount={3} />, bridge);
    fireEvent.change(screen.getByLabelText('Partition'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'k' } });
    fireEvent.click(screen.getByLabelText('JSON'));
    fireEvent.change(value(), { target: { value: '{"a":1}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    fireEvent.change(screen.getByLabelText('Header name'), { target: { value: 'trace' } });
    fireEvent.change(screen.getByLabelText('Header value'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Delivered to partition 1 at offset 42');
    expect(calls[0]!.params).toEqual({
      clusterId: 'c',
      topic: 't',
      partition: 1,
      key: 'k',
      value: '{"a":1}',
      valueFormat: 'json',
      headers: [{ key: 'trace', value: 'x' }],
    });
  });

  it('flags invalid JSON inline and does not send', () => {
    const { bridge, calls } = fakeBridge({});
    renderWith(<ProduceTab clusterId="c" topic="t" partitionCount={1} />, bridge);
    fireEvent.click(screen.getByLabelText('JSON'));
    fireEvent.change(value(), { target: { value: '{oops' } });
    expect(screen.getByText(/Value is not valid JSON/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(calls).toEqual([]);
  });

  it('keeps the form content and shows the error when sending fails', async () => {
    const { bridge } = fakeBridge({
      'produce.send': () => {
        throw new AppError('KAFKA_ERROR', 'Record too large for this topic');
      },
    });
    renderWith(<ProduceTab clusterId="c" topic="t" partitionCount={1} />, bridge);
    fireEvent.change(value(), { target: { value: 'hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Record too large');
    expect(value().value).toBe('hello');
  });
});
