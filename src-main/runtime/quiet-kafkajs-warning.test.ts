import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { quietKafkajsTimeoutWarning } from './quiet-kafkajs-warning.js';

describe('quietKafkajsTimeoutWarning', () => {
  it('drops only TimeoutNegativeWarning and passes every other warning to the printers Node had', () => {
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const printed: string[] = [];
    proc.on('warning', (w: Error) => printed.push(w.name));
    quietKafkajsTimeoutWarning(proc);
    quietKafkajsTimeoutWarning(proc); // idempotent
    const warn = (name: string) => Object.assign(new Error('x'), { name });
    proc.emit('warning', warn('TimeoutNegativeWarning'));
    proc.emit('warning', warn('DeprecationWarning'));
    proc.emit('warning', warn('MaxListenersExceededWarning'));
    expect(printed).toEqual(['DeprecationWarning', 'MaxListenersExceededWarning']);
  });
});
