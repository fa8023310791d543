import { describe, expect, it } from 'vitest';
import type { KafkaMessage, TailRows, TailUpdate } from '../../contract.js';
import { LiveRows } from './live-rows.js';

const msg = (n: number): KafkaMessage => ({
  partition: 0,
  offset: String(n),
  timestamp: n,
  key: null,
  value: null,
  headers: [],
});

/** Main's side: a window holding records `received - count` to `received - 1` (record n has offset n). */
function mainWindow() {
  const state = { received: 0, count: 0, asked: [] as [number, number][] };
  const fetchRows = async (from: number, count: number): Promise<TailRows> => {
    state.asked.push([from, count]);
    const first = Math.max(from, state.received - state.count);
    const end = Math.min(from + count, state.received);
    return { from: first, messages: Array.from({ length: Math.max(0, end - first) }, (_, i) => msg(first + i)) };
  };
  const update = (received: number, count: number, newest = 100): TailUpdate => {
    state.received = received;
    state.count = count;
    const n = Math.min(newest, count);
    return {
      received,
      count,
      perSecond: 0,
      paused: false,
      newest: Array.from({ length: n }, (_, i) => msg(received - 1 - i)),
      next: [],
    };
  };
  return { state, fetchRows, update };
}

/** The page's rows over a main-side window. */
function liveRows() {
  const main = mainWindow();
  return { main, rows: new LiveRows(main.fetchRows) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the live window's rows in the page", () => {
  it('shows the newest rows from each update at once and fetches the others when they are shown', async () => {
    const { main, rows } = liveRows();
    let arrived = 0;
    rows.onRows(() => arrived++);
    rows.apply(main.update(1000, 1000));
    let view = rows.source();
    expect(view.count).toBe(1000);
    expect(view.at(0)?.offset).toBe('999');
    expect(view.at(99)?.offset).toBe('900');
    expect(view.at(500)).toBeUndefined(); // not here yet
    view.load!(480, 520);
    await settle();
    expect(arrived).toBe(1);
    expect(main.state.asked).toEqual([[479, 41]]);
    view = rows.source();
    expect(view.at(500)?.offset).toBe('499');
    view.load!(480, 520); // all here: nothing asked
    expect(main.state.asked).toHaveLength(1);
  });

  it('counts what was added on top, and what was cleared from view', () => {
    const { main, rows } = liveRows();
    rows.apply(main.update(300, 300));
    rows.apply(main.update(450, 300));
    rows.source();
    expect(rows.counts()).toMatchObject({ received: 450, count: 300, dropped: 150, newer: 0 });
    rows.clear();
    expect(rows.source().count).toBe(0);
    rows.apply(main.update(470, 300));
    expect(rows.counts()).toMatchObject({ received: 20, count: 20, dropped: 0 });
    expect(rows.source().at(19)?.offset).toBe('450');
    expect(rows.source().at(20)).toBeUndefined();
  });

  it('gives the keys of a range, fetching what is not here, newest first', async () => {
    const { main, rows } = liveRows();
    rows.apply(main.update(2000, 1500, 100));
    const view = rows.source();
    expect(view.keys(0, 2)).toEqual(['0:1999', '0:1998', '0:1997']);
    const all = await view.keys(0, view.count - 1);
    expect(all).toHaveLength(1500);
    expect(all[0]).toBe('0:1999');
    expect(all.at(-1)).toBe('0:500');
    expect(new Set(all).size).toBe(1500);
  });

  it('starts over when the tail restarts', () => {
    const { main, rows } = liveRows();
    rows.apply(main.update(100, 100));
    rows.reset();
    rows.apply(main.update(5, 5));
    expect(rows.source().at(0)?.offset).toBe('4');
    expect(rows.counts().received).toBe(5);
  });

  it('holds the listed rows still while the person reads further down, and follows again at the top', () => {
    const { main, rows } = liveRows();
    rows.apply(main.update(1000, 1000));
    expect(rows.source().at(0)?.offset).toBe('999');
    rows.hold(true);
    rows.apply(main.update(1300, 1000));
    const held = rows.source();
    expect(held.at(0)?.offset).toBe('999'); // the same record stays on row 0
    expect(held.count).toBe(700); // 300 older ones left the window below
    expect(rows.counts()).toMatchObject({ received: 1300, count: 1000, newer: 300 });
    rows.hold(false);
    rows.apply(main.update(1310, 1000));
    expect(rows.source().at(0)?.offset).toBe('1309');
    expect(rows.counts().newer).toBe(0);
  });

  it('a held view whose rows all left the window follows the newest again', () => {
    const { main, rows } = liveRows();
    rows.apply(main.update(100, 100));
    rows.source();
    rows.hold(true);
    rows.apply(main.update(500, 100));
    expect(rows.source().at(0)?.offset).toBe('499');
  });
});
