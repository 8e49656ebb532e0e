// Server token writers (MS-TDS 2.2.7): each returns a Buffer.

export const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]); // SQL_Latin1_General_CP1_CI_AS (cp1252)

export function bVarchar(text) {
  const s = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([text.length]), s]);
}

export function usVarchar(text) {
  const len = Buffer.alloc(2);
  len.writeUInt16LE(text.length);
  return Buffer.concat([len, Buffer.from(text, 'utf16le')]);
}

function withLength(token, body) {
  const head = Buffer.alloc(3);
  head[0] = token;
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

export function loginAck() {
  const progName = bVarchar('tsdbt TDS stand-in');
  const tail = Buffer.from([0x74, 0x00, 0x00, 0x04]);
  return withLength(0xad, Buffer.concat([Buffer.from([0x01]), tail, progName, Buffer.from([16, 0, 0x10, 0x00])]));
}

export function envChange(type, newValue, oldValue) {
  return withLength(0xe3, Buffer.concat([Buffer.from([type]), newValue, oldValue]));
}

export const envDatabase = (name) => envChange(1, bVarchar(name), bVarchar('master'));
export const envPacketSize = (size) => envChange(4, bVarchar(String(size)), bVarchar('4096'));
export const envCollation = () => envChange(7, Buffer.concat([Buffer.from([5]), COLLATION]), Buffer.from([0]));

/** Transaction ENVCHANGE: 8 begin (new = descriptor), 9 commit / 10 rollback (old = descriptor). */
export function envTransaction(type, descriptor) {
  const d = Buffer.concat([Buffer.from([8]), descriptor]);
  return type === 8 ? envChange(8, d, Buffer.from([0])) : envChange(type, Buffer.from([0]), d);
}

export const DONE = { FINAL: 0x00, MORE: 0x01, ERROR: 0x02, COUNT: 0x10, ATTN: 0x20 };

export function done(status, rowCount = 0, token = 0xfd, curCmd = 0xc1) {
  const b = Buffer.alloc(13);
  b[0] = token;
  b.writeUInt16LE(status, 1);
  b.writeUInt16LE(curCmd, 3);
  b.writeBigUInt64LE(BigInt(rowCount), 5);
  return b;
}

export function returnStatus(value) {
  const b = Buffer.alloc(5);
  b[0] = 0x79;
  b.writeInt32LE(value, 1);
  return b;
}

export function errorToken({ number, state = 1, severity = 16, message, line = 1 }) {
  const head = Buffer.alloc(6);
  head.writeInt32LE(number, 0);
  head[4] = state;
  head[5] = severity;
  const lineBuf = Buffer.alloc(4);
  lineBuf.writeInt32LE(line);
  const body = Buffer.concat([head, usVarchar(message), bVarchar('tds-stand-in'), bVarchar(''), lineBuf]);
  return withLength(0xaa, body);
}

/** PRELOGIN answer: version 16.0, encryption not supported, no MARS. */
export function preloginReply() {
  const options = [
    [0x00, Buffer.from([16, 0, 0x10, 0x00, 0, 0])],
    [0x01, Buffer.from([0x02])],
    [0x02, Buffer.from([0x00])],
    [0x03, Buffer.alloc(0)],
    [0x04, Buffer.from([0x00])],
  ];
  let offset = options.length * 5 + 1;
  const heads = [];
  for (const [token, data] of options) {
    const h = Buffer.alloc(5);
    h[0] = token;
    h.writeUInt16BE(offset, 1);
    h.writeUInt16BE(data.length, 3);
    heads.push(h);
    offset += data.length;
  }
  return Buffer.concat([...heads, Buffer.from([0xff]), ...options.map(([, d]) => d)]);
}
