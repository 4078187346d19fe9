// Generates the hostile-input corpus from real photos: truncated and corrupted JPEG/PNG/WebP,
// decompression bombs and huge declared dimensions, wrong/missing content types, empty bodies,
// malformed JSON for the TF Serving predict and Open Inference Protocol infer APIs, wrong tensor
// shapes and datatypes. Seeded, so every run sends the same cases.
import * as zlib from 'node:zlib';
import sharp from 'sharp';

export interface HostileCase {
  readonly name: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body: Buffer;
  /** '4xx': must be rejected; 'no-5xx': may still decode (a flipped pixel byte), never a 5xx. */
  readonly expect: '4xx' | 'no-5xx';
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG header declaring width x height, with a few rows of deflated zeros. */
function declaredPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(Math.min(width * 3 + 1, 1 << 20) * 4))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The JPEG with its frame header (SOF0/SOF2) claiming a different size. */
function jpegWithSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF marker found');
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

export async function hostileCases(photo: Buffer): Promise<HostileCase[]> {
  const random = rng(20261122);
  const images = {
    jpeg: await sharp(photo).jpeg({ quality: 85 }).toBuffer(),
    png: await sharp(photo).png().toBuffer(),
    webp: await sharp(photo).webp({ quality: 80 }).toBuffer(),
  };
  const cases: HostileCase[] = [];
  const detect = (
    name: string,
    body: Buffer,
    contentType: string | undefined,
    expect: HostileCase['expect'],
  ) => cases.push({ name, path: '/v1/detect', body, contentType, expect });

  for (const [format, bytes] of Object.entries(images)) {
    const type = `image/${format}`;
    // Truncated anywhere from the header to just before the end.
    for (let k = 0; k < 70; k++) {
      const cut = Math.floor(((k + 0.5) / 70) * (bytes.length - 16));
      detect(`${format} truncated at ${cut}`, bytes.subarray(0, cut), type, '4xx');
    }
    // Random byte corruption (may still decode: pixel data has no checksum in JPEG/WebP).
    for (let k = 0; k < 50; k++) {
      const copy = Buffer.from(bytes);
      for (let f = 0; f < 1 + (k % 20); f++)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      detect(`${format} corrupted #${k}`, copy, type, 'no-5xx');
    }
    // Broken magic number: not an image at all.
    const magic = Buffer.from(bytes);
    magic.fill(0x00, 0, 8);
    detect(`${format} without magic`, magic, type, '4xx');
    detect(`${format} empty body`, Buffer.alloc(0), type, '4xx');
  }
  // Decompression bombs and huge declared dimensions.
  detect('png declaring 100000x100000', declaredPng(100_000, 100_000), 'image/png', '4xx');
  detect('png declaring 65535x1', declaredPng(65_535, 1), 'image/png', 'no-5xx');
  detect('png declaring 2^31-1 wide', declaredPng(0x7fffffff, 2), 'image/png', '4xx');
  detect(
    'jpeg declaring 65500x65500',
    jpegWithSize(images.jpeg, 65_500, 65_500),
    'image/jpeg',
    '4xx',
  );
  detect(
    'png bomb 8000x6000 (48 MP of one colour)',
    await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#123456' } })
      .png({ compressionLevel: 9 })
      .toBuffer(),
    'image/png',
    '4xx',
  );
  // Wrong and missing content types.
  for (const type of [
    'text/plain',
    'application/xml',
    'image/gif',
    'image/svg+xml',
    'application/x-www-form-urlencoded',
  ]) {
    detect(`png sent as ${type}`, images.png, type, '4xx');
  }
  detect('png without content type', images.png, undefined, '4xx');
  detect('png sent as application/json', images.png, 'application/json', '4xx');
  detect(
    'gif bytes as image/png',
    Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'),
    'image/png',
    '4xx',
  );
  detect('multipart without boundary', images.png, 'multipart/form-data', '4xx');
  detect(
    'multipart with broken framing',
    Buffer.from(
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG',
    ),
    'multipart/form-data; boundary=x',
    '4xx',
  );
  detect(
    'multipart without a file part',
    Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'),
    'multipart/form-data; boundary=x',
    '4xx',
  );

  // TF Serving predict: malformed JSON and wrong shapes.
  const b64 = images.jpeg.toString('base64');
  const predict = (name: string, body: Buffer, expect: HostileCase['expect'] = '4xx') =>
    cases.push({
      name,
      path: '/v1/models/centernet-coco:predict',
      body,
      contentType: 'application/json',
      expect,
    });
  const validPredict = JSON.stringify({ instances: [{ b64 }] });
  for (let k = 0; k < 40; k++) {
    const cut = Math.floor(((k + 0.5) / 40) * (validPredict.length - 2));
    predict(`predict json truncated at ${cut}`, Buffer.from(validPredict.slice(0, cut)));
  }
  const badInstances: unknown[] = [
    null,
    1,
    'x',
    {},
    [],
    [1],
    [null],
    [{}],
    [{ b64: 5 }],
    [{ b64: '!!!not base64!!!' }],
    [{ b64: Buffer.from('hello').toString('base64') }],
    [{ b64: b64.slice(0, 1000) }],
    [{ image_bytes: { b64: 7 } }],
    [{ image_bytes: 'x' }],
    Array(33).fill({ b64 }),
    [[[[0, 0, 0]]]],
    [{ b64: '' }],
    [{ b64: images.png.subarray(0, 100).toString('base64') }],
  ];
  badInstances.forEach((instances, k) =>
    predict(`predict instances variant ${k}`, json({ instances })),
  );
  predict('predict with signature_name only', json({ signature_name: 'serving_default' }));
  cases.push({
    name: 'predict unknown model',
    path: '/v1/models/nope:predict',
    body: json({ instances: [{ b64 }] }),
    contentType: 'application/json',
    expect: '4xx',
  });
  cases.push({
    name: 'predict bad version',
    path: '/v1/models/centernet-coco/versions/abc:predict',
    body: json({ instances: [{ b64 }] }),
    contentType: 'application/json',
    expect: '4xx',
  });

  // Open Inference Protocol v2 infer: wrong datatypes, shapes, structures.
  const infer = (name: string, body: Buffer) =>
    cases.push({
      name,
      path: '/v2/models/centernet-coco/infer',
      body,
      contentType: 'application/json',
      expect: '4xx',
    });
  const validInfer = JSON.stringify({
    inputs: [{ name: 'image', datatype: 'BYTES', shape: [1], data: [b64] }],
  });
  for (let k = 0; k < 40; k++) {
    const cut = Math.floor(((k + 0.5) / 40) * (validInfer.length - 2));
    infer(`infer json truncated at ${cut}`, Buffer.from(validInfer.slice(0, cut)));
  }
  const input = (over: Record<string, unknown>) =>
    json({ inputs: [{ name: 'image', datatype: 'BYTES', shape: [1], data: [b64], ...over }] });
  for (const datatype of ['FP32', 'FP64', 'INT64', 'UINT8', 'BOOL', 'bytes', '', 5, null]) {
    infer(`infer datatype ${String(datatype)}`, input({ datatype }));
  }
  for (const shape of [[2], [0], [1, 512, 512, 3], [], 'x', [-1], [1.5]]) {
    infer(`infer shape ${JSON.stringify(shape)}`, input({ shape }));
  }
  for (const data of [
    [],
    'x',
    [1, 2, 3],
    [null],
    [{}],
    [[0.1, 0.2]],
    Array(33).fill(b64),
    ['%%%'],
  ]) {
    infer(`infer data ${JSON.stringify(data).slice(0, 20)}`, input({ data }));
  }
  for (const body of [
    {},
    { inputs: {} },
    { inputs: [] },
    { inputs: [null] },
    { inputs: 'x' },
    [],
    5,
  ]) {
    infer(`infer body ${JSON.stringify(body)}`, json(body));
  }
  infer(
    'infer threshold as string',
    json({
      inputs: [{ name: 'image', datatype: 'BYTES', shape: [1], data: [b64] }],
      parameters: { threshold: 'high' },
    }),
  );
  return cases;
}
