// Independent client check: Confluent's official JavaScript Schema Registry client talks to the registry under test
// and reads / writes the Confluent wire format exchanged with the Java serdes through files.
//
// usage: node check.js <registryUrl> <javaWrittenRequest.bin> <batchStatusOut.bin>
// prints one JSON line with what it saw; exits non-zero on any failure.
const fs = require('fs');
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

async function main() {
  const [url, requestIn, batchOut] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url], cacheCapacity: 100 });
  const report = {};

  // 1. Registration is idempotent and ids are global.
  const subject = 'interop-js-value';
  const v1 = { type: 'record', name: 'JsInterop', fields: [{ name: 'id', type: 'string' }] };
  const v2 = { type: 'record', name: 'JsInterop', fields: [{ name: 'id', type: 'string' },
    { name: 'n', type: 'int', default: 0 }] };
  const broken = { type: 'record', name: 'JsInterop', fields: [{ name: 'id', type: 'string' },
    { name: 'x', type: 'long' }] };
  const id1 = await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v1) });
  const id1again = await new SchemaRegistryClient({ baseURLs: [url] })
    .register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v1) });
  report.idempotent = id1 === id1again;
  report.compatibleV2 = await client.testCompatibility(subject, 1, { schemaType: 'AVRO', schema: JSON.stringify(v2) });
  try {
    await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(broken) });
    report.incompatibleRefused = false;
  } catch (e) {
    report.incompatibleRefused = e.status === 409 || e.errorCode === 409;
  }
  await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v2) });
  report.latestVersion = (await client.getLatestSchemaMetadata(subject)).version;

  // 2. Bytes written by the Java serializer decode with Confluent's deserializer.
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const request = await deserializer.deserialize('interop-requests', fs.readFileSync(requestIn));
  report.requestId = request.requestId;
  report.prompt = request.prompt;

  // 3. Confluent's serializer writes a BatchStatus (latest registered schema) for the Java side to read.
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
  const bytes = await serializer.serialize('interop-batches', {
    batchId: 'js-batch', total: 7, succeeded: 5, failed: 2, state: 'COMPLETED_WITH_FAILURES',
    updatedAt: 1767323045678,
  });
  fs.writeFileSync(batchOut, bytes);
  console.log(JSON.stringify(report));
}

main().catch((e) => { console.error('interop check failed:', e && e.stack || e); process.exit(1); });
