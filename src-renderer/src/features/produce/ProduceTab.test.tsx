// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { AppError, partitionForKey, type ProduceContext, type RecentSend } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ProduceTab } from './ProduceTab.js';

afterEach(cleanup);

/** Types into the CodeMirror value editor the way a keystroke would change its document. */
function typeValue(text: string) {
  const view = EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Value' }))!;
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

function setup(
  handlers: Parameters<typeof fakeBridge>[0] = {},
  context: Partial<ProduceContext> = {},
  history: RecentSend[] = [],
) {
  const fake = fakeBridge({
    'produce.context': () => ({ partitions: 3, maxMessageBytes: 1_048_588, suggestedFormat: null, ...context }),
    'produce.history': () => history,
    ...handlers,
  });
  renderWith(<ProduceTab clusterId="c" topic="t" partitionCount={3} />, fake.bridge);
  return fake;
}

describe('ProduceTab', () => {
  it('sends key, JSON value, partition, headers and options, then says where it landed; an edit clears that', async () => {
    const { calls } = setup({ 'produce.send': () => ({ topic: 't', partition: 1, offset: '42', timestamp: 0 }) });
    fireEvent.change(screen.getByLabelText('Partition'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'k' } });
    fireEvent.click(screen.getByLabelText('JSON'));
    typeValue('{"a":1}');
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    fireEvent.change(screen.getByLabelText('Header name'), { target: { value: 'trace' } });
    fireEvent.change(screen.getByLabelText('Header value'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('compression'), { target: { value: 'lz4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Delivered to partition 1 at offset 42');
    expect(calls.find((c) => c.method === 'produce.send')!.params).toEqual({
      clusterId: 'c',
      topic: 't',
      partition: 1,
      key: 'k',
      value: '{"a":1}',
      valueFormat: 'json',
      headers: [{ key: 'trace', value: 'x' }],
      options: { acks: 'all', compression: 'lz4', idempotent: false },
    });
    // The next attempt starts clean: the old result does not stand beside Send.
    typeValue('{"a":2}');
    await waitFor(() => expect(screen.queryByText('Delivered to partition 1 at offset 42')).toBeNull());
  });

  it('flags invalid JSON inline and does not send', async () => {
    const { calls } = setup();
    fireEvent.click(screen.getByLabelText('JSON'));
    typeValue('{oops');
    expect(await screen.findByText(/Value is not valid JSON/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(calls.filter((c) => c.method === 'produce.send')).toEqual([]);
  });

  it('keeps the form content and shows the error when sending fails', async () => {
    setup({
      'produce.send': () => {
        throw new AppError('MESSAGE_TOO_LARGE', 'The record is larger than the broker accepts (max.message.bytes).');
      },
    });
    typeValue('hello');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('larger than the broker accepts');
    expect(screen.getByRole('textbox', { name: 'Value' }).textContent).toBe('hello');
  });

  it('says where a key lands before sending', async () => {
    setup();
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'order-42' } });
    expect(
      screen.getByText(
        `This key goes to partition ${partitionForKey('order-42', 3)} (murmur2 of the key, as the Java client and Samsa's producer choose).`,
      ),
    ).toBeTruthy();
  });

  it('guesses JSON from the topic and warns when text looks like JSON but is not', async () => {
    setup({}, { suggestedFormat: 'json' });
    await waitFor(() => expect((screen.getByLabelText('JSON') as HTMLInputElement).checked).toBe(true));
    fireEvent.click(screen.getByLabelText('Text'));
    typeValue('{bad');
    expect(await screen.findByText(/This looks like JSON but does not parse/)).toBeTruthy();
  });

  it('warns before sending a record larger than the topic accepts', async () => {
    setup({}, { maxMessageBytes: 1000 });
    await screen.findByText(/accepts records up to 1000 bytes/);
    typeValue('x'.repeat(2000));
    expect(await screen.findByText(/the topic accepts at most 1000 bytes \(max\.message\.bytes\)/)).toBeTruthy();
  });

  it('fills the form from a recent send', async () => {
    setup({}, {}, [
      {
        kind: 'single',
        at: 0,
        partition: 0,
        offset: '3',
        key: 'again',
        value: '{"v":1}',
        valueCut: false,
        valueFormat: 'json',
        headers: [{ key: 'h', value: '1' }],
      },
      { kind: 'bulk', at: 0, count: 10, detail: 'key k{{seq}}, value {"n": {{seq}}}' },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: /^Use again: again/ }));
    await waitFor(() => expect((screen.getByLabelText('Key') as HTMLInputElement).value).toBe('again'));
    expect(screen.getByRole('textbox', { name: 'Value' }).textContent).toBe('{"v":1}');
    expect((screen.getByLabelText('Header name') as HTMLInputElement).value).toBe('h');
    expect(screen.getByText('Template: 10 records (key k{{seq}}, value {"n": {{seq}}})')).toBeTruthy();
  });
});
