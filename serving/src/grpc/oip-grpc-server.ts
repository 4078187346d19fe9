// The Open Inference Protocol over gRPC (GRPCInferenceService, inference.proto), the protocol's
// second transport, on its own port: the same models, API keys (`authorization: Bearer <key>` or
// `x-api-key` metadata), queue and readiness as HTTP. Inputs arrive as raw_input_contents (what
// Triton's client sends) or typed contents; outputs go back as raw_output_contents, as Triton does.
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { AppDeps } from '../app';
import { checkApiKey } from '../auth';
import { badRequest, HttpError } from '../errors';
import { runOipInfer } from '../oip/infer';
import { modelMetadata, modelReady, serverMetadata } from '../oip/metadata';
import { imagesOfInput, readBytesTensor } from '../oip/request';
import { OIP_OUTPUTS, tensorBytes } from '../oip/response';
import { parseVersion } from '../routes/query';
import { serviceReady } from '../routes/health';
import { grpcErrorOf } from './status';
import type { InferParameter, ModelInferRequest } from './messages';

const PROTO = path.join(__dirname, 'inference.proto');
const OUTPUT_NAMES = OIP_OUTPUTS.map((o) => o.name);

function loadService(): grpc.ServiceDefinition {
  const def = protoLoader.loadSync(PROTO, {
    keepCase: true,
    longs: Number,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    inference: { GRPCInferenceService: { service: grpc.ServiceDefinition } };
  };
  return pkg.inference.GRPCInferenceService.service;
}

function paramValue(p: InferParameter | undefined): unknown {
  return p?.parameter_choice ? p[p.parameter_choice] : undefined;
}

function numberParam(params: Record<string, InferParameter>, key: string): number | undefined {
  const v = paramValue(params[key]);
  if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
    throw badRequest(`parameters.${key} must be a number`);
  return v as number | undefined;
}

/** The photos of a ModelInfer request, checked as the HTTP transport checks them. */
function requestImages(req: ModelInferRequest): Buffer[] {
  if (req.inputs.length !== 1) throw badRequest('inputs must hold exactly one tensor, "image"');
  const input = req.inputs[0];
  return imagesOfInput(input, () => {
    if (req.raw_input_contents.length > 1)
      throw badRequest('raw_input_contents must hold one entry, for the one input');
    if (req.raw_input_contents.length === 1)
      return readBytesTensor(req.raw_input_contents[0], 'raw_input_contents[0]');
    const bytes = input.contents?.bytes_contents ?? [];
    return bytes.length > 0 ? bytes : undefined;
  });
}

export interface OipGrpcServer {
  /** Binds and starts serving; resolves with the bound port. */
  readonly listen: (host: string, port: number) => Promise<number>;
  /** Stops accepting calls and waits for the ones in flight. */
  readonly close: () => Promise<void>;
}

export function createOipGrpcServer(
  deps: AppDeps & { readonly log?: (err: unknown) => void },
): OipGrpcServer {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': deps.maxBodyBytes,
  });
  const unary =
    <Req, Res>(fn: (req: Req, metadata: grpc.Metadata) => Promise<Res> | Res) =>
    (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
      Promise.resolve()
        .then(() => fn(call.request, call.metadata))
        .then(
          (res) => callback(null, res),
          (err: unknown) => {
            if (err instanceof HttpError && err.statusCode === 503) deps.metrics.shedRequests.inc();
            callback(grpcErrorOf(err, deps.log));
          },
        );
    };
  const authorize = (md: grpc.Metadata) =>
    checkApiKey(
      { authorization: md.get('authorization')[0], 'x-api-key': md.get('x-api-key')[0] },
      deps.apiKeys,
    );
  type Named = { name: string; version: string };

  server.addService(loadService(), {
    ServerLive: unary(() => ({ live: true })),
    ServerReady: unary(() => ({ ready: serviceReady(deps) })),
    ModelReady: unary((r: Named) => ({ ready: modelReady(deps.manager, r.name, r.version) })),
    ServerMetadata: unary(() => serverMetadata()),
    ModelMetadata: unary((r: Named) => modelMetadata(deps.manager, r.name, r.version)),
    ModelInfer: unary(async (req: ModelInferRequest, md) => {
      authorize(md);
      const images = requestImages(req);
      for (const o of req.outputs)
        if (!OUTPUT_NAMES.includes(o.name))
          throw badRequest(`outputs: "${o.name}" is not one of ${OUTPUT_NAMES.join(', ')}`);
      const label = paramValue(req.parameters.label);
      if (label !== undefined && typeof label !== 'string')
        throw badRequest('parameters.label must be a string');
      const { modelVersion, tensors } = await runOipInfer(
        deps.detect,
        req.model_name,
        parseVersion(req.model_version),
        {
          images,
          label,
          threshold: numberParam(req.parameters, 'threshold'),
          maxDetections: numberParam(req.parameters, 'max_detections'),
        },
      );
      const wanted = req.outputs.length > 0 ? new Set(req.outputs.map((o) => o.name)) : undefined;
      const chosen = wanted ? tensors.filter((t) => wanted.has(t.name)) : tensors;
      return {
        model_name: req.model_name,
        model_version: modelVersion,
        id: req.id,
        outputs: chosen.map(({ name, datatype, shape }) => ({ name, datatype, shape })),
        raw_output_contents: chosen.map(tensorBytes),
      };
    }),
  });

  let closing: Promise<void> | undefined;
  return {
    listen: (host, port) =>
      new Promise((resolve, reject) =>
        server.bindAsync(
          `${host}:${port}`,
          grpc.ServerCredentials.createInsecure(),
          (err, bound) => (err ? reject(err) : resolve(bound)),
        ),
      ),
    close: () => (closing ??= new Promise((resolve) => server.tryShutdown(() => resolve()))),
  };
}
