// TDS framing: 8-byte packet headers around messages. Client messages are reassembled here; server replies are
// split into packets of the negotiated size and written with socket back-pressure respected.

export const PKT = { SQL_BATCH: 0x01, RPC: 0x03, REPLY: 0x04, ATTENTION: 0x06, LOGIN7: 0x10, PRELOGIN: 0x12, TM: 0x0e };

/** Reassembles client packets into whole messages; calls onMessage(type, payload). */
export class MessageReader {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.buffer = Buffer.alloc(0);
    this.parts = [];
  }

  push(data) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    while (this.buffer.length >= 8) {
      const length = this.buffer.readUInt16BE(2);
      if (this.buffer.length < length) return;
      const type = this.buffer[0];
      const status = this.buffer[1];
      this.parts.push(this.buffer.subarray(8, length));
      this.buffer = this.buffer.subarray(length);
      if (status & 0x01) {
        const payload = Buffer.concat(this.parts);
        this.parts = [];
        this.onMessage(type, payload);
      }
    }
  }
}

/** Buffers one reply message and flushes full packets as it grows, so a large result never sits in memory. */
export class PacketWriter {
  constructor(socket, packetSize) {
    this.socket = socket;
    this.packetSize = packetSize;
    this.chunks = [];
    this.size = 0;
    this.packetId = 1;
  }

  write(buf) {
    this.chunks.push(buf);
    this.size += buf.length;
  }

  /** Sends every full packet buffered so far; resolves when the socket has room again. */
  async flushFull() {
    const body = this.packetSize - 8;
    if (this.size < body) return;
    const all = Buffer.concat(this.chunks);
    let offset = 0;
    let ok = true;
    while (all.length - offset >= body && all.length - offset > 0) {
      ok = this.#send(all.subarray(offset, offset + body), false) && ok;
      offset += body;
    }
    const rest = all.subarray(offset);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    if (!ok && !this.socket.destroyed) await drainOrClose(this.socket);
  }

  /** Ends the message: the remainder goes out with the end-of-message bit. */
  end() {
    const all = Buffer.concat(this.chunks);
    const body = this.packetSize - 8;
    let offset = 0;
    while (all.length - offset > body) {
      this.#send(all.subarray(offset, offset + body), false);
      offset += body;
    }
    this.#send(all.subarray(offset), true);
    this.chunks = [];
    this.size = 0;
  }

  #send(body, last) {
    if (this.socket.destroyed || this.socket.writableEnded) return true;
    const header = Buffer.alloc(8);
    header[0] = PKT.REPLY;
    header[1] = last ? 0x01 : 0x00;
    header.writeUInt16BE(body.length + 8, 2);
    header.writeUInt16BE(0x0033, 4);
    header[6] = this.packetId++ & 0xff;
    return this.socket.write(Buffer.concat([header, body]));
  }
}

/** Waits for room on the socket, or for it to close (a client gone mid-result never drains). */
function drainOrClose(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
