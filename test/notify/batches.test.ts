import { expect } from 'chai';
import { liveBatches } from '../../src/notify/live/batches.js';

describe('live events sent together (notify/live/batches.ts)', () => {
  function recorder(ms = 20, max = 50) {
    const sent: { rooms: string[]; events: number[] }[] = [];
    let notify: () => void = () => undefined;
    const batches = liveBatches<number>((rooms, events) => {
      sent.push({ rooms, events });
      notify();
    }, ms, max);
    const next = () => new Promise<void>((r) => (notify = r));
    return { sent, batches, next };
  }

  it('sends the events of a moment for the same rooms as one message, in order', async () => {
    const { sent, batches, next } = recorder();
    const arrived = next();
    for (let i = 1; i <= 5; i++) batches.add(['agency:1', 'all'], i);
    expect(sent, 'nothing before the moment has passed').to.deep.equal([]);
    await arrived;
    expect(sent).to.deep.equal([{ rooms: ['agency:1', 'all'], events: [1, 2, 3, 4, 5] }]);
  });

  it('keeps the order of events for different rooms: one message per run of the same rooms', () => {
    const { sent, batches } = recorder();
    batches.add(['all'], 1);
    batches.add(['all', 'agency:2'], 2);
    // The same rooms named in another order are the same rooms.
    batches.add(['agency:2', 'all'], 3);
    batches.add(['all'], 4);
    batches.flush();
    expect(sent.map((s) => s.events)).to.deep.equal([[1], [2, 3], [4]]);
  });

  it('sends at once when a message is full, and never more than the most in one', () => {
    const { sent, batches } = recorder(60_000, 3);
    for (let i = 1; i <= 7; i++) batches.add(['all'], i);
    expect(sent.map((s) => s.events)).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    batches.flush();
    expect(sent.map((s) => s.events)).to.deep.equal([[1, 2, 3], [4, 5, 6], [7]]);
    batches.flush();
    expect(sent, 'nothing twice').to.have.length(3);
  });
});
