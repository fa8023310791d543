import type { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import type { WsServerFrame } from '../contract/index.js';
import type { Dispatch } from './dispatcher.js';
import type { EventHub } from './event-hub.js';

const RequestFrame = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  params: z.unknown(),
});

/** Frames are JSON; bigint never crosses (offsets are strings in the contract). */
function send(socket: WebSocket, frame: WsServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/**
 * WebSocket transport: a thin adapter from JSON frames to the dispatcher, and from the event
 * hub to every open socket. Authentication happens before the upgrade (see hosts/).
 */
export function attachWsTransport(wss: WebSocketServer, dispatch: Dispatch, hub: EventHub): () => void {
  const unsubscribe = hub.subscribe((event, payload) => {
    for (const socket of wss.clients) send(socket, { type: 'event', event, payload });
  });

  wss.on('connection', (socket) => {
    socket.on('message', async (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'Text frames only');
      let frame: z.infer<typeof RequestFrame>;
      try {
        frame = RequestFrame.parse(JSON.parse(data.toString()));
      } catch {
        return socket.close(1007, 'Malformed request frame');
      }
      const outcome = await dispatch(frame.method, frame.params);
      send(socket, { type: 'result', id: frame.id, ...outcome });
    });
  });

  return unsubscribe;
}
