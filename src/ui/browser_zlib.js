// The share link's zlib codec, done by the browser (CompressionStream/DecompressionStream, format
// "deflate" = RFC 1950 zlib: header and Adler-32 checked), so the wasm ships no deflate code.
// Imported by src/ui/browser_zlib.rs; errors are thrown as stable codes the Rust side maps to
// ShareError: 'unsupported', 'too_large', 'corrupt'.

const supported = () => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** zlib stream of `bytes` (a Uint8Array). */
export async function deflate(bytes) {
  if (!supported()) throw 'unsupported';
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Input is written in slices so that one slice's output (at most ~1,032× its size) bounds the memory
// used before the limit is seen: a "zip bomb" link costs about a megabyte, never its full size.
const SLICE = 1024;

/** The inflated bytes of a zlib stream, refused ('too_large') past `limit` bytes of output, and
 *  ('corrupt') if the stream is invalid, cut off, fails its checksum or has bytes after its end. */
export async function inflate(bytes, limit) {
  if (!supported()) throw 'unsupported';
  // `bytes` is a view into the wasm's memory, which may grow (and detach it) while this awaits.
  bytes = bytes.slice();
  const ds = new DecompressionStream('deflate');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let failed = null;
  // Writes wait for the reader (backpressure), so they run beside the read loop.
  const writing = (async () => {
    try {
      for (let at = 0; at < bytes.length; at += SLICE) {
        await writer.ready;
        await writer.write(bytes.subarray(at, at + SLICE));
      }
      await writer.close();
    } catch (e) {
      failed ??= e;
    }
  })();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        // A stream found corrupt before the limit stays corrupt (as the native inflater says).
        failed ??= 'too_large';
        await reader.cancel().catch(() => {});
        break;
      }
      chunks.push(value);
    }
  } catch (e) {
    failed ??= e;
  }
  await writing;
  if (failed === 'too_large') throw 'too_large';
  if (failed) throw 'corrupt';
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
